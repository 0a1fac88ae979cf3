/**
 * Refund requests (SPEC §7): which calls a fan may ask a refund for from the dashboard. Pure: the
 * pages supply the booking and the fan's open requests.
 */
import { freeCancellationUntil } from './cancellation'
import type { REFUND_STATUSES } from './statuses'

/**
 * Whether the storefront offers "Request a refund" (POST /api/refunds/request). Off until that
 * endpoint exists: while false, the dashboard keeps its current texts and shows no such action.
 */
export const REFUND_REQUESTS_ENABLED: boolean = false

export type RefundStatus = (typeof REFUND_STATUSES)[number]

/** Refunds still being decided or paid out: the fan waits for them rather than asking again. */
export const OPEN_REFUND_STATUSES = ['requested', 'approved', 'processing'] as const satisfies readonly RefundStatus[]

export type RefundRequestFacts = {
  now: Date
  booking: {
    status: string
    startsAt: Date
    /** Who cancelled it and when (cancelled bookings only). */
    cancellation?: { by?: string | null; at?: Date | null } | null
  }
  freeCancellationHours: number
  /** The fan already has an open refund (requested, approved or processing) for this booking. */
  hasOpenRefund: boolean
}

/**
 * What the fan's dashboard shows for a booking: `request` ("Request a refund"), `pending` (a request
 * of theirs is open), or `none`. Offered for calls no policy refunds automatically (SPEC §5): a
 * confirmed call past its free-cancellation moment (late, started or over), a completed call, and a
 * call the fan cancelled after that moment. Bookings that were never paid (pending, expired) or that
 * were cancelled with a full refund (early by the fan, or by the creator or an admin) get nothing;
 * the endpoint has the last word on what is left to refund.
 */
export const refundRequestAction = (f: RefundRequestFacts): 'request' | 'pending' | 'none' => {
  const freeUntil = freeCancellationUntil(f.booking.startsAt, f.freeCancellationHours).getTime()
  const { status, cancellation } = f.booking
  const eligible =
    (status === 'confirmed' && f.now.getTime() > freeUntil) ||
    status === 'completed' ||
    (status === 'cancelled' && cancellation?.by === 'fan' && cancellation.at != null && cancellation.at.getTime() > freeUntil)
  if (!eligible) return 'none'
  return f.hasOpenRefund ? 'pending' : 'request'
}
