/**
 * The JSON bodies custom endpoints answer with, shared by the endpoint that builds them and the
 * storefront component that reads them. Types only: components do not import endpoints (DESIGN.md,
 * "The direction of dependencies"; the eslint layer rules refuse it), so the shape lives here.
 */

/** POST /api/bookings/checkout (201, or 200 with `resumed` when the fan's own hold is still live) */
export type CheckoutBody = {
  booking: { id: number; offer: number; status: 'pending'; holdExpiresAt: string }
  payment: {
    id: number
    clientSecret: string
    /** Which Stripe the PaymentIntent lives in. */
    mode: 'live' | 'test' | 'emulator'
    amount: number
    currency: string
    platformFee: number
    creatorAmount: number
  }
  /** True when an earlier checkout of the same fan and offer is still holding it. */
  resumed: boolean
}

/** GET /api/bookings/:id/status */
export type BookingStatusBody = {
  booking: string
  offer: string
  holdExpiresAt: string | null
  paymentStatus: string | null
}

/** GET /api/offers/:id/availability */
export type OfferAvailabilityBody = { status: string; bookable: boolean }

/** A Stripe PaymentIntent's status, spelled without the Stripe SDK (open-ended like Stripe's own type). */
export type PaymentIntentStatus =
  | 'canceled'
  | 'processing'
  | 'requires_action'
  | 'requires_capture'
  | 'requires_confirmation'
  | 'requires_payment_method'
  | 'succeeded'
  | (string & {})

/** POST /api/bookings/:id/pay-test-card */
export type TestCardPaymentBody = {
  status: PaymentIntentStatus
  /** Stripe's card error: `code` (card_declined…), `declineCode` (insufficient_funds…), English `message`. */
  error?: { code: string; declineCode?: string; message: string }
}

/** How the booking page takes payment: the test-card form (emulator), Stripe Elements, or not at all. */
export type PaymentMode = 'test-card' | 'stripe' | 'unavailable'
