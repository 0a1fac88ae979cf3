import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { CreatorCard } from '@/components/storefront/CreatorCard'
import { OfferList } from '@/components/storefront/OfferList'
import { localeOrNotFound, storefrontContext, viewerTimeZone } from '@/components/storefront/server'
import { t } from '@/i18n'
import { findHomeCatalog } from '@/services/catalog'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeOrNotFound((await params).locale)
  return { title: { absolute: t(locale, 'meta.title') }, description: t(locale, 'meta.description'), alternates: { languages: { en: '/en', fr: '/fr' } } }
}

/** Home: what Callastar is, featured creators, calls starting soon, how it works, sign up. */
export default async function HomePage({ params }: Props) {
  const locale = localeOrNotFound((await params).locale)
  const { payload, user } = await storefrontContext()
  const timeZone = await viewerTimeZone(user)
  // Only creators fans can pay, as on the creators list.
  const { featured, soon } = await findHomeCatalog(payload, user)
  return (
    <main id="main" className="store">
      <section className="hero">
        <h1>{t(locale, 'home.title')}</h1>
        <p className="lead">{t(locale, 'home.lead')}</p>
        <p className="actions">
          <Link className="button" href={`/${locale}/creators`}>
            {t(locale, 'home.browse')}
          </Link>
          {user ? null : (
            <Link className="button secondary" href={`/${locale}/signup`}>
              {t(locale, 'home.signup')}
            </Link>
          )}
        </p>
      </section>

      <section className="section" aria-labelledby="featured">
        <div className="section-head">
          <h2 id="featured">{t(locale, 'home.featured')}</h2>
          <Link href={`/${locale}/creators`}>{t(locale, 'home.allCreators')}</Link>
        </div>
        {featured.length ? (
          <ul className="grid" data-testid="featured-creators">
            {featured.map((c) => (
              <CreatorCard key={c.id} creator={c} locale={locale} timeZone={timeZone} />
            ))}
          </ul>
        ) : (
          <p className="empty">{t(locale, 'home.noFeatured')}</p>
        )}
      </section>

      <section className="section" aria-labelledby="soon">
        <h2 id="soon">{t(locale, 'home.soon')}</h2>
        {soon.length ? (
          <OfferList offers={soon} locale={locale} timeZone={timeZone} showCreator testId="soon-offers" />
        ) : (
          <p className="empty">{t(locale, 'home.noSoon')}</p>
        )}
      </section>

      <section className="section" aria-labelledby="how">
        <h2 id="how">{t(locale, 'home.how')}</h2>
        <ol className="steps">
          <li>
            <strong>{t(locale, 'home.step1.title')}</strong>
            <p>{t(locale, 'home.step1.body')}</p>
          </li>
          <li>
            <strong>{t(locale, 'home.step2.title')}</strong>
            <p>{t(locale, 'home.step2.body')}</p>
          </li>
          <li>
            <strong>{t(locale, 'home.step3.title')}</strong>
            <p>{t(locale, 'home.step3.body')}</p>
          </li>
        </ol>
      </section>

      {user ? null : (
        <section className="section card" aria-labelledby="cta">
          <h2 id="cta">{t(locale, 'home.ctaTitle')}</h2>
          <p>{t(locale, 'home.ctaBody')}</p>
          <p className="actions">
            <Link className="button" href={`/${locale}/signup`}>
              {t(locale, 'home.signupFan')}
            </Link>
            <Link className="button secondary" href={`/${locale}/signup?role=creator`}>
              {t(locale, 'home.signupCreator')}
            </Link>
          </p>
        </section>
      )}
    </main>
  )
}
