import type { Payload, PayloadRequest } from 'payload'

import { bookingPaymentRow, cancelBooking as cancelBookingRow, cancellationRow, moveOfferAfterCancellation, type CancellationRow } from '@/db/bookings'
import { cancelPayment } from '@/db/payments'
import { runner, withTransaction } from '@/db/run'
import {
  cancellerOf,
  decideCancellation,
  isRefusal,
  previewCancellation,
  type CancellationFacts,
  type CancellationPreview,
  type Canceller,
  type RefundPolicy,
} from '@/domain/cancellation'
import { logActorOf } from '@/domain/logs'
import { disputeRefusal, refundableOf as refundable } from '@/domain/refunds'
import { Refusal } from '@/domain/refusal'
import type { BookingStatus } from '@/domain/transitions'
import { storefrontPaths } from '@/i18n/locale'
import { stripeClient } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'

import { logSystem } from './logs'
import { notify } from './notifications'
import { approvePolicyRefund, executeRefund, type RefundOutcome } from './refunds'
import { getSettings } from './settings'

/** The job that makes Stripe agree with a cancelled booking (src/jobs/tasks.ts). */
export const SETTLE_CANCELLATION_TASK = 'settle-cancellation' as const
export type SettleCancellationInput = { bookingId: number; refundId?: number | null }

export type Viewer = { userId: number; role: string | null }

export type CancellationResult = {
  booking: { id: number; status: 'cancelled'; cancellation: { by: Canceller; at: string; reason: string } }
  offer: { id: number; status: 'available' | 'cancelled' }
  /** The automatically approved refund, paid out by the `settle-cancellation` job; null when nothing was charged. */
  refund: { id: number; amount: number; currency: string; status: 'approved'; policy: RefundPolicy } | null
}

const notFound = () => new Refusal(404, 'NOT_FOUND', 'This booking does not exist.')

/**
 * Money still refundable on the booking's payment: what was captured, minus refunded or promised;
 * none when the payment has or had a dispute (`disputeRefusal`: no refund through the app), so the
 * cancellation goes ahead without a refund.
 */
const refundableOf = (b: CancellationRow): number =>
  disputeRefusal(b.dispute_status) ? 0 : refundable({ status: b.payment_status ?? '', amount: Number(b.amount), refunded: Number(b.refunded_amount ?? 0), committed: Number(b.committed_refunds) })

const factsOf = (b: CancellationRow, by: Canceller, settings: { freeCancellationHours: number; bookingCutoffMinutes: number }, at: Date): CancellationFacts => ({
  now: at,
  by,
  booking: { status: b.status, startsAt: new Date(b.starts_at) },
  paymentStatus: b.payment_status,
  refundable: refundableOf(b),
  offerReserved: b.reserved_for_id !== null,
  freeCancellationHours: settings.freeCancellationHours,
  bookingCutoffMinutes: settings.bookingCutoffMinutes,
})

/** Who the viewer is to this booking, or 404 (a booking one cannot see does not exist for them). */
const cancellerFor = (b: CancellationRow | undefined, viewer: Viewer): Canceller => {
  const by = b && cancellerOf({ userId: viewer.userId, role: viewer.role, ownCreatorId: b.viewer_creator_id }, { fanId: b.fan_id, creatorId: b.creator_id })
  if (!b || !by) throw notFound()
  return by
}

/** GET /api/bookings/:id/cancellation: whether the viewer may cancel now and what the fan would get back. */
export const cancellationPreview = async (payload: Payload, viewer: Viewer, bookingId: number): Promise<CancellationPreview> => {
  const b = await cancellationRow(runner(payload), bookingId, viewer.userId, false)
  const by = cancellerFor(b, viewer)
  return previewCancellation(factsOf(b!, by, await getSettings(payload), now()))
}


/**
 * POST /api/bookings/:id/cancel (SPEC §5). In one transaction: the booking is cancelled (who, when,
 * why) by a conditional update, so of two concurrent cancels exactly one wins; the offer is freed or
 * closed (see `offerAfterCancellation`); a full refund is recorded as approved; the other party is
 * told; and the `settle-cancellation` job is queued with the same transaction, to do the Stripe side
 * (refund, or cancel the PaymentIntent of a released hold). Nothing here calls Stripe.
 */
