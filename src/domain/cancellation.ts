/**
 * Cancellation policy (SPEC §5): who may cancel a booking, when, what the fan gets back and what
 * becomes of the slot. Pure: the service supplies the facts and applies the decision.
 */
import { isPastCutoff } from './cutoff'
import { Refusal, type KnownRefusalCode } from './refusal'
import type { REFUND_POLICIES } from './statuses'

export type RefundPolicy = (typeof REFUND_POLICIES)[number]
/** Who is cancelling, relative to the booking (the same values as `bookings.cancellation.by`). */
export type Canceller = 'fan' | 'creator' | 'admin'

/** The refusals of a cancellation: 409s the storefront reacts to (e.g. a refund request after CANCELLATION_WINDOW_PASSED). */
export type CancellationRefusalCode = Extract<KnownRefusalCode, 'BOOKING_NOT_CANCELLABLE' | 'BOOKING_STARTED' | 'CANCELLATION_WINDOW_PASSED' | 'PAYMENT_IN_PROGRESS'>

const refuse = (code: CancellationRefusalCode, message: string): Refusal => new Refusal(409, code, message)

/**
 * The caller's part in a booking: its fan, the creator who sells it, or an admin; null for anyone
 * else (to whom the booking does not exist). A creator may be the fan of another creator's booking.
 */
export const cancellerOf = (
  viewer: { userId: number; role: string | null; ownCreatorId: number | null },
  booking: { fanId: number; creatorId: number | null },
): Canceller | null => {
  if (booking.fanId === viewer.userId) return 'fan'
  if (viewer.ownCreatorId !== null && booking.creatorId === viewer.ownCreatorId) return 'creator'
  if (viewer.role === 'admin') return 'admin'
  return null
}

/** The last moment a fan can cancel with a full refund: start − `freeCancellationHours` (inclusive). */
export const freeCancellationUntil = (startsAt: Date, freeCancellationHours: number): Date =>
  new Date(startsAt.getTime() - freeCancellationHours * 3_600_000)

/** What a fan is told before paying for a slot (SPEC §5): free cancellation until a moment, or none. */
export type BookingPolicy = { kind: 'free_until'; until: Date } | { kind: 'non_refundable' }

/**
 * The cancellation policy of a slot booked at `now`: `free_until` while the fan could still cancel
 * it with a full refund (now ≤ start − `freeCancellationHours`, inclusive, as `decideCancellation`
 * allows), `non_refundable` once that moment has passed.
 */
export const bookingPolicy = (startsAt: Date, now: Date, freeCancellationHours: number): BookingPolicy => {
  const until = freeCancellationUntil(startsAt, freeCancellationHours)
  return now.getTime() > until.getTime() ? { kind: 'non_refundable' } : { kind: 'free_until', until }
}

export type CancellationFacts = {
  now: Date
  by: Canceller
  booking: { status: string; startsAt: Date }
  /** Status of the booking's payment (null when it has none). */
  paymentStatus: string | null
  /** What the fan paid and has not been refunded yet (0 when nothing was captured). */
  refundable: number
  /** The offer is private to one fan (an accepted call request). */
  offerReserved: boolean
  freeCancellationHours: number
  bookingCutoffMinutes: number
}

export type CancellationDecision = {
  /** `pending`: the fan's checkout hold is released (its PaymentIntent cancelled, nothing was charged). */
  kind: 'release_hold' | 'cancel_confirmed'
  refund: 'full' | 'none'
  /** The refund policy recorded on the refund row (null when nothing is refunded). */
  policy: RefundPolicy | null
  /** What the offer becomes. */
  offer: 'available' | 'cancelled'
}

const POLICY_OF: Record<Canceller, RefundPolicy> = {
  fan: 'fan_early_cancellation',
  creator: 'creator_cancellation',
  // REFUND_POLICIES has no "admin" value; `manual` is the policy of refunds an admin decides.
  admin: 'manual',
}

