import type { Payload } from 'payload'

import { ACTIVE_BOOKING_STATUSES } from '@/domain/statuses'
import { canTransition, OFFER_TRANSITIONS } from '@/domain/transitions'
import { now } from '@/lib/clock'
import { query } from '@/lib/db'

import { getSettings } from './settings'

/**
 * SPEC §4 "offers past their cut-off with no booking are closed automatically". Closed means
 * `cancelled`: the offer table allows available → held | cancelled | completed, and `completed`
 * would claim a call took place. Only `available` offers move (a `held` one still has a live
 * checkout; `expire-holds` gives it back and the next run closes it); the NOT EXISTS is a second
 * guard against an offer whose active booking did not move its status.
 */
const CLOSED = 'cancelled' as const
if (!canTransition(OFFER_TRANSITIONS, 'available', CLOSED)) throw new Error('The offer transition table no longer allows closing available offers')

/** Hourly job: every still-available offer whose booking cut-off has passed becomes `cancelled`. */
export const closePastOffers = async (payload: Payload): Promise<{ closed: number; reserved: number }> => {
  const { bookingCutoffMinutes } = await getSettings(payload)
  const bookableUntil = new Date(now().getTime() + bookingCutoffMinutes * 60_000)
  const closed = await query<{ id: number; reserved_for_id: number | null }>(
    payload,
    `UPDATE offers o SET status = $2, updated_at = now()
      WHERE o.status = 'available' AND o.starts_at < $1
        AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.offer_id = o.id AND b.status::text = ANY($3::text[]))
      RETURNING o.id, o.reserved_for_id`,
    [bookableUntil.toISOString(), CLOSED, [...ACTIVE_BOOKING_STATUSES]],
  )
  return { closed: closed.length, reserved: closed.filter((o) => o.reserved_for_id !== null).length }
}
