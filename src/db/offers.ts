/**
 * SQL of offers that is not part of the booking flow (that one lives in db/bookings.ts): the
 * hourly closing of offers nobody can book any more.
 */
import { ACTIVE_BOOKING_STATUSES } from '@/domain/statuses'
import { OFFER_TRANSITIONS, type OfferStatus } from '@/domain/transitions'

import { sql, type Run, type SQL } from './run'
import { moveStatuses } from './status'

/** No active booking points at the offer (a second guard for an offer whose status lags behind its booking). */
const withoutActiveBooking: SQL = sql`NOT EXISTS (
  SELECT 1 FROM bookings b
   WHERE b.offer_id = offers.id AND b.status::text IN (${sql.join(ACTIVE_BOOKING_STATUSES.map((s) => sql`${s}`), sql`, `)}))`

export type ClosedOffer = { id: number; reservedFor: number | null }

/**
 * Every `available` offer starting before `bookableUntil` with no active booking moves to
 * `cancelled`, in one guarded statement (an offer booked meanwhile is no longer `available`).
 */
export const closeOffersStartingBefore = async (run: Run, bookableUntil: Date): Promise<ClosedOffer[]> => {
  const until = bookableUntil.toISOString()
  const rows = await moveStatuses<OfferStatus, { id: number; reserved_for_id: number | null }>(run, {
    table: 'offers',
    machine: OFFER_TRANSITIONS,
    ids: sql`SELECT id FROM offers WHERE status = 'available' AND starts_at < ${until}`,
    from: 'available',
    to: 'cancelled',
    where: withoutActiveBooking,
    returning: sql`id, reserved_for_id`,
  })
  return rows.map((row) => ({ id: row.id, reservedFor: row.reserved_for_id })).sort((a, b) => a.id - b.id)
}
