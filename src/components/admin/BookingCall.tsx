'use client'
import { useAuth, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { dateFormat, validTimeZone } from '@/i18n/format'
import { callPaths, localeOf, type Locale } from '@/i18n/locale'
import { BOOKING_CALL } from '@/messages/admin'

import { boxStyle } from './MoneyActions'

/**
 * A booking's call in its edit view (SPEC §6, issue 11 "Admin"): read from GET
 * /api/calls/:bookingId/summary (admins and the booking's creator; the endpoint decides who may
 * read and what) — the provider, the room (its error for admins), attendance as the video provider
 * recorded it (first join, minutes present), the outcome and whether it needs an admin, the event
 * timeline in the viewer's time zone (named), and a link to the call page.
 */

type Attendance = { firstJoinedAt: string; lastLeftAt: string | null; seconds: number } | null
type Summary = {
  bookingId: number
  viewer: 'fan' | 'creator' | 'admin'
  provider: string
  status: { booking: string; outcome: string | null; needsAdmin?: boolean; noShow: { fan: boolean; creator: boolean } }
  scheduled: { startsAt: string; endsAt: string }
  actual: { startedAt: string | null; endedAt: string | null; durationSeconds: number | null; fan: Attendance; creator: Attendance }
  room: { status: string; name?: string | null; error?: string | null }
  timeline: { id: number; type: string; at: string; source: 'client' | 'provider'; actor: string | null }[]
}

const browserZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

const minutes = (seconds: number) => Math.round(seconds / 60)

export const BookingCall: React.FC = () => {
  const { user } = useAuth()
  const { id } = useDocumentInfo()
  const locale: Locale = localeOf(useTranslation().i18n.language)
  const [summary, setSummary] = useState<Summary | null>(null)
  const [state, setState] = useState<'loading' | 'ready' | 'hidden' | 'failed'>('loading')

  useEffect(() => {
    if (!id || !user) return
    let live = true
    void (async () => {
      try {
        const res = await fetch(`/api/calls/${id}/summary`, { credentials: 'include', cache: 'no-store' })
        if (!live) return
        if (res.status === 403 || res.status === 404) return setState('hidden')
        if (!res.ok) return setState('failed')
        setSummary((await res.json()) as Summary)
        setState('ready')
      } catch {
        if (live) setState('failed')
      }
    })()
    return () => {
      live = false
    }
  }, [id, user])

  if (!id || state === 'hidden') return null
  const t = BOOKING_CALL[locale]
  if (state !== 'ready' || !summary) {
    return (
      <section data-testid="booking-call" data-state={state} style={boxStyle}>
        <p style={{ margin: 0, opacity: 0.8 }}>{state === 'failed' ? t.unavailable : t.loading}</p>
      </section>
    )
  }

  const timeZone = validTimeZone((user as { timezone?: string } | null)?.timezone) ?? browserZone()
  const day = dateFormat(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' })
  const precise = dateFormat(locale, timeZone, { dateStyle: 'short', timeStyle: 'medium' })
  const when = (at: string) => day.format(new Date(at))
  const { status, actual, room } = summary
  const attendance = (role: 'fan' | 'creator') => {
    const a = actual[role]
    return (
      <li key={role} data-testid={`booking-call-attendance-${role}`}>
        {t.who[role]}: {a ? t.present(precise.format(new Date(a.firstJoinedAt)), minutes(a.seconds)) : t.absent}
      </li>
    )
  }

  return (
    <section data-testid="booking-call" data-state="ready" style={boxStyle}>
      <p style={{ margin: '0 0 8px', fontWeight: 600 }}>{t.heading}</p>
      <p style={{ margin: '0 0 4px' }}>
        {t.providerLabel}: {t.provider[summary.provider] ?? summary.provider} · {t.roomLabel}:{' '}
        <span data-testid="booking-call-room">{t.room[room.status] ?? room.status}</span>
        {room.name ? ` (${room.name})` : null}
      </p>
      {room.error ? (
        <p data-testid="booking-call-room-error" style={{ margin: '0 0 4px', color: 'var(--theme-error-500)' }}>
          {t.roomError(room.error)}
        </p>
      ) : null}
      <p style={{ margin: '0 0 4px' }}>{t.scheduled(when(summary.scheduled.startsAt), when(summary.scheduled.endsAt))}</p>
      <p style={{ margin: '0 0 8px' }}>
        {actual.startedAt ? t.actual(when(actual.startedAt), actual.endedAt ? when(actual.endedAt) : null, actual.durationSeconds !== null ? minutes(actual.durationSeconds) : null) : t.notHeld}
      </p>
      <p style={{ margin: '0 0 4px', fontWeight: 600 }}>{t.attendanceHeading}</p>
      <ul style={{ margin: '0 0 8px', paddingLeft: 20 }}>{(['fan', 'creator'] as const).map(attendance)}</ul>
      <p data-testid="booking-call-outcome" style={{ margin: '0 0 4px' }}>
        {t.outcomeLabel}: {status.outcome ? (t.outcome[status.outcome] ?? status.outcome) : t.noOutcome}
      </p>
      {status.needsAdmin ? (
        <p data-testid="booking-call-needs-admin" style={{ margin: '0 0 4px', fontWeight: 600, color: 'var(--theme-warning-500)' }}>
          {t.needsAdmin}
        </p>
      ) : null}
      <p style={{ margin: '8px 0 4px', fontWeight: 600 }}>{t.timelineHeading}</p>
      {summary.timeline.length === 0 ? (
        <p style={{ margin: '0 0 8px', opacity: 0.8 }}>{t.noEvents}</p>
      ) : (
        <ol data-testid="booking-call-timeline" style={{ margin: '0 0 4px', paddingLeft: 20 }}>
          {summary.timeline.map((e) => (
            <li key={e.id}>
              <time dateTime={e.at}>{precise.format(new Date(e.at))}</time> — {e.actor ? `${t.who[e.actor] ?? e.actor}: ` : ''}
              {t.event[e.type] ?? e.type} <span style={{ opacity: 0.7 }}>({t.source[e.source] ?? e.source})</span>
            </li>
          ))}
        </ol>
      )}
      <p style={{ margin: '0 0 8px', opacity: 0.7 }}>{t.timesIn(timeZone)}</p>
      <a href={callPaths(summary.bookingId)[locale]} target="_blank" rel="noreferrer" data-testid="booking-call-page">
        {t.openCallPage}
      </a>
    </section>
  )
}
