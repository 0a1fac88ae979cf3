import Link from 'next/link'
import React from 'react'

import { money } from '@/domain/money'
import { formatMoney } from '@/i18n/format'
import { t, type Locale } from '@/i18n'
import { dateFormat, formatTime } from '@/i18n/format'
import type { Offer } from '@/payload-types'

/** Bookable offers as links to their booking page; grouped by day in the viewer's time zone when `byDay`. */
export function OfferList({ offers, locale, timeZone, showCreator = false, byDay = false, testId }: { offers: Offer[]; locale: Locale; timeZone: string; showCreator?: boolean; byDay?: boolean; testId?: string }) {
  const dayOf = dateFormat(locale, timeZone, { weekday: 'long', day: 'numeric', month: 'long' })
  const shortDay = dateFormat(locale, timeZone, { weekday: 'short', day: 'numeric', month: 'short' })
  const groups = new Map<string, Offer[]>()
  for (const offer of offers) {
    const key = byDay ? dayOf.format(new Date(offer.startsAt)) : ''
    groups.set(key, [...(groups.get(key) ?? []), offer])
  }
  const item = (offer: Offer) => {
    const creatorName = typeof offer.creator === 'object' ? offer.creator.displayName : null
    return (
      <li key={offer.id}>
        <Link className="slot" href={`/${locale}/book/${offer.id}`} data-testid="offer-slot" data-offer-id={offer.id}>
          <strong>
            {byDay ? '' : `${shortDay.format(new Date(offer.startsAt))} · `}
            {formatTime(offer.startsAt, { locale, timeZone })}
          </strong>
          <span>{offer.title}</span>
          {showCreator && creatorName ? <span className="muted">{t(locale, 'book.with', { creator: creatorName })}</span> : null}
          <span>
            {t(locale, 'common.minutes', { n: offer.durationMinutes })} · {formatMoney(money(offer.price, offer.currency), locale)}
          </span>
        </Link>
      </li>
    )
  }
  if (!byDay) {
    return (
      <ul className="slots" data-testid={testId}>
        {offers.map(item)}
      </ul>
    )
  }
  return (
    <div data-testid={testId}>
      {[...groups].map(([day, list]) => (
        <section key={day} className="day">
          <h3>{day}</h3>
          <ul className="slots">{list.map(item)}</ul>
        </section>
      ))}
    </div>
  )
}
