/**
 * The creators' ledger: append-only entries (earnings, refunds…). One entry per source (the unique
 * index on source type and reference), so a repeated write — a webhook delivered twice, a job
 * retried — adds nothing.
 */
import { sql, type Run } from './run'

export type LedgerEntry = {
  creatorId: number
  currency: string
  type: 'earning' | 'refund'
  /** Minor units; negative for what the creator gives back. */
  amount: number | string
  availableAt: Date
  sourceType: 'payment' | 'refund'
  sourceRef: string
  memo: string
}

/** Appends one entry; a second entry for the same source is silently skipped. */
export const insertLedgerEntry = async (run: Run, e: LedgerEntry): Promise<void> => {
  await run(sql`
    INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, source_ref, memo, updated_at, created_at)
    VALUES (${e.creatorId}, ${e.currency}::enum_ledger_entries_currency, ${e.type}::enum_ledger_entries_type, ${e.amount}, ${e.availableAt.toISOString()},
            ${e.sourceType}::enum_ledger_entries_source_type, ${e.sourceRef}, ${e.memo}, now(), now())
    ON CONFLICT DO NOTHING`)
}
