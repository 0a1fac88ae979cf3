import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { localeOrNotFound, requireViewer, viewerTimeZone } from '@/components/storefront/server'
import { money } from '@/domain/money'
import { formatMoney } from '@/i18n/format'
import { t, type MessageKey } from '@/i18n'
import { formatDateTime } from '@/i18n/format'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeOrNotFound((await params).locale)
  return { title: t(locale, 'account.nav.requests'), robots: { index: false } }
}

/** The fan's call requests: pending, accepted (with "book now"), rejected (with the reason), expired. */
export default async function CallRequestsPage({ params }: Props) {
  const locale = localeOrNotFound((await params).locale)
  const { payload, user } = await requireViewer(locale, `/${locale}/account/requests`)
  const timeZone = await viewerTimeZone(user)
  const { docs, totalDocs } = await payload.find({
    collection: 'call-requests',
    where: { fan: { equals: user.id } },
    sort: '-createdAt',
    depth: 1,
    limit: 50,
    overrideAccess: false,
    user,
  })
  return (
    <section aria-labelledby="requests">
      <h2 id="requests">{t(locale, 'account.nav.requests')}</h2>
      {docs.length === 0 ? (
        <div className="empty" data-testid="no-requests">
          <p>{t(locale, 'account.noRequests')}</p>
          <Link href={`/${locale}/creators`}>{t(locale, 'home.browse')}</Link>
        </div>
      ) : (
        <ul className="list" data-testid="call-requests">
          {docs.map((r) => {
            const creator = typeof r.creator === 'object' ? r.creator : null
            const offer = typeof r.resultingOffer === 'object' ? r.resultingOffer : null
            const offerId = offer?.id ?? (typeof r.resultingOffer === 'number' ? r.resultingOffer : null)
            const bookable = r.status === 'accepted' && offerId && (!offer || offer.status === 'available')
            return (
              <li key={r.id} className="card booking" data-testid="call-request" data-status={r.status} data-request-id={r.id}>
                <div>
                  <strong>{creator ? <Link href={`/${locale}/creators/${creator.slug}`}>{creator.displayName}</Link> : `#${r.id}`}</strong>
                  <div className="muted">
                    {t(locale, 'common.minutes', { n: r.durationMinutes })} · {formatMoney(money(r.proposedPrice, r.currency ?? creator?.currency ?? 'EUR'), locale)}
                  </div>
                </div>
                <div>
                  <time dateTime={r.proposedStart}>{formatDateTime(r.proposedStart, { locale, timeZone })}</time>
                </div>
                <div className="actions">
                  <span className={`status status-${r.status}`}>{t(locale, `status.request.${r.status}` as MessageKey)}</span>
                  {bookable ? (
                    <Link className="button small" href={`/${locale}/book/${offerId}`} data-testid="book-now">
                      {t(locale, 'account.bookNow')}
                    </Link>
                  ) : null}
                  {r.status === 'rejected' && r.response ? <span className="muted">« {r.response} »</span> : null}
                </div>
              </li>
            )
          })}
        </ul>
      )}
      {totalDocs > docs.length ? <p className="muted">{t(locale, 'account.latestOnly', { n: docs.length, total: totalDocs })}</p> : null}
    </section>
  )
}
