/**
 * Refunds made outside the app (SPEC §7): `charge.refunded` / `refund.*` webhooks for a Stripe
 * refund that is not ours (the Stripe dashboard) are recorded once through the refund path of
 * ./refunds.ts, and the creator's share is recovered by a transfer reversal when Stripe did not
 * reverse it (the `reverse-refund-transfer` job). Our own refunds' events change nothing, except
 * for one the job gave up on (`failed`) that Stripe made after all: its webhook completes it.
 */
import type { Payload } from 'payload'
import type Stripe from 'stripe'

import { insertLedgerEntry } from '@/db/ledger'
import { paymentForRefund } from '@/db/payments'
import { insertRefund, keepTransferReversal, lockBooking, lockPaymentOfIntent, otherSucceededRefunds, refundById, refundIdOfStripe, refundLedgerShare } from '@/db/refunds'
import { runner, withTransaction } from '@/db/run'
import { money } from '@/domain/money'
import { creatorShareOfRefund } from '@/domain/refunds'
import { stripeClient } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'

import { reviewDebtBlock } from './blocks'
import { logSystem, logTransaction } from './logs'
import { notify, notifyAdmins } from './notifications'
import {
  applyRefundToPayment,
  cancelBookingAfterFullRefund,
  FAN_BOOKINGS,
  idOf,
  isPermanentStripeError,
  logShareDifference,
  recordRefundMade,
  refundAvailableAt,
  refundLink,
  REVERSE_REFUND_TRANSFER_TASK,
  stripeTakeBack,
} from './refunds'

export type RefundEventOutcome = 'recorded' | 'duplicate' | 'ignored'

/**
 * `refund.created` / `refund.updated` / `refund.failed` (a Refund) and `charge.refunded` (a Charge:
 * its refunds are listed from Stripe, the event no longer carries them). Our own refunds (metadata
 * `refundId`, or a Stripe id we recorded) change nothing: the job records them. A succeeded refund
 * we do not know was made elsewhere (the Stripe dashboard) and is recorded once.
 */
export const onRefundEvent = async (payload: Payload, type: string, object: Stripe.Refund | Stripe.Charge): Promise<RefundEventOutcome> => {
  if (object.object === 'charge') {
    const refunds = await stripeClient().refunds.list({ charge: object.id, limit: 100 })
    let outcome: RefundEventOutcome = 'ignored'
    for (const refund of refunds.data) {
      const one = await recordOutsideRefund(payload, refund)
      if (one === 'recorded' || (one === 'duplicate' && outcome === 'ignored')) outcome = one
    }
    return outcome
  }
  if (type === 'refund.failed' || object.status === 'failed') {
    const ours = await refundIdOfStripe(runner(payload), object.id, metadataRefundId(object))
    await logSystem(payload, {
      level: ours ? 'ERROR' : 'WARNING',
      type: 'refund.failed_at_stripe',
      message: `Stripe reports refund ${object.id} ${object.status}${object.failure_reason ? ` (${object.failure_reason})` : ''}${ours ? ` (our refund ${ours})` : ''}`,
      metadata: { stripeRefundId: object.id, refundId: ours },
    })
    return 'ignored'
  }
  return recordOutsideRefund(payload, object)
}

const metadataRefundId = (refund: Pick<Stripe.Refund, 'metadata'>): number | null => {
  const id = Number(refund.metadata?.refundId)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}


/**
 * A succeeded Stripe refund of ours (metadata `refundId`) whose row is `failed`: the job gave up on
 * its last attempt without an answer, yet Stripe made it. Completed through the refund path
 * (failed → succeeded, the payment, the creator's share, the fan told) instead of being recorded as
 * a refund made outside the app; any other state of our row is left to the job ('duplicate').
 */
const completeGivenUpRefund = async (payload: Payload, ourId: number, refund: Stripe.Refund): Promise<RefundEventOutcome> => {
  const run = runner(payload)
  const r = await refundById(run, ourId)
  if (!r || r.status !== 'failed' || metadataRefundId(refund) !== r.id || (r.stripe_refund_id && r.stripe_refund_id !== refund.id)) return 'duplicate'
  const taken = await stripeTakeBack(payload, r.payment_id, r.id, refund, true)
  if ((await recordRefundMade(payload, r, refund, taken, ['failed'])) === 'nothing') return 'duplicate'
  await logSystem(payload, {
    level: 'WARNING',
    type: 'refund.completed_after_failure',
    message: `Refund ${r.id} (booking ${r.booking_id}) was marked failed, but Stripe made it (${refund.id}): completed from its webhook`,
    metadata: { refundId: r.id, stripeRefundId: refund.id, bookingId: r.booking_id },
  })
  return 'recorded'
}

