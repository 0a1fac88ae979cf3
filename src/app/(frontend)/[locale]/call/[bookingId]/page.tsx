import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { CallRoom } from '@/components/call/CallRoom'
import { idParam, localeOrNotFound, loginHref, requireViewer, viewerTimeZone } from '@/components/storefront/server'
import { t, type MessageKey } from '@/i18n'
import { now } from '@/lib/clock'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string; bookingId: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeOrNotFound((await params).locale)
  return { title: t(locale, 'call.title'), robots: { index: false } }
}

/**
 * /[locale]/call/[bookingId] — the booking's call, the same page for its fan and its creator (SPEC §6):
 * countdown, device check, the call, the summary. Guests are sent to log in and come back; anyone
 * else, an unknown booking and a booking that was never confirmed get a clear message here.
 */
export default async function CallPage({ params }: Props) {
  const { locale: rawLocale, bookingId: rawId } = await params
  const locale = localeOrNotFound(rawLocale)
  const bookingId = idParam(rawId)
  const path = `/${locale}/call/${bookingId}`
  const { payload, user } = await requireViewer(locale, path)
  const timeZone = await viewerTimeZone(user)

  const booking = await payload.findByID({ collection: 'bookings', id: bookingId, depth: 1, overrideAccess: true, disableErrors: true })
  const creator = booking && typeof booking.creator === 'object' ? booking.creator : null
  const fan = booking && typeof booking.fan === 'object' ? booking.fan : null
  const fanId = booking ? (typeof booking.fan === 'object' ? booking.fan.id : booking.fan) : null
  const creatorUserId = creator ? (typeof creator.user === 'object' ? creator.user.id : creator.user) : null
  const role = !booking ? null : fanId === user.id ? 'fan' : creatorUserId === user.id ? 'creator' : null
  const offer = booking && typeof booking.offer === 'object' ? booking.offer : null
  const backHref = role === 'creator' ? '/admin' : `/${locale}/account`

  const problem = (key: MessageKey, testId: string) => (
    <main id="main" className="store narrow">
      <h1>{t(locale, 'call.title')}</h1>
      <div className="card" data-testid={testId} role="alert">
        <p>{t(locale, key)}</p>
        <Link className="button secondary" href={backHref}>
          {role === 'creator' ? t(locale, 'call.backDashboard') : t(locale, 'common.myBookings')}
        </Link>
      </div>
    </main>
  )

  // As the API answers: 404 unknown, 403 someone else's, 409 not confirmed (cancelled, expired, unpaid).
  if (!booking || !booking.startsAt || !booking.endsAt) return problem('call.problem.unknown', 'call-unknown')
  if (!role) return problem('call.problem.forbidden', 'call-forbidden')
  if (booking.status === 'cancelled' || booking.status === 'expired') return problem('call.problem.cancelled', 'call-cancelled')
  if (booking.status === 'pending') return problem('call.problem.notConfirmed', 'call-not-confirmed')

  const at = now()
  const over = booking.status === 'completed' || at.getTime() >= new Date(booking.endsAt).getTime()
  const otherName = role === 'fan' ? (creator?.displayName ?? t(locale, 'call.theCreator')) : (fan?.name ?? t(locale, 'call.theFan'))

  return (
    <main id="main" className="store call-page">
      <p className="crumb">
        <Link href={backHref}>{role === 'creator' ? t(locale, 'call.backDashboard') : t(locale, 'common.myBookings')}</Link>
      </p>
      <h1>{offer?.title ?? t(locale, 'call.title')}</h1>
      <p className="muted">{t(locale, role === 'fan' ? 'call.withCreator' : 'call.withFan', { name: otherName })}</p>
      <CallRoom
        locale={locale}
        bookingId={booking.id}
        role={role}
        otherName={otherName}
        startsAt={booking.startsAt}
        endsAt={booking.endsAt}
        timeZone={timeZone}
        serverNow={at.toISOString()}
        loginHref={loginHref(locale, path)}
        initial={over ? 'summary' : 'join'}
      />
    </main>
  )
}
