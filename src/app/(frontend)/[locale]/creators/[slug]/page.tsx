import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import Link from 'next/link'
import type { Payload } from 'payload'
import React, { cache } from 'react'

import { Avatar, CreatorMeta } from '@/components/storefront/CreatorCard'
import { CallRequestForm } from '@/components/storefront/CallRequestForm'
import { dateFormat } from '@/i18n/format'
import { OfferList } from '@/components/storefront/OfferList'
import { localeOrNotFound, loginHref, storefrontContext, viewerTimeZone } from '@/components/storefront/server'
import { minorDigits } from '@/domain/currencies'
import { earliestBookableStart } from '@/domain/cutoff'
import { t } from '@/i18n'
import { now } from '@/lib/clock'
import type { User } from '@/payload-types'
import { getSettings } from '@/services/settings'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string; slug: string }> }

/** The creator of a slug under the viewer's access (cached per request: metadata and page share it). */
const creatorBySlug = cache(async (payload: Payload, user: User | null, slug: string) => {
  const found = await payload.find({ collection: 'creators', where: { slug: { equals: slug } }, limit: 1, depth: 1, overrideAccess: false, user })
  return found.docs[0] ?? null
})

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: raw, slug } = await params
  const locale = localeOrNotFound(raw)
  const { payload, user } = await storefrontContext()
  const creator = await creatorBySlug(payload, user, slug)
  if (!creator) return { title: t(locale, 'creator.notFound') }
  const description = (creator.bio ?? t(locale, 'creator.metaDescription', { name: creator.displayName })).slice(0, 160)
  return {
    title: creator.displayName,
    description,
    alternates: { languages: { en: `/en/creators/${slug}`, fr: `/fr/creators/${slug}` } },
    openGraph: { title: `${creator.displayName} — Callastar`, description, type: 'profile' },
  }
}

/** A creator's page: profile, rating and reviews, upcoming bookable offers by day, "request a call". */
export default async function CreatorPage({ params }: Props) {
  const { locale: raw, slug } = await params
  const locale = localeOrNotFound(raw)
  const { payload, user } = await storefrontContext()
  const creator = await creatorBySlug(payload, user, slug)
  if (!creator) notFound()
  const timeZone = await viewerTimeZone(user)
  const { bookingCutoffMinutes } = await getSettings(payload)
  const at = now()
  const [offers, reviews] = await Promise.all([
    payload.find({
      collection: 'offers',
      where: {
        and: [
          { creator: { equals: creator.id } },
          { status: { equals: 'available' } },
          { startsAt: { greater_than_equal: earliestBookableStart(at, bookingCutoffMinutes).toISOString() } },
        ],
      },
      sort: 'startsAt',
      limit: 60,
      depth: 0,
      overrideAccess: false,
      user,
    }),
    payload.find({
      collection: 'reviews',
      where: { and: [{ creator: { equals: creator.id } }, { hidden: { not_equals: true } }] },
      sort: '-createdAt',
      limit: 5,
      depth: 0,
      overrideAccess: false,
      user,
    }),
  ])
  const banner = typeof creator.banner === 'object' && creator.banner?.url ? creator.banner.url : null
  const date = dateFormat(locale, timeZone, { dateStyle: 'medium' })
  const ownerId = typeof creator.user === 'object' ? creator.user?.id : creator.user
  const ownProfile = Boolean(user && ownerId === user.id)
  const path = `/${locale}/creators/${slug}`
  return (
    <main id="main" className="store">
      <div className="banner" style={banner ? { backgroundImage: `url(${banner})` } : undefined} role="presentation" />
      <div className="profile-head">
        <Avatar creator={creator} large />
        <div>
          <h1 data-testid="creator-name">{creator.displayName}</h1>
          <CreatorMeta creator={creator} locale={locale} />
        </div>
      </div>
      <div className="two-col">
        <div>
          <section className="card" aria-labelledby="about">
            <h2 id="about">{t(locale, 'creator.about')}</h2>
            {creator.bio ? <p style={{ whiteSpace: 'pre-line' }}>{creator.bio}</p> : <p className="muted">{t(locale, 'creator.noBio')}</p>}
            {creator.expertise?.length ? (
              <p className="meta">
                {creator.expertise.map((e) => (
                  <span key={e} className="tag">
                    {e}
                  </span>
                ))}
              </p>
            ) : null}
            {creator.socialLinks?.length ? (
              <ul className="links" aria-label={t(locale, 'creator.links')}>
                {creator.socialLinks.map((l) => (
                  <li key={l.id ?? l.url}>
                    <a href={l.url} rel="noopener noreferrer nofollow" target="_blank">
                      {t(locale, `social.${l.platform}`)}
                    </a>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
          <section className="card" aria-labelledby="offers">
            <h2 id="offers">{t(locale, 'creator.offers')}</h2>
            <p className="hint">{t(locale, 'book.timezone', { tz: timeZone.replace(/_/g, ' ') })}</p>
            {offers.docs.length ? (
              <OfferList offers={offers.docs} locale={locale} timeZone={timeZone} byDay testId="creator-offers" />
            ) : (
              <p className="empty" data-testid="no-offers">
                {t(locale, 'creator.noOffers')}
              </p>
            )}
          </section>
        </div>
        <div>
          <section className="card" aria-labelledby="request">
            <h2 id="request">{t(locale, 'request.title')}</h2>
            <p className="muted">{t(locale, 'request.intro', { name: creator.displayName })}</p>
            {ownProfile ? (
              <p className="muted">{t(locale, 'request.own')}</p>
            ) : user ? (
              <CallRequestForm locale={locale} creatorId={creator.id} currency={creator.currency} currencyDigits={minorDigits(creator.currency)} />
            ) : (
              <Link className="button" href={loginHref(locale, path)} data-testid="request-login">
                {t(locale, 'request.login')}
              </Link>
            )}
          </section>
          <section className="card" aria-labelledby="reviews">
            <h2 id="reviews">{t(locale, 'creator.reviews')}</h2>
            {reviews.docs.length ? (
              <ul className="reviews" data-testid="reviews">
                {reviews.docs.map((r) => (
                  <li key={r.id} data-testid="review">
                    <span className="rating" aria-label={t(locale, 'review.stars', { n: r.rating })}>
                      {'★'.repeat(r.rating)}
                      {'☆'.repeat(5 - r.rating)}
                    </span>{' '}
                    <strong>{r.authorName ?? t(locale, 'review.anonymous')}</strong> <span className="muted">· {date.format(new Date(r.createdAt))}</span>
                    {r.comment ? <p style={{ margin: '4px 0 0' }}>{r.comment}</p> : null}
                  </li>
                ))}
              </ul>
            ) : (
              <p className="muted">{t(locale, 'creator.noReviewsYet')}</p>
            )}
          </section>
        </div>
      </div>
    </main>
  )
}
