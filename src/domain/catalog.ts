/**
 * The creators list's query (SPEC §12): what the URL asks for, parsed and bounded. Pure, so the
 * page, the service and the tests agree on one reading of the search parameters.
 */
import { CREATOR_CATEGORIES, type CreatorCategory } from './categories'

export const CATALOG_SORTS = ['rating', 'soonest', 'price', 'name'] as const
export type CatalogSort = (typeof CATALOG_SORTS)[number]
export const CATALOG_PAGE_SIZE = 12
export const AVAILABLE_SOON_DAYS = 7

export type CatalogQuery = {
  q: string
  category: CreatorCategory | null
  /** Price bounds in major units of each creator's own currency (creators price in different currencies). */
  minPrice: number | null
  maxPrice: number | null
  availableSoon: boolean
  sort: CatalogSort
  page: number
}

type Params = Record<string, string | string[] | undefined>
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim()
const price = (v: string): number | null => {
  if (!v) return null
  const n = Number(v.replace(',', '.'))
  return Number.isFinite(n) && n >= 0 ? Math.min(n, 1_000_000) : null
}

export const parseCatalogQuery = (params: Params): CatalogQuery => {
  const category = one(params.category)
  const sort = one(params.sort)
  const page = Number.parseInt(one(params.page), 10)
  let minPrice = price(one(params.min))
  let maxPrice = price(one(params.max))
  if (minPrice !== null && maxPrice !== null && minPrice > maxPrice) [minPrice, maxPrice] = [maxPrice, minPrice]
  return {
    q: one(params.q).slice(0, 100),
    category: (CREATOR_CATEGORIES as readonly string[]).includes(category) ? (category as CreatorCategory) : null,
    minPrice,
    maxPrice,
    availableSoon: ['1', 'true', 'on'].includes(one(params.soon)),
    sort: (CATALOG_SORTS as readonly string[]).includes(sort) ? (sort as CatalogSort) : 'rating',
    page: Number.isSafeInteger(page) && page > 0 ? Math.min(page, 10_000) : 1,
  }
}

/** The URL of a catalog query (defaults left out), for links that keep the filters. */
export const catalogSearch = (query: CatalogQuery, change: Partial<CatalogQuery> = {}): string => {
  const q = { ...query, ...change }
  const params = new URLSearchParams()
  if (q.q) params.set('q', q.q)
  if (q.category) params.set('category', q.category)
  if (q.minPrice !== null) params.set('min', String(q.minPrice))
  if (q.maxPrice !== null) params.set('max', String(q.maxPrice))
  if (q.availableSoon) params.set('soon', '1')
  if (q.sort !== 'rating') params.set('sort', q.sort)
  if (q.page > 1) params.set('page', String(q.page))
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** Escapes LIKE wildcards so a search for "50%" means the characters. */
export const likePattern = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