const recordOutsideRefund = async (payload: Payload, refund: Stripe.Refund): Promise<RefundEventOutcome> => {
  if (refund.status !== 'succeeded') return 'ignored'
  const intentId = idOf(refund.payment_intent)
  if (!intentId) return 'ignored'
  const known = await refundIdOfStripe(runner(payload), refund.id, metadataRefundId(refund))
  if (known) return completeGivenUpRefund(payload, known, refund)
  const paymentId = (await lockPaymentOfIntent(runner(payload), intentId))?.id
  const taken = paymentId === undefined ? null : await stripeTakeBack(payload, paymentId, null, refund, false)
  return withTransaction(payload, async (req, run) => {
    const p = await lockPaymentOfIntent(run, intentId)
    if (!p) {
      await logSystem(payload, { req, level: 'WARNING', type: 'stripe.unknown_refund', message: `Refund ${refund.id} of unknown PaymentIntent ${intentId}` })
      return 'ignored'
    }
    // Under the payment's lock: a duplicate delivery processed at the same moment finds it recorded.
    if (await refundIdOfStripe(run, refund.id, metadataRefundId(refund))) return 'duplicate'
    await lockBooking(run, p.booking_id)
    const at = now()
    const reversalId = idOf(refund.transfer_reversal)
    const id = await insertRefund(run, {
      paymentId: p.id,
      bookingId: p.booking_id,
      fanId: p.fan_id,
      creatorId: p.creator_id,
      amount: refund.amount,
      currency: p.currency,
      reason: `Refunded outside the app (Stripe dashboard)${refund.reason ? `: ${refund.reason}` : ''}.`,
      status: 'succeeded',
      policy: 'stripe_dashboard',
      requestedBy: null,
      decisionReason: 'Made at Stripe, recorded from its webhook.',
      decidedAt: at,
      stripeRefundId: refund.id,
    })
    if (reversalId) await keepTransferReversal(run, id, reversalId)
    const r = (await refundById(run, id))!
    const applied = await applyRefundToPayment(run, r, refund.id, taken)
    await logShareDifference(payload, req, r, applied)
    if (applied.creatorShare > 0) await reviewDebtBlock(payload, r.creator_id, { req, run })
    await logTransaction(payload, {
      req,
      type: 'refund.external',
      entityType: 'refund',
      entityId: id,
      amount: refund.amount,
      currency: p.currency,
      status: 'succeeded',
      providerIds: { paymentIntent: intentId, refund: refund.id, ...(idOf(refund.charge) ? { charge: idOf(refund.charge)! } : {}) },
      metadata: { bookingId: p.booking_id, paymentId: p.id, creatorShare: applied.creatorShare, expectedShare: applied.expectedShare, transferReversal: reversalId },
    })
    await logSystem(payload, {
      req,
      level: 'WARNING',
      type: 'refund.external',
      message: `Refund ${refund.id} of ${refund.amount} ${p.currency} made outside the app recorded as refund ${id} (booking ${p.booking_id})${reversalId ? '' : '; the creator’s share will be recovered by a transfer reversal'}`,
      metadata: { refundId: id, stripeRefundId: refund.id, bookingId: p.booking_id },
    })
    // Stripe did not take the creator's share back: a transfer reversal recovers it (job).
    if (!reversalId && applied.expectedShare > 0 && applied.booked) await payload.jobs.queue({ task: REVERSE_REFUND_TRANSFER_TASK, input: { refundId: id }, req })
    await notify(payload, {
      req,
      userId: p.fan_id,
      message: 'refund_approved.paid_out',
      data: { title: p.title, amount: refund.amount, currency: p.currency },
      link: FAN_BOOKINGS,
      metadata: { refundId: id, bookingId: p.booking_id, paymentId: p.id },
      emailKey: `refund-approved/${id}`,
    })
    if (applied.full) await cancelBookingAfterFullRefund(payload, req, run, r, applied)
    return 'recorded'
  })
}

export type ReversalOutcome = 'reversed' | 'failed' | 'nothing'

/**
 * The `reverse-refund-transfer` job: recovers the creator's share of a refund made outside the app
 * that Stripe did not reverse, with a transfer reversal of the charge's transfer (idempotency key
 * `refund-reversal/<id>`). It asks for the expected share (`creatorShareOfRefund` on the refunds
 * before it), capped at what is left of the transfer (a dispute may have reversed it already), and
 * books the creator's `refund` ledger entry from the amount Stripe actually reversed. What could not
 * be recovered stays with the platform: a CRITICAL log and an admin notice, no ledger entry the money
 * does not match. Retried when Stripe fails; a refusal, or the last attempt, is logged and admins told.
 */
