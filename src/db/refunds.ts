/** Refunds being paid out at Stripe: the row the job reads, and its status moves through `moveStatus`. */
import type { RefundPolicy } from '@/domain/cancellation'
import { REFUND_TRANSITIONS } from '@/domain/transitions'

import { sql, type Run } from './run'
import { moveStatus } from './status'

export type RefundToPay = {
  id: number
  status: string
  amount: string
  currency: string
  policy: RefundPolicy | null
  booking_id: number
  fan_id: number
  creator_id: number
  payment_id: number
  title: string
  payment_intent_id: string | null
}

/** A refund with what paying it out needs: its payment's PaymentIntent, creator and the offer's title. */
export const refundToPay = async (run: Run, refundId: number): Promise<RefundToPay | undefined> =>
  (
    await run<RefundToPay>(sql`
      SELECT r.id, r.status, r.amount, r.currency, r.policy, r.booking_id, r.fan_id, p.creator_id, r.payment_id, o.title,
             p.stripe_payment_intent_id AS payment_intent_id
        FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN bookings b ON b.id = r.booking_id JOIN offers o ON o.id = b.offer_id
       WHERE r.id = ${refundId}`)
  )[0]

/** An approved refund is being paid out (a retry finds it `processing` already and carries on). */
export const startRefund = (run: Run, refundId: number) =>
  moveStatus(run, { table: 'refunds', machine: REFUND_TRANSITIONS, id: refundId, to: 'processing', from: 'approved' })

/** Stripe made the refund; false when an earlier attempt already recorded it. */
export const refundSucceeded = async (run: Run, refundId: number, stripeRefundId: string): Promise<boolean> =>
  (await moveStatus(run, {
    table: 'refunds',
    machine: REFUND_TRANSITIONS,
    id: refundId,
    to: 'succeeded',
    from: ['approved', 'processing'],
    set: sql`stripe_refund_id = ${stripeRefundId}`,
  })) !== undefined

/** Stripe refused the refund for good; false when it had already moved on. */
export const refundFailed = async (run: Run, refundId: number): Promise<boolean> =>
  (await moveStatus(run, { table: 'refunds', machine: REFUND_TRANSITIONS, id: refundId, to: 'failed', from: ['approved', 'processing'] })) !== undefined
