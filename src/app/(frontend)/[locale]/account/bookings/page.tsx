import type { Metadata } from 'next'
import { redirect } from 'next/navigation'
import Link from 'next/link'
import React from 'react'

import { LocalTime } from '@/components/storefront/LocalTime'
import { localeOrNotFound, loginHref, storefrontContext } from '@/components/storefront/server'
import { t, type Locale, type MessageKey } from '@/i18n'
import { now } from '@/lib/clock'
import type { Booking } from '@/payload-types'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params
  return { title: `${t(localeOrNotFound(locale), 'account.title')} — Callastar` }
}

const UPCOMING = ['pending', 'confirmed']

const Row = ({ booking, locale, timeZone }: { booking: Booking; locale: Locale; timeZone: string }) => {
  const offer = typeof booking.offer === 'object' ? booking.offer : null
  const creator = typeof booking.creator === 'object' ? booking.creator : null
  const startsAt = booking.startsAt ?? offer?.startsAt
  return (
    <li className="card booking" data-testid="booking-row" data-booking-id={booking.id} data-status={booking.status}>
      <div>
        <strong>{offer?.title ?? `#${booking.id}`}</strong>
        {creator ? <span className="muted"> · {creator.displayName}</span> : null}
      </div>
      <div>{startsAt ? <LocalTime iso={startsAt} locale={locale} timeZone={timeZone} /> : null}</div>
      <div>
        <span className={`status status-${booking.status}`}>{t(locale, `status.booking.${booking.status}` as MessageKey)}</span>
        {booking.status === 'confirmed' ? (
          <>
            {' · '}
            <a href={`/api/bookings/${booking.id}/ics`} download={`callastar-booking-${booking.id}.ics`}>
              {t(locale, 'success.addToCalendar')}
            </a>
          </>
        ) : null}
      </div>
    </li>
  )
}

/** /[locale]/account/bookings — the fan's bookings, upcoming first (soonest first), then the rest (latest first). */
export default async function AccountBookingsPage({ params }: Props) {
  const locale = localeOrNotFound((await params).locale)
  const { payload, user } = await storefrontContext()
  if (!user) redirect(loginHref(locale, `/${locale}/account/bookings`))

  const { docs } = await payload.find({
    collection: 'bookings',
    where: { fan: { equals: user.id } },
    sort: 'startsAt',
    depth: 1,
    limit: 200,
    overrideAccess: false,
    user,
  })
  const at = now().getTime()
  const isUpcoming = (b: Booking) => UPCOMING.includes(b.status) && (!b.endsAt || new Date(b.endsAt).getTime() > at)
  const upcoming = docs.filter(isUpcoming)
  const rest = docs.filter((b) => !isUpcoming(b)).reverse()
  const timeZone = user.timezone || 'UTC'

  return (
    <main id="main" className="store">
      <p className="crumb">
        <Link href="/">Callastar</Link>
      </p>
      <h1>{t(locale, 'account.title')}</h1>
      {docs.length === 0 ? <p>{t(locale, 'account.empty')}</p> : null}
      {upcoming.length ? (
        <section aria-labelledby="upcoming">
          <h2 id="upcoming">{t(locale, 'account.upcoming')}</h2>
          <ul className="bookings" data-testid="upcoming-bookings">
            {upcoming.map((b) => (
              <Row key={b.id} booking={b} locale={locale} timeZone={timeZone} />
            ))}
          </ul>
        </section>
      ) : null}
      {rest.length ? (
        <section aria-labelledby="past">
          <h2 id="past">{t(locale, 'account.past')}</h2>
          <ul className="bookings" data-testid="past-bookings">
            {rest.map((b) => (
              <Row key={b.id} booking={b} locale={locale} timeZone={timeZone} />
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  )
}
