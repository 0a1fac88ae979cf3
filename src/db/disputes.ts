/**
 * Disputes: the payment a Stripe dispute is about (locked), the dispute row stored once per Stripe
 * dispute, its status moves through `moveStatus`, the payment's dispute status, and what the
 * `settle-dispute` job records of its Stripe calls.
 */
import { DISPUTE_TRANSITIONS, type DisputeStatus } from '@/domain/transitions'

import { sql, type Run } from './run'
import { moveStatus } from './status'

export type DisputedPayment = {
  id: number
  amount: string
  creator_amount: string
  currency: string
  creator_id: number
  creator_user_id: number
  creator_name: string
  stripe_account_id: string | null
  booking_id: number
  title: string
}

/** The payment of a PaymentIntent, with its creator and booking; locked, so the events of one dispute apply one at a time. */
export const lockDisputedPayment = async (run: Run, intentId: string): Promise<DisputedPayment | undefined> =>
  (
    await run<DisputedPayment>(sql`
      SELECT p.id, p.amount, p.creator_amount, p.currency, p.creator_id, c.user_id AS creator_user_id, c.display_name AS creator_name,
             c.stripe_account_id, p.booking_id, o.title
        FROM payments p
        JOIN creators c ON c.id = p.creator_id
        JOIN bookings b ON b.id = p.booking_id
        JOIN offers o ON o.id = b.offer_id
       WHERE p.stripe_payment_intent_id = ${intentId}
       FOR UPDATE OF p`)
  )[0]

export type DisputeRow = { id: number; status: DisputeStatus; closed_at: Date | string | null }

export type NewDispute = {
  stripeDisputeId: string
  stripeChargeId: string | null
  paymentId: number
  bookingId: number
  creatorId: number
  amount: number
  currency: string
  reason: string | null
  status: DisputeStatus
  evidenceDueBy: Date | null
}

/** Stores the dispute once (unique Stripe id); `inserted` says whether this call created it. */
export const storeDispute = async (run: Run, d: NewDispute): Promise<{ row: DisputeRow; inserted: boolean }> => {
  const inserted = await run<DisputeRow>(sql`
    INSERT INTO disputes (payment_id, booking_id, creator_id, stripe_dispute_id, stripe_charge_id, amount, currency, reason, status, evidence_due_by, updated_at, created_at)
    VALUES (${d.paymentId}, ${d.bookingId}, ${d.creatorId}, ${d.stripeDisputeId}, ${d.stripeChargeId}, ${d.amount}, ${d.currency}::enum_disputes_currency, ${d.reason},
            ${d.status}::enum_disputes_status, ${d.evidenceDueBy?.toISOString() ?? null}, now(), now())
    ON CONFLICT (stripe_dispute_id) DO NOTHING
    RETURNING id, status, closed_at`)
  if (inserted[0]) return { row: inserted[0], inserted: true }
  const [row] = await run<DisputeRow>(sql`SELECT id, status, closed_at FROM disputes WHERE stripe_dispute_id = ${d.stripeDisputeId} FOR UPDATE`)
  return { row, inserted: false }
}

/** Moves the dispute to Stripe's newer status when that is a transition (a stale status moves nothing); true when it moved. */
export const moveDispute = async (run: Run, disputeId: number, to: DisputeStatus): Promise<boolean> =>
  (await moveStatus(run, { table: 'disputes', machine: DISPUTE_TRANSITIONS, id: disputeId, to })) !== undefined

/** What may still change on an open dispute: Stripe's evidence deadline and amount. */
export const refreshDispute = async (run: Run, disputeId: number, d: { evidenceDueBy: Date | null; stripeChargeId: string | null }): Promise<void> => {
  await run(sql`
    UPDATE disputes SET evidence_due_by = coalesce(${d.evidenceDueBy?.toISOString() ?? null}, evidence_due_by),
           stripe_charge_id = coalesce(stripe_charge_id, ${d.stripeChargeId}), updated_at = now()
     WHERE id = ${disputeId}`)
}

