import type { AfterErrorHook, CollectionBeforeChangeHook, CollectionBeforeDeleteHook, CollectionBeforeValidateHook, PayloadRequest } from 'payload'
import { APIError, ValidationError } from 'payload'

import { isSystemOrAdmin, ownCreatorId } from '@/access'
import {
  cutoffRefusal,
  deleteRefusal,
  frozenOfferRefusal,
  NO_CREATOR_PROFILE,
  offerEndsAt,
  OVERLAP_MESSAGE,
  overlapRefusal,
  publishRefusal,
  timingChanged,
  type OfferEdit,
  type OfferRefusal,
} from '@/domain/offers'
import { dateFormat, validTimeZone } from '@/i18n/format'
import { localeOf } from '@/i18n/locale'
import { now } from '@/lib/clock'
import { OFFER_ERRORS } from '@/messages/creatorPanel'
import { getSettings } from '@/services/settings'

const idOf = (value: unknown): number | undefined =>
  typeof value === 'object' && value !== null ? (value as { id?: number }).id : (value as number | undefined)

/**
 * The refusal in the reader's language (the panel's language, else English), times in the reader's
 * own zone, named: the panel shows it next to the field.
 */
const explained = (refusal: OfferRefusal, req: PayloadRequest): string => {
  const locale = localeOf(req.i18n?.language)
  const t = OFFER_ERRORS[locale]
  switch (refusal.reason) {
    case 'cutoff':
      return t.cutoff(refusal.cutoffMinutes)
    case 'overlap': {
      const zone = validTimeZone((req.user as { timezone?: string | null } | null)?.timezone) ?? 'UTC'
      const when = dateFormat(locale, zone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(refusal.other.startsAt))
      return t.overlap(refusal.other.title, `${when} ${zone}`)
    }
    case 'frozen':
      return t.frozen
    case 'not_payable':
      return t.notPayable
  }
}

/** The domain's refusal as Payload's 400 naming the field. */
const invalid = (refusal: OfferRefusal, req: PayloadRequest): ValidationError =>
  new ValidationError({ collection: 'offers', errors: [{ path: refusal.field, message: explained(refusal, req) }] }, req.t)

/** A creator always creates offers for their own profile, in their own currency. */
export const assignOwnerAndCurrency: CollectionBeforeValidateHook = async ({ data, operation, req }) => {
  if (!data || operation !== 'create') return data
  if (!isSystemOrAdmin(req)) {
    const creatorId = await ownCreatorId(req)
    if (!creatorId) throw new APIError(NO_CREATOR_PROFILE, 403, undefined, true)
    data.creator = creatorId
  }
  const creatorId = idOf(data.creator)
  if (creatorId) {
    const creator = await req.payload.findByID({ collection: 'creators', id: creatorId, depth: 0, req, overrideAccess: true })
    data.currency = creator.currency
    const refusal = publishRefusal({ byStaff: isSystemOrAdmin(req), chargesEnabled: creator.chargesEnabled })
    if (refusal) throw invalid(refusal, req)
  }
  return data
}

/** Start after the booking cut-off, no overlap with the creator's other offers, no re-timing once booked. */
export const checkSchedule: CollectionBeforeChangeHook = async ({ context, data, operation, originalDoc, req }) => {
  const startsAt = new Date(data.startsAt ?? originalDoc?.startsAt)
  const duration = Number(data.durationMinutes ?? originalDoc?.durationMinutes)
  const edit: OfferEdit = {
    operation: operation === 'create' ? 'create' : 'update',
    change: { startsAt: data.startsAt, durationMinutes: data.durationMinutes, price: data.price },
    original: originalDoc ? { startsAt: originalDoc.startsAt, durationMinutes: originalDoc.durationMinutes, price: originalDoc.price, status: originalDoc.status } : undefined,
  }
  const retimed = timingChanged(edit)

  const frozen = frozenOfferRefusal(edit)
  if (frozen) throw invalid(frozen, req)
  // Demo data and tests may place offers in the past (local API only: REST cannot set context).
  if (retimed && !context.allowPastStart) {
    const { bookingCutoffMinutes } = await getSettings(req.payload, req)
    const tooLate = cutoffRefusal(startsAt, now(), bookingCutoffMinutes)
    if (tooLate) throw invalid(tooLate, req)
    const endsAt = offerEndsAt(startsAt, duration)
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
    if (other) throw invalid(overlapRefusal(other), req)
  }
  if (retimed) data.endsAt = offerEndsAt(startsAt, duration).toISOString()
  return data
}

export const refuseDeleteWhenBooked: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const bookings = await req.payload.count({ collection: 'bookings', where: { offer: { equals: id } }, req, overrideAccess: true })
  const refusal = deleteRefusal(bookings.totalDocs)
  if (refusal) throw new APIError(refusal, 409, undefined, true)
}

/** The database's refusal of overlapping offers (migration 20261201_153500), anywhere in the error's causes. */
const isOverlap = (error: unknown): boolean => {
  for (let e = error as { code?: string; constraint?: string; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (e.code === '23P01' && e.constraint === 'offers_no_overlap') return true
  }
  return false
}

/**
 * checkSchedule reads then writes, so of two overlapping offers saved at the same moment both may
 * pass it; the database's exclusion constraint refuses the second. Its answer is the same 400 the
 * hook gives, not a 500.
 */
export const explainOverlap: AfterErrorHook = ({ error, req }) => {
  // Other errors: the field errors are kept by keepFieldErrors (collections/shared/fieldErrors.ts), for every collection.
  if (!isOverlap(error)) return undefined
  const message = localeOf(req.i18n?.language) === 'en' ? OVERLAP_MESSAGE : OFFER_ERRORS[localeOf(req.i18n?.language)].overlapUnknown
  return {
    status: 400,
    response: {
      errors: [{ name: 'ValidationError', message, data: { collection: 'offers', errors: [{ path: 'startsAt', message }] } }],
    },
  }
}

