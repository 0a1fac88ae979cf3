/**
 * Refunds: the facts a request is decided on (payment row locked, so requests, approvals and
 * webhooks of one payment run one after the other), the rows, and their status moves through
 * `moveStatus`. The database refuses refunds that would add up to more than the payment (the
 * `refunds_within_payment` trigger, hand-written migration).
 */
import type { RefundPolicy } from '@/domain/cancellation'
import { COMMITTED_REFUND_STATUSES } from '@/domain/refunds'
import { REFUND_TRANSITIONS, type RefundStatus } from '@/domain/transitions'

import { sql, type Run, type SQL } from './run'
import { moveStatus } from './status'

const committedSum = (paymentId: SQL) =>
  sql`coalesce((SELECT sum(r.amount) FROM refunds r WHERE r.payment_id = ${paymentId} AND r.status IN (${sql.join(
    COMMITTED_REFUND_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  )})), 0)`

export type RefundRequestRow = {
  booking_id: number
  booking_status: string
  starts_at: Date | string
  fan_id: number
  creator_id: number
  creator_user_id: number
  offer_id: number
  reserved_for_id: number | null
  title: string
  no_show_fan: boolean | null
  no_show_creator: boolean | null
  payment_id: number | null
  payment_status: string | null
  amount: string | null
  currency: string | null
  refunded_amount: string | null
  dispute_status: string | null
  payment_intent_id: string | null
  committed: string
  /** Refund requests of this booking's fan still waiting for a decision. */
  open_requests: string
}

/** A booking with its payment and what is already refunded or on its way; locks the payment row. */
export const refundRequestRow = async (run: Run, bookingId: number): Promise<RefundRequestRow | undefined> =>
  (
    await run<RefundRequestRow>(sql`
      SELECT b.id AS booking_id, b.status AS booking_status, b.starts_at, b.fan_id, o.creator_id, c.user_id AS creator_user_id,
             b.offer_id, o.reserved_for_id, o.title, b.no_show_fan, b.no_show_creator,
             p.id AS payment_id, p.status AS payment_status, p.amount, p.currency, p.refunded_amount, p.dispute_status,
             p.stripe_payment_intent_id AS payment_intent_id,
             ${committedSum(sql`p.id`)} AS committed,
             (SELECT count(*) FROM refunds r WHERE r.payment_id = p.id AND r.status = 'requested' AND r.fan_id = b.fan_id) AS open_requests
        FROM bookings b
        JOIN offers o ON o.id = b.offer_id
        JOIN creators c ON c.id = o.creator_id
        LEFT JOIN payments p ON p.booking_id = b.id
       WHERE b.id = ${bookingId}
       FOR UPDATE OF b`)
  )[0]

/** Locks the payment row: refunds of one payment are decided one after the other. */
export const lockPayment = async (run: Run, paymentId: number): Promise<void> => {
  await run(sql`SELECT id FROM payments WHERE id = ${paymentId} FOR UPDATE`)
}

export type NewRefund = {
  paymentId: number
  bookingId: number
  fanId: number
  creatorId: number
  amount: number
  currency: string
  reason: string
  status: Extract<RefundStatus, 'requested' | 'approved' | 'succeeded'>
  policy: RefundPolicy | null
  requestedBy: number | null
  decidedBy?: number | null
  decisionReason?: string | null
  decidedAt?: Date | null
  stripeRefundId?: string | null
}

/** Inserts a refund row; the database refuses one that would take the payment's refunds over what was paid. */
export const insertRefund = async (run: Run, r: NewRefund): Promise<number> =>
  (
    await run<{ id: number }>(sql`
      INSERT INTO refunds (payment_id, booking_id, fan_id, creator_id, amount, currency, reason, status, policy,
                           requested_by_id, decided_by_id, decision_reason, decided_at, stripe_refund_id, updated_at, created_at)
      VALUES (${r.paymentId}, ${r.bookingId}, ${r.fanId}, ${r.creatorId}, ${r.amount}, ${r.currency}::enum_refunds_currency, ${r.reason.slice(0, 1000)},
              ${r.status}::enum_refunds_status, ${r.policy}::enum_refunds_policy, ${r.requestedBy}, ${r.decidedBy ?? null},
              ${r.decisionReason?.slice(0, 1000) ?? null}, ${r.decidedAt?.toISOString() ?? null}, ${r.stripeRefundId ?? null}, now(), now())
      RETURNING id`)
  )[0].id

