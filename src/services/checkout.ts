import type { Payload } from 'payload'
import type Stripe from 'stripe'

import { checkoutRefusal, holdExpiresAt } from '@/domain/checkout'
import { money, splitFee } from '@/domain/money'
import { stripeClient, stripeMode } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'
import { query } from '@/lib/db'
import { bumpPageGeneration } from '@/lib/pageCache'

import { logSystem, logTransaction } from './logs'
import { getSettings } from './settings'

export class CheckoutError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'CheckoutError'
  }
}

export type CheckoutResult = {
  booking: { id: number; offer: number; status: 'pending'; holdExpiresAt: string }
  payment: {
    id: number
    clientSecret: string
    mode: ReturnType<typeof stripeMode>
    amount: number
    currency: string
    platformFee: number
    creatorAmount: number
  }
  /** True when an earlier checkout of the same fan and offer is still holding it. */
  resumed: boolean
}

type OfferFacts = {
  id: number
  status: string
  starts_at: Date
  reserved_for_id: number | null
  creator_id: number
  price: string
  currency: string
  charges_enabled: boolean | null
  stripe_account_id: string | null
  own_creator_id: number | null
  /** The buyer's live hold on this offer, when they already started a checkout. */
  held_booking_id: number | null
  held_until: Date | null
  held_payment_id: number | null
  held_payment_intent_id: string | null
  held_amount: string | null
  held_platform_fee: string | null
  held_creator_amount: string | null
}

/**
 * Holds an offer for a fan and opens its PaymentIntent (SPEC §5, §14). The hold is one conditional
 * statement (`UPDATE offers … WHERE status = 'available'` feeding the booking insert) backed by the
 * partial unique index, so of N concurrent checkouts exactly one wins; the rest get 409 at once.
 */
export const checkout = async (payload: Payload, buyer: { userId: number }, offerId: number): Promise<CheckoutResult> => {
  const at = now()
  const settings = await getSettings(payload)
  // The offer, the buyer's own creator id and the buyer's live hold on it (if any), in one round trip.
  const [offer] = await query<OfferFacts>(
    payload,
    `SELECT o.id, o.status, o.starts_at, o.reserved_for_id, o.creator_id, o.price, o.currency,
            c.charges_enabled, c.stripe_account_id,
            (SELECT id FROM creators WHERE user_id = $2) AS own_creator_id,
            h.booking_id AS held_booking_id, h.hold_expires_at AS held_until, h.payment_id AS held_payment_id,
            h.stripe_payment_intent_id AS held_payment_intent_id, h.amount AS held_amount, h.platform_fee AS held_platform_fee,
            h.creator_amount AS held_creator_amount
       FROM offers o JOIN creators c ON c.id = o.creator_id
       LEFT JOIN LATERAL (
         SELECT b.id AS booking_id, b.hold_expires_at, p.id AS payment_id, p.stripe_payment_intent_id, p.amount, p.platform_fee, p.creator_amount
           FROM bookings b JOIN payments p ON p.booking_id = b.id
          WHERE b.offer_id = o.id AND b.fan_id = $2 AND b.status = 'pending' AND b.hold_expires_at > $3
          LIMIT 1
       ) h ON true
      WHERE o.id = $1`,
    [offerId, buyer.userId, at.toISOString()],
  )
  if (!offer) {
    throw new CheckoutError(404, 'OFFER_NOT_FOUND', 'This offer does not exist.')
  }
  if (offer.held_payment_intent_id) return resumeHold(offer)

  const refusal = checkoutRefusal({
    now: at,
    offer: { status: offer.status, startsAt: new Date(offer.starts_at), reservedFor: offer.reserved_for_id, creatorId: offer.creator_id },
    creator: { chargesEnabled: Boolean(offer.charges_enabled), stripeAccountId: offer.stripe_account_id },
    buyer: { userId: buyer.userId, ownCreatorId: offer.own_creator_id },
    bookingCutoffMinutes: settings.bookingCutoffMinutes,
  })
  if (refusal) throw new CheckoutError(refusal.status, refusal.code, refusal.message)

  const expires = holdExpiresAt(at, settings.checkoutHoldMinutes)
  const cutoff = new Date(at.getTime() + settings.bookingCutoffMinutes * 60_000)
  const split = splitFee(money(Number(offer.price), offer.currency), settings)
  // One statement holds the offer, inserts the booking and its payment. No ON CONFLICT: if the
  // booking loses to the unique index, the whole statement (the offer update included) rolls back,
  // so an offer is never left held without its booking.
  const [held] = await query<{ booking_id: number; payment_id: number }>(
    payload,
    `WITH held AS (
       UPDATE offers SET status = 'held', updated_at = now()
        WHERE id = $1 AND status = 'available' AND starts_at >= $4
          AND (reserved_for_id IS NULL OR reserved_for_id = $2)
        RETURNING id, creator_id, starts_at, ends_at
     ), booking AS (
       INSERT INTO bookings (offer_id, fan_id, creator_id, status, starts_at, ends_at, hold_expires_at, updated_at, created_at)
       SELECT id, $2, creator_id, 'pending', starts_at, ends_at, $3, now(), now() FROM held
       RETURNING id, creator_id
     )
     INSERT INTO payments (booking_id, fan_id, creator_id, amount, currency, platform_fee, creator_amount,
                           fee_snapshot_fee_bps, fee_snapshot_fixed_fee, fee_snapshot_holding_period_days, status, updated_at, created_at)
     SELECT id, $2, creator_id, $5, $6::enum_payments_currency, $7, $8, $9, $10, $11, 'requires_payment', now(), now() FROM booking
     RETURNING booking_id, id AS payment_id`,
    [offerId, buyer.userId, expires.toISOString(), cutoff.toISOString(), split.price.amount, offer.currency, split.platformFee.amount,
      split.creatorAmount.amount, settings.feeBps, settings.fixedFee, settings.holdingPeriodDays],
  ).catch((error: { code?: string }) => {
    if (error.code === '23505') return []
    throw error
  })
  if (!held) throw new CheckoutError(409, 'OFFER_UNAVAILABLE', 'This slot was just booked by someone else.')
  // The slot leaves the storefront's lists: guests' cached pages are redrawn.
  bumpPageGeneration()
  const booking = { id: held.booking_id }
  const payment = { id: held.payment_id }

  let intent: Stripe.PaymentIntent
  try {
    intent = await stripeClient().paymentIntents.create(
      {
        amount: split.price.amount,
        currency: offer.currency.toLowerCase(),
        application_fee_amount: split.platformFee.amount,
        transfer_data: { destination: offer.stripe_account_id! },
        // Cards and wallets only: a call is booked in one step, without redirecting the fan away.
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        metadata: {
          bookingId: String(booking.id),
          paymentId: String(payment.id),
          offerId: String(offerId),
          creatorId: String(offer.creator_id),
          fanId: String(buyer.userId),
        },
      },
      { idempotencyKey: `checkout/payment-${payment.id}` },
    )
  } catch (error) {
    await releaseHold(payload, booking.id, offerId, payment.id, error)
    throw new CheckoutError(502, 'PAYMENT_PROVIDER_UNAVAILABLE', 'The payment provider is not answering. Nothing was charged and the slot is free again; please try again in a moment.')
  }
  await query(payload, `UPDATE payments SET stripe_payment_intent_id = $2, updated_at = now() WHERE id = $1`, [payment.id, intent.id])
  await logTransaction(payload, {
    type: 'payment.created',
    entityType: 'payment',
    entityId: payment.id,
    amount: split.price.amount,
    currency: offer.currency,
    status: 'requires_payment',
    providerIds: { paymentIntent: intent.id, account: offer.stripe_account_id ?? undefined },
    metadata: { bookingId: booking.id, offerId, fanId: buyer.userId, platformFee: split.platformFee.amount, creatorAmount: split.creatorAmount.amount, feeBps: settings.feeBps },
  })
  return {
    booking: { id: booking.id, offer: offerId, status: 'pending', holdExpiresAt: expires.toISOString() },
    payment: {
      id: payment.id,
      clientSecret: intent.client_secret!,
      mode: stripeMode(),
      amount: split.price.amount,
      currency: offer.currency,
      platformFee: split.platformFee.amount,
      creatorAmount: split.creatorAmount.amount,
    },
    resumed: false,
  }
}

