import type { CollectionAfterChangeHook, CollectionBeforeValidateHook } from 'payload'
import { APIError, ValidationError } from 'payload'

import { isSystemOrAdmin, userOf } from '@/access'
import { notify } from '@/services/notifications'

const idOf = (v: unknown): number | undefined => (typeof v === 'object' && v !== null ? (v as { id?: number }).id : (v as number | undefined))

/** Only the booking's fan, only after a completed call, only once (the database also says once). */
export const checkReviewAllowed: CollectionBeforeValidateHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data) return data
  const bookingId = idOf(data.booking)
  if (!bookingId) throw new ValidationError({ collection: 'reviews', errors: [{ path: 'booking', message: 'Choose the booking you review.' }] })
  const booking = await req.payload.findByID({ collection: 'bookings', id: bookingId, depth: 0, req, overrideAccess: true, disableErrors: true })
  if (!booking) throw new ValidationError({ collection: 'reviews', errors: [{ path: 'booking', message: 'This booking does not exist.' }] })
  const user = userOf(req)
  if (!isSystemOrAdmin(req) && idOf(booking.fan) !== user?.id) {
    throw new APIError('Only the fan who booked this call can review it.', 403, undefined, true)
  }
  if (booking.status !== 'completed') {
    throw new ValidationError({ collection: 'reviews', errors: [{ path: 'booking', message: 'You can review a call once it has taken place.' }] })
  }
  const existing = await req.payload.count({ collection: 'reviews', where: { booking: { equals: bookingId } }, req, overrideAccess: true })
  if (existing.totalDocs > 0) {
    throw new ValidationError({ collection: 'reviews', errors: [{ path: 'booking', message: 'You have already reviewed this call.' }] })
  }
  const fan = await req.payload.findByID({ collection: 'users', id: idOf(booking.fan)!, depth: 0, req, overrideAccess: true })
  return { ...data, fan: fan.id, creator: idOf(booking.creator), authorName: String(fan.name).split(' ')[0] }
}

/** Keeps the creator's rating average and count in step with visible reviews; tells the creator. */
export const refreshRatingAndNotify: CollectionAfterChangeHook = async ({ doc, operation, previousDoc, req }) => {
  if (operation === 'update' && previousDoc?.hidden === doc.hidden && previousDoc?.rating === doc.rating) return doc
  const creatorId = idOf(doc.creator)!
  const visible = await req.payload.find({
    collection: 'reviews',
    where: { and: [{ creator: { equals: creatorId } }, { hidden: { not_equals: true } }] },
    pagination: false,
    depth: 0,
    select: { rating: true },
    req,
    overrideAccess: true,
  })
  const count = visible.docs.length
  const average = count ? Math.round((visible.docs.reduce((sum, r) => sum + r.rating, 0) / count) * 100) / 100 : 0
  await req.payload.update({ collection: 'creators', id: creatorId, data: { ratingAverage: average, ratingCount: count }, req, overrideAccess: true, depth: 0 })
  if (operation === 'create') {
    const creator = await req.payload.findByID({ collection: 'creators', id: creatorId, depth: 0, req, overrideAccess: true })
    await notify(req.payload, {
      req,
      userId: idOf(creator.user)!,
      message: 'review_received',
      data: { rating: doc.rating, authorName: doc.authorName ?? null },
      link: `/admin/collections/reviews/${doc.id}`,
      metadata: { reviewId: doc.id },
    })
  }
  return doc
}
