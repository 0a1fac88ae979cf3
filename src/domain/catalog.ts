/**
 * The creators list's query (SPEC §12): what the URL asks for, parsed and bounded. Pure, so the
 * page, the service and the tests agree on one reading of the search parameters.
 */
import { CREATOR_CATEGORIES, type CreatorCategory } from './categories'
import { SUPPORTED_CURRENCIES, type SupportedCurrency } from './currencies'

export const CATALOG_SORTS = ['rating', 'soonest', 'price', 'name'] as const
export type CatalogSort = (typeof CATALOG_SORTS)[number]
export const CATALOG_PAGE_SIZE = 12
export const AVAILABLE_SOON_DAYS = 7

export type CatalogQuery = {
  q: string
  category: CreatorCategory | null
  /**
   * The price range is per currency (creators sell in EUR, CHF, USD or GBP; no rate converts them):
   * bounds in major units of `currency`, applied only to offers in that currency. `currency` alone
   * lists creators with open slots in it.
   */
  currency: SupportedCurrency | null
  minPrice: number | null
  maxPrice: number | null
  /** What is wrong with the price range, if anything: then no price filter applies and the page says why (never a silent swap). */
  priceProblem: PriceProblem | null
  /** The bounds as typed, shown again in the form when they are wrong. */
  minText: string
  maxText: string
  availableSoon: boolean
  sort: CatalogSort
  page: number
}

export const PRICE_PROBLEMS = ['min_invalid', 'max_invalid', 'min_above_max', 'currency_missing'] as const
export type PriceProblem = (typeof PRICE_PROBLEMS)[number]
/** Upper bound of a typed price (major units): larger is surely a typo. */
export const MAX_PRICE_FILTER = 1_000_000

type Params = Record<string, string | string[] | undefined>
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim()
/** A typed price: empty → null, a plain non-negative decimal (comma or point) up to MAX_PRICE_FILTER → its value, anything else → NaN. */
const price = (v: string): number | null => {
  if (!v) return null
  if (!/^\d{1,7}([.,]\d{1,2})?$/.test(v)) return Number.NaN
  const n = Number(v.replace(',', '.'))
  return n <= MAX_PRICE_FILTER ? n : Number.NaN
}

export const parseCatalogQuery = (params: Params): CatalogQuery => {
  const category = one(params.category)
  const sort = one(params.sort)
  const page = Number.parseInt(one(params.page), 10)
  const minText = one(params.min).slice(0, 20)
  const maxText = one(params.max).slice(0, 20)
  const min = price(minText)
  const max = price(maxText)
  const currencyText = one(params.currency).toUpperCase()
  const currency = (SUPPORTED_CURRENCIES as readonly string[]).includes(currencyText) ? (currencyText as SupportedCurrency) : null
  const priceProblem: PriceProblem | null = Number.isNaN(min)
    ? 'min_invalid'
    : Number.isNaN(max)
      ? 'max_invalid'
      : min !== null && max !== null && min > max
        ? 'min_above_max'
        : (min !== null || max !== null) && !currency
          ? 'currency_missing'
          : null
  const bounds = priceProblem === null
  return {
    q: one(params.q).slice(0, 100),
    category: (CREATOR_CATEGORIES as readonly string[]).includes(category) ? (category as CreatorCategory) : null,
    currency,
    minPrice: bounds ? min : null,
    maxPrice: bounds ? max : null,
    priceProblem,
    minText,
    maxText,
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
  if (q.currency) params.set('currency', q.currency)
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
