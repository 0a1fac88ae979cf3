import type { Endpoint } from 'payload'
import Stripe from 'stripe'
import { z } from 'zod'

import { roleOf } from '@/access'
import type { TestCardPaymentBody } from '@/domain/apiTypes'
import { stripeClient, stripeMode } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'
import { query } from '@/lib/db'
import { logSystem } from '@/services/logs'

import { forbidden, jsonError, parseBody, unauthorized } from './http'

const Body = z.object({
  card: z
    .string()
    .trim()
    .min(1, 'a card number is required.')
    .max(32, 'a card number is at most 19 digits.')
    .transform((value) => value.replace(/[\s-]/g, '')),
})

/**
 * POST /api/bookings/:id/pay-test-card {card} — the storefront's test-card form when there are no
 * Stripe keys: makes a PaymentMethod from a test card number and confirms the booking's
 * PaymentIntent with it, exactly what Stripe.js would do in the browser. The outcome reaches the
 * booking through the webhook like any real payment. Exists only in emulator mode.
 */
export const testCardPaymentEndpoint: Endpoint = {
  path: '/:id/pay-test-card',
  method: 'post',
  handler: async (req) => {
    if (stripeMode() !== 'emulator') return jsonError(404, 'Not found.', 'NOT_FOUND')
    if (!req.user) return unauthorized()
    const id = Number(req.routeParams?.id)
    const [b] = Number.isSafeInteger(id) && id > 0
      ? await query<{ id: number; status: string; fan_id: number; creator_user_id: number; hold_expires_at: Date | null; payment_id: number | null; payment_status: string | null; intent_id: string | null }>(
          req.payload,
          `SELECT b.id, b.status, b.fan_id, c.user_id AS creator_user_id, b.hold_expires_at,
                  p.id AS payment_id, p.status AS payment_status, p.stripe_payment_intent_id AS intent_id
             FROM bookings b JOIN creators c ON c.id = b.creator_id
             LEFT JOIN LATERAL (SELECT * FROM payments WHERE booking_id = b.id ORDER BY id DESC LIMIT 1) p ON true
            WHERE b.id = $1`,
          [id],
        )
      : []
    if (!b) return jsonError(404, 'This booking does not exist.', 'NOT_FOUND')
    if (b.fan_id !== req.user.id) {
      // The creator and admins know the booking exists, but only the fan pays for it.
      if (b.creator_user_id === req.user.id || roleOf(req) === 'admin') return forbidden('Only the fan who booked can pay for this booking.')
      return jsonError(404, 'This booking does not exist.', 'NOT_FOUND')
    }
    if (b.status !== 'pending') return jsonError(409, `This booking is ${b.status}; there is nothing to pay.`, 'BOOKING_NOT_PENDING')
    if (!b.hold_expires_at || new Date(b.hold_expires_at).getTime() <= now().getTime()) {
      return jsonError(409, 'The hold on this slot has expired. Start the checkout again.', 'HOLD_EXPIRED')
    }
    if (!b.intent_id || !b.payment_id) return jsonError(409, 'This booking has no payment to confirm.', 'NO_PAYMENT')
    if (['succeeded', 'processing'].includes(b.payment_status ?? '')) return jsonError(409, 'This booking is already paid.', 'ALREADY_PAID')

    const parsed = await parseBody(req, Body)
    if (!parsed.ok) return parsed.response
    const stripe = stripeClient()
    const year = now().getUTCFullYear() + 3
    let paymentMethod: Stripe.PaymentMethod
    try {
      // No idempotency key of ours: a PaymentMethod moves no money; the SDK keys its own retries.
      paymentMethod = await stripe.paymentMethods.create({ type: 'card', card: { number: parsed.data.card, exp_month: 12, exp_year: year, cvc: '123' } })
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError && error.type === 'StripeCardError') {
        return jsonError(400, error.message, error.code ?? 'card_error', { field: 'card' })
      }
      throw error
    }
    try {
      const intent = await stripe.paymentIntents.confirm(
        b.intent_id,
        { payment_method: paymentMethod.id },
        { idempotencyKey: `test-card/payment-${b.payment_id}/${paymentMethod.id}` },
      )
      const body: TestCardPaymentBody = { status: intent.status }
      return Response.json(body)
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError && error.type === 'StripeCardError') {
        const body: TestCardPaymentBody = { status: 'requires_payment_method', error: { code: error.code ?? 'card_declined', declineCode: (error as Stripe.errors.StripeCardError).decline_code, message: error.message } }
        return Response.json(body)
      }
      if (error instanceof Stripe.errors.StripeError && error.type === 'StripeInvalidRequestError') {
        await logSystem(req.payload, { level: 'WARNING', type: 'checkout.test_card_refused', message: `Test-card payment of booking ${b.id} refused by Stripe: ${error.message}`, metadata: { bookingId: b.id, code: error.code } })
        return jsonError(409, error.message, error.code ?? 'PAYMENT_NOT_CONFIRMABLE')
      }
      throw error
    }
  },
}
