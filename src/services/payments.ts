import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import type Stripe from 'stripe'

import { BOOKING_TRANSITIONS, OFFER_TRANSITIONS, PAYMENT_TRANSITIONS } from '@/domain/transitions'
import { stripeClient } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'
import { canMoveTo } from '@/lib/sqlStatus'
import { withTransaction } from '@/lib/transaction'

import { logSystem, logTransaction } from './logs'
import { notify } from './notifications'

type PaymentRow = {
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
}

const lockPayment = (intentId: string) => sql`
  SELECT p.id, p.status, p.amount, p.currency, p.creator_amount, p.fee_snapshot_holding_period_days AS holding,
         p.fan_id, p.creator_id, c.user_id AS creator_user_id, p.booking_id, b.status AS booking_status, b.offer_id, o.title,
         p.stripe_payment_intent_id
    FROM payments p
    JOIN bookings b ON b.id = p.booking_id
    JOIN offers o ON o.id = b.offer_id
    JOIN creators c ON c.id = p.creator_id
   WHERE p.stripe_payment_intent_id = ${intentId}
   FOR UPDATE OF p, b`

export type PaymentOutcome = 'confirmed' | 'late' | 'failed' | 'duplicate' | 'ignored'

/**
 * `payment_intent.succeeded`: in one transaction the payment succeeds, the booking is confirmed,
 * the offer booked, the creator's earning written (available after the holding period), the fan
 * and creator told. If the booking no longer holds its offer (expired, cancelled), the payment is
 * refunded instead (job). Repeats and late arrivals change nothing.
 */
export const onPaymentSucceeded = async (payload: Payload, intent: Pick<Stripe.PaymentIntent, 'id' | 'latest_charge'>): Promise<PaymentOutcome> =>
  withTransaction(payload, async (req, run) => {
    const [p] = await run<PaymentRow>(lockPayment(intent.id))
    if (!p) {
      await logSystem(payload, { req, level: 'WARNING', type: 'stripe.unknown_payment_intent', message: `payment_intent.succeeded for unknown ${intent.id}` })
      return 'ignored'
    }
    const paidAt = now()
    const charge = typeof intent.latest_charge === 'string' ? intent.latest_charge : intent.latest_charge?.id
    const moved = await run(sql`UPDATE payments SET status = 'succeeded', paid_at = ${paidAt.toISOString()}, failure_reason = NULL, updated_at = now()
      WHERE id = ${p.id} AND ${canMoveTo(PAYMENT_TRANSITIONS, 'succeeded')} RETURNING id`)
    if (!moved.length) return 'duplicate'
    const base = { req, entityType: 'payment', entityId: p.id, amount: Number(p.amount), currency: p.currency, providerIds: { paymentIntent: intent.id, charge } }

    if (p.booking_status !== 'pending') {
      await logTransaction(payload, { ...base, type: 'payment.succeeded_late', status: 'succeeded', metadata: { bookingId: p.booking_id, bookingStatus: p.booking_status } })
      await payload.jobs.queue({ task: 'refund-late-payment', input: { paymentId: p.id }, req })
      return 'late'
    }
    await run(sql`UPDATE bookings SET status = 'confirmed', updated_at = now() WHERE id = ${p.booking_id} AND ${canMoveTo(BOOKING_TRANSITIONS, 'confirmed')}`)
    await run(sql`UPDATE offers SET status = 'booked', updated_at = now() WHERE id = ${p.offer_id} AND ${canMoveTo(OFFER_TRANSITIONS, 'booked')}`)
    const availableAt = new Date(paidAt.getTime() + Number(p.holding) * 86_400_000)
    await run(sql`
      INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, source_ref, memo, updated_at, created_at)
      VALUES (${p.creator_id}, ${p.currency}::enum_ledger_entries_currency, 'earning', ${p.creator_amount}, ${availableAt.toISOString()},
              'payment', ${String(p.id)}, ${`Booking ${p.booking_id}: ${p.title}`}, now(), now())
      ON CONFLICT DO NOTHING`)
    await logTransaction(payload, { ...base, type: 'payment.succeeded', status: 'succeeded', metadata: { bookingId: p.booking_id, creatorAmount: Number(p.creator_amount), availableAt } })
    await notify(payload, {
      req,
      userId: p.fan_id,
      type: 'booking_confirmed',
      text: {
        en: { title: 'Your call is booked', body: `“${p.title}” is confirmed. Add it to your calendar from your bookings.` },
        fr: { title: 'Votre appel est réservé', body: `« ${p.title} » est confirmé. Ajoutez-le à votre agenda depuis vos réservations.` },
      },
      link: { en: '/en/account', fr: '/fr/account' },
      metadata: { bookingId: p.booking_id, ics: `/api/bookings/${p.booking_id}/ics` },
      emailKey: `booking-confirmed/${p.booking_id}/fan`,
    })
    await notify(payload, {
      req,
      userId: p.creator_user_id,
      type: 'booking_confirmed',
      text: {
        en: { title: 'New booking', body: `A fan booked “${p.title}”.` },
        fr: { title: 'Nouvelle réservation', body: `Un fan a réservé « ${p.title} ».` },
      },
      link: `/admin/collections/bookings/${p.booking_id}`,
      metadata: { bookingId: p.booking_id },
      emailKey: `booking-confirmed/${p.booking_id}/creator`,
    })
    return 'confirmed'
  })