export const cancelBooking = async (payload: Payload, viewer: Viewer, bookingId: number, reason: string): Promise<CancellationResult> => {
  const settings = await getSettings(payload)
  return withTransaction(payload, async (req, run) => {
    const b = await cancellationRow(run, bookingId, viewer.userId, true)
    const by = cancellerFor(b, viewer)
    const booking = b!
    const at = now()
    const decision = decideCancellation(factsOf(booking, by, settings, at))
    if (isRefusal(decision)) throw decision

    const cancelled = await cancelBookingRow(run, { bookingId: booking.id, from: booking.status as BookingStatus, by, at, reason })
    if (!cancelled) throw new Refusal(409, 'BOOKING_NOT_CANCELLABLE', 'This booking was just cancelled.')
    await moveOfferAfterCancellation(run, booking.offer_id, decision.offer)

    let refund: CancellationResult['refund'] = null
    if (decision.refund === 'full' && decision.policy) {
      const amount = refundableOf(booking)
      const id = await approvePolicyRefund(payload, req, run, {
        paymentId: booking.payment_id!,
        bookingId: booking.id,
        fanId: booking.fan_id,
        creatorId: booking.creator_id,
        amount,
        currency: booking.currency!,
        reason: `Booking cancelled by the ${by}: ${reason}`,
        policy: decision.policy,
        requestedBy: viewer.userId,
        decisionReason: `Approved automatically under the cancellation policy (${by} cancellation).`,
        at,
        paymentIntentId: booking.payment_intent_id,
        metadata: { cancelledBy: by, userId: viewer.userId },
      })
      refund = { id, amount, currency: booking.currency!, status: 'approved', policy: decision.policy }
    }
    // A released hold still has a PaymentIntent the fan could pay: the job cancels it.
    const releaseIntent = decision.kind === 'release_hold' && booking.payment_intent_id !== null
    if (refund || releaseIntent) await queueSettlement(payload, req, { bookingId: booking.id, refundId: refund?.id ?? null })

    await tellOtherParties(payload, req, booking, by, decision.kind, reason, refund !== null)
    await logSystem(payload, {
      req,
      level: 'INFO',
      type: 'booking.cancelled',
      actor: logActorOf(viewer.role),
      actorId: viewer.userId,
      message: `Booking ${booking.id} (${booking.status}) cancelled by the ${by}; offer ${decision.offer}${refund ? `; full refund ${refund.id} approved` : ''}`,
      metadata: { bookingId: booking.id, from: booking.status, offerId: booking.offer_id, offer: decision.offer, refundId: refund?.id, policy: decision.policy },
    })
    return {
      booking: { id: booking.id, status: 'cancelled', cancellation: { by, at: at.toISOString(), reason } },
      offer: { id: booking.offer_id, status: decision.offer },
      refund,
    }
  })
}

/** Queued with the request's transaction (committed or rolled back with the cancellation). */
const queueSettlement = (payload: Payload, req: PayloadRequest, input: SettleCancellationInput) =>
  payload.jobs.queue({ task: SETTLE_CANCELLATION_TASK, input, req })

const FAN_BOOKINGS = storefrontPaths('/account')

/** booking_cancelled (SPEC §8) to whoever did not cancel; a fan releasing their own hold tells nobody. */
const tellOtherParties = async (
  payload: Payload,
  req: PayloadRequest,
  b: CancellationRow,
  by: Canceller,
  kind: 'release_hold' | 'cancel_confirmed',
  reason: string,
  refunded: boolean,
): Promise<void> => {
  const metadata = { bookingId: b.id, cancelledBy: by }
  if (by !== 'fan') {
    await notify(payload, {
      req,
      userId: b.fan_id,
      message: 'booking_cancelled.fan',
      data: { title: b.title, by, creatorName: b.creator_name, refunded, reason },
      link: FAN_BOOKINGS,
      metadata,
      emailKey: `booking-cancelled/${b.id}/fan`,
    })
  }
  // The creator was never told about a hold that did not turn into a booking.
  if (by !== 'creator' && kind === 'cancel_confirmed') {
    await notify(payload, {
      req,
      userId: b.creator_user_id,
      message: 'booking_cancelled.creator',
      data: { title: b.title, by, refunded, reason },
      link: `/admin/collections/bookings/${b.id}`,
      metadata,
      emailKey: `booking-cancelled/${b.id}/creator`,
    })
  }
}

// ---------------------------------------------------------------------------------------------
// The job side: the only place cancellation talks to Stripe.

export type SettlementOutcome = RefundOutcome | 'released' | 'paid_meanwhile'

/** The `settle-cancellation` job: pays out the approved refund (the one refund path), or cancels a released hold's PaymentIntent. */
export const settleCancellation = async (payload: Payload, input: SettleCancellationInput, attempt: { lastAttempt?: boolean } = {}): Promise<SettlementOutcome> =>
  input.refundId ? executeRefund(payload, input.refundId, attempt) : releaseHoldIntent(payload, input.bookingId)

/**
 * A released hold's PaymentIntent is cancelled so the fan cannot pay for a slot they gave up, as
 * hold expiry does. If the fan paid meanwhile, the success webhook finds the booking no longer
 * pending and refunds the payment automatically (refund-late-payment): never charged without a call.
 */
const releaseHoldIntent = async (payload: Payload, bookingId: number): Promise<SettlementOutcome> => {
  const run = runner(payload)
  const b = await bookingPaymentRow(run, bookingId)
  if (!b || b.status !== 'cancelled' || !b.payment_intent_id || !['requires_payment', 'failed', 'processing'].includes(b.payment_status)) return 'nothing'
  const intent = await stripeClient().paymentIntents.retrieve(b.payment_intent_id)
  if (intent.status === 'succeeded') return 'paid_meanwhile'
  if (intent.status === 'processing') throw new Error(`PaymentIntent ${intent.id} is processing; its outcome decides (retrying).`)
  if (intent.status !== 'canceled') await stripeClient().paymentIntents.cancel(intent.id, {}, { idempotencyKey: `cancel-booking/booking-${bookingId}` })
  await cancelPayment(run, b.payment_id)
  return 'released'
}
