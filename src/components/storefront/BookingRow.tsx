import Link from 'next/link'
import React from 'react'

import { money } from '@/domain/money'
import { formatMoney } from '@/i18n/format'
import { t, type Locale, type MessageKey } from '@/i18n'
import { formatDateTime } from '@/i18n/format'
import type { Booking } from '@/payload-types'

/** One booking in the fan's dashboard; `children` are its actions (join, cancel, review…). */
export function BookingRow({ booking, locale, timeZone, children }: { booking: Booking; locale: Locale; timeZone: string; children?: React.ReactNode }) {
  const offer = typeof booking.offer === 'object' ? booking.offer : null
  const creator = typeof booking.creator === 'object' ? booking.creator : null
  const startsAt = booking.startsAt ?? offer?.startsAt
  return (
    <li className="card booking" data-testid="booking-row" data-booking-id={booking.id} data-status={booking.status}>
      <div>
        <strong>{offer?.title ?? `#${booking.id}`}</strong>
        {creator ? (
          <>
            {' · '}
            <Link href={`/${locale}/creators/${creator.slug}`}>{creator.displayName}</Link>
          </>
        ) : null}
        {offer ? (
          <div className="muted">
            {t(locale, 'common.minutes', { n: offer.durationMinutes })} · {formatMoney(money(offer.price, offer.currency), locale)}
          </div>
        ) : null}
      </div>
      <div>{startsAt ? <time dateTime={startsAt}>{formatDateTime(startsAt, { locale, timeZone })}</time> : null}</div>
      <div className="actions">
        <span className={`status status-${booking.status}`}>{t(locale, `status.booking.${booking.status}` as MessageKey)}</span>
        {children}
      </div>
    </li>
  )
}
