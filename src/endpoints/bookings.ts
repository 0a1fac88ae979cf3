/** /api/bookings/… — checkout, the booking's status, paying it with a test card, its calendar file, cancelling it. */
import { z } from 'zod'

import { bookingCalendar, bookingStatus } from '@/services/bookings'
import { cancelBooking, cancellationPreview } from '@/services/cancellations'
import { checkout } from '@/services/checkout'
import { payableBooking, payWithTestCard, testCardPaymentsEnabled } from '@/services/testCardPayment'
import { Refusal } from '@/domain/refusal'

import { defineEndpoint, idOf, NO_STORE, readBody, Reply } from './define'

const BOOKING_NOT_FOUND = { notFound: 'This booking does not exist.' }
// The type arguments say "signed in, <body>, with a route id": `id` alone does not let TypeScript infer the last one.

const CheckoutRequest = z.object({ offerId: z.coerce.number().int('offerId must be an offer id.').positive('offerId must be an offer id.') })

/** POST /api/bookings/checkout {offerId} — fans and creators hold a slot and get a PaymentIntent (201; 200 when resuming their hold). */
export const checkoutEndpoint = defineEndpoint({
  path: '/checkout',
  method: 'post',
  roles: ['fan', 'creator'],
  forbidden: 'Only fans and creators can book calls.',
  body: CheckoutRequest,
  handler: async ({ req, caller, body }) => {
    const result = await checkout(req.payload, { userId: caller.userId }, body.offerId)
    return new Reply(result, result.resumed ? 200 : 201)
  },
})

/**
 * GET /api/bookings/:id/status — the booking's fan polls it during checkout and on the success page
 * (one indexed query: booking, its offer and its latest payment).
 */
export const bookingStatusEndpoint = defineEndpoint({
  path: '/:id/status',
  method: 'get',
  id: BOOKING_NOT_FOUND,
  headers: NO_STORE,
  handler: ({ req, caller, id }) => bookingStatus(req.payload, caller, id),
})

const TestCardBody = z.object({
  card: z
    .string()
    .trim()
    .min(1, 'a card number is required.')
    .max(32, 'a card number is at most 19 digits.')
    .transform((value) => value.replace(/[\s-]/g, '')),
})

/**
 * POST /api/bookings/:id/pay-test-card {card} — the storefront's test-card form when there are no
 * Stripe keys (404 otherwise, before anything else): confirms the booking's PaymentIntent with a
 * test card. The booking is checked before the body is read.
 */
export const testCardPaymentEndpoint = defineEndpoint({
  path: '/:id/pay-test-card',
  method: 'post',
  auth: false,
  handler: async ({ req, caller }) => {
    if (!testCardPaymentsEnabled()) throw new Refusal(404, 'NOT_FOUND', 'Not found.')
    if (!caller) throw new Refusal(401, 'UNAUTHORIZED', 'You must be logged in.')
    const booking = await payableBooking(req.payload, caller, idOf(req.routeParams?.id))
    const { card } = await readBody(req, TestCardBody)
    return payWithTestCard(req.payload, booking, card)
  },
})

/** GET /api/bookings/:id/ics — the booking's fan or creator download the call for their calendar. */
export const bookingIcsEndpoint = defineEndpoint({
  path: '/:id/ics',
  method: 'get',
  id: BOOKING_NOT_FOUND,
  handler: async ({ req, caller, id }) => {
    const { filename, ics } = await bookingCalendar(req.payload, caller.userId, id)
    return new Response(ics, {
      headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"`, ...NO_STORE },
    })
  },
})

const CancelBody = z.object({
  reason: z
    .string({ error: 'reason is required: say in a few words why the booking is cancelled.' })
    .trim()
    .min(1, 'reason is required: say in a few words why the booking is cancelled.')
    .max(500, 'reason must be at most 500 characters.'),
})

/**
 * POST /api/bookings/:id/cancel {reason} — the booking's fan, its creator or an admin cancel it under
 * the SPEC §5 policy. 401 guest; 404 for anyone else (the booking does not exist for them, as for
 * its .ics); 400 naming `reason`; 409 with CANCELLATION_WINDOW_PASSED, BOOKING_STARTED,
 * BOOKING_NOT_CANCELLABLE or PAYMENT_IN_PROGRESS. 200 `{ booking, offer, refund }`.
 */
export const cancelBookingEndpoint = defineEndpoint({
  path: '/:id/cancel',
  method: 'post',
  id: BOOKING_NOT_FOUND,
  body: CancelBody,
  headers: NO_STORE,
  handler: ({ req, caller, id, body }) => cancelBooking(req.payload, caller, id, body.reason),
})

/**
 * GET /api/bookings/:id/cancellation — what the storefront states before the caller confirms:
 * `{ cancellable, refund: 'full' | 'none', reasonCode?, freeUntil }` for this caller, now.
 */
export const cancellationPreviewEndpoint = defineEndpoint({
  path: '/:id/cancellation',
  method: 'get',
  id: BOOKING_NOT_FOUND,
  headers: NO_STORE,
  handler: ({ req, caller, id }) => cancellationPreview(req.payload, caller, id),
})