/** `payment_intent.payment_failed`: the payment is marked failed and the fan told; the hold stays for a retry. */
export const onPaymentFailed = async (payload: Payload, intent: Pick<Stripe.PaymentIntent, 'id' | 'last_payment_error'>): Promise<PaymentOutcome> =>
  withTransaction(payload, async (req, run) => {
    const [p] = await run<PaymentRow>(lockPayment(intent.id))
    if (!p) return 'ignored'
    const reason = intent.last_payment_error?.message ?? 'The card was declined.'
    // Out of order after a success (or after expiry) the transition is not allowed: the success wins.
    const moved = await run(sql`UPDATE payments SET status = 'failed', failure_reason = ${reason.slice(0, 500)}, updated_at = now()
      WHERE id = ${p.id} AND ${canMoveTo(PAYMENT_TRANSITIONS, 'failed')} RETURNING id`)
    if (!moved.length) return 'duplicate'
    await logTransaction(payload, { req, type: 'payment.failed', entityType: 'payment', entityId: p.id, amount: Number(p.amount), currency: p.currency, status: 'failed', providerIds: { paymentIntent: intent.id }, metadata: { code: intent.last_payment_error?.code } })
    await notify(payload, {
      req,
      userId: p.fan_id,
      type: 'system',
      text: {
        en: { title: 'Payment did not go through', body: `${reason} You can try again while the slot is held for you.` },
        fr: { title: 'Le paiement n’a pas abouti', body: `${reason} Vous pouvez réessayer tant que le créneau vous est réservé.` },
      },
      metadata: { bookingId: p.booking_id },
    })
    return 'failed'
  })

