import type { CollectionBeforeChangeHook } from 'payload'

import { offerEndsAt } from '@/domain/offers'

/** Copies creator and times from the offer so lists and access filters need no join. */
export const denormalizeFromOffer: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data.offer) return data
  const offerId = typeof data.offer === 'object' ? data.offer.id : data.offer
  const offer = await req.payload.findByID({ collection: 'offers', id: offerId, depth: 0, req, overrideAccess: true })
  data.creator = typeof offer.creator === 'object' ? offer.creator.id : offer.creator
  data.startsAt = offer.startsAt
  data.endsAt = offer.endsAt ?? offerEndsAt(new Date(offer.startsAt), offer.durationMinutes).toISOString()
  return data
}
