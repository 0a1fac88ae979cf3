import type { Payload } from 'payload'
import type Stripe from 'stripe'

import { checkoutRefusal, holdExpiresAt } from '@/domain/checkout'
import { money, splitFee } from '@/domain/money'
import { stripeClient, stripeMode } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'
import { query } from '@/lib/db'

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
}

/**
 * Holds an offer for a fan and opens its PaymentIntent (SPEC §5, §14). The hold is one conditional
 * statement (`UPDATE offers … WHERE status = 'available'` feeding the booking insert) backed by the
 * partial unique index, so of N concurrent checkouts exactly one wins; the rest get 409 at once.
 */
export const checkout = async (payload: Payload, buyer: { userId: number }, offerId: number): Promise<CheckoutResult> => {
  const at = now()
  const settings = await getSettings(payload)
  const [offer] = await query<OfferFacts>(
    payload,
    `SELECT o.id, o.status, o.starts_at, o.reserved_for_id, o.creator_id, o.price, o.currency,
            c.charges_enabled, c.stripe_account_id,
            (SELECT id FROM creators WHERE user_id = $2) AS own_creator_id
       FROM offers o JOIN creators c ON c.id = o.creator_id
      WHERE o.id = $1`,
    [offerId, buyer.userId],
  )
  if (!offer) {
    throw new CheckoutError(404, 'OFFER_NOT_FOUND', 'This offer does not exist.')
  }

  const resumed = await resumeHold(payload, buyer.userId, offerId, at)
  if (resumed) return resumed

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
  // No ON CONFLICT: if the insert loses to the unique index, the whole statement (the offer update
  // included) rolls back, so an offer is never left held without its booking.
  const [booking] = await query<{ id: number }>(
    payload,
    `WITH held AS (
       UPDATE offers SET status = 'held', updated_at = now()
        WHERE id = $1 AND status = 'available' AND starts_at >= $4
          AND (reserved_for_id IS NULL OR reserved_for_id = $2)
        RETURNING id, creator_id, starts_at, ends_at
     )
     INSERT INTO bookings (offer_id, fan_id, creator_id, status, starts_at, ends_at, hold_expires_at, updated_at, created_at)
     SELECT id, $2, creator_id, 'pending', starts_at, ends_at, $3, now(), now() FROM held
     RETURNING id`,
    [offerId, buyer.userId, expires.toISOString(), cutoff.toISOString()],
  ).catch((error: { code?: string }) => {
    if (error.code === '23505') return []
    throw error
  })
  if (!booking) throw new CheckoutError(409, 'OFFER_UNAVAILABLE', 'This slot was just booked by someone else.')

  const split = splitFee(money(Number(offer.price), offer.currency), settings)
  const [payment] = await query<{ id: number }>(
    payload,
    `INSERT INTO payments (booking_id, fan_id, creator_id, amount, currency, platform_fee, creator_amount,
                           fee_snapshot_fee_bps, fee_snapshot_fixed_fee, fee_snapshot_holding_period_days, status, updated_at, created_at)
     VALUES ($1, $2, $3, $4, $5::enum_payments_currency, $6, $7, $8, $9, $10, 'requires_payment', now(), now())
     RETURNING id`,
    [booking.id, buyer.userId, offer.creator_id, split.price.amount, offer.currency, split.platformFee.amount, split.creatorAmount.amount,
      settings.feeBps, settings.fixedFee, settings.holdingPeriodDays],
  )

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
const resumeHold = async (payload: Payload, fanId: number, offerId: number, at: Date): Promise<CheckoutResult | null> => {
  const [row] = await query<{
    booking_id: number
    hold_expires_at: Date
    payment_id: number | null
    stripe_payment_intent_id: string | null
    amount: string
    currency: string
    platform_fee: string
    creator_amount: string
  }>(
    payload,
    `SELECT b.id AS booking_id, b.hold_expires_at, p.id AS payment_id, p.stripe_payment_intent_id, p.amount, p.currency, p.platform_fee, p.creator_amount
       FROM bookings b LEFT JOIN payments p ON p.booking_id = b.id
      WHERE b.offer_id = $1 AND b.fan_id = $2 AND b.status = 'pending' AND b.hold_expires_at > $3
      LIMIT 1`,
    [offerId, fanId, at.toISOString()],
  )
  if (!row?.stripe_payment_intent_id || !row.payment_id) return null
  const intent = await stripeClient().paymentIntents.retrieve(row.stripe_payment_intent_id)
  return {
    booking: { id: row.booking_id, offer: offerId, status: 'pending', holdExpiresAt: new Date(row.hold_expires_at).toISOString() },
    payment: {
      id: row.payment_id,
      clientSecret: intent.client_secret!,
      mode: stripeMode(),
      amount: Number(row.amount),
      currency: row.currency,
      platformFee: Number(row.platform_fee),
      creatorAmount: Number(row.creator_amount),
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
  await query(payload, `UPDATE payments SET status = 'canceled', failure_reason = $2, updated_at = now() WHERE id = $1`, [paymentId, reason.slice(0, 500)])
  await logSystem(payload, {
    level: 'ERROR',
    type: 'checkout.provider_failed',
    message: `Checkout of booking ${bookingId} failed at the payment provider; hold released`,
    metadata: { bookingId, offerId, paymentId, error: reason },
  })
}
