/**
 * What a creator may change on an offer (SPEC §4): publish only with a payable account, start after
 * the booking cut-off, never overlap another of their offers, never re-time or re-price one that is
 * held, booked or done. Pure: the offers hooks supply the facts and turn a refusal into Payload's
 * ValidationError (400 naming the field), as REST clients see it.
 */
import { isPastCutoff } from './cutoff'

/**
 * A refusal naming the field at fault, with an English message for API clients and the facts the
 * panel needs to say it in the reader's language (`reason`, the cut-off, the clashing offer).
 */
export type OfferRefusal = { field: 'creator' | 'startsAt' | 'price'; message: string } & (
  | { reason: 'frozen' | 'not_payable' }
  | { reason: 'cutoff'; cutoffMinutes: number }
  | { reason: 'overlap'; other: { title: string; startsAt: string } }
)

/** Statuses in which an offer's time and price are frozen: a fan holds, booked or had the call. */
export const FROZEN_OFFER_STATUSES: readonly string[] = ['held', 'booked', 'completed']

type When = string | Date | null | undefined

/** The schedule fields of an offer as a write carries them (absent = unchanged) or as stored. */
export type OfferSchedule = { startsAt?: When; durationMinutes?: number | null; price?: number | null }

export type OfferEdit = {
  operation: 'create' | 'update'
  /** The fields this write sets. */
  change: OfferSchedule
  /** The stored offer (updates only). */
  original?: OfferSchedule & { status?: string | null }
}

const time = (at: When): number => new Date(at as string).getTime()

/** A create, or an update that moves the start or changes the duration. */
export const timingChanged = ({ operation, change, original }: OfferEdit): boolean =>
  operation === 'create' ||
  (change.startsAt !== undefined && time(change.startsAt) !== time(original?.startsAt)) ||
  (change.durationMinutes !== undefined && change.durationMinutes !== original?.durationMinutes)

export const priceChanged = ({ operation, change, original }: OfferEdit): boolean =>
  operation === 'update' && change.price !== undefined && change.price !== original?.price

/** Once held, booked or completed, an offer keeps its time and price: cancelling it is the way out. */
export const frozenOfferRefusal = (edit: OfferEdit): OfferRefusal | null => {
  if (edit.operation !== 'update' || !FROZEN_OFFER_STATUSES.includes(edit.original?.status ?? '')) return null
  const retimed = timingChanged(edit)
  if (!retimed && !priceChanged(edit)) return null
  return { field: retimed ? 'startsAt' : 'price', reason: 'frozen', message: 'This offer has a booking: its time and price can no longer change. Cancel it instead.' }
}

/** A start must leave the booking cut-off (inclusive: exactly `now + cut-off` is fine); an invalid date is refused too. */
export const cutoffRefusal = (startsAt: Date, now: Date, bookingCutoffMinutes: number): OfferRefusal | null =>
  Number.isNaN(startsAt.getTime()) || isPastCutoff(startsAt, now, bookingCutoffMinutes)
    ? { field: 'startsAt', reason: 'cutoff', cutoffMinutes: bookingCutoffMinutes, message: `Start must be at least ${bookingCutoffMinutes} minutes from now.` }
    : null

/** When an offer ends. */
export const offerEndsAt = (startsAt: Date, durationMinutes: number): Date => new Date(startsAt.getTime() + durationMinutes * 60_000)

/** The overlap found by reading the creator's other offers: it names the offer it clashes with. */
export const overlapRefusal = (other: { title: string; startsAt: string | Date }): OfferRefusal => ({
  field: 'startsAt',
  reason: 'overlap',
  other: { title: other.title, startsAt: new Date(other.startsAt).toISOString() },
  message: `This time overlaps your offer "${other.title}" (${new Date(other.startsAt).toISOString()}).`,
})

/** The overlap the database refused (two offers saved at the same moment): it cannot name the other one. */
export const OVERLAP_MESSAGE = 'This time overlaps another of your offers.'

/** SPEC §4: only a creator whose payment account can receive charges publishes offers (admins may prepare them). */
export const publishRefusal = ({ byStaff, chargesEnabled }: { byStaff: boolean; chargesEnabled: boolean | null | undefined }): OfferRefusal | null =>
  byStaff || chargesEnabled ? null : { field: 'creator', reason: 'not_payable', message: 'Connect your payment account before publishing offers: fans cannot pay you yet.' }

/** A signed-in user without a creator profile tries to create an offer (403). */
export const NO_CREATOR_PROFILE = 'Only creators with a profile can create offers.'

/** An offer that ever had a booking stays (its history points at it): 409 with this message. */
export const deleteRefusal = (bookingCount: number): string | null =>
  bookingCount > 0 ? 'This offer has bookings and cannot be deleted. Cancel it instead.' : null
