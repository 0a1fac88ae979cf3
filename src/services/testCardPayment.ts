import type { Payload } from 'payload'
import Stripe from 'stripe'

import { bookingToPay } from '@/db/bookings'
import { runner } from '@/db/run'
import type { TestCardPaymentBody } from '@/domain/apiTypes'
import { providerCode, Refusal } from '@/domain/refusal'
import type { Role } from '@/domain/roles'
import { stripeClient } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'

import { logSystem } from './logs'
import { checkoutPaymentMode } from './paymentMode'

/** A held booking its fan may pay now, with the PaymentIntent to confirm. */
export type PayableBooking = { id: number; paymentId: number; intentId: string }

/** The test-card form exists only against the Stripe emulator (no Stripe keys). */
export const testCardPaymentsEnabled = (): boolean => checkoutPaymentMode().mode === 'test-card'

const notFound = () => new Refusal(404, 'NOT_FOUND', 'This booking does not exist.')

/**
 * Whether `payer` may pay booking `bookingId` now: their own booking (the creator and admins know it
 * exists but get 403; anyone else 404), still pending, its hold alive, a PaymentIntent not paid yet.
 */
export const payableBooking = async (payload: Payload, payer: { userId: number; role: Role | null }, bookingId: number | null): Promise<PayableBooking> => {
  const b = bookingId === null ? undefined : await bookingToPay(runner(payload), bookingId)
  if (!b) throw notFound()
  if (b.fan_id !== payer.userId) {
    // The creator and admins know the booking exists, but only the fan pays for it.
    if (b.creator_user_id === payer.userId || payer.role === 'admin') throw new Refusal(403, 'FORBIDDEN', 'Only the fan who booked can pay for this booking.')
    throw notFound()
  }
  if (b.status !== 'pending') throw new Refusal(409, 'BOOKING_NOT_PENDING', `This booking is ${b.status}; there is nothing to pay.`)
  if (!b.hold_expires_at || new Date(b.hold_expires_at).getTime() <= now().getTime()) {
    throw new Refusal(409, 'HOLD_EXPIRED', 'The hold on this slot has expired. Start the checkout again.')
  }
  if (!b.intent_id || !b.payment_id) throw new Refusal(409, 'NO_PAYMENT', 'This booking has no payment to confirm.')
  if (['succeeded', 'processing'].includes(b.payment_status ?? '')) throw new Refusal(409, 'ALREADY_PAID', 'This booking is already paid.')
  return { id: b.id, paymentId: b.payment_id, intentId: b.intent_id }
}

const isStripeError = (error: unknown, type: string): error is Stripe.errors.StripeError =>
  error instanceof Stripe.errors.StripeError && error.type === type

/**
 * Pays a held booking with a Stripe test card number, as Stripe.js would in the browser: a
 * PaymentMethod from the number, then the booking's PaymentIntent confirmed with it. The outcome
 * reaches the booking through the webhook like any real payment; a decline is answered as the
 * PaymentIntent's state with Stripe's card error, not as a refusal.
 */
export const payWithTestCard = async (payload: Payload, booking: PayableBooking, card: string): Promise<TestCardPaymentBody> => {
  const stripe = stripeClient()
  const year = now().getUTCFullYear() + 3
  let paymentMethod: Stripe.PaymentMethod
  try {
    // No idempotency key of ours: a PaymentMethod moves no money; the SDK keys its own retries.
    paymentMethod = await stripe.paymentMethods.create({ type: 'card', card: { number: card, exp_month: 12, exp_year: year, cvc: '123' } })
  } catch (error) {
    if (isStripeError(error, 'StripeCardError')) throw new Refusal(400, providerCode(error.code ?? 'card_error'), error.message, 'card')
    throw error
  }
  try {
    const intent = await stripe.paymentIntents.confirm(
      booking.intentId,
      { payment_method: paymentMethod.id },
      { idempotencyKey: `test-card/payment-${booking.paymentId}/${paymentMethod.id}` },
    )
    return { status: intent.status }
  } catch (error) {
    if (isStripeError(error, 'StripeCardError')) {
      return { status: 'requires_payment_method', error: { code: error.code ?? 'card_declined', declineCode: (error as Stripe.errors.StripeCardError).decline_code, message: error.message } }
    }
    if (isStripeError(error, 'StripeInvalidRequestError')) {
      await logSystem(payload, { level: 'WARNING', type: 'checkout.test_card_refused', message: `Test-card payment of booking ${booking.id} refused by Stripe: ${error.message}`, metadata: { bookingId: booking.id, code: error.code } })
      throw new Refusal(409, error.code ? providerCode(error.code) : 'PAYMENT_NOT_CONFIRMABLE', error.message)
    }
    throw error
  }
}
