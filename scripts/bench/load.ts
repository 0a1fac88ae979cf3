/** A tiny closed-loop load generator: `concurrency` workers issue `total` requests back to back. */
export type LoadResult = { total: number; ms: number; rps: number; p50: number; p95: number; p99: number; statuses: Record<string, number> }

const percentile = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0)

export const runLoad = async (total: number, concurrency: number, request: (i: number) => Promise<number | string>): Promise<LoadResult> => {
  const latencies: number[] = []
  const statuses: Record<string, number> = {}
  let next = 0
  const started = performance.now()
  const worker = async () => {
    for (;;) {
      const i = next++
      if (i >= total) return
      const t0 = performance.now()
      let status: number | string
      try {
        status = await request(i)
      } catch (error) {
        status = error instanceof Error ? error.name : 'error'
      }
      latencies.push(performance.now() - t0)
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker))
  const ms = performance.now() - started
  latencies.sort((a, b) => a - b)
  return { total, ms, rps: (total / ms) * 1000, p50: percentile(latencies, 50), p95: percentile(latencies, 95), p99: percentile(latencies, 99), statuses }
}
