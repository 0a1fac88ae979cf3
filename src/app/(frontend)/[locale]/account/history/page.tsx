import type { Metadata } from 'next'
import React from 'react'

import { BookingRow } from '@/components/storefront/BookingRow'
import { RefundRequest } from '@/components/storefront/RefundRequest'
import { ReviewForm } from '@/components/storefront/ReviewForm'
import { bookingsRefundedInFull, bookingsWithOpenRefund, localeOrNotFound, requireViewer, viewerTimeZone } from '@/components/storefront/server'
import { REFUND_REQUESTS_ENABLED, refundRequestAction } from '@/domain/refunds'
import { t } from '@/i18n'
import { now } from '@/lib/clock'
import { findFanHistory } from '@/services/fanHistory'
import { getSettings } from '@/services/settings'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ page?: string }> }
const PAGE_SIZE = 20

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeOrNotFound((await params).locale)
  return { title: t(locale, 'account.nav.history'), robots: { index: false } }
}

/**
 * History: calls that took place or were cancelled after being paid (completed, confirmed and ended,
 * cancelled once paid), latest first, with reviews. Checkouts never paid (expired holds, pending
 * bookings past their time, bookings cancelled before paying) were never calls: not listed.
 */
export default async function HistoryPage({ params, searchParams }: Props) {
  const locale = localeOrNotFound((await params).locale)
  const { payload, user } = await requireViewer(locale, `/${locale}/account/history`)
  const timeZone = await viewerTimeZone(user)
  const page = Math.max(1, Number.parseInt((await searchParams).page ?? '1', 10) || 1)
  const clock = now()
  const result = await findFanHistory(payload, user, { at: clock, page, limit: PAGE_SIZE })
  const completedIds = result.docs.filter((b) => b.status === 'completed').map((b) => b.id)
  const reviewed = completedIds.length
    ? new Set(
        // Reviews' booking and fan fields are readable per document only (not queryable under access), so this
        // lookup runs as the server, narrowed to the viewer's own reviews of these bookings.
        (
          await payload.find({
            collection: 'reviews',
            where: { and: [{ booking: { in: completedIds } }, { fan: { equals: user.id } }] },
            depth: 0,
            limit: completedIds.length,
            select: { booking: true },
            overrideAccess: true,
          })
        ).docs.map((r) =>
          typeof r.booking === 'object' ? r.booking.id : r.booking,
        ),
      )
    : new Set<number>()
  // Past and late-cancelled calls offer "Request a refund" (off until the endpoint exists); refunded ones say so.
  const refundAction = new Map<number, 'request' | 'pending' | 'refunded' | 'none'>()
  if (REFUND_REQUESTS_ENABLED) {
    const { freeCancellationHours } = await getSettings(payload)
    const ids = result.docs.map((b) => b.id)
    const [open, refunded] = await Promise.all([bookingsWithOpenRefund(payload, user, ids), bookingsRefundedInFull(payload, user, ids)])
    for (const b of result.docs) {
      if (!b.startsAt) continue
      const cancellation = b.cancellation ? { by: b.cancellation.by, at: b.cancellation.at ? new Date(b.cancellation.at) : null } : null
      refundAction.set(b.id, refundRequestAction({ now: clock, booking: { status: b.status, startsAt: new Date(b.startsAt), cancellation }, freeCancellationHours, hasOpenRefund: open.has(b.id), refundedInFull: refunded.has(b.id) }))
    }
  }
  return (
    <section aria-labelledby="history">
      <h2 id="history">{t(locale, 'account.nav.history')}</h2>
      {result.docs.length === 0 ? (
        <p className="empty" data-testid="no-history">
          {t(locale, 'account.noHistory')}
        </p>
      ) : (
        <ul className="bookings" data-testid="history-bookings">
          {result.docs.map((b) => (
            <BookingRow key={b.id} booking={b} locale={locale} timeZone={timeZone}>
              {b.status === 'completed' ? (
                reviewed.has(b.id) ? (
                  <span className="muted" data-testid="reviewed">
                    {t(locale, 'review.done')}
                  </span>
                ) : (
                  <ReviewForm locale={locale} bookingId={b.id} />
                )
              ) : null}
              {refundAction.get(b.id) === 'request' ? <RefundRequest locale={locale} bookingId={b.id} /> : null}
              {refundAction.get(b.id) === 'pending' ? (
                <span className="muted" data-testid="refund-pending">
                  {t(locale, 'refund.pending')}
                </span>
              ) : null}
              {refundAction.get(b.id) === 'refunded' ? (
                <span className="status status-refunded" data-testid="refunded">
                  {t(locale, 'refund.done')}
                </span>
              ) : null}
            </BookingRow>
          ))}
        </ul>
      )}
      {result.totalPages > 1 ? (
        <nav className="pager" aria-label={t(locale, 'creators.pages')}>
          {result.hasPrevPage ? <a href={`?page=${page - 1}`}>{t(locale, 'creators.prev')}</a> : null}
          <span>{t(locale, 'creators.pageOf', { page, pages: result.totalPages })}</span>
          {result.hasNextPage ? <a href={`?page=${page + 1}`}>{t(locale, 'creators.next')}</a> : null}
        </nav>
      ) : null}
    </section>
  )
}
