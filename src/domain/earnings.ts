/** The creator's earnings chart: ledger earnings summed per UTC day, Monday week or month. Pure. */

export type EarningPoint = { at: string; amount: number; currency: string }
export type Period = 'day' | 'week' | 'month'
export const SPAN: Record<Period, number> = { day: 30, week: 12, month: 12 }
const DAY = 86_400_000

/** The UTC start of the bucket holding `at` (days, Monday weeks, months). */
const bucketStart = (at: Date, period: Period): Date => {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), period === 'month' ? 1 : at.getUTCDate()))
  if (period === 'week') d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7))
  return d
}
const previous = (d: Date, period: Period): Date =>
  period === 'month' ? new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)) : new Date(d.getTime() - (period === 'week' ? 7 : 1) * DAY)

/** Sums per bucket for the last SPAN[period] buckets up to `now`, oldest first. */
export const earningBuckets = (points: readonly EarningPoint[], currency: string, period: Period, now: Date): { start: Date; amount: number }[] => {
  const starts: Date[] = [bucketStart(now, period)]
  while (starts.length < SPAN[period]) starts.unshift(previous(starts[0]!, period))
  const sums = new Map(starts.map((s) => [s.getTime(), 0]))
  for (const p of points) {
    if (p.currency !== currency) continue
    const key = bucketStart(new Date(p.at), period).getTime()
    if (sums.has(key)) sums.set(key, sums.get(key)! + p.amount)
  }
  return starts.map((start) => ({ start, amount: sums.get(start.getTime())! }))
}
