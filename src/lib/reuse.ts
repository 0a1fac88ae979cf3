/**
 * A value a process reuses for a few seconds: computed once, shared by every caller until it is
 * `ms` old or forgotten. Callers arriving while it is being computed wait for that computation
 * instead of starting their own (so N concurrent readers cost one query). `forget()` (on a write)
 * also disowns a computation still running: it may have read the rows before the write, so it is
 * handed to the callers already waiting for it but never kept, and the next caller computes afresh.
 * `fresh(value)` can refuse a kept value for other reasons (the business clock moved).
 */
export type Reuse = 'hit' | 'shared' | 'miss'

export type Reused<T> = {
  /** The value, and whether it was reused (`hit`), joined while computing (`shared`) or computed (`miss`). */
  get: () => Promise<{ value: T; reuse: Reuse }>
  forget: () => void
}

export const reuseFor = <T>(
  ms: number,
  compute: () => Promise<T>,
  options: { fresh?: (value: T) => boolean; clock?: () => number } = {},
): Reused<T> => {
  const clock = options.clock ?? (() => performance.now())
  let generation = 0
  let kept: { value: T; at: number; generation: number } | null = null
  let running: { promise: Promise<T>; generation: number } | null = null

  const get = async (): Promise<{ value: T; reuse: Reuse }> => {
    if (kept && kept.generation === generation && clock() - kept.at < ms && (options.fresh?.(kept.value) ?? true)) return { value: kept.value, reuse: 'hit' }
    if (running && running.generation === generation) return { value: await running.promise, reuse: 'shared' }
    const mine = generation
    const started = clock()
    const promise = compute()
    running = { promise, generation: mine }
    try {
      const value = await promise
      if (generation === mine) kept = { value, at: started, generation: mine }
      return { value, reuse: 'miss' }
    } finally {
      if (running?.promise === promise) running = null
    }
  }

  const forget = () => {
    generation += 1
    kept = null
  }

  return { get, forget }
}
