import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { BookingRow } from '@/components/storefront/BookingRow'
import { CancelBooking } from '@/components/storefront/CancelBooking'
import { JoinButton } from '@/components/storefront/JoinButton'
import { bookingsWithOpenRefund, localeOrNotFound, requireViewer, viewerTimeZone } from '@/components/storefront/server'
import { REFUND_REQUESTS_ENABLED } from '@/domain/refunds'
import { t } from '@/i18n'
import { formatTime } from '@/i18n/format'
import { now } from '@/lib/clock'
import { getSettings } from '@/services/settings'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeOrNotFound((await params).locale)
  return { title: t(locale, 'account.nav.upcoming'), robots: { index: false } }
}

/** Upcoming calls: pending (hold running) and confirmed bookings that have not ended, soonest first. */
export default async function UpcomingCallsPage({ params }: Props) {
  const locale = localeOrNotFound((await params).locale)
  const { payload, user } = await requireViewer(locale, `/${locale}/account`)
  const timeZone = await viewerTimeZone(user)
  const { joinWindowMinutes } = await getSettings(payload)
  const at = now()
  const { docs } = await payload.find({
    collection: 'bookings',
    where: {
      and: [
        { fan: { equals: user.id } },
        { or: [{ status: { equals: 'confirmed' } }, { and: [{ status: { equals: 'pending' } }, { holdExpiresAt: { greater_than: at.toISOString() } }] }] },
        { endsAt: { greater_than: at.toISOString() } },
      ],
    },
    sort: 'startsAt',
    depth: 2,
    limit: 100,
    overrideAccess: false,
    user,
  })
  // Late or started calls offer a refund request in their cancel panel (off until the endpoint exists).
  const openRefunds = REFUND_REQUESTS_ENABLED ? await bookingsWithOpenRefund(payload, user, docs.filter((b) => b.status === 'confirmed').map((b) => b.id)) : new Set<number>()
  return (
    <section aria-labelledby="upcoming">
      <h2 id="upcoming">{t(locale, 'account.nav.upcoming')}</h2>
      {docs.length === 0 ? (
        <div className="empty" data-testid="no-upcoming">
          <p>{t(locale, 'account.noUpcoming')}</p>
          <Link className="button" href={`/${locale}/creators`}>
            {t(locale, 'home.browse')}
          </Link>
        </div>
      ) : (
        <ul className="bookings" data-testid="upcoming-bookings">
          {docs.map((b) => {
            const offerId = typeof b.offer === 'object' ? b.offer.id : b.offer
            const opensAt = new Date(new Date(b.startsAt!).getTime() - joinWindowMinutes * 60_000).toISOString()
            return (
              <BookingRow key={b.id} booking={b} locale={locale} timeZone={timeZone}>
                {b.status === 'confirmed' ? (
                  <>
                    <JoinButton
                      href={`/${locale}/call/${b.id}`}
                      opensAt={opensAt}
                      endsAt={b.endsAt!}
                      label={t(locale, 'account.join')}
                      opensLabel={t(locale, 'account.joinOpens', { time: formatTime(opensAt, { locale, timeZone }) })}
                      endedLabel={t(locale, 'account.callEnded')}
                    />
                    <a href={`/api/bookings/${b.id}/ics`} download={`callastar-booking-${b.id}.ics`} data-testid="download-ics">
                      {t(locale, 'success.addToCalendar')}
                    </a>
                    <CancelBooking locale={locale} bookingId={b.id} timeZone={timeZone} refundRequests={REFUND_REQUESTS_ENABLED} refundPending={openRefunds.has(b.id)} />
                  </>
                ) : (
                  <Link href={`/${locale}/book/${offerId}`}>{t(locale, 'account.finishPayment')}</Link>
                )}
              </BookingRow>
            )
          })}
        </ul>
      )}
    </section>
  )
}