/** The same fan checking out the same offer again while their hold lives gets the same booking and secret. */
const resumeHold = async (offer: OfferFacts): Promise<CheckoutResult> => {
  const intent = await stripeClient().paymentIntents.retrieve(offer.held_payment_intent_id!)
  return {
    booking: { id: offer.held_booking_id!, offer: offer.id, status: 'pending', holdExpiresAt: new Date(offer.held_until!).toISOString() },
    payment: {
      id: offer.held_payment_id!,
      clientSecret: intent.client_secret!,
      mode: stripeMode(),
      amount: Number(offer.held_amount),
      currency: offer.currency,
      platformFee: Number(offer.held_platform_fee),
      creatorAmount: Number(offer.held_creator_amount),
    },
    resumed: true,
  }
}

/** A checkout that could not open its PaymentIntent gives the slot back at once (never a dead hold). */
const releaseHold = async (payload: Payload, bookingId: number, offerId: number, paymentId: number, cause: unknown): Promise<void> => {
  const reason = cause instanceof Error ? cause.message : String(cause)
  await query(
    payload,
    `UPDATE bookings SET status = 'cancelled', cancellation_by = 'system', cancellation_at = now(),
            cancellation_reason = 'Payment provider unavailable', updated_at = now()
      WHERE id = $1 AND status = 'pending'`,
    [bookingId],
  )
  await query(payload, `UPDATE offers SET status = 'available', updated_at = now() WHERE id = $1 AND status = 'held'`, [offerId])
  bumpPageGeneration()
  await query(payload, `UPDATE payments SET status = 'canceled', failure_reason = $2, updated_at = now() WHERE id = $1`, [paymentId, reason.slice(0, 500)])
  await logSystem(payload, {
    level: 'ERROR',
    type: 'checkout.provider_failed',
    message: `Checkout of booking ${bookingId} failed at the payment provider; hold released`,
    metadata: { bookingId, offerId, paymentId, error: reason },
  })
}
