/**
 * The storefront's creators list (SPEC §12): search, filters, sort and pagination in one SQL
 * statement (10,000 creators and 100,000 offers must answer fast), then the page's creators read
 * through the local API under the viewer's access. The SQL reads only what any guest may see:
 * public creator columns and offers that are available, unreserved and still bookable.
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

export const findCatalogPage = async (payload: Payload, viewer: User | null, q: CatalogQuery): Promise<CatalogPage> => {
  const at = now()
  const { bookingCutoffMinutes } = await getSettings(payload)
  const cutoff = new Date(at.getTime() + bookingCutoffMinutes * 60_000).toISOString()
  const soonUntil = q.availableSoon ? new Date(at.getTime() + AVAILABLE_SOON_DAYS * 86_400_000).toISOString() : null
  const offerFilter = q.availableSoon || q.minPrice !== null || q.maxPrice !== null
  const values: unknown[] = []
  const param = (value: unknown, type: string) => (values.push(value), `$${values.length}::${type}`)
  // Offers any guest may book, within the filters' window and price range (per creator `c`).
  const bookableIn = (p: (value: unknown, type: string) => string) => {
    const until = p(soonUntil, 'timestamptz')
    const min = p(q.minPrice, 'numeric')
    const max = p(q.maxPrice, 'numeric')
    return `o.creator_id = c.id AND o.status = 'available' AND o.reserved_for_id IS NULL AND o.starts_at >= ${p(cutoff, 'timestamptz')}
      AND (${until} IS NULL OR o.starts_at < ${until}) AND (${min} IS NULL OR o.price >= ${min} * ${scale}) AND (${max} IS NULL OR o.price <= ${max} * ${scale})`
  }
  const where: string[] = []
  if (q.q) {
    // Accent- and case-insensitive: "lea" finds "Léa".
    const pattern = fold(param(likePattern(q.q), 'text'))
    where.push(`(${fold('c.display_name')} LIKE ${pattern} OR EXISTS (SELECT 1 FROM creators_texts x WHERE x.parent_id = c.id AND x.path = 'expertise' AND ${fold('x.text')} LIKE ${pattern}))`)
  }
  if (q.category) where.push(`c.category = ${param(q.category, 'enum_creators_category')}`)
  const needStats = q.sort === 'soonest' || q.sort === 'price'
  const lateral = needStats ? `LEFT JOIN LATERAL (SELECT min(o.price) AS min_price, min(o.starts_at) AS next_at FROM offers o WHERE ${bookableIn(param)}) s ON true` : ''
  if (offerFilter && !needStats) where.push(`EXISTS (SELECT 1 FROM offers o WHERE ${bookableIn(param)})`)
  if (offerFilter && needStats) where.push('s.next_at IS NOT NULL')
  const window = (limit: number, offset: number) =>
    query<{ id: number; total: string }>(
      payload,
      `SELECT c.id, count(*) OVER () AS total
         FROM creators c
         ${lateral}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY ${ORDER[q.sort]}
        LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, limit, offset],
    )
  const rows = await window(CATALOG_PAGE_SIZE, (q.page - 1) * CATALOG_PAGE_SIZE)
  // A page past the end has no row to carry the count: ask for the first row only.
  const total = Number((rows[0] ?? (q.page > 1 ? (await window(1, 0))[0] : undefined))?.total ?? 0)
  const ids = rows.map((r) => r.id)
  if (!ids.length) return { entries: [], total, page: q.page, pages: Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE)) }

  // What the cards show: from-price and next slot among bookable offers (the filters' window), per creator on the page.
  const statsValues: unknown[] = []
  const statsParam = (value: unknown, type: string) => (statsValues.push(value), `$${statsValues.length}::${type}`)
  const stats = await query<{ creator_id: number; min_price: string | null; next_at: Date | null; upcoming: string }>(
    payload,
    `SELECT c.id AS creator_id, min(o.price) AS min_price, min(o.starts_at) AS next_at, count(o.id) AS upcoming
       FROM creators c LEFT JOIN offers o ON ${bookableIn(statsParam)}
      WHERE c.id = ANY(${statsParam(ids, 'int[]')})
      GROUP BY c.id`,
    statsValues,
  )
  const docs = await payload.find({
    collection: 'creators',
    where: { id: { in: ids } },
    limit: ids.length,
    depth: 1,
    overrideAccess: false,
    user: viewer,
    pagination: false,
  })
  const byId = new Map(docs.docs.map((d) => [d.id, d]))
  const statsById = new Map(stats.map((s) => [s.creator_id, s]))
  const entries = ids.flatMap((id) => {
    const creator = byId.get(id)
    const s = statsById.get(id)
    return creator
      ? [{ creator, fromPrice: s?.min_price == null ? null : Number(s.min_price), nextAvailableAt: s?.next_at ? new Date(s.next_at).toISOString() : null, upcoming: Number(s?.upcoming ?? 0) }]
      : []
  })
  return { entries, total, page: q.page, pages: Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE)) }
}

/** Minor units per major unit of the creator's currency, in SQL (price filters are typed in major units). */
const scale = `(CASE c.currency::text ${SUPPORTED_CURRENCIES.map((c) => `WHEN '${c}' THEN ${10 ** minorDigits(c)}`).join(' ')} ELSE 100 END)`

const ACCENTED = 'àáâãäåāçćčèéêëēęěìíîïīłñńòóôõöøōśšùúûüūýÿźżž'
const PLAIN = 'aaaaaaaccceeeeeeeiiiiilnnooooooossuuuuuyyzzz'
/** Lower case without accents, in SQL (no extension needed). */
const fold = (expr: string): string => `translate(lower(${expr}), '${ACCENTED}', '${PLAIN}')`
