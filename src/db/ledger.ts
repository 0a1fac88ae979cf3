/**
 * The creators' ledger: append-only entries (earnings, refunds…). One entry per source (the unique
 * index on source type and reference), so a repeated write — a webhook delivered twice, a job
 * retried — adds nothing.
 */
import type { BalanceEntry, LedgerEntryType } from '@/domain/ledger'
import { OPEN_PAYOUT_STATUSES } from '@/domain/transitions'

import { sql, type Run } from './run'

export type LedgerEntry = {
  creatorId: number
  currency: string
  type: LedgerEntryType
  /** Minor units; negative for what the creator gives back. */
  amount: number | string
  availableAt: Date
  sourceType: 'payment' | 'refund' | 'dispute' | 'payout' | 'adjustment'
  /** The source's id; null for an admin's adjustment (the entry is its own source: no one-per-source rule). */
  sourceRef: string | null
  /** Why; required (≥ 3 characters) on adjustments by the database. */
  memo: string
  /** The person who wrote it (the admin of an adjustment); null for the money use cases' entries. */
  createdBy?: number | null
}

/** Appends one entry and returns its id; a second entry for the same source is silently skipped (null). */
export const appendLedgerEntry = async (run: Run, e: LedgerEntry): Promise<number | null> => {
  const rows = await run<{ id: number }>(sql`
    INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, source_ref, memo, created_by_id, updated_at, created_at)
    VALUES (${e.creatorId}, ${e.currency}::enum_ledger_entries_currency, ${e.type}::enum_ledger_entries_type, ${e.amount}, ${e.availableAt.toISOString()},
            ${e.sourceType}::enum_ledger_entries_source_type, ${e.sourceRef}, ${e.memo}, ${e.createdBy ?? null}, now(), now())
    ON CONFLICT DO NOTHING
    RETURNING id`)
  return rows[0]?.id ?? null
}

/** Appends one entry; a second entry for the same source is silently skipped (false). */
export const insertLedgerEntry = async (run: Run, e: LedgerEntry): Promise<boolean> => (await appendLedgerEntry(run, e)) !== null

/**
 * Serialises every money movement of one creator in one currency until the transaction ends
 * (payout requests, reservations): two concurrent requests read the balance one after the other.
 */
export const lockCreatorLedger = async (run: Run, creatorId: number, currency: string): Promise<void> => {
  await run(sql`SELECT pg_advisory_xact_lock(hashtext(${`ledger.${currency.toUpperCase()}`}), ${creatorId})`)
}

type SumRow = { currency: string; type: LedgerEntryType; amount: string; available_at: Date | string; payout_open: boolean | null }

/**
 * The creator's ledger summed by currency, type, availability at `at` and, for payout entries,
 * whether their payout is still open: the input of `balances` (src/domain/ledger.ts). One row per
 * group, so the read stays small whatever the number of entries. The payout is found by its
 * primary key (the entry's reference as an integer), not by `id::text = source_ref`, which read
 * every payout of the platform on each balance read (≈ 5 ms with 3,400 payouts, growing with them).
 */
export const ledgerSums = async (run: Run, creatorId: number, at: Date, currency?: string): Promise<BalanceEntry[]> => {
  const rows = await run<SumRow>(sql`
    SELECT currency, type, sum(amount) AS amount, CASE WHEN pending THEN max(available_at) ELSE min(available_at) END AS available_at, payout_open
      FROM (SELECT e.currency, e.type, e.amount, e.available_at, e.available_at > ${at.toISOString()} AS pending,
                   (po.status IN (${sql.join(OPEN_PAYOUT_STATUSES.map((s) => sql`${s}`), sql`, `)})) AS payout_open
              FROM ledger_entries e
              LEFT JOIN payouts po ON po.id = CASE WHEN e.type = 'payout' AND e.source_type = 'payout' AND e.source_ref ~ '^[0-9]{1,9}$' THEN e.source_ref::int END
             WHERE e.creator_id = ${creatorId}
               ${currency ? sql`AND e.currency = ${currency.toUpperCase()}::enum_ledger_entries_currency` : sql``}) entries
     GROUP BY currency, type, pending, payout_open`)
  return rows.map((r) => ({
    currency: r.currency,
    type: r.type,
    amount: Number(r.amount),
    availableAt: new Date(r.available_at),
    payoutOpen: r.payout_open ?? undefined,
  }))
}
