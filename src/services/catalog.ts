/**
 * The storefront's creators list (SPEC §12): search, filters, sort and pagination in SQL (10,000
 * creators and 100,000 offers must answer fast), then the page's creators read through the local
 * API under the viewer's access. The SQL reads only what any guest may see: public creator
 * columns and offers that are available, unreserved and still bookable (partial indexes
 * offers_bookable_*, migration 20261201_124820).
 */
import type { Payload } from 'payload'

import { AVAILABLE_SOON_DAYS, CATALOG_PAGE_SIZE, likePattern, type CatalogQuery } from '@/domain/catalog'
import { minorDigits, SUPPORTED_CURRENCIES } from '@/domain/currencies'
import { now } from '@/lib/clock'
import { query } from '@/lib/db'
import type { Creator, User } from '@/payload-types'

import { getSettings } from './settings'

export type CatalogEntry = { creator: Creator; fromPrice: number | null; nextAvailableAt: string | null; upcoming: number }
export type CatalogPage = { entries: CatalogEntry[]; total: number; page: number; pages: number }

const ORDER: Record<CatalogQuery['sort'], string> = {
  rating: 'c.rating_average DESC NULLS LAST, c.rating_count DESC NULLS LAST, c.id',
  name: 'lower(c.display_name), c.id',
  soonest: 's.next_at ASC NULLS LAST, c.id',
  price: 's.min_price ASC NULLS LAST, c.id',
}

/** What a creator card needs (fewer joins than the whole document). */
const CARD_FIELDS = { displayName: true, slug: true, bio: true, category: true, currency: true, avatar: true, ratingAverage: true, ratingCount: true } as const

/** SQL text with numbered parameters, built in order. */
class Params {
  readonly values: unknown[] = []
  add(value: unknown, type: string): string {
    this.values.push(value)
    return `$${this.values.length}::${type}`
  }
}

export const findCatalogPage = async (payload: Payload, viewer: User | null, q: CatalogQuery): Promise<CatalogPage> => {
  const at = now()
  const { bookingCutoffMinutes } = await getSettings(payload)
  const cutoff = new Date(at.getTime() + bookingCutoffMinutes * 60_000).toISOString()
  const soonUntil = q.availableSoon ? new Date(at.getTime() + AVAILABLE_SOON_DAYS * 86_400_000).toISOString() : null
  const offerFilter = q.availableSoon || q.minPrice !== null || q.maxPrice !== null

  // Offers any guest may book within the filters' window and price range (prices typed in major units of the offer's currency).
  const bookable = (p: Params) =>
    [
      `o.status = 'available' AND o.reserved_for_id IS NULL AND o.starts_at >= ${p.add(cutoff, 'timestamptz')}`,
      soonUntil ? `o.starts_at < ${p.add(soonUntil, 'timestamptz')}` : null,
      q.minPrice !== null ? `o.price >= ${p.add(q.minPrice, 'numeric')} * ${scale}` : null,
      q.maxPrice !== null ? `o.price <= ${p.add(q.maxPrice, 'numeric')} * ${scale}` : null,
    ]
      .filter(Boolean)
      .join(' AND ')

  const p = new Params()
  const where: string[] = []
  if (q.q) {
    // Accent- and case-insensitive ("lea" finds "Léa"), each side from its trigram index on
    // callastar_fold (migration 20261201_143000); a UNION, as an OR would scan every creator.
    const pattern = `callastar_fold(${p.add(likePattern(q.q), 'text')})`
    where.push(
      `c.id IN (SELECT n.id FROM creators n WHERE callastar_fold(n.display_name) LIKE ${pattern}
                UNION SELECT x.parent_id FROM creators_texts x WHERE x.path = 'expertise' AND callastar_fold(x.text) LIKE ${pattern})`,
    )
  }
  if (q.category) where.push(`c.category = ${p.add(q.category, 'enum_creators_category')}`)
  const byOffers = q.sort === 'soonest' || q.sort === 'price'
  // Sorting by offers: one pass over the bookable offers (grouped per creator), not a lookup per creator.
  const stats = byOffers
    ? `${offerFilter ? 'JOIN' : 'LEFT JOIN'} (SELECT o.creator_id, min(o.price) AS min_price, min(o.starts_at) AS next_at FROM offers o WHERE ${bookable(p)} GROUP BY o.creator_id) s ON s.creator_id = c.id`
    : ''
  if (offerFilter && !byOffers) where.push(`c.id IN (SELECT o.creator_id FROM offers o WHERE ${bookable(p)})`)
  const from = `FROM creators c ${stats} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`
  const limit = p.add(CATALOG_PAGE_SIZE, 'int')
  const offset = p.add((q.page - 1) * CATALOG_PAGE_SIZE, 'int')
  const [rows, counted] = await Promise.all([
    query<{ id: number }>(payload, `SELECT c.id ${from} ORDER BY ${ORDER[q.sort]} LIMIT ${limit} OFFSET ${offset}`, p.values),
    query<{ total: string }>(payload, `SELECT count(*) AS total ${from}`, p.values.slice(0, -2)),
  ])
  const total = Number(counted[0]?.total ?? 0)
  const pages = Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE))
  const ids = rows.map((r) => r.id)
  if (!ids.length) return { entries: [], total, page: q.page, pages }

  // What the cards show: from-price and next slot among bookable offers (the filters' window), per creator on the page.
  const sp = new Params()
  const [offerStats, docs] = await Promise.all([
    query<{ creator_id: number; min_price: string | null; next_at: Date | null; upcoming: string }>(
      payload,
      `SELECT o.creator_id, min(o.price) AS min_price, min(o.starts_at) AS next_at, count(*) AS upcoming
         FROM offers o WHERE o.creator_id = ANY(${sp.add(ids, 'int[]')}) AND ${bookable(sp)}
        GROUP BY o.creator_id`,
      sp.values,
    ),
    payload.find({ collection: 'creators', where: { id: { in: ids } }, limit: ids.length, depth: 1, select: CARD_FIELDS, overrideAccess: false, user: viewer, pagination: false }),
  ])
  const byId = new Map(docs.docs.map((d) => [d.id, d as Creator]))
  const statsById = new Map(offerStats.map((s) => [s.creator_id, s]))
  const entries = ids.flatMap((id) => {
    const creator = byId.get(id)
    const s = statsById.get(id)
    return creator
      ? [{ creator, fromPrice: s?.min_price == null ? null : Number(s.min_price), nextAvailableAt: s?.next_at ? new Date(s.next_at).toISOString() : null, upcoming: Number(s?.upcoming ?? 0) }]
      : []
  })
  return { entries, total, page: q.page, pages }
}

/** Minor units per major unit of the offer's currency, in SQL (price filters are typed in major units). */
const scale = `(CASE o.currency::text ${SUPPORTED_CURRENCIES.map((c) => `WHEN '${c}' THEN ${10 ** minorDigits(c)}`).join(' ')} ELSE 100 END)`
