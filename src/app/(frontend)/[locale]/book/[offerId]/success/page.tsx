import type { Metadata } from 'next'
import { notFound, redirect } from 'next/navigation'
import Link from 'next/link'
import React from 'react'

import { BookingConfirmation } from '@/components/storefront/BookingConfirmation'
import { LocalTime } from '@/components/storefront/LocalTime'
import { idParam, localeOrNotFound, loginHref, storefrontContext } from '@/components/storefront/server'
import { money } from '@/domain/money'
import { t } from '@/i18n'
import { formatMoney } from '@/i18n/format'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string; offerId: string }>; searchParams: Promise<{ booking?: string | string[] }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params
  return { title: `${t(localeOrNotFound(locale), 'success.title')} — Callastar` }
}

/** /[locale]/book/[offerId]/success?booking=ID — after paying: waits for the confirmation, then the .ics link. */
export default async function BookingSuccessPage({ params, searchParams }: Props) {
  const { locale: rawLocale, offerId: rawOffer } = await params
  const locale = localeOrNotFound(rawLocale)
  const offerId = idParam(rawOffer)
  const rawBooking = (await searchParams).booking
  const bookingId = idParam(Array.isArray(rawBooking) ? (rawBooking[0] ?? '') : (rawBooking ?? ''))
  const { payload, user } = await storefrontContext()
  const here = `/${locale}/book/${offerId}/success?booking=${bookingId}`
  if (!user) redirect(loginHref(locale, here))

  const booking = await payload.findByID({ collection: 'bookings', id: bookingId, depth: 1, overrideAccess: false, user, disableErrors: true })
  const offer = booking && typeof booking.offer === 'object' ? booking.offer : null
  // Only the fan who booked sees this page, and only under the right offer.
  const fanId = booking && (typeof booking.fan === 'object' ? booking.fan.id : booking.fan)
  if (!booking || !offer || offer.id !== offerId || fanId !== user.id) notFound()
  const creator = typeof booking.creator === 'object' ? booking.creator : null

  return (
    <main id="main" className="store narrow">
      <p className="crumb">
        <Link href="/">Callastar</Link>
        {' · '}
        <Link href={`/${locale}/account`}>{t(locale, 'common.myBookings')}</Link>
      </p>
      <h1>{t(locale, 'success.heading')}</h1>
      <section className="card summary" data-testid="booking-summary">
        <h2>{offer.title}</h2>
        {creator ? <p className="muted">{t(locale, 'book.with', { creator: creator.displayName })}</p> : null}
        <dl>
          <dt>{t(locale, 'book.when')}</dt>
          <dd>
            <LocalTime iso={offer.startsAt} locale={locale} timeZone={user.timezone} showZone />
          </dd>
          <dt>{t(locale, 'book.duration')}</dt>
          <dd>{t(locale, 'common.minutes', { n: offer.durationMinutes })}</dd>
          <dt>{t(locale, 'book.price')}</dt>
          <dd>{formatMoney(money(offer.price, offer.currency), locale)}</dd>
        </dl>
        <BookingConfirmation locale={locale} bookingId={booking.id} initialStatus={booking.status} />
      </section>
    </main>
  )
}
