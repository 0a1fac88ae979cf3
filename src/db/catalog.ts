/**
 * The storefront's creators list in SQL (SPEC §12: 10,000 creators and 100,000 offers must answer
 * fast). It reads only what any guest may see: public creator columns and offers that are
 * available, unreserved and still bookable (partial indexes offers_bookable_*, migration
 * 20261201_124820).
 */
import type { CatalogSort } from '@/domain/catalog'
import type { CreatorCategory } from '@/domain/categories'
import { minorDigits, SUPPORTED_CURRENCIES } from '@/domain/currencies'

import { sql, type Run, type SQL } from './run'

/** Which offers count: bookable from `earliestStart`, before `soonUntil`, in `currency`, within a price range in its major units. */
export type BookableOffers = { earliestStart: Date; soonUntil: Date | null; currency: string | null; minPrice: number | null; maxPrice: number | null }

export type CatalogFilter = BookableOffers & {
  /** A LIKE pattern (wildcards escaped) matched accent- and case-insensitively on name and expertise. */
  pattern: string | null
  category: CreatorCategory | null
}

const ORDER: Record<CatalogSort, SQL> = {
  rating: sql`c.rating_average DESC NULLS LAST, c.rating_count DESC NULLS LAST, c.id`,
  name: sql`lower(c.display_name), c.id`,
  soonest: sql`s.next_at ASC NULLS LAST, c.id`,
  price: sql`s.min_price ASC NULLS LAST, c.id`,
}

/** Minor units per major unit of the offer's currency (price filters are typed in major units). */
const scale = sql.raw(`(CASE o.currency::text ${SUPPORTED_CURRENCIES.map((c) => `WHEN '${c}' THEN ${10 ** minorDigits(c)}`).join(' ')} ELSE 100 END)`)

/** Offers any guest may book within the filters' window and price range. */
const bookable = (f: BookableOffers): SQL =>
  sql.join(
    [
      sql`o.status = 'available' AND o.reserved_for_id IS NULL AND o.starts_at >= ${f.earliestStart.toISOString()}::timestamptz`,
      f.soonUntil ? sql`o.starts_at < ${f.soonUntil.toISOString()}::timestamptz` : null,
      f.currency ? sql`o.currency::text = ${f.currency}::text` : null,
      f.minPrice !== null ? sql`o.price >= ${f.minPrice}::numeric * ${scale}` : null,
      f.maxPrice !== null ? sql`o.price <= ${f.maxPrice}::numeric * ${scale}` : null,
    ].filter((part): part is SQL => part !== null),
    sql` AND `,
  )

const filtersOffers = (f: BookableOffers): boolean => f.soonUntil !== null || f.currency !== null || f.minPrice !== null || f.maxPrice !== null

/** The featured creators fans can pay (payment account able to take charges), best rated first. */
export const featuredPayableCreatorIds = async (run: Run, limit: number): Promise<number[]> =>
  (
    await run<{ id: number }>(sql`
      SELECT id FROM creators WHERE featured = true AND charges_enabled = true AND stripe_account_id IS NOT NULL
       ORDER BY rating_average DESC NULLS LAST, id LIMIT ${limit}`)
  ).map((r) => Number(r.id))

/** Of `ids`, the creators fans can pay. */
export const payableCreatorIdsAmong = async (run: Run, ids: number[]): Promise<Set<number>> =>
  ids.length
    ? new Set(
        (await run<{ id: number }>(sql`SELECT id FROM creators WHERE id = ANY(${`{${ids.join(',')}}`}::int[]) AND charges_enabled = true AND stripe_account_id IS NOT NULL`)).map((r) =>
          Number(r.id),
        ),
      )
    : new Set()

/** One page of creator ids in `sort` order, and how many creators match in all. */
export const catalogPageIds = async (run: Run, f: CatalogFilter, sort: CatalogSort, limit: number, offset: number): Promise<{ ids: number[]; total: number }> => {
  // Only creators fans can pay (payment account able to take charges); those without an open slot
  // are listed too, last when sorted by slot or price, and their card says so (README, storefront).
  const where: SQL[] = [sql`c.charges_enabled = true AND c.stripe_account_id IS NOT NULL`]
  if (f.pattern !== null) {
    // Accent- and case-insensitive ("lea" finds "Léa"), each side from its trigram index on
    // callastar_fold (migration 20261201_143000); a UNION, as an OR would scan every creator.
    where.push(
      sql`c.id IN (SELECT n.id FROM creators n WHERE callastar_fold(n.display_name) LIKE callastar_fold(${f.pattern}::text)
                   UNION SELECT x.parent_id FROM creators_texts x WHERE x.path = 'expertise' AND callastar_fold(x.text) LIKE callastar_fold(${f.pattern}::text))`,
    )
  }
  if (f.category) where.push(sql`c.category = ${f.category}::enum_creators_category`)
  const byOffers = sort === 'soonest' || sort === 'price'
  const offerFilter = filtersOffers(f)
  // Sorting by offers: one pass over the bookable offers (grouped per creator), not a lookup per creator.
  const stats = byOffers
    ? sql`${offerFilter ? sql`JOIN` : sql`LEFT JOIN`} (SELECT o.creator_id, min(o.price) AS min_price, min(o.starts_at) AS next_at FROM offers o WHERE ${bookable(f)} GROUP BY o.creator_id) s ON s.creator_id = c.id`
    : sql``
  if (offerFilter && !byOffers) where.push(sql`c.id IN (SELECT o.creator_id FROM offers o WHERE ${bookable(f)})`)
  const from = sql`FROM creators c ${stats} WHERE ${sql.join(where, sql` AND `)}`
  const [rows, counted] = await Promise.all([
    run<{ id: number }>(sql`SELECT c.id ${from} ORDER BY ${ORDER[sort]} LIMIT ${limit}::int OFFSET ${offset}::int`),
    run<{ total: string }>(sql`SELECT count(*) AS total ${from}`),
  ])
  return { ids: rows.map((r) => r.id), total: Number(counted[0]?.total ?? 0) }
}

export type CreatorOfferStats = { creator_id: number; min_price: string | null; next_at: Date | string | null; upcoming: string }

/** From-price, next slot and count of the bookable offers (the filters' window) of each of `creatorIds`. */
export const bookableOfferStats = (run: Run, creatorIds: number[], f: BookableOffers): Promise<CreatorOfferStats[]> =>
  run<CreatorOfferStats>(sql`
    SELECT o.creator_id, min(o.price) AS min_price, min(o.starts_at) AS next_at, count(*) AS upcoming
      FROM offers o WHERE o.creator_id = ANY(${sql.param(creatorIds)}::int[]) AND ${bookable(f)}
     GROUP BY o.creator_id`)
