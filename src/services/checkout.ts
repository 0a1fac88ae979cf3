import type { Payload } from 'payload'
import type Stripe from 'stripe'

import { checkoutFacts, holdOffer, releaseCheckoutHold, type CheckoutFacts } from '@/db/bookings'
import { cancelPayment, setPaymentIntent } from '@/db/payments'
import { committed, runner } from '@/db/run'
import type { CheckoutBody } from '@/domain/apiTypes'
import { checkoutRefusal, holdExpiresAt } from '@/domain/checkout'
import { earliestBookableStart } from '@/domain/cutoff'
import { money, splitFee } from '@/domain/money'
import { Refusal } from '@/domain/refusal'
import { stripeClient, stripeMode } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'

import { logSystem, logTransaction } from './logs'
import { getSettings } from './settings'

export type CheckoutResult = CheckoutBody

/**
 * Holds an offer for a fan and opens its PaymentIntent (SPEC §5, §14). The hold is one conditional
 * statement (`holdOffer`) backed by the partial unique index, so of N concurrent checkouts exactly
 * one wins; the rest get 409 at once.
 */
export const checkout = async (payload: Payload, buyer: { userId: number }, offerId: number): Promise<CheckoutResult> => {
  const run = runner(payload)
  const at = now()
  const settings = await getSettings(payload)
  const offer = await checkoutFacts(run, offerId, buyer.userId, at)
  if (!offer) throw new Refusal(404, 'OFFER_NOT_FOUND', 'This offer does not exist.')
  if (offer.held_payment_intent_id) return resumeHold(offer)

  const refusal = checkoutRefusal({
    now: at,
    offer: { status: offer.status, startsAt: new Date(offer.starts_at), reservedFor: offer.reserved_for_id, creatorId: offer.creator_id },
    creator: { chargesEnabled: Boolean(offer.charges_enabled), stripeAccountId: offer.stripe_account_id },
    buyer: { userId: buyer.userId, ownCreatorId: offer.own_creator_id },
    bookingCutoffMinutes: settings.bookingCutoffMinutes,
  })
  if (refusal) throw refusal

  const expires = holdExpiresAt(at, settings.checkoutHoldMinutes)
  const split = splitFee(money(Number(offer.price), offer.currency), settings)
  const held = await holdOffer(run, {
    offerId,
    fanId: buyer.userId,
    holdExpiresAt: expires,
    earliestStart: earliestBookableStart(at, settings.bookingCutoffMinutes),
    amount: split.price.amount,
    currency: offer.currency,
    platformFee: split.platformFee.amount,
    creatorAmount: split.creatorAmount.amount,
    feeBps: settings.feeBps,
    fixedFee: settings.fixedFee,
    holdingPeriodDays: settings.holdingPeriodDays,
  })
  if (!held) throw new Refusal(409, 'OFFER_UNAVAILABLE', 'This slot was just booked by someone else.')
  // The hold committed on its own (one statement): the slot leaves guests' cached pages.
  committed()
  const booking = { id: held.bookingId }
  const payment = { id: held.paymentId }

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
    throw new Refusal(502, 'PAYMENT_PROVIDER_UNAVAILABLE', 'The payment provider is not answering. Nothing was charged and the slot is free again; please try again in a moment.')
  }
  await setPaymentIntent(run, payment.id, intent.id)
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
const resumeHold = async (offer: CheckoutFacts): Promise<CheckoutResult> => {
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
  const run = runner(payload)
  await releaseCheckoutHold(run, bookingId, offerId)
  committed()
  await cancelPayment(run, paymentId, reason.slice(0, 500))
  await logSystem(payload, {
    level: 'ERROR',
    type: 'checkout.provider_failed',
    message: `Checkout of booking ${bookingId} failed at the payment provider; hold released`,
    metadata: { bookingId, offerId, paymentId, error: reason },
  })
}
