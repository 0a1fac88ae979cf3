import type { AfterErrorHook, CollectionBeforeChangeHook, CollectionBeforeDeleteHook, CollectionBeforeValidateHook } from 'payload'
import { APIError, ValidationError } from 'payload'

import { isSystemOrAdmin, ownCreatorId } from '@/access'
import { now } from '@/lib/clock'
import { getSettings } from '@/services/settings'

const idOf = (value: unknown): number | undefined =>
  typeof value === 'object' && value !== null ? (value as { id?: number }).id : (value as number | undefined)

/** A creator always creates offers for their own profile, in their own currency. */
export const assignOwnerAndCurrency: CollectionBeforeValidateHook = async ({ data, operation, req }) => {
  if (!data || operation !== 'create') return data
  if (!isSystemOrAdmin(req)) {
    const creatorId = await ownCreatorId(req)
    if (!creatorId) throw new APIError('Only creators with a profile can create offers.', 403, undefined, true)
    data.creator = creatorId
  }
  const creatorId = idOf(data.creator)
  if (creatorId) {
    const creator = await req.payload.findByID({ collection: 'creators', id: creatorId, depth: 0, req, overrideAccess: true })
    data.currency = creator.currency
    // SPEC §4: only a creator whose payment account can receive charges may publish offers.
    if (!isSystemOrAdmin(req) && !creator.chargesEnabled) {
      throw new ValidationError({
        collection: 'offers',
        errors: [{ path: 'creator', message: 'Connect your payment account before publishing offers: fans cannot pay you yet.' }],
      })
    }
  }
  return data
}

/** Start after the booking cut-off, no overlap with the creator's other offers, no re-timing once booked. */
export const checkSchedule: CollectionBeforeChangeHook = async ({ context, data, operation, originalDoc, req }) => {
  const startsAt = new Date(data.startsAt ?? originalDoc?.startsAt)
  const duration = Number(data.durationMinutes ?? originalDoc?.durationMinutes)
  const timingChanged =
    operation === 'create' ||
    (data.startsAt !== undefined && new Date(data.startsAt).getTime() !== new Date(originalDoc?.startsAt).getTime()) ||
    (data.durationMinutes !== undefined && data.durationMinutes !== originalDoc?.durationMinutes)
  const priceChanged = operation === 'update' && data.price !== undefined && data.price !== originalDoc?.price

  if (operation === 'update' && (timingChanged || priceChanged) && ['held', 'booked', 'completed'].includes(originalDoc?.status)) {
    throw new ValidationError({
      collection: 'offers',
      errors: [{ path: timingChanged ? 'startsAt' : 'price', message: 'This offer has a booking: its time and price can no longer change. Cancel it instead.' }],
    })
  }
  // Demo data and tests may place offers in the past (local API only: REST cannot set context).
  if (timingChanged && !context.allowPastStart) {
    const { bookingCutoffMinutes } = await getSettings(req.payload, req)
    const earliest = new Date(now().getTime() + bookingCutoffMinutes * 60_000)
    if (!(startsAt.getTime() >= earliest.getTime())) {
      throw new ValidationError({
        collection: 'offers',
        errors: [{ path: 'startsAt', message: `Start must be at least ${bookingCutoffMinutes} minutes from now.` }],
      })
    }
    const endsAt = new Date(startsAt.getTime() + duration * 60_000)
    const clash = await req.payload.find({
      collection: 'offers',
      where: {
        and: [
          { creator: { equals: idOf(data.creator ?? originalDoc?.creator) } },
          { status: { not_equals: 'cancelled' } },
          { startsAt: { less_than: endsAt.toISOString() } },
          { endsAt: { greater_than: startsAt.toISOString() } },
          ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : []),
        ],
      },
      limit: 1,
      depth: 0,
      req,
      overrideAccess: true,
    })
    const other = clash.docs[0]
    if (other) {
      throw new ValidationError({
        collection: 'offers',
        errors: [{ path: 'startsAt', message: `This time overlaps your offer "${other.title}" (${new Date(other.startsAt).toISOString()}).` }],
      })
    }
  }
  if (timingChanged) data.endsAt = new Date(startsAt.getTime() + duration * 60_000).toISOString()
  return data
}

export const refuseDeleteWhenBooked: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const bookings = await req.payload.count({ collection: 'bookings', where: { offer: { equals: id } }, req, overrideAccess: true })
  if (bookings.totalDocs > 0) {
    throw new APIError('This offer has bookings and cannot be deleted. Cancel it instead.', 409, undefined, true)
  }
}

/** The database's refusal of overlapping offers (migration 20261201_153500), anywhere in the error's causes. */
const isOverlap = (error: unknown): boolean => {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === '23P01' && e.constraint === 'offers_no_overlap') return true
  }
  return false
}

export const OVERLAP_MESSAGE = 'This time overlaps another of your offers.'

/**
 * checkSchedule reads then writes, so of two overlapping offers saved at the same moment both may
 * pass it; the database's exclusion constraint refuses the second. Its answer is the same 400 the
 * hook gives, not a 500.
 */
export const explainOverlap: AfterErrorHook = ({ error }) => {
  if (!isOverlap(error)) return
  return {
    status: 400,
    response: {
      errors: [{ name: 'ValidationError', message: 'The following field is invalid: startsAt', data: { collection: 'offers', errors: [{ path: 'startsAt', message: OVERLAP_MESSAGE }] } }],
    },
  }
}
