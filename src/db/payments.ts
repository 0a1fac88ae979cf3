/**
 * Payments: the row a webhook locks by its PaymentIntent, and its status moves (succeeded, failed,
 * canceled, refunded), each through `moveStatus` so out-of-order or repeated events change nothing.
 */
import { PAYMENT_TRANSITIONS, type PaymentStatus } from '@/domain/transitions'

import { sql, type Run } from './run'
import { moveStatus } from './status'

export type LockedPayment = {
  id: number
  status: string
  amount: string
  currency: string
  creator_amount: string
  holding: string
  fan_id: number
  creator_id: number
  creator_user_id: number
  booking_id: number
  booking_status: string
  offer_id: number
  title: string
  stripe_payment_intent_id: string
  /** The scheduled end of the call this payment is for (earnings wait for it). */
  call_ends_at: Date | string | null
}

/** The payment of a PaymentIntent with its booking, offer and creator; locks the payment and booking rows. */
export const lockPaymentByIntent = async (run: Run, intentId: string): Promise<LockedPayment | undefined> =>
  (
    await run<LockedPayment>(sql`
      SELECT p.id, p.status, p.amount, p.currency, p.creator_amount, p.fee_snapshot_holding_period_days AS holding,
             p.fan_id, p.creator_id, c.user_id AS creator_user_id, p.booking_id, b.status AS booking_status, b.offer_id, o.title,
             p.stripe_payment_intent_id, coalesce(b.ends_at, o.ends_at) AS call_ends_at
        FROM payments p
        JOIN bookings b ON b.id = p.booking_id
        JOIN offers o ON o.id = b.offer_id
        JOIN creators c ON c.id = p.creator_id
       WHERE p.stripe_payment_intent_id = ${intentId}
       FOR UPDATE OF p, b`)
  )[0]

/** Records the PaymentIntent opened for a payment. */
export const setPaymentIntent = async (run: Run, paymentId: number, intentId: string): Promise<void> => {
  await run(sql`UPDATE payments SET stripe_payment_intent_id = ${intentId}, updated_at = now() WHERE id = ${paymentId}`)
}

const moved = (row: unknown): boolean => row !== undefined

/** The payment succeeded (false when it already had, or cannot any more). */
export const markPaymentSucceeded = async (run: Run, paymentId: number, paidAt: Date): Promise<boolean> =>
  moved(await moveStatus(run, { table: 'payments', machine: PAYMENT_TRANSITIONS, id: paymentId, to: 'succeeded', set: sql`paid_at = ${paidAt.toISOString()}, failure_reason = NULL` }))

/** The payment failed with `reason` (false after a success: the success wins). */
export const markPaymentFailed = async (run: Run, paymentId: number, reason: string): Promise<boolean> =>
  moved(await moveStatus(run, { table: 'payments', machine: PAYMENT_TRANSITIONS, id: paymentId, to: 'failed', set: sql`failure_reason = ${reason}` }))

/** The payment will not be taken (its PaymentIntent is cancelled); `failureReason` says why when known. */
export const cancelPayment = async (run: Run, paymentId: number, failureReason?: string): Promise<boolean> =>
  moved(
    await moveStatus(run, {
      table: 'payments',
      machine: PAYMENT_TRANSITIONS,
      id: paymentId,
      to: 'canceled',
      set: failureReason === undefined ? undefined : sql`failure_reason = ${failureReason}`,
    }),
  )

export type PaymentForRefund = { amount: string; platform_fee: string; refunded_amount: string | null; currency: string; earning_available_at: Date | null }

/** The payment's amounts (row locked) and when the creator's earning from it becomes available. */
export const lockPaymentForRefund = async (run: Run, paymentId: number): Promise<PaymentForRefund | undefined> =>
  (
    await run<PaymentForRefund>(sql`
      SELECT p.amount, p.platform_fee, p.refunded_amount, p.currency,
             (SELECT e.available_at FROM ledger_entries e WHERE e.type = 'earning' AND e.source_type = 'payment' AND e.source_ref = p.id::text LIMIT 1) AS earning_available_at
        FROM payments p WHERE p.id = ${paymentId} FOR UPDATE`)
  )[0]

/** The same facts without a lock (the recovery job reads them before it talks to Stripe). */
export const paymentForRefund = async (run: Run, paymentId: number): Promise<PaymentForRefund | undefined> =>
  (
    await run<PaymentForRefund>(sql`
      SELECT p.amount, p.platform_fee, p.refunded_amount, p.currency,
             (SELECT e.available_at FROM ledger_entries e WHERE e.type = 'earning' AND e.source_type = 'payment' AND e.source_ref = p.id::text LIMIT 1) AS earning_available_at
        FROM payments p WHERE p.id = ${paymentId}`)
  )[0]

/** Records how much of the payment is refunded now, as `refunded` or `partially_refunded`. */
export const setRefundedAmount = async (run: Run, paymentId: number, refundedAmount: number, status: Extract<PaymentStatus, 'refunded' | 'partially_refunded'>): Promise<boolean> =>
  moved(await moveStatus(run, { table: 'payments', machine: PAYMENT_TRANSITIONS, id: paymentId, to: status, set: sql`refunded_amount = ${refundedAmount}` }))
