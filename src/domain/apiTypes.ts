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

/** POST /api/calls/:bookingId/join */
export type CallJoinBody = {
  provider: 'daily' | 'p2p'
  roomUrl: string | null
  token: string
  startsAt: string
  endsAt: string
  serverNow: string
  iceServers?: { urls: string[]; username?: string; credential?: string }[]
}

/** One participant's provider presence in GET /api/calls/:bookingId/summary (first join, last leave — null while present — and seconds present up to the scheduled end). */
export type CallPresenceSpan = { firstJoinedAt: string; lastLeftAt: string | null; seconds: number }

/** GET /api/calls/:bookingId/summary */
export type CallSummaryBody = {
  bookingId: number
  viewer: 'fan' | 'creator' | 'admin'
  provider: 'daily' | 'p2p'
  status: { booking: string; outcome: 'completed' | 'creator_no_show' | 'fan_no_show' | 'both_absent' | null; noShow: { fan: boolean; creator: boolean }; completedAt: string | null }
  scheduled: { startsAt: string; endsAt: string; durationSeconds: number }
  actual: { startedAt: string | null; endedAt: string | null; durationSeconds: number | null; fan: CallPresenceSpan | null; creator: CallPresenceSpan | null }
  room: { status: string }
  timeline: { id: number; type: string; at: string | null; source: string; actor: 'fan' | 'creator' | 'other' | null; metadata: Record<string, unknown> }[]
  serverNow: string
}
