import type { UIFieldServerProps } from 'payload'
import React from 'react'

import { callWindow } from '@/domain/calls'
import { Refusal } from '@/domain/refusal'
import { dateFormat, validTimeZone } from '@/i18n/format'
import { callPaths, localeOf } from '@/i18n/locale'
import { BOOKING_ACTIONS } from '@/messages/creatorPanel'
import { cancellationPreview } from '@/services/cancellations'

import { BookingCancel } from './BookingCancel'

const idOf = (value: unknown): number | null => {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value
  return typeof id === 'number' ? id : typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : null
}

/**
 * What the booking's creator (or an admin) can do from its view: who the fan is and when the call
 * is, in the viewer's zone (named); join the call (its page, once the window opens 15 minutes
 * before; until then the opening time); cancel it with the policy stated, confirmed in a modal
 * (GET /api/bookings/:id/cancellation decides, POST …/cancel does it).
 */
export const BookingActions: React.FC<UIFieldServerProps> = async ({ data, payload, req, i18n, id: docId }) => {
  const user = req?.user as { id: number; role?: string; timezone?: string | null } | null | undefined
  const bookingId = idOf(docId ?? data?.id)
  if (!user || !bookingId || !data) return null
  const locale = localeOf(i18n?.language)
  const t = BOOKING_ACTIONS[locale]
  const timeZone = validTimeZone(user.timezone) ?? 'UTC'
  const when = (at: string | Date) => `${dateFormat(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at))}`

  // The fan's name: the viewer may read this booking (its view is access-checked), not the fan's account.
  const fanId = idOf(data.fan)
  const fan = fanId ? await payload.findByID({ collection: 'users', id: fanId, depth: 0, select: { name: true, email: true }, overrideAccess: true, disableErrors: true }) : null
  const fanName = fan?.name || (user.role === 'admin' ? fan?.email : null) || (fanId ? `#${fanId}` : '—')

  const startsAt = data.startsAt ? new Date(String(data.startsAt)) : null
  const endsAt = data.endsAt ? new Date(String(data.endsAt)) : null
  const now = new Date()
  let join: React.ReactNode = <p style={{ margin: '0 0 8px', opacity: 0.8 }}>{t.notConfirmed}</p>
  if (data.status === 'confirmed' && startsAt && endsAt) {
    const window = callWindow({ startsAt, endsAt })
    const href = callPaths(bookingId)[locale]
    join =
      now >= window.endsAt ? (
        <p style={{ margin: '0 0 8px', opacity: 0.8 }}>{t.callOver}</p>
      ) : now >= window.opensAt ? (
        <p style={{ margin: '0 0 8px' }}>
          <a className="btn btn--style-primary btn--size-medium" style={{ margin: 0 }} href={href} target="_blank" rel="noreferrer" data-testid="booking-join" data-open="true">
            {t.join}
          </a>
        </p>
      ) : (
        <p style={{ margin: '0 0 8px', display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
          <a href={href} target="_blank" rel="noreferrer" data-testid="booking-join" data-open="false">
            {t.join}
          </a>
          <span data-testid="booking-join-opens" style={{ opacity: 0.8 }}>
            {t.joinOpensAt(`${when(window.opensAt)} (${timeZone})`)}
          </span>
        </p>
      )
  }

  let preview: Awaited<ReturnType<typeof cancellationPreview>> | null = null
  try {
    preview = ['pending', 'confirmed'].includes(String(data.status)) ? await cancellationPreview(payload, { userId: user.id, role: user.role ?? null }, bookingId) : null
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
  }
  const policy = preview?.cancellable ? (preview.refund === 'full' ? t.policyFull : t.policyNothingPaid) : null
  const refusal = preview && !preview.cancellable && preview.reasonCode ? (t.refusals[preview.reasonCode] ?? null) : null

  return (
    <section data-testid="booking-actions" style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 8, padding: 16, margin: '0 0 24px' }}>
      <p style={{ margin: '0 0 8px', fontWeight: 600 }}>{t.heading}</p>
      <p style={{ margin: '0 0 4px' }}>
        {t.fan}: <strong data-testid="booking-fan-name">{fanName}</strong>
      </p>
      {startsAt ? (
        <p style={{ margin: '0 0 8px' }} data-testid="booking-when">
          {t.when}: {when(startsAt)}
          {endsAt ? ` → ${dateFormat(locale, timeZone, { timeStyle: 'short' }).format(endsAt)}` : ''} ({timeZone})
        </p>
      ) : null}
      {join}
      {policy ? <BookingCancel bookingId={bookingId} policy={policy} /> : null}
      {refusal ? (
        <p data-testid="booking-cancel-refused" style={{ margin: '8px 0 0', opacity: 0.8 }}>
          {refusal}
        </p>
      ) : null}
    </section>
  )
}