/** Records the outcome of a dispute that has just closed (once). */
export const closeDispute = async (run: Run, disputeId: number, outcome: 'won' | 'lost' | null, at: Date): Promise<void> => {
  await run(sql`
    UPDATE disputes SET outcome = ${outcome}::enum_disputes_outcome, closed_at = coalesce(closed_at, ${at.toISOString()}), updated_at = now()
     WHERE id = ${disputeId}`)
}

/** The payment's dispute status (none / open / won / lost), as its dispute now stands. */
export const setPaymentDisputeStatus = async (run: Run, paymentId: number, status: 'none' | 'open' | 'won' | 'lost'): Promise<void> => {
  await run(sql`UPDATE payments SET dispute_status = ${status}::enum_payments_dispute_status, updated_at = now() WHERE id = ${paymentId}`)
}

/** What refunds of this payment already took back from the creator (their `refund` ledger entries, positive). */
export const creatorRefundedShare = async (run: Run, paymentId: number): Promise<number> =>
  Number(
    (
      await run<{ taken: string | null }>(sql`
        SELECT -coalesce(sum(e.amount), 0) AS taken
          FROM ledger_entries e JOIN refunds r ON e.source_type = 'refund' AND e.source_ref = r.id::text
         WHERE e.type = 'refund' AND r.payment_id = ${paymentId}`)
    )[0]?.taken ?? 0,
  )

/** The dispute's ledger entries: the share taken (`dispute`, negative) and given back (`dispute_won`). */
export const disputeEntries = async (run: Run, disputeId: number): Promise<{ taken: number | null; returned: number | null }> => {
  const rows = await run<{ type: string; amount: string }>(sql`
    SELECT type, amount FROM ledger_entries WHERE source_type = 'dispute' AND source_ref = ${String(disputeId)} AND type IN ('dispute', 'dispute_won')`)
  const of = (type: string) => {
    const row = rows.find((r) => r.type === type)
    return row ? Math.abs(Number(row.amount)) : null
  }
  return { taken: of('dispute'), returned: of('dispute_won') }
}

export type DisputeToSettle = {
  id: number
  stripe_dispute_id: string
  stripe_charge_id: string | null
  stripe_reversal_id: string | null
  stripe_return_transfer_id: string | null
  currency: string
  creator_id: number
  stripe_account_id: string | null
  payment_intent_id: string | null
}

/** A dispute with what the `settle-dispute` job needs: the charge, the creator's account, what it already did at Stripe. */
export const disputeToSettle = async (run: Run, disputeId: number): Promise<DisputeToSettle | undefined> =>
  (
    await run<DisputeToSettle>(sql`
      SELECT d.id, d.stripe_dispute_id, d.stripe_charge_id, d.stripe_reversal_id, d.stripe_return_transfer_id, d.currency, d.creator_id,
             c.stripe_account_id, p.stripe_payment_intent_id AS payment_intent_id
        FROM disputes d JOIN creators c ON c.id = d.creator_id JOIN payments p ON p.id = d.payment_id
       WHERE d.id = ${disputeId}`)
  )[0]

/** Keeps the id of the Stripe object made for the dispute (the first one recorded stays). */
export const keepDisputeTransfer = async (run: Run, disputeId: number, kind: 'reversal' | 'return', stripeId: string): Promise<void> => {
  await run(
    kind === 'reversal'
      ? sql`UPDATE disputes SET stripe_reversal_id = coalesce(stripe_reversal_id, ${stripeId}), updated_at = now() WHERE id = ${disputeId}`
      : sql`UPDATE disputes SET stripe_return_transfer_id = coalesce(stripe_return_transfer_id, ${stripeId}), updated_at = now() WHERE id = ${disputeId}`,
  )
}

