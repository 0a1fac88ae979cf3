/**
 * The one source of "now". Tests move time with `setClock`; production code never calls
 * `new Date()` for business decisions directly, so windows, holds and schedules are testable.
 */
let offsetMs = 0
let fixed: Date | null = null

export const now = (): Date => (fixed ? new Date(fixed) : new Date(Date.now() + offsetMs))

/** Freeze time at `at`, or pass `null` to return to the real clock. */
export const setClock = (at: Date | null): void => {
  fixed = at
}

/** Shift the real clock by `ms` (cumulative); `resetClock` undoes every shift. */
export const advanceClock = (ms: number): void => {
  if (fixed) fixed = new Date(fixed.getTime() + ms)
  else offsetMs += ms
}

export const resetClock = (): void => {
  fixed = null
  offsetMs = 0
}
