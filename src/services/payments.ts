import type { Payload } from 'payload'
import type Stripe from 'stripe'

import { confirmBooking, dueHolds, expireBooking, releaseHeldOffer } from '@/db/bookings'
import { insertLedgerEntry } from '@/db/ledger'
import { cancelPayment, lockPaymentByIntent, markPaymentFailed, markPaymentSucceeded } from '@/db/payments'
import { runner, withTransaction } from '@/db/run'
import { earningAvailableAt } from '@/domain/ledger'
import { storefrontPaths } from '@/i18n/locale'
import { stripeClient } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'

import { logSystem, logTransaction } from './logs'
import { notify } from './notifications'
import { prepareCallRoom } from './calls'
import { approvePolicyRefund } from './refunds'

export type PaymentOutcome = 'confirmed' | 'late' | 'failed' | 'duplicate' | 'ignored'

/**
 * `payment_intent.succeeded`: in one transaction the payment succeeds, the booking is confirmed,
 * the offer booked, the creator's earning written (available the holding period after the later of
 * payment and the call's scheduled end: never before the call has happened), the fan
 * and creator told. If the booking no longer holds its offer (expired, cancelled), the payment is
 * refunded instead (job). Repeats and late arrivals change nothing.
 */
export const onPaymentSucceeded = async (payload: Payload, intent: Pick<Stripe.PaymentIntent, 'id' | 'latest_charge'>): Promise<PaymentOutcome> =>
  withTransaction(payload, async (req, run) => {
    const p = await lockPaymentByIntent(run, intent.id)
    if (!p) {
      await logSystem(payload, { req, level: 'WARNING', type: 'stripe.unknown_payment_intent', message: `payment_intent.succeeded for unknown ${intent.id}` })
      return 'ignored'
    }
    const paidAt = now()
    const charge = typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge?.id
    if (!(await markPaymentSucceeded(run, p.id, paidAt))) return 'duplicate'
    const base = { req, entityType: 'payment', entityId: p.id, amount: Number(p.amount), currency: p.currency, providerIds: { paymentIntent: intent.id, charge } }

    if (p.booking_status !== 'pending') {
      await logTransaction(payload, { ...base, type: 'payment.succeeded_late', status: 'succeeded', metadata: { bookingId: p.booking_id, bookingStatus: p.booking_status } })
      // No payer is charged without a call: a full refund, approved by policy, paid out by the job.
      await approvePolicyRefund(payload, req, run, {
        paymentId: p.id,
        bookingId: p.booking_id,
        fanId: p.fan_id,
        creatorId: p.creator_id,
        amount: Number(p.amount),
        currency: p.currency,
        reason: 'Payment arrived after the slot was released; refunded automatically.',
        policy: 'late_payment',
        requestedBy: null,
        decisionReason: 'Approved automatically: no payer is charged without a call.',
        at: paidAt,
        paymentIntentId: intent.id,
        metadata: { bookingStatus: p.booking_status },
      })
      await payload.jobs.queue({ task: 'refund-late-payment', input: { paymentId: p.id }, req })
      return 'late'
    }
    await confirmBooking(run, p.booking_id, p.offer_id)
    // The video room (SPEC §6): p2p is ready at once; a Daily room's job commits with the confirmation.
    await prepareCallRoom(payload, req, run, p.booking_id)
    const availableAt = earningAvailableAt(paidAt, p.call_ends_at ? new Date(p.call_ends_at) : null, Number(p.holding))
    await insertLedgerEntry(run, {
      creatorId: p.creator_id,
      currency: p.currency,
      type: 'earning',
      amount: p.creator_amount,
      availableAt,
      sourceType: 'payment',
      sourceRef: String(p.id),
      memo: `Booking ${p.booking_id}: ${p.title}`,
    })
    await logTransaction(payload, { ...base, type: 'payment.succeeded', status: 'succeeded', metadata: { bookingId: p.booking_id, creatorAmount: Number(p.creator_amount), availableAt } })
    await notify(payload, {
      req,
      userId: p.fan_id,
      message: 'booking_confirmed.fan',
      data: { title: p.title },
      link: storefrontPaths('/account'),
      metadata: { bookingId: p.booking_id, ics: `/api/bookings/${p.booking_id}/ics` },
      emailKey: `booking-confirmed/${p.booking_id}/fan`,
    })
    await notify(payload, {
      req,
      userId: p.creator_user_id,
      message: 'booking_confirmed.creator',
      data: { title: p.title },
      link: `/admin/collections/bookings/${p.booking_id}`,
      metadata: { bookingId: p.booking_id },
      emailKey: `booking-confirmed/${p.booking_id}/creator`,
    })
    return 'confirmed'
  })

/** `payment_intent.payment_failed`: the payment is marked failed and the fan told; the hold stays for a retry. */
export const onPaymentFailed = async (payload: Payload, intent: Pick<Stripe.PaymentIntent, 'id' | 'last_payment_error'>): Promise<PaymentOutcome> =>
  withTransaction(payload, async (req, run) => {
    const p = await lockPaymentByIntent(run, intent.id)
    if (!p) return 'ignored'
    const reason = intent.last_payment_error?.message ?? 'The card was declined.'
    // Out of order after a success (or after expiry) the transition is not allowed: the success wins.
    if (!(await markPaymentFailed(run, p.id, reason.slice(0, 500)))) return 'duplicate'
    await logTransaction(payload, { req, type: 'payment.failed', entityType: 'payment', entityId: p.id, amount: Number(p.amount), currency: p.currency, status: 'failed', providerIds: { paymentIntent: intent.id }, metadata: { code: intent.last_payment_error?.code } })
    await notify(payload, { req, userId: p.fan_id, message: 'system.payment_failed', data: { reason }, metadata: { bookingId: p.booking_id } })
    return 'failed'
  })

/** Expires holds past their time: cancels the PaymentIntent, frees the offer, tells the fan. */
export const expireHolds = async (payload: Payload, limit = 200): Promise<{ due: number; expired: number; paidMeanwhile: number; failed: number }> => {
  const due = await dueHolds(runner(payload), now(), limit)
  const counts = { due: due.length, expired: 0, paidMeanwhile: 0, failed: 0 }
  for (const b of due) {
    try {
      if (b.pi) {
        const intent = await stripeClient().paymentIntents.retrieve(b.pi)
        // Paid after all: the webhook confirms it; do not take the slot away.
        if (intent.status === 'succeeded' || intent.status === 'processing') {
          counts.paidMeanwhile++
          continue
        }
        if (intent.status !== 'canceled') await stripeClient().paymentIntents.cancel(b.pi, {}, { idempotencyKey: `expire-hold/booking-${b.id}` })
      }
      const done = await withTransaction(payload, async (req, run) => {
        if (!(await expireBooking(run, b.id))) return false
        await releaseHeldOffer(run, b.offer_id)
        if (b.payment_id) await cancelPayment(run, b.payment_id)
        await notify(payload, { req, userId: b.fan_id, message: 'system.hold_expired', data: { title: b.title }, metadata: { bookingId: b.id } })
        return true
      })
      if (done) counts.expired++
    } catch (error) {
      counts.failed++
      await logSystem(payload, { level: 'ERROR', type: 'booking.expire_failed', message: `Could not expire the hold of booking ${b.id}`, metadata: { bookingId: b.id, error: error instanceof Error ? error.message : String(error) } })
    }
  }
  return counts
}
