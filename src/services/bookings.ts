/** What the storefront reads of a booking while booking it: its status, the slot's availability, its calendar file. */
import type { Payload } from 'payload'

import { bookingStatusRow, calendarRow, offerAvailabilityRow } from '@/db/bookings'
import { runner } from '@/db/run'
import type { BookingStatusBody, OfferAvailabilityBody } from '@/domain/apiTypes'
import { isPastCutoff } from '@/domain/cutoff'
import { buildIcs } from '@/domain/ics'
import { Refusal } from '@/domain/refusal'
import type { Role } from '@/domain/roles'
import { callPaths, localeOf, type Locale } from '@/i18n/locale'
import { now } from '@/lib/clock'
import { serverUrl } from '@/lib/env'
import { CALENDAR_EVENT } from '@/messages/calendar'

import { getSettings } from './settings'

type Viewer = { userId: number; role: Role | null }

const bookingNotFound = () => new Refusal(404, 'NOT_FOUND', 'This booking does not exist.')

/** The booking's fan (or an admin) polls it during checkout and on the success page. */
export const bookingStatus = async (payload: Payload, viewer: Viewer, bookingId: number): Promise<BookingStatusBody> => {
  const row = await bookingStatusRow(runner(payload), bookingId)
  // Not their booking: it does not exist as far as they are concerned (admins excepted).
  if (!row || (row.fan_id !== viewer.userId && viewer.role !== 'admin')) throw bookingNotFound()
  return {
    booking: row.status,
    offer: row.offer_status,
    holdExpiresAt: row.hold_expires_at ? new Date(row.hold_expires_at).toISOString() : null,
    paymentStatus: row.payment_status,
  }
}

/** Whether the slot can still be booked. An offer reserved for another fan does not exist here. */
export const offerAvailability = async (payload: Payload, viewer: Viewer | null, offerId: number): Promise<OfferAvailabilityBody> => {
  const offer = await offerAvailabilityRow(runner(payload), offerId)
  const userId = viewer?.userId ?? null
  const visible = offer && (offer.reserved_for_id === null || offer.reserved_for_id === userId || viewer?.role === 'admin')
  if (!offer || !visible) throw new Refusal(404, 'NOT_FOUND', 'This offer does not exist.')
  const { bookingCutoffMinutes } = await getSettings(payload)
  const bookable = offer.status === 'available' && !isPastCutoff(new Date(offer.starts_at), now(), bookingCutoffMinutes)
  return { status: offer.status, bookable }
}

/** A confirmed booking as an .ics file for its fan or its creator, in the asker's language. */
export const bookingCalendar = async (payload: Payload, userId: number, bookingId: number): Promise<{ filename: string; ics: string }> => {
  const b = await calendarRow(runner(payload), bookingId, userId)
  // Not a participant: the booking does not exist as far as they are concerned.
  if (!b || (b.fan_id !== userId && b.creator_user_id !== userId)) throw bookingNotFound()
  if (!['confirmed', 'completed'].includes(b.status)) throw new Refusal(409, 'BOOKING_NOT_CONFIRMED', 'Only a confirmed booking can be added to a calendar.')
  return callCalendar(b, localeOf(b.locale))
}

export type CalendarBooking = { id: number; starts_at: Date | string; ends_at: Date | string; title: string; creator_name: string }

/** The calendar file of a booked call in `locale`, its link the call page (downloads and reminder emails). */
export const callCalendar = (b: CalendarBooking, locale: Locale): { filename: string; ics: string } => {
  const callUrl = `${serverUrl()}${callPaths(b.id)[locale]}`
  const text = CALENDAR_EVENT[locale]({ creatorName: b.creator_name, title: b.title, callUrl })
  const ics = buildIcs({
    uid: `booking-${b.id}@callastar`,
    start: new Date(b.starts_at),
    end: new Date(b.ends_at),
    stamp: now(),
    summary: text.summary,
    description: text.description,
    url: callUrl,
    organizer: b.creator_name,
  })
  return { filename: `callastar-booking-${b.id}.ics`, ics }
}