export type DisputeEvidenceRow = {
  id: number
  status: DisputeStatus
  stripe_dispute_id: string
  amount: string
  currency: string
  reason: string | null
  evidence_due_by: Date | string | null
  evidence_text: string | null
  evidence_version: number
  evidence_sent_version: number
  evidence_submit_requested: boolean
  evidence_saved_at: Date | string | null
  evidence_sent_at: Date | string | null
  evidence_submitted_at: Date | string | null
  evidence_error: string | null
  booking_id: number
  booking_status: string
  starts_at: Date | string
  ends_at: Date | string | null
  title: string
  fan_id: number
  fan_name: string | null
  fan_email: string
  creator_user_id: number
  creator_name: string
  paid_at: Date | string | null
  no_show_fan: boolean | null
  no_show_creator: boolean | null
}

/** A dispute with what its evidence is made of (booking, offer, fan, creator, payment); `lock` locks the dispute row. */
export const disputeEvidenceRow = async (run: Run, disputeId: number, lock = false): Promise<DisputeEvidenceRow | undefined> =>
  (
    await run<DisputeEvidenceRow>(sql`
      SELECT d.id, d.status, d.stripe_dispute_id, d.amount, d.currency, d.reason, d.evidence_due_by,
             d.evidence_text, coalesce(d.evidence_version, 0)::int AS evidence_version, coalesce(d.evidence_sent_version, 0)::int AS evidence_sent_version,
             coalesce(d.evidence_submit_requested, false) AS evidence_submit_requested,
             d.evidence_saved_at, d.evidence_sent_at, d.evidence_submitted_at, d.evidence_error,
             b.id AS booking_id, b.status AS booking_status, b.starts_at, b.ends_at, o.title, b.fan_id, u.name AS fan_name, u.email AS fan_email,
             c.user_id AS creator_user_id, c.display_name AS creator_name, p.paid_at, b.no_show_fan, b.no_show_creator
        FROM disputes d
        JOIN payments p ON p.id = d.payment_id
        JOIN bookings b ON b.id = p.booking_id
        JOIN offers o ON o.id = b.offer_id
        JOIN users u ON u.id = b.fan_id
        JOIN creators c ON c.id = d.creator_id
       WHERE d.id = ${disputeId}
       ${lock ? sql`FOR UPDATE OF d` : sql``}`)
  )[0]

/** Stores the admin's evidence as a new version (draft, or asked to be submitted); the sending job picks it up. */
export const saveDisputeEvidence = async (run: Run, disputeId: number, e: { text: string; submit: boolean; adminId: number; at: Date }): Promise<number> =>
  (
    await run<{ version: number }>(sql`
      UPDATE disputes SET evidence_text = ${e.text}, evidence_version = coalesce(evidence_version, 0) + 1, evidence_submit_requested = ${e.submit},
             evidence_saved_at = ${e.at.toISOString()}, evidence_saved_by_id = ${e.adminId}, evidence_error = NULL, updated_at = now()
       WHERE id = ${disputeId}
       RETURNING evidence_version::int AS version`)
  )[0].version

/** Stripe has evidence version `version` (staged, or submitted when `submitted`); an older version never overwrites a newer one. */
export const markEvidenceSent = async (run: Run, disputeId: number, version: number, at: Date, submitted: boolean): Promise<void> => {
  await run(sql`
    UPDATE disputes SET evidence_sent_version = greatest(coalesce(evidence_sent_version, 0), ${version}), evidence_sent_at = ${at.toISOString()},
           evidence_submitted_at = ${submitted ? sql`coalesce(evidence_submitted_at, ${at.toISOString()})` : sql`evidence_submitted_at`}, evidence_error = NULL, updated_at = now()
     WHERE id = ${disputeId}`)
}

/** Sending the evidence failed for good: the reason kept, the submission no longer under way (the admin may try again). */
export const markEvidenceFailed = async (run: Run, disputeId: number, version: number, reason: string): Promise<void> => {
  await run(sql`
    UPDATE disputes SET evidence_error = ${reason.slice(0, 1000)}, evidence_submit_requested = false, updated_at = now()
     WHERE id = ${disputeId} AND evidence_version = ${version}`)
}