const formatUtc = (at: Date): string => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`

/**
 * Whether `facts.by` may cancel now, and what follows. Refusals are 409s with a code the storefront
 * can act on (e.g. offer a refund request after CANCELLATION_WINDOW_PASSED).
 *
 * - `confirmed`: fan ≥ free-cancellation hours before start → full refund; fan later → refused (a
 *   refund request can be filed, an admin decides); creator or admin any time before start → full refund.
 * - `pending` (checkout hold, nothing charged): its fan, the creator or an admin may cancel it; the
 *   hold is released as hold expiry would, but at once. Refused while a payment is being processed
 *   (the outcome decides: a success confirms the booking, which can then be cancelled).
 * - anything else (expired, cancelled, completed) → BOOKING_NOT_CANCELLABLE; after start → BOOKING_STARTED.
 */
export const decideCancellation = (f: CancellationFacts): CancellationDecision | Refusal => {
  const { status } = f.booking
  if (status !== 'confirmed' && status !== 'pending') {
    const what = status === 'cancelled' ? 'already cancelled' : status === 'expired' ? 'an expired hold' : status
    return refuse('BOOKING_NOT_CANCELLABLE', `This booking is ${what} and cannot be cancelled.`)
  }
  if (f.now.getTime() >= f.booking.startsAt.getTime()) {
    return refuse('BOOKING_STARTED', 'This call has already started, so it can no longer be cancelled. If something went wrong, file a refund request.')
  }
  const offer = offerAfterCancellation(f)
  if (status === 'pending') {
    if (f.paymentStatus === 'processing') {
      return refuse('PAYMENT_IN_PROGRESS', 'Your payment is being processed. Wait a moment: once it goes through you can cancel the booking and be refunded.')
    }
    return { kind: 'release_hold', refund: 'none', policy: null, offer }
  }
  if (f.by === 'fan') {
    const until = freeCancellationUntil(f.booking.startsAt, f.freeCancellationHours)
    if (f.now.getTime() > until.getTime()) {
      return refuse(
        'CANCELLATION_WINDOW_PASSED',
        `Free cancellation ended ${f.freeCancellationHours} hours before the call (${formatUtc(until)}). The booking stays as it is; you can still file a refund request, which an admin will decide.`,
      )
    }
  }
  const refund = f.refundable > 0 ? 'full' : 'none'
  return { kind: 'cancel_confirmed', refund, policy: refund === 'full' ? POLICY_OF[f.by] : null, offer }
}

/**
 * What the slot becomes. A creator or an admin cancelling takes the slot away (`cancelled`). A fan
 * cancelling gives it back (`available`, bookable by others) while it can still be booked: before
 * the booking cut-off, and not a private slot made for that fan from a call request — a confirmed
 * private slot is `cancelled`; a pending hold on one goes back to `available` for its fan, as when
 * the hold expires.
 */
export const offerAfterCancellation = (f: Pick<CancellationFacts, 'now' | 'by' | 'booking' | 'offerReserved' | 'bookingCutoffMinutes'>): 'available' | 'cancelled' => {
  if (f.by !== 'fan') return 'cancelled'
  if (isPastCutoff(f.booking.startsAt, f.now, f.bookingCutoffMinutes)) return 'cancelled'
  if (f.offerReserved && f.booking.status === 'confirmed') return 'cancelled'
  return 'available'
}

export const isRefusal = (d: CancellationDecision | Refusal): d is Refusal => d instanceof Refusal

export type CancellationPreview = {
  cancellable: boolean
  /** What the fan gets back if the booking is cancelled now. */
  refund: 'full' | 'none'
  /** Why not cancellable (the 409 code the cancel would answer), or NOTHING_TO_REFUND when cancellable without a refund. */
  reasonCode?: CancellationRefusalCode | 'NOTHING_TO_REFUND'
  /** End of the fan's free cancellation (start − free-cancellation hours). */
  freeUntil: string
}

/** What the storefront states before the caller confirms a cancellation (GET /api/bookings/:id/cancellation). */
export const previewCancellation = (f: CancellationFacts): CancellationPreview => {
  const freeUntil = freeCancellationUntil(f.booking.startsAt, f.freeCancellationHours).toISOString()
  const decision = decideCancellation(f)
  if (isRefusal(decision)) return { cancellable: false, refund: 'none', reasonCode: decision.code as CancellationRefusalCode, freeUntil }
  return decision.refund === 'full' ? { cancellable: true, refund: 'full', freeUntil } : { cancellable: true, refund: 'none', reasonCode: 'NOTHING_TO_REFUND', freeUntil }
}
