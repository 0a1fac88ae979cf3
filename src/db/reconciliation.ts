/**
 * The reconciliation's side of our books: every connected creator, and per creator and currency the
 * ledger's sum (all entries) and the payouts reserved there but not yet created at Stripe.
 */
import { sql, type Run } from './run'

export type ConnectedCreator = { id: number; display_name: string; stripe_account_id: string }

/** Creators with a Stripe connected account, by id. */
export const connectedCreators = async (run: Run): Promise<ConnectedCreator[]> =>
  run<ConnectedCreator>(sql`SELECT id, display_name, stripe_account_id FROM creators WHERE stripe_account_id IS NOT NULL ORDER BY id`)

export type LedgerTotal = { creator_id: number; currency: string; ledger: number; unsent: number }

/**
 * One row per connected creator and currency: the sum of all their entries, and the reservations
 * (−amount of `payout` entries) of payouts still requested or approved without a Stripe payout id.
 */
export const ledgerTotals = async (run: Run): Promise<LedgerTotal[]> => {
  const rows = await run<{ creator_id: number; currency: string; ledger: string; unsent: string }>(sql`
    SELECT e.creator_id, e.currency::text AS currency, sum(e.amount) AS ledger,
           coalesce(sum(-e.amount) FILTER (WHERE po.id IS NOT NULL AND po.status IN ('requested', 'approved') AND po.stripe_payout_id IS NULL), 0) AS unsent
      FROM ledger_entries e
      JOIN creators c ON c.id = e.creator_id AND c.stripe_account_id IS NOT NULL
      LEFT JOIN payouts po ON e.type = 'payout' AND e.source_type = 'payout' AND po.id::text = e.source_ref
     GROUP BY e.creator_id, e.currency`)
  return rows.map((r) => ({ creator_id: r.creator_id, currency: r.currency, ledger: Number(r.ledger), unsent: Number(r.unsent) }))
}