/** Refunds a payment that arrived after its booking stopped holding the offer: no payer is charged without a call. */
export const refundLatePayment = async (payload: Payload, paymentId: number): Promise<'refunded' | 'skipped'> => {
  const payment = await payload.findByID({ collection: 'payments', id: paymentId, depth: 0, disableErrors: true })
  if (!payment?.stripePaymentIntentId || payment.status !== 'succeeded') return 'skipped'
  const refund = await stripeClient().refunds.create(
    { payment_intent: payment.stripePaymentIntentId, reverse_transfer: true, refund_application_fee: true, metadata: { paymentId: String(paymentId), reason: 'late_payment' } },
    { idempotencyKey: `late-refund/payment-${paymentId}` },
  )
  return withTransaction(payload, async (req, run) => {
    const updated = await run(sql`UPDATE payments SET status = 'refunded', refunded_amount = amount, updated_at = now() WHERE id = ${paymentId} AND ${canMoveTo(PAYMENT_TRANSITIONS, 'refunded')} RETURNING id`)
    if (!updated.length) return 'skipped'
    const bookingId = typeof payment.booking === 'object' ? payment.booking.id : payment.booking
    const fanId = typeof payment.fan === 'object' ? payment.fan.id : payment.fan
    await payload.create({
      collection: 'refunds',
      data: {
        payment: paymentId,
        booking: bookingId,
        fan: fanId,
        creator: typeof payment.creator === 'object' ? payment.creator.id : payment.creator,
        amount: payment.amount,
        currency: payment.currency,
        reason: 'Payment arrived after the slot was released; refunded automatically.',
        status: 'succeeded',
        policy: 'late_payment',
        stripeRefundId: refund.id,
        decidedAt: now().toISOString(),
      },
      req,
      depth: 0,
    })
    await logTransaction(payload, { req, type: 'refund.succeeded', entityType: 'payment', entityId: paymentId, amount: payment.amount, currency: payment.currency, status: 'refunded', providerIds: { paymentIntent: payment.stripePaymentIntentId!, refund: refund.id }, metadata: { policy: 'late_payment', bookingId } })
    await notify(payload, {
      req,
      userId: fanId,
      type: 'refund_approved',
      text: {
        en: { title: 'You have been refunded', body: 'Your payment arrived after the slot was released, so we refunded it in full. Nothing is charged.' },
        fr: { title: 'Vous avez été remboursé', body: 'Votre paiement est arrivé après la libération du créneau : il est intégralement remboursé.' },
      },
      metadata: { paymentId, bookingId },
      emailKey: `late-refund/${paymentId}`,
    })
    return 'refunded'
  })
}

/** Expires holds past their time: cancels the PaymentIntent, frees the offer, tells the fan. */
export const expireHolds = async (payload: Payload, limit = 200): Promise<{ due: number; expired: number; paidMeanwhile: number; failed: number }> => {
  const due = await withTransaction(payload, async (_req, run) =>
    run<{ id: number; offer_id: number; fan_id: number; payment_id: number | null; pi: string | null; title: string }>(sql`
      SELECT b.id, b.offer_id, b.fan_id, p.id AS payment_id, p.stripe_payment_intent_id AS pi, o.title
        FROM bookings b JOIN offers o ON o.id = b.offer_id LEFT JOIN payments p ON p.booking_id = b.id
       WHERE b.status = 'pending' AND b.hold_expires_at < ${now().toISOString()}
       ORDER BY b.hold_expires_at LIMIT ${limit}`),
  )
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
        const rows = await run(sql`UPDATE bookings SET status = 'expired', updated_at = now() WHERE id = ${b.id} AND ${canMoveTo(BOOKING_TRANSITIONS, 'expired')} RETURNING id`)
        if (!rows.length) return false
        await run(sql`UPDATE offers SET status = 'available', updated_at = now() WHERE id = ${b.offer_id} AND status = 'held'`)
        if (b.payment_id) await run(sql`UPDATE payments SET status = 'canceled', updated_at = now() WHERE id = ${b.payment_id} AND ${canMoveTo(PAYMENT_TRANSITIONS, 'canceled')}`)
        await notify(payload, {
          req,
          userId: b.fan_id,
          type: 'system',
          text: {
            en: { title: 'Your hold has expired', body: `The slot “${b.title}” was released because the payment was not completed in time. Nothing was charged.` },
            fr: { title: 'Votre réservation a expiré', body: `Le créneau « ${b.title} » a été libéré faute de paiement à temps. Rien n’a été débité.` },
          },
          metadata: { bookingId: b.id },
        })
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
