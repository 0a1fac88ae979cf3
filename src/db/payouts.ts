/**
 * Payouts: the creator's payout settings read under the ledger lock, the open payout of a currency,
 * the payout row and its audit trail, and every status move through `moveStatus`.
 */
import { OPEN_PAYOUT_STATUSES, PAYOUT_TRANSITIONS, type PayoutStatus } from '@/domain/transitions'

import { sql, type Run, type SQL } from './run'
import { moveStatus } from './status'

export type PayoutCreator = {
  id: number
  user_id: number
  display_name: string
  currency: string
  stripe_account_id: string | null
  payouts_enabled: boolean | null
  payouts_blocked: boolean | null
  payouts_blocked_reason: string | null
  payout_minimum: string | null
}

/** The creator's payment account and payout settings (row locked: a block decided meanwhile waits for us). */
export const payoutCreator = async (run: Run, creatorId: number): Promise<PayoutCreator | undefined> =>
  (
    await run<PayoutCreator>(sql`
      SELECT id, user_id, display_name, currency, stripe_account_id, payouts_enabled, payouts_blocked, payouts_blocked_reason, payout_minimum
        FROM creators WHERE id = ${creatorId} FOR SHARE`)
  )[0]

const openStatuses = sql.join(OPEN_PAYOUT_STATUSES.map((s) => sql`${s}`), sql`, `)

/** The creator's open payout (requested, approved, processing) in `currency`, if any. */
export const openPayoutId = async (run: Run, creatorId: number, currency: string): Promise<number | null> =>
  (
    await run<{ id: number }>(sql`
      SELECT id FROM payouts WHERE creator_id = ${creatorId} AND currency = ${currency}::enum_payouts_currency AND status IN (${openStatuses}) ORDER BY id LIMIT 1`)
  )[0]?.id ?? null

/** A new payout, `requested` by its creator (or the schedule), at `at`. */
export const insertPayout = async (
  run: Run,
  p: { creatorId: number; amount: number; currency: string; trigger: 'requested' | 'scheduled'; at: Date },
): Promise<number> =>
  (
    await run<{ id: number }>(sql`
      INSERT INTO payouts (creator_id, amount, currency, status, trigger, requested_at, updated_at, created_at)
      VALUES (${p.creatorId}, ${p.amount}, ${p.currency}::enum_payouts_currency, 'requested', ${p.trigger}::enum_payouts_trigger, ${p.at.toISOString()}, now(), now())
      RETURNING id`)
  )[0].id

export type AuditEntry = { at: Date; byUserId?: number | null; actor: string; from: PayoutStatus | null; to: PayoutStatus; reason?: string | null }

/** Appends one line to the payout's audit trail (who, when, from → to, why): the array field Payload shows on the payout. */
export const appendPayoutAudit = async (run: Run, payoutId: number, e: AuditEntry): Promise<void> => {
  await run(sql`
    INSERT INTO payouts_audit_trail (_order, _parent_id, id, at, by_id, actor, "from", "to", reason)
    SELECT coalesce(max(_order), 0) + 1, ${payoutId}, substr(md5(random()::text || clock_timestamp()::text), 1, 24),
           ${e.at.toISOString()}, ${e.byUserId ?? null}, ${e.actor}, ${e.from}, ${e.to}, ${e.reason ?? null}
      FROM payouts_audit_trail WHERE _parent_id = ${payoutId}`)
}

export type PayoutRow = {
  id: number
  creator_id: number
  creator_user_id: number
  amount: string
  currency: string
  status: PayoutStatus
  stripe_payout_id: string | null
  stripe_account_id: string | null
}

/** A payout with its creator's user and connected account; `lock` takes the row for this transaction. */
export const payoutById = async (run: Run, payoutId: number, lock = false): Promise<PayoutRow | undefined> =>
  (
    await run<PayoutRow>(sql`
      SELECT po.id, po.creator_id, c.user_id AS creator_user_id, po.amount, po.currency, po.status, po.stripe_payout_id, c.stripe_account_id
        FROM payouts po JOIN creators c ON c.id = po.creator_id
       WHERE po.id = ${payoutId}
       ${lock ? sql`FOR UPDATE OF po` : sql``}`)
  )[0]

/** Our payout of a Stripe payout: by its id, or by the `payoutId` we put in its metadata (before we recorded the id). */
export const payoutIdOfStripe = async (run: Run, stripePayoutId: string, metadataPayoutId: number | null): Promise<number | null> =>
  (
    await run<{ id: number }>(sql`
      SELECT id FROM payouts WHERE stripe_payout_id = ${stripePayoutId}
       ${metadataPayoutId ? sql`OR (id = ${metadataPayoutId} AND stripe_payout_id IS NULL)` : sql``}
       ORDER BY (stripe_payout_id IS NOT NULL) DESC LIMIT 1`)
  )[0]?.id ?? null

const DATE_COLUMN: Partial<Record<PayoutStatus, string>> = {
  approved: 'approved_at',
  processing: 'processing_at',
  paid: 'paid_at',
  rejected: 'rejected_at',
  failed: 'failed_at',
  cancelled: 'cancelled_at',
}

export type PayoutMove = {
  from?: PayoutStatus | readonly PayoutStatus[]
  approvedBy?: number
  rejectionReason?: string
  failureReason?: string
  /** Stripe's payout id, kept when one is already recorded. */
  stripePayoutId?: string
}

/** Moves the payout to `to` (from `from` when given), stamping that status's date column; the row when it moved. */
export const movePayout = async (run: Run, payoutId: number, to: PayoutStatus, move: PayoutMove = {}) => {
  const set: SQL[] = []
  const dateColumn = DATE_COLUMN[to]
  if (dateColumn) set.push(sql`${sql.identifier(dateColumn)} = now()`)
  if (move.approvedBy !== undefined) set.push(sql`approved_by_id = ${move.approvedBy}`)
  if (move.rejectionReason !== undefined) set.push(sql`rejection_reason = ${move.rejectionReason.slice(0, 1000)}`)
  if (move.failureReason !== undefined) set.push(sql`failure_reason = ${move.failureReason.slice(0, 1000)}`)
  if (move.stripePayoutId !== undefined) set.push(sql`stripe_payout_id = coalesce(stripe_payout_id, ${move.stripePayoutId})`)
  return moveStatus<PayoutStatus, { id: number; status: PayoutStatus }>(run, {
    table: 'payouts',
    machine: PAYOUT_TRANSITIONS,
    id: payoutId,
    to,
    from: move.from,
    set: set.length ? sql.join(set, sql`, `) : undefined,
    returning: sql`id, status`,
  })
}

/** Records Stripe's payout id on a payout that a webhook already finished. */
export const keepStripePayoutId = async (run: Run, payoutId: number, stripePayoutId: string): Promise<void> => {
  await run(sql`UPDATE payouts SET stripe_payout_id = coalesce(stripe_payout_id, ${stripePayoutId}), updated_at = now() WHERE id = ${payoutId}`)
}