export type RefundRow = {
  id: number
  status: RefundStatus
  amount: string
  currency: string
  reason: string
  policy: RefundPolicy | null
  booking_id: number
  fan_id: number
  creator_id: number
  creator_user_id: number
  payment_id: number
  requested_by_id: number | null
  requester_role: string | null
  title: string
  offer_id: number
  reserved_for_id: number | null
  booking_status: string
  starts_at: Date | string
  payment_intent_id: string | null
  payment_status: string
  payment_amount: string
  refunded_amount: string | null
  dispute_status: string | null
  stripe_refund_id: string | null
  stripe_transfer_reversal_id: string | null
}

/** A refund with its payment, booking and offer (what deciding and paying it out need); `lock` locks the refund and its payment. */
export const refundById = async (run: Run, refundId: number, lock = false): Promise<RefundRow | undefined> =>
  (
    await run<RefundRow>(sql`
      SELECT r.id, r.status, r.amount, r.currency, r.reason, r.policy, r.booking_id, r.fan_id, p.creator_id, c.user_id AS creator_user_id,
             r.payment_id, r.requested_by_id, u.role AS requester_role, o.title, b.offer_id, o.reserved_for_id,
             b.status AS booking_status, b.starts_at,
             p.stripe_payment_intent_id AS payment_intent_id, p.status AS payment_status, p.amount AS payment_amount, p.refunded_amount, p.dispute_status,
             r.stripe_refund_id, r.stripe_transfer_reversal_id
        FROM refunds r
        JOIN payments p ON p.id = r.payment_id
        JOIN creators c ON c.id = p.creator_id
        JOIN bookings b ON b.id = r.booking_id
        JOIN offers o ON o.id = b.offer_id
        LEFT JOIN users u ON u.id = r.requested_by_id
       WHERE r.id = ${refundId}
       ${lock ? sql`FOR UPDATE OF r, p` : sql``}`)
  )[0]

/** Approved or processing refunds of the payment other than `exceptId` (what is already promised). */
export const committedRefunds = async (run: Run, paymentId: number, exceptId: number): Promise<number> =>
  Number(
    (
      await run<{ total: string }>(sql`
        SELECT coalesce(sum(amount), 0) AS total FROM refunds
         WHERE payment_id = ${paymentId} AND id <> ${exceptId}
           AND status IN (${sql.join(COMMITTED_REFUND_STATUSES.map((s) => sql`${s}`), sql`, `)})`)
    )[0].total,
  )

const moved = (row: unknown): boolean => row !== undefined

/** requested → approved by an admin (false when it was no longer requested). */
export const approveRefundRow = async (run: Run, refundId: number, adminId: number, at: Date): Promise<boolean> =>
  moved(
    await moveStatus(run, {
      table: 'refunds',
      machine: REFUND_TRANSITIONS,
      id: refundId,
      to: 'approved',
      from: 'requested',
      set: sql`policy = coalesce(policy, 'manual'), decided_by_id = ${adminId}, decided_at = ${at.toISOString()}`,
    }),
  )

/** requested → rejected by an admin, with the reason (false when it was no longer requested). */
export const rejectRefundRow = async (run: Run, refundId: number, adminId: number, reason: string, at: Date): Promise<boolean> =>
  moved(
    await moveStatus(run, {
      table: 'refunds',
      machine: REFUND_TRANSITIONS,
      id: refundId,
      to: 'rejected',
      from: 'requested',
      set: sql`decided_by_id = ${adminId}, decided_at = ${at.toISOString()}, decision_reason = ${reason}`,
    }),
  )

/** An approved refund is being paid out (a retry finds it `processing` already and carries on). */
export const startRefund = (run: Run, refundId: number) =>
  moveStatus(run, { table: 'refunds', machine: REFUND_TRANSITIONS, id: refundId, to: 'processing', from: 'approved' })

/**
 * Stripe made the refund; false when an earlier attempt already recorded it. `from` is `failed`
 * when Stripe's webhook shows that a refund the job gave up on was made after all.
 */
export const refundSucceeded = async (
  run: Run,
  refundId: number,
  stripeRefundId: string,
  transferReversalId: string | null,
  from: readonly RefundStatus[] = ['approved', 'processing'],
): Promise<boolean> =>
  moved(
    await moveStatus(run, {
      table: 'refunds',
      machine: REFUND_TRANSITIONS,
      id: refundId,
      to: 'succeeded',
      from,
      set: sql`stripe_refund_id = ${stripeRefundId}, stripe_transfer_reversal_id = ${transferReversalId}, failure_reason = NULL`,
    }),
  )

