import Link from 'next/link'
import React from 'react'

import { money } from '@/domain/money'
import { formatMoney } from '@/i18n/format'
import { t, type Locale } from '@/i18n'
import { formatDateTime, numberFormat } from '@/i18n/format'
import type { Creator, Media } from '@/payload-types'

export const avatarOf = (creator: Creator): Media | null => (typeof creator.avatar === 'object' && creator.avatar?.url ? creator.avatar : null)

export function Avatar({ creator, large = false }: { creator: Creator; large?: boolean }) {
  const media = avatarOf(creator)
  const className = large ? 'avatar large' : 'avatar'
  // Decorative: the name is always next to it. Uploads are already sized by Payload (no next/image loader needed).
  // eslint-disable-next-line @next/next/no-img-element
  return media ? <img src={media.url!} alt="" className={className} width={large ? 96 : 56} height={large ? 96 : 56} /> : <span className={className} aria-hidden="true">{creator.displayName.slice(0, 1).toUpperCase()}</span>
}

export function Rating({ creator, locale }: { creator: Creator; locale: Locale }) {
  const count = creator.ratingCount ?? 0
  if (!count) return <span className="muted">{t(locale, 'creator.noReviews')}</span>
  const average = numberFormat(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(creator.ratingAverage ?? 0)
  return (
    <span className="rating" data-testid="rating">
      <span aria-hidden="true">★ </span>
      {t(locale, count === 1 ? 'creator.ratingOne' : 'creator.rating', { average, count })}
    </span>
  )
}

/** Category and rating, under a creator's name (cards and the creator page). */
export function CreatorMeta({ creator, locale }: { creator: Creator; locale: Locale }) {
  return (
    <div className="meta">
      {creator.category ? <span className="tag">{t(locale, `category.${creator.category}`)}</span> : null}
      <Rating creator={creator} locale={locale} />
    </div>
  )
}

/** A creator in a list: avatar, name, category, rating, from-price and next slot. */
export function CreatorCard({
  creator,
  locale,
  timeZone,
  fromPrice,
  priceCurrency,
  nextAvailableAt,
}: {
  creator: Creator
  locale: Locale
  timeZone: string
  fromPrice?: number | null
  priceCurrency?: string
  nextAvailableAt?: string | null
}) {
  return (
    <li className="creator-card" data-testid="creator-card" data-slug={creator.slug}>
      <div className="meta">
        <Avatar creator={creator} />
        <div>
          <Link className="name" href={`/${locale}/creators/${creator.slug}`}>
            {creator.displayName}
          </Link>
          <CreatorMeta creator={creator} locale={locale} />
        </div>
      </div>
      {creator.bio ? <p>{creator.bio.length > 140 ? `${creator.bio.slice(0, 139)}…` : creator.bio}</p> : null}
      {fromPrice != null ? (
        <p data-testid="from-price">{t(locale, 'creators.fromPrice', { price: formatMoney(money(fromPrice, priceCurrency ?? creator.currency), locale) })}</p>
      ) : null}
      {nextAvailableAt ? (
        <p className="muted">{t(locale, 'creators.nextSlot', { when: formatDateTime(nextAvailableAt, { locale, timeZone }) })}</p>
      ) : fromPrice === null ? (
        <p className="muted" data-testid="no-slots">
          {t(locale, 'creators.noSlots')}
        </p>
      ) : null}
    </li>
  )
}
