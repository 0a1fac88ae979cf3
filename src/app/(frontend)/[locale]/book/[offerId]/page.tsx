import type { Metadata } from 'next'
import { notFound } from 'next/navigation'
import Link from 'next/link'
import React from 'react'

import { BOOKING_POLICY_ID, BookingPolicy } from '@/components/storefront/BookingPolicy'
import { CheckoutPanel } from '@/components/storefront/CheckoutPanel'
import { LocalTime } from '@/components/storefront/LocalTime'
import { idParam, localeOrNotFound, loginHref, storefrontContext } from '@/components/storefront/server'
import { bookingPolicy } from '@/domain/cancellation'
import { isPastCutoff } from '@/domain/cutoff'
import { money } from '@/domain/money'
import { t } from '@/i18n'
import { formatMoney } from '@/i18n/format'
import { now } from '@/lib/clock'
import { checkoutPaymentMode } from '@/services/paymentMode'
import { getSettings } from '@/services/settings'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string; offerId: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params
  return { title: `${t(localeOrNotFound(locale), 'book.title')} — Callastar` }
}

/** /[locale]/book/[offerId] — the offer's summary and its checkout (SPEC §5, §12). */
export default async function BookPage({ params }: Props) {
  const { locale: rawLocale, offerId: rawId } = await params
  const locale = localeOrNotFound(rawLocale)
  const offerId = idParam(rawId)
  const { payload, user } = await storefrontContext()

  // With the viewer's access: offers reserved for another fan do not exist for them.
  const offer = await payload.findByID({ collection: 'offers', id: offerId, depth: 1, overrideAccess: false, user, disableErrors: true })
  if (!offer) notFound()
  const creator = typeof offer.creator === 'object' ? offer.creator : null

  const { bookingCutoffMinutes, freeCancellationHours } = await getSettings(payload)
  const at = now()
  const bookable = offer.status === 'available' && !isPastCutoff(new Date(offer.startsAt), at, bookingCutoffMinutes)
  // What the fan is told before paying: free cancellation until start − the setting's hours, or none.
  const policy = bookingPolicy(new Date(offer.startsAt), at, freeCancellationHours)

  let initialHold: { bookingId: number; holdExpiresAt: string } | null = null
  if (user) {
    const own = await payload.find({
      collection: 'bookings',
      where: { and: [{ offer: { equals: offerId } }, { fan: { equals: user.id } }, { status: { equals: 'pending' } }, { holdExpiresAt: { greater_than: at.toISOString() } }] },
      limit: 1,
      depth: 0,
      overrideAccess: false,
      user,
    })
    const b = own.docs[0]
    if (b?.holdExpiresAt) initialHold = { bookingId: b.id, holdExpiresAt: b.holdExpiresAt }
  }

  const price = formatMoney(money(offer.price, offer.currency), locale)
  const path = `/${locale}/book/${offerId}`
  const { mode, publishableKey } = checkoutPaymentMode()

  return (
    <main id="main" className="store narrow">
      <p className="crumb">
        <Link href="/">Callastar</Link>
        {user ? (
          <>
            {' · '}
            <Link href={`/${locale}/account`}>{t(locale, 'common.myBookings')}</Link>
          </>
        ) : null}
      </p>
      <h1>{t(locale, 'book.title')}</h1>
      <section className="card summary" data-testid="offer-summary">
        <h2>{offer.title}</h2>
        {creator ? <p className="muted">{t(locale, 'book.with', { creator: creator.displayName })}</p> : null}
        <dl>
          <dt>{t(locale, 'book.when')}</dt>
          <dd data-testid="offer-start">
            <LocalTime iso={offer.startsAt} locale={locale} timeZone={user?.timezone ?? null} showZone />
          </dd>
          <dt>{t(locale, 'book.duration')}</dt>
          <dd data-testid="offer-duration">{t(locale, 'common.minutes', { n: offer.durationMinutes })}</dd>
          <dt>{t(locale, 'book.price')}</dt>
          <dd data-testid="offer-price">{price}</dd>
        </dl>
        {offer.description ? <p>{offer.description}</p> : null}
      </section>
      <CheckoutPanel
        locale={locale}
        offerId={offerId}
        priceLabel={price}
        initialAvailability={{ status: offer.status, bookable }}
        initialHold={initialHold}
        renderedAt={at.getTime()}
        loginHref={user ? null : loginHref(locale, path)}
        paymentMode={mode}
        publishableKey={publishableKey}
        successPath={`${path}/success`}
        policy={<BookingPolicy policy={policy} hours={freeCancellationHours} locale={locale} timeZone={user?.timezone ?? null} />}
        policyId={BOOKING_POLICY_ID}
      />
    </main>
  )
}