/** Stripe refused the refund for good (or the job gave up); false when it had already moved on. */
export const refundFailed = async (run: Run, refundId: number, reason: string): Promise<boolean> =>
  moved(
    await moveStatus(run, {
      table: 'refunds',
      machine: REFUND_TRANSITIONS,
      id: refundId,
      to: 'failed',
      from: ['approved', 'processing'],
      set: sql`failure_reason = ${reason.slice(0, 1000)}`,
    }),
  )

/** Our refund row for a Stripe refund: by its recorded id, or by the `refundId` of its metadata. */
export const refundIdOfStripe = async (run: Run, stripeRefundId: string, metadataId: number | null): Promise<number | undefined> =>
  (
    await run<{ id: number }>(sql`
      SELECT id FROM refunds WHERE stripe_refund_id = ${stripeRefundId} ${metadataId ? sql`OR id = ${metadataId}` : sql``}
       ORDER BY (stripe_refund_id = ${stripeRefundId}) DESC NULLS LAST LIMIT 1`)
  )[0]?.id

export type PaymentOfIntent = {
  id: number
  booking_id: number
  fan_id: number
  creator_id: number
  currency: string
  title: string
}

/** The payment of a PaymentIntent, locked (a refund made outside the app is recorded under this lock). */
export const lockPaymentOfIntent = async (run: Run, intentId: string): Promise<PaymentOfIntent | undefined> =>
  (
    await run<PaymentOfIntent>(sql`
      SELECT p.id, p.booking_id, p.fan_id, p.creator_id, p.currency, o.title
        FROM payments p JOIN bookings b ON b.id = p.booking_id JOIN offers o ON o.id = b.offer_id
       WHERE p.stripe_payment_intent_id = ${intentId}
       FOR UPDATE OF p`)
  )[0]

/** The transfer reversal that recovered a refund's creator share (made by us after a dashboard refund). */
export const keepTransferReversal = async (run: Run, refundId: number, reversalId: string): Promise<void> => {
  await run(sql`UPDATE refunds SET stripe_transfer_reversal_id = ${reversalId}, updated_at = now() WHERE id = ${refundId} AND stripe_transfer_reversal_id IS NULL`)
}

/** The late-payment refund of a payment (at most one: the payment is refunded in full). */
export const latePaymentRefundId = async (run: Run, paymentId: number): Promise<number | undefined> =>
  (await run<{ id: number }>(sql`SELECT id FROM refunds WHERE payment_id = ${paymentId} AND policy = 'late_payment' ORDER BY id LIMIT 1`))[0]?.id

/** Locks the booking row (taken before the payment's, as cancellations do). */
export const lockBooking = async (run: Run, bookingId: number): Promise<void> => {
  await run(sql`SELECT id FROM bookings WHERE id = ${bookingId} FOR UPDATE`)
}

export const bookingStatusOf = async (run: Run, bookingId: number): Promise<string | undefined> =>
  (await run<{ status: string }>(sql`SELECT status FROM bookings WHERE id = ${bookingId}`))[0]?.status

/** The creator's share a refund took (its ledger entry, positive); 0 when it wrote none. */
export const refundLedgerShare = async (run: Run, refundId: number): Promise<number> =>
  -Number((await run<{ amount: string }>(sql`SELECT amount FROM ledger_entries WHERE type = 'refund' AND source_type = 'refund' AND source_ref = ${String(refundId)}`))[0]?.amount ?? 0)

/** The payment's other succeeded refunds (oldest first): what came before a refund being recorded. */
export const otherSucceededRefunds = async (run: Run, paymentId: number, refundId: number | null): Promise<{ id: number; amount: number; policy: string | null; stripe_refund_id: string | null }[]> =>
  (
    await run<{ id: number; amount: string; policy: string | null; stripe_refund_id: string | null }>(
      sql`SELECT id, amount, policy, stripe_refund_id FROM refunds WHERE payment_id = ${paymentId} AND status = 'succeeded' AND id IS DISTINCT FROM ${refundId} ORDER BY id`,
    )
  ).map((r) => ({ ...r, amount: Number(r.amount) }))
