/**
 * The admin money dashboard's figures: one statement, one grouped sub-select per metric and
 * currency (src/domain/dashboard.ts names and links them), the count of today's calls and the calls in progress.
 */
import { CALL_BOOKING_STATUSES, OPEN_DISPUTE_STATUSES, openWindowBounds, PAID_PAYMENT_STATUSES, type CallNow, type MetricRow } from '@/domain/dashboard'
import { OPEN_PAYOUT_STATUSES } from '@/domain/transitions'

import { presentNowSql } from './calls'
import { sql, type Run } from './run'

const list = (values: readonly string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `)

type Raw = { metric: MetricRow['metric']; currency: string; n: string; amount: string | null; at: Date | string | null }

/**
 * Per metric and currency: count, amount (minor units) and, for open disputes, the nearest evidence
 * deadline. Revenue is each paid payment's fee minus the share of it refunds gave back
 * (fee × refunded ÷ amount, half-up, as the creator's refund share is computed); gross and revenue
 * come from one scan of the payments. Every table is read once; no index helps the payments and
 * ledger sums (nearly every row counts), the status indexes serve the open payouts and refunds.
 */
export const dashboardRows = async (run: Run, at: Date): Promise<MetricRow[]> => {
  const rows = await run<Raw>(sql`
    SELECT m.metric, p.currency, p.n, m.amount, NULL::timestamptz AS at
      FROM (SELECT currency::text AS currency, count(*) AS n, sum(amount) AS gross,
                   sum(platform_fee) - coalesce(sum(round(platform_fee::numeric * refunded_amount / amount)) FILTER (WHERE refunded_amount > 0), 0) AS revenue
              FROM payments WHERE status IN (${list(PAID_PAYMENT_STATUSES)}) GROUP BY currency) p
      CROSS JOIN LATERAL (VALUES ('gross', p.gross), ('revenue', p.revenue)) AS m(metric, amount)
    UNION ALL
    SELECT 'refunds', currency::text, count(*), sum(amount), NULL FROM refunds WHERE status = 'succeeded' GROUP BY currency
    UNION ALL
    SELECT 'refund_requests', currency::text, count(*), sum(amount), NULL FROM refunds WHERE status = 'requested' GROUP BY currency
    UNION ALL
    SELECT 'disputes_lost', currency::text, count(*), sum(amount), NULL FROM disputes WHERE status = 'lost' GROUP BY currency
    UNION ALL
    SELECT 'disputes_open', currency::text, count(*), sum(amount), min(evidence_due_by) FROM disputes WHERE status IN (${list(OPEN_DISPUTE_STATUSES)}) GROUP BY currency
    UNION ALL
    SELECT 'payouts_open', currency::text, count(*), sum(amount), NULL FROM payouts WHERE status IN (${list(OPEN_PAYOUT_STATUSES)}) GROUP BY currency
    UNION ALL
    SELECT CASE WHEN available_at > ${at.toISOString()} THEN 'pending' ELSE 'available' END, currency::text, count(*), sum(amount), NULL
      FROM ledger_entries GROUP BY 1, currency`)
  return rows.map((r) => ({ metric: r.metric, currency: r.currency, count: Number(r.n), amount: Number(r.amount ?? 0), at: r.at ? new Date(r.at) : null }))
}

/** Bookings starting in [start, end) that are confirmed or completed. */
export const callsBetween = async (run: Run, start: Date, end: Date): Promise<number> =>
  Number(
    (
      await run<{ n: string }>(sql`
        SELECT count(*) AS n FROM bookings WHERE starts_at >= ${start.toISOString()} AND starts_at < ${end.toISOString()} AND status IN (${list(CALL_BOOKING_STATUSES)})`)
    )[0].n,
  )

type CallNowRow = { id: number; fan_name: string | null; creator_name: string | null; starts_at: Date | string; ends_at: Date | string; fan_present: boolean; creator_present: boolean; total: string }

/**
 * Confirmed bookings whose join window is open at `at` (startsAt − 15 min ≤ at < endsAt), soonest
 * first, at most `limit` of them with who is in the call now by the provider's presence, and how many there are in all.
 */
export const callsInProgress = async (run: Run, at: Date, limit: number): Promise<{ count: number; calls: Omit<CallNow, 'link'>[] }> => {
  const open = openWindowBounds(at)
  const rows = await run<CallNowRow>(sql`
    SELECT b.id, fu.name AS fan_name, c.display_name AS creator_name, b.starts_at, b.ends_at,
           ${presentNowSql(sql`b.id`, 'fan')} AS fan_present, ${presentNowSql(sql`b.id`, 'creator')} AS creator_present,
           count(*) OVER () AS total
      FROM bookings b
      LEFT JOIN users fu ON fu.id = b.fan_id
      LEFT JOIN creators c ON c.id = b.creator_id
     WHERE b.status = 'confirmed' AND b.starts_at <= ${open.startsAtOrBefore.toISOString()} AND b.ends_at > ${open.endsAfter.toISOString()}
     ORDER BY b.starts_at, b.id
     LIMIT ${limit}`)
  return {
    count: Number(rows[0]?.total ?? 0),
    calls: rows.map((r) => ({
      bookingId: r.id,
      fanName: r.fan_name,
      creatorName: r.creator_name,
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
      present: { fan: r.fan_present, creator: r.creator_present },
    })),
  }
}
