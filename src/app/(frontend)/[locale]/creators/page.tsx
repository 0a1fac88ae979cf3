import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { CreatorCard } from '@/components/storefront/CreatorCard'
import { localeOrNotFound, storefrontContext, viewerTimeZone } from '@/components/storefront/server'
import { CREATOR_CATEGORIES } from '@/domain/categories'
import { CATALOG_PAGE_SIZE, CATALOG_SORTS, catalogSearch, parseCatalogQuery, type PriceProblem } from '@/domain/catalog'
import { SUPPORTED_CURRENCIES } from '@/domain/currencies'
import { t, type MessageKey } from '@/i18n'
import { numberFormat } from '@/i18n/format'
import { findCatalogPage } from '@/services/catalog'

export const dynamic = 'force-dynamic'

const PRICE_PROBLEM: Record<PriceProblem, { key: MessageKey; field: 'min' | 'max' | 'currency' }> = {
  min_invalid: { key: 'creators.price.minInvalid', field: 'min' },
  max_invalid: { key: 'creators.price.maxInvalid', field: 'max' },
  min_above_max: { key: 'creators.price.minAboveMax', field: 'min' },
  currency_missing: { key: 'creators.price.currencyMissing', field: 'currency' },
}

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeOrNotFound((await params).locale)
  return { title: t(locale, 'creators.title'), description: t(locale, 'creators.description') }
}

/** Creators: search by name or expertise, filter, sort, paginate — all in the URL, rendered on the server. */
export default async function CreatorsPage({ params, searchParams }: Props) {
  const locale = localeOrNotFound((await params).locale)
  const query = parseCatalogQuery(await searchParams)
  const { payload, user } = await storefrontContext()
  const timeZone = await viewerTimeZone(user)
  const result = await findCatalogPage(payload, user, query)
  const n = numberFormat(locale)
  const base = `/${locale}/creators`
  const filtered = query.q || query.category || query.currency || query.minPrice !== null || query.maxPrice !== null || query.availableSoon || query.priceProblem
  const problem = query.priceProblem ? PRICE_PROBLEM[query.priceProblem] : null
  const invalid = (field: 'min' | 'max' | 'currency') =>
    problem && (problem.field === field || (query.priceProblem === 'min_above_max' && field === 'max')) ? { 'aria-invalid': true, 'aria-describedby': 'price-problem' } : {}
  return (
    <main id="main" className="store">
      <h1>{t(locale, 'creators.title')}</h1>
      <form className="filters" method="get" action={base} role="search" data-testid="creator-filters">
        <label>
          {t(locale, 'creators.search')}
          <input type="search" name="q" defaultValue={query.q} placeholder={t(locale, 'creators.searchPlaceholder')} data-testid="search" />
        </label>
        <label>
          {t(locale, 'creators.category')}
          <select name="category" defaultValue={query.category ?? ''} data-testid="category">
            <option value="">{t(locale, 'creators.allCategories')}</option>
            {CREATOR_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(locale, `category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(locale, 'creators.currency')}
          <select name="currency" defaultValue={query.currency ?? ''} data-testid="currency" {...invalid('currency')}>
            <option value="">{t(locale, 'creators.anyCurrency')}</option>
            {SUPPORTED_CURRENCIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(locale, 'creators.minPrice')}
          <input type="text" name="min" inputMode="decimal" autoComplete="off" defaultValue={query.minText} data-testid="min-price" {...invalid('min')} />
        </label>
        <label>
          {t(locale, 'creators.maxPrice')}
          <input type="text" name="max" inputMode="decimal" autoComplete="off" defaultValue={query.maxText} data-testid="max-price" {...invalid('max')} />
        </label>
        <label>
          {t(locale, 'creators.sort')}
          <select name="sort" defaultValue={query.sort} data-testid="sort">
            {CATALOG_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(locale, `creators.sort.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="buttons">
          <label className="check">
            <input type="checkbox" name="soon" value="1" defaultChecked={query.availableSoon} data-testid="available-soon" />
            {t(locale, 'creators.availableSoon')}
          </label>
          <button type="submit" className="button" data-testid="apply-filters">
            {t(locale, 'creators.apply')}
          </button>
          {filtered ? <Link href={base}>{t(locale, 'creators.clear')}</Link> : null}
        </div>
        <p className="hint">{t(locale, 'creators.priceHint')}</p>
        {problem ? (
          <p className="error" role="alert" id="price-problem" data-testid="price-problem">
            {t(locale, problem.key)}
          </p>
        ) : null}
      </form>

      <p className="count" role="status" data-testid="result-count">
        {result.total === 0
          ? t(locale, 'creators.countNone')
          : result.entries.length === 0
          ? t(locale, 'creators.pastEnd', { total: n.format(result.total) })
          : t(locale, result.total === 1 ? 'creators.countOne' : 'creators.count', {
              from: n.format((result.page - 1) * CATALOG_PAGE_SIZE + 1),
              to: n.format((result.page - 1) * CATALOG_PAGE_SIZE + result.entries.length),
              total: n.format(result.total),
            })}
      </p>
      {result.entries.length ? (
        <ul className="grid" data-testid="creator-results">
          {result.entries.map((e) => (
            <CreatorCard key={e.creator.id} creator={e.creator} locale={locale} timeZone={timeZone} fromPrice={e.fromPrice} priceCurrency={e.priceCurrency} nextAvailableAt={e.nextAvailableAt} />
          ))}
        </ul>
      ) : (
        <div className="empty" data-testid="no-results">
          <p>{t(locale, result.total > 0 ? 'creators.emptyPage' : filtered ? 'creators.emptyFiltered' : 'creators.empty')}</p>
          {result.total > 0 ? (
            <Link href={`${base}${catalogSearch(query, { page: 1 })}`}>{t(locale, 'creators.firstPage')}</Link>
          ) : filtered ? (
            <Link href={base}>{t(locale, 'creators.clear')}</Link>
          ) : null}
        </div>
      )}
      {result.pages > 1 ? (
        <nav className="pager" aria-label={t(locale, 'creators.pages')}>
          {result.page > 1 ? (
            <Link href={`${base}${catalogSearch(query, { page: result.page - 1 })}`} rel="prev" data-testid="prev-page">
              {t(locale, 'creators.prev')}
            </Link>
          ) : null}
          <span>{t(locale, 'creators.pageOf', { page: n.format(result.page), pages: n.format(result.pages) })}</span>
          {result.page < result.pages ? (
            <Link href={`${base}${catalogSearch(query, { page: result.page + 1 })}`} rel="next" data-testid="next-page">
              {t(locale, 'creators.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </main>
  )
}
