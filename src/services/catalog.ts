/**
 * The storefront's creators list (SPEC §12): search, filters, sort and pagination in SQL
 * (src/db/catalog.ts), then the page's creators read through the local API under the viewer's
 * access.
 */
import type { Payload } from 'payload'

import { bookableOfferStats, catalogPageIds, featuredPayableCreatorIds, payableCreatorIdsAmong, type CatalogFilter } from '@/db/catalog'
import { runner } from '@/db/run'
import { AVAILABLE_SOON_DAYS, CATALOG_PAGE_SIZE, likePattern, type CatalogQuery } from '@/domain/catalog'
import { earliestBookableStart } from '@/domain/cutoff'
import { now } from '@/lib/clock'
import type { Creator, User } from '@/payload-types'

import { getSettings } from './settings'

/** `priceCurrency`: the from-price's currency (the filter's when one is chosen, else the creator's). */
export type CatalogEntry = { creator: Creator; fromPrice: number | null; priceCurrency: string; nextAvailableAt: string | null; upcoming: number }
export type CatalogPage = { entries: CatalogEntry[]; total: number; page: number; pages: number }

/** What a creator card needs (fewer joins than the whole document). */
const CARD_FIELDS = { displayName: true, slug: true, bio: true, category: true, currency: true, avatar: true, ratingAverage: true, ratingCount: true } as const

export const findCatalogPage = async (payload: Payload, viewer: User | null, q: CatalogQuery): Promise<CatalogPage> => {
  const at = now()
  const { bookingCutoffMinutes } = await getSettings(payload)
  const filter: CatalogFilter = {
    earliestStart: earliestBookableStart(at, bookingCutoffMinutes),
    soonUntil: q.availableSoon ? new Date(at.getTime() + AVAILABLE_SOON_DAYS * 86_400_000) : null,
    // Prices typed in major units of the chosen currency, applied to offers in that currency.
    currency: q.currency,
    minPrice: q.minPrice,
    maxPrice: q.maxPrice,
    pattern: q.q ? likePattern(q.q) : null,
    category: q.category,
  }
  const run = runner(payload)
  const { ids, total } = await catalogPageIds(run, filter, q.sort, CATALOG_PAGE_SIZE, (q.page - 1) * CATALOG_PAGE_SIZE)
  const pages = Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE))
  if (!ids.length) return { entries: [], total, page: q.page, pages }

  // What the cards show: from-price and next slot among bookable offers (the filters' window), per creator on the page.
  const [offerStats, docs] = await Promise.all([
    bookableOfferStats(run, ids, filter),
    payload.find({ collection: 'creators', where: { id: { in: ids } }, limit: ids.length, depth: 1, select: CARD_FIELDS, overrideAccess: false, user: viewer, pagination: false }),
  ])
  const byId = new Map(docs.docs.map((d) => [d.id, d as Creator]))
  const statsById = new Map(offerStats.map((s) => [Number(s.creator_id), s]))
  const entries = ids.flatMap((id) => {
    const creator = byId.get(id)
    const s = statsById.get(id)
    return creator
      ? [{ creator, fromPrice: s?.min_price == null ? null : Number(s.min_price), priceCurrency: q.currency ?? creator.currency, nextAvailableAt: s?.next_at ? new Date(s.next_at).toISOString() : null, upcoming: Number(s?.upcoming ?? 0) }]
      : []
  })
  return { entries, total, page: q.page, pages }
}

/**
 * The home page's two lists, like the creators list: only creators fans can pay. Featured creators
 * (best rated first) and open slots starting within three days, six of each.
 */
export const findHomeCatalog = async (payload: Payload, viewer: User | null) => {
  const run = runner(payload)
  const { bookingCutoffMinutes } = await getSettings(payload)
  const at = now()
  const featuredIds = await featuredPayableCreatorIds(run, 6)
  const [featured, soon] = await Promise.all([
    featuredIds.length
      ? payload.find({ collection: 'creators', where: { id: { in: featuredIds } }, sort: '-ratingAverage', limit: 6, depth: 1, overrideAccess: false, user: viewer })
      : Promise.resolve({ docs: [] as Creator[] }),
    payload.find({
      collection: 'offers',
      where: {
        and: [
          { status: { equals: 'available' } },
          { reservedFor: { exists: false } },
          { startsAt: { greater_than_equal: earliestBookableStart(at, bookingCutoffMinutes).toISOString() } },
          { startsAt: { less_than: new Date(at.getTime() + 3 * 86_400_000).toISOString() } },
        ],
      },
      sort: 'startsAt',
      limit: 24,
      depth: 1,
      overrideAccess: false,
      user: viewer,
    }),
  ])
  const creatorOf = (o: (typeof soon.docs)[number]) => (typeof o.creator === 'object' && o.creator ? o.creator.id : Number(o.creator))
  const payable = await payableCreatorIdsAmong(run, [...new Set(soon.docs.map(creatorOf))])
  return { featured: featured.docs, soon: soon.docs.filter((o) => payable.has(creatorOf(o))).slice(0, 6) }
}
