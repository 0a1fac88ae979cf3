/**
 * Bookings, and what the booking flow does to its offer: the checkout hold (one statement), its
 * release, confirmation, expiry and cancellation. Every status write goes through `moveStatus`
 * (guarded by the transition tables); the hold itself is one conditional CTE backed by the unique
 * index "one active booking per offer".
 */
import type { Canceller } from '@/domain/cancellation'
import { BOOKING_TRANSITIONS, OFFER_TRANSITIONS, type BookingStatus } from '@/domain/transitions'

import { sql, type Run } from './run'
import { canMoveTo, moveStatus } from './status'

// ---------------------------------------------------------------------------------------------
// Checkout

/** The offer, its creator's payment account, the buyer's own creator id and the buyer's live hold on it. */
export type CheckoutFacts = {
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

/** Everything a checkout decides on, in one round trip. */
export const checkoutFacts = async (run: Run, offerId: number, buyerId: number, at: Date): Promise<CheckoutFacts | undefined> =>
  (
    await run<CheckoutFacts>(sql`
      SELECT o.id, o.status, o.starts_at, o.reserved_for_id, o.creator_id, o.price, o.currency,
             c.charges_enabled, c.stripe_account_id,
             (SELECT id FROM creators WHERE user_id = ${buyerId}) AS own_creator_id,
             h.booking_id AS held_booking_id, h.hold_expires_at AS held_until, h.payment_id AS held_payment_id,
             h.stripe_payment_intent_id AS held_payment_intent_id, h.amount AS held_amount, h.platform_fee AS held_platform_fee,
             h.creator_amount AS held_creator_amount
        FROM offers o JOIN creators c ON c.id = o.creator_id
        LEFT JOIN LATERAL (
          SELECT b.id AS booking_id, b.hold_expires_at, p.id AS payment_id, p.stripe_payment_intent_id, p.amount, p.platform_fee, p.creator_amount
            FROM bookings b JOIN payments p ON p.booking_id = b.id
           WHERE b.offer_id = o.id AND b.fan_id = ${buyerId} AND b.status = 'pending' AND b.hold_expires_at > ${at.toISOString()}
           LIMIT 1
        ) h ON true
       WHERE o.id = ${offerId}`)
  )[0]

export type Hold = {
  offerId: number
  fanId: number
  holdExpiresAt: Date
  /** Offers starting before this are past the booking cut-off. */
  earliestStart: Date
  amount: number
  currency: string
  platformFee: number
  creatorAmount: number
  feeBps: number
  fixedFee: number
  holdingPeriodDays: number
}

/**
 * Holds the offer, inserts its pending booking and the booking's payment, in ONE statement. No ON
 * CONFLICT: if the booking loses to the unique index (23505), the whole statement — the offer
 * update included — rolls back, so an offer is never left held without its booking. Of N
 * concurrent holds exactly one returns ids; the others get nothing. Guests' pages are redrawn.
 */
export const holdOffer = async (run: Run, h: Hold): Promise<{ bookingId: number; paymentId: number } | undefined> => {
  const [held] = await run<{ booking_id: number; payment_id: number }>(sql`
    WITH held AS (
      UPDATE offers SET status = 'held', updated_at = now()
       WHERE id = ${h.offerId} AND ${canMoveTo(OFFER_TRANSITIONS, 'held')} AND starts_at >= ${h.earliestStart.toISOString()}
         AND (reserved_for_id IS NULL OR reserved_for_id = ${h.fanId})
       RETURNING id, creator_id, starts_at, ends_at
    ), booking AS (
      INSERT INTO bookings (offer_id, fan_id, creator_id, status, starts_at, ends_at, hold_expires_at, updated_at, created_at)
      SELECT id, ${h.fanId}, creator_id, 'pending', starts_at, ends_at, ${h.holdExpiresAt.toISOString()}, now(), now() FROM held
      RETURNING id, creator_id
    )
    INSERT INTO payments (booking_id, fan_id, creator_id, amount, currency, platform_fee, creator_amount,
                          fee_snapshot_fee_bps, fee_snapshot_fixed_fee, fee_snapshot_holding_period_days, status, updated_at, created_at)
    SELECT id, ${h.fanId}, creator_id, ${h.amount}, ${h.currency}::enum_payments_currency, ${h.platformFee}, ${h.creatorAmount},
           ${h.feeBps}, ${h.fixedFee}, ${h.holdingPeriodDays}, 'requires_payment', now(), now() FROM booking
    RETURNING booking_id, id AS payment_id`).catch((error: { code?: string }) => {
    if (error.code === '23505') return []
    throw error
  })
  if (!held) return undefined
  return { bookingId: held.booking_id, paymentId: held.payment_id }
}

/**
 * A checkout that could not open its PaymentIntent gives the slot back at once (never a dead hold):
 * the booking is cancelled by the system and the offer is available again.
 */
export const releaseCheckoutHold = async (run: Run, bookingId: number, offerId: number): Promise<void> => {
  await moveStatus(run, {
    table: 'bookings',
    machine: BOOKING_TRANSITIONS,
    id: bookingId,
    to: 'cancelled',
    from: 'pending',
    set: sql`cancellation_by = 'system', cancellation_at = now(), cancellation_reason = 'Payment provider unavailable'`,
  })
  await releaseHeldOffer(run, offerId)
}

/** A held offer is available again (its hold expired or was released). */
export const releaseHeldOffer = (run: Run, offerId: number) =>
  moveStatus(run, { table: 'offers', machine: OFFER_TRANSITIONS, id: offerId, to: 'available', from: 'held' })

// ---------------------------------------------------------------------------------------------
// Payment outcomes and hold expiry

/** A paid booking is confirmed and its offer booked. */
export const confirmBooking = async (run: Run, bookingId: number, offerId: number): Promise<void> => {
  await moveStatus(run, { table: 'bookings', machine: BOOKING_TRANSITIONS, id: bookingId, to: 'confirmed' })
  await moveStatus(run, { table: 'offers', machine: OFFER_TRANSITIONS, id: offerId, to: 'booked' })
}

export type DueHold = { id: number; offer_id: number; fan_id: number; payment_id: number | null; pi: string | null; title: string }

/** Pending bookings whose hold ran out before `at`, oldest first. */
export const dueHolds = (run: Run, at: Date, limit: number): Promise<DueHold[]> =>
  run<DueHold>(sql`
    SELECT b.id, b.offer_id, b.fan_id, p.id AS payment_id, p.stripe_payment_intent_id AS pi, o.title
      FROM bookings b JOIN offers o ON o.id = b.offer_id LEFT JOIN payments p ON p.booking_id = b.id
     WHERE b.status = 'pending' AND b.hold_expires_at < ${at.toISOString()}
     ORDER BY b.hold_expires_at LIMIT ${limit}`)

/** The booking's hold expired; false when it had already moved on (paid, cancelled, expired). */
export const expireBooking = async (run: Run, bookingId: number): Promise<boolean> =>
  (await moveStatus(run, { table: 'bookings', machine: BOOKING_TRANSITIONS, id: bookingId, to: 'expired' })) !== undefined

// ---------------------------------------------------------------------------------------------
// Reads of the storefront's booking endpoints

export type BookingStatusRow = { status: string; offer_status: string; hold_expires_at: Date | null; fan_id: number; payment_status: string | null }

/** The booking, its offer's status and its latest payment's status (one indexed query, polled). */
export const bookingStatusRow = async (run: Run, bookingId: number): Promise<BookingStatusRow | undefined> =>
  (
    await run<BookingStatusRow>(sql`
      SELECT b.status, o.status AS offer_status, b.hold_expires_at, b.fan_id,
             (SELECT p.status FROM payments p WHERE p.booking_id = b.id ORDER BY p.id DESC LIMIT 1) AS payment_status
        FROM bookings b JOIN offers o ON o.id = b.offer_id
       WHERE b.id = ${bookingId}`)
  )[0]

export type OfferAvailabilityRow = { status: string; starts_at: Date; reserved_for_id: number | null }

/** What the booking page's "already booked" check needs of an offer. */
export const offerAvailabilityRow = async (run: Run, offerId: number): Promise<OfferAvailabilityRow | undefined> =>
  (await run<OfferAvailabilityRow>(sql`SELECT status, starts_at, reserved_for_id FROM offers WHERE id = ${offerId}`))[0]

export type CalendarRow = {
  id: number
  status: string
  starts_at: Date
  ends_at: Date
  fan_id: number
  creator_user_id: number
  title: string
  creator_name: string
  /** The language of the user asking for the file. */
  locale: string
}

/** A booking as a calendar event, with the asking user's language. */
export const calendarRow = async (run: Run, bookingId: number, userId: number): Promise<CalendarRow | undefined> =>
  (
    await run<CalendarRow>(sql`
      SELECT b.id, b.status, b.starts_at, b.ends_at, b.fan_id, c.user_id AS creator_user_id, o.title, c.display_name AS creator_name, u.locale
        FROM bookings b JOIN offers o ON o.id = b.offer_id JOIN creators c ON c.id = b.creator_id JOIN users u ON u.id = ${userId}
       WHERE b.id = ${bookingId}`)
  )[0]

export type BookingToPay = {
  id: number
  status: string
  fan_id: number
  creator_user_id: number
  hold_expires_at: Date | null
  payment_id: number | null
  payment_status: string | null
  intent_id: string | null
}

/** A booking with its latest payment, for paying it. */
export const bookingToPay = async (run: Run, bookingId: number): Promise<BookingToPay | undefined> =>
  (
    await run<BookingToPay>(sql`
      SELECT b.id, b.status, b.fan_id, c.user_id AS creator_user_id, b.hold_expires_at,
             p.id AS payment_id, p.status AS payment_status, p.stripe_payment_intent_id AS intent_id
        FROM bookings b JOIN creators c ON c.id = b.creator_id
        LEFT JOIN LATERAL (SELECT * FROM payments WHERE booking_id = b.id ORDER BY id DESC LIMIT 1) p ON true
       WHERE b.id = ${bookingId}`)
  )[0]

// ---------------------------------------------------------------------------------------------
// Cancellation

export type CancellationRow = {
  id: number
  status: string
  starts_at: Date
  fan_id: number
  creator_id: number
  offer_id: number
  title: string
  reserved_for_id: number | null
  creator_user_id: number
  creator_name: string
  viewer_creator_id: number | null
  payment_id: number | null
  payment_status: string | null
  amount: string | null
  currency: string | null
  refunded_amount: string | null
  /** Refunds approved but not paid out yet: already promised, so not refundable again. */
  committed_refunds: string
  payment_intent_id: string | null
  /** payments.dispute_status: none, open, won or lost. */
  dispute_status: string | null
}

/** The booking, its offer, creator and payment, and the viewer's creator id; `lock` takes the booking row. */
export const cancellationRow = async (run: Run, bookingId: number, viewerId: number, lock: boolean): Promise<CancellationRow | undefined> =>
  (
    await run<CancellationRow>(sql`
      SELECT b.id, b.status, b.starts_at, b.fan_id, o.creator_id, b.offer_id, o.title, o.reserved_for_id,
             c.user_id AS creator_user_id, c.display_name AS creator_name,
             (SELECT id FROM creators WHERE user_id = ${viewerId}) AS viewer_creator_id,
             p.id AS payment_id, p.status AS payment_status, p.amount, p.currency, p.refunded_amount,
             p.stripe_payment_intent_id AS payment_intent_id, p.dispute_status,
             coalesce((SELECT sum(r.amount) FROM refunds r WHERE r.payment_id = p.id AND r.status IN ('approved', 'processing')), 0) AS committed_refunds
        FROM bookings b
        JOIN offers o ON o.id = b.offer_id
        JOIN creators c ON c.id = o.creator_id
        LEFT JOIN payments p ON p.booking_id = b.id
       WHERE b.id = ${bookingId}
       ${lock ? sql`FOR UPDATE OF b` : sql``}`)
  )[0]

/**
 * Cancels the booking if it is still in the status it was read in (of two concurrent cancels one
 * wins); false for the loser.
 */
export const cancelBooking = async (
  run: Run,
  c: { bookingId: number; from: BookingStatus; by: Canceller; at: Date; reason: string },
): Promise<boolean> =>
  (await moveStatus(run, {
    table: 'bookings',
    machine: BOOKING_TRANSITIONS,
    id: c.bookingId,
    to: 'cancelled',
    from: c.from,
    set: sql`cancellation_by = ${c.by}, cancellation_at = ${c.at.toISOString()}, cancellation_reason = ${c.reason}`,
  })) !== undefined

/** The cancelled booking's offer is freed for others or closed. */
export const moveOfferAfterCancellation = (run: Run, offerId: number, to: 'available' | 'cancelled') =>
  moveStatus(run, { table: 'offers', machine: OFFER_TRANSITIONS, id: offerId, to })

export type BookingPaymentRow = { status: string; payment_id: number; payment_status: string; payment_intent_id: string | null }

/** A booking's status with its payment's (for cancelling a released hold's PaymentIntent). */
export const bookingPaymentRow = async (run: Run, bookingId: number): Promise<BookingPaymentRow | undefined> =>
  (
    await run<BookingPaymentRow>(sql`
      SELECT b.status, p.id AS payment_id, p.status AS payment_status, p.stripe_payment_intent_id AS payment_intent_id
        FROM bookings b JOIN payments p ON p.booking_id = b.id WHERE b.id = ${bookingId}`)
  )[0]