export const reverseRefundTransfer = async (payload: Payload, refundId: number, { lastAttempt = false }: { lastAttempt?: boolean } = {}): Promise<ReversalOutcome> => {
  const run = runner(payload)
  const r = await refundById(run, refundId)
  if (!r || r.status !== 'succeeded' || !r.stripe_refund_id || r.stripe_transfer_reversal_id) return 'nothing'
  if ((await refundLedgerShare(run, r.id)) !== 0) return 'nothing'
  const p = await paymentForRefund(run, r.payment_id)
  if (!p?.earning_available_at) return 'nothing'
  const before = (await otherSucceededRefunds(run, r.payment_id, r.id)).filter((o) => o.id < r.id).reduce((sum, o) => sum + o.amount, 0)
  const expected = creatorShareOfRefund({ amount: money(Number(p.amount), p.currency), platformFee: money(Number(p.platform_fee), p.currency) }, money(before, p.currency), money(Number(r.amount), p.currency)).amount
  if (expected <= 0) return 'nothing'
  let share = 0
  try {
    const stripe = stripeClient()
    const refund = await stripe.refunds.retrieve(r.stripe_refund_id)
    const charge = await stripe.charges.retrieve(idOf(refund.charge)!)
    const transferId = idOf(charge.transfer)
    if (!transferId) throw Object.assign(new Error(`Charge ${charge.id} has no transfer to reverse.`), { type: 'StripeInvalidRequestError' })
    const transfer = await stripe.transfers.retrieve(transferId)
    // A retry after a reversal whose answer was lost finds it on the transfer (same idempotency key, same amount).
    const made = transfer.reversals?.data.find((one) => one.metadata?.refundId === String(r.id))
    const ask = made ? made.amount : Math.min(expected, transfer.amount - transfer.amount_reversed)
    const reversal = made ?? (ask > 0 ? await stripe.transfers.createReversal(transferId, { amount: ask, metadata: { refundId: String(r.id), paymentId: String(r.payment_id) } }, { idempotencyKey: `refund-reversal/${r.id}` }) : null)
    share = reversal?.amount ?? 0
    await withTransaction(payload, async (req, run) => {
      if (reversal) {
        await keepTransferReversal(run, r.id, reversal.id)
        await insertLedgerEntry(run, {
          creatorId: r.creator_id,
          currency: r.currency,
          type: 'refund',
          amount: -reversal.amount,
          availableAt: refundAvailableAt(new Date(p.earning_available_at!)),
          sourceType: 'refund',
          sourceRef: String(r.id),
          memo: `Refund of booking ${r.booking_id}: ${r.title} (${r.policy ?? 'refund'}, ${r.stripe_refund_id}, reversal ${reversal.id})`.slice(0, 500),
        })
        await reviewDebtBlock(payload, r.creator_id, { req, run })
        await logTransaction(payload, {
          req,
          type: 'refund.transfer_reversed',
          entityType: 'refund',
          entityId: r.id,
          amount: reversal.amount,
          currency: r.currency,
          status: 'succeeded',
          providerIds: { refund: r.stripe_refund_id!, transfer: transferId },
          metadata: { bookingId: r.booking_id, paymentId: r.payment_id, transferReversal: reversal.id, expectedShare: expected },
        })
      }
      if (share < expected) {
        await logSystem(payload, {
          req,
          level: 'CRITICAL',
          type: 'refund.reversal_short',
          message: `Refund ${r.id} (booking ${r.booking_id}) made outside the app: only ${share} of the creator's expected share ${expected} ${r.currency} was left on transfer ${transferId} to reverse; the platform carries the difference`,
          metadata: { refundId: r.id, expected, reversed: share, transfer: transferId },
        })
        await notifyAdmins(payload, {
          req,
          message: 'system.refund_failed',
          data: { refundId: r.id, bookingId: r.booking_id, error: `transfer reversal: ${share} of ${expected} recovered, nothing left on the transfer` },
          link: refundLink(r.id),
          metadata: { refundId: r.id },
        })
      }
    })
    return share < expected ? 'failed' : 'reversed'
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (!isPermanentStripeError(error) && !lastAttempt) {
      await logSystem(payload, { level: 'WARNING', type: 'refund.reversal_retry', message: `Transfer reversal for refund ${r.id} not made yet (will retry): ${message}`, metadata: { refundId: r.id } })
      throw error
    }
    await logSystem(payload, { level: 'ERROR', type: 'refund.reversal_failed', message: `Could not recover the creator's share of refund ${r.id}: ${message}`, metadata: { refundId: r.id, share: expected } })
    await notifyAdmins(payload, { message: 'system.refund_failed', data: { refundId: r.id, bookingId: r.booking_id, error: `transfer reversal of ${expected}: ${message}` }, link: refundLink(r.id), metadata: { refundId: r.id } })
    return 'failed'
  }
}
