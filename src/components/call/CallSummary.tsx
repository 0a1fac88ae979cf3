'use client'

import React, { useEffect, useState } from 'react'

import type { CallSummaryBody } from '@/domain/apiTypes'
import { formatClock, summaryStatus, type SummaryStatus } from '@/domain/callPage'
import { t, type Locale, type MessageKey } from '@/i18n'
import { dateFormat } from '@/i18n/format'

import { callApi } from '../storefront/api'

type Props = {
  locale: Locale
  bookingId: number
  timeZone: string
  role: 'fan' | 'creator'
  otherName: string
  /** Shown while the window is still open (the viewer hung up early): join again. */
  onRejoin?: () => void
}

const STATUS: Record<SummaryStatus, MessageKey> = {
  completed: 'status.call.completed',
  interrupted: 'status.call.interrupted',
  no_show: 'status.call.no_show',
  in_progress: 'status.call.in_progress',
  cancelled: 'status.call.cancelled',
}

const OUTCOME_DETAIL: Record<string, MessageKey> = {
  creator_no_show: 'call.summary.creatorNoShow',
  fan_no_show: 'call.summary.fanNoShow',
  both_absent: 'call.summary.bothAbsent',
}

const EVENTS: Record<string, MessageKey> = {
  joined: 'status.callEvent.joined',
  left: 'status.callEvent.left',
  camera_on: 'status.callEvent.camera_on',
  camera_off: 'status.callEvent.camera_off',
  mic_on: 'status.callEvent.mic_on',
  mic_off: 'status.callEvent.mic_off',
  device_error: 'status.callEvent.device_error',
  reconnecting: 'status.callEvent.reconnecting',
  reconnected: 'status.callEvent.reconnected',
  meeting_started: 'status.callEvent.meeting_started',
  meeting_ended: 'status.callEvent.meeting_ended',
  ejected: 'status.callEvent.ejected',
  ended: 'status.callEvent.ended',
}

/** Both participants' presence settled (each left or never came), or the outcome decided. */
const settled = (s: CallSummaryBody) =>
  Boolean(s.status.outcome) || [s.actual.fan, s.actual.creator].every((span) => !span || span.lastLeftAt !== null)

/**
 * Phase 4, the summary: scheduled vs actual start, end and duration, the status (completed,
 * interrupted, no-show), who joined when, and the event timeline (GET /api/calls/:id/summary). It
 * asks again for a few seconds after a call, while the server records the leaves.
 */
export function CallSummary({ locale, bookingId, timeZone, role, otherName, onRejoin }: Props) {
  const [summary, setSummary] = useState<CallSummaryBody | null>(null)
  const [failed, setFailed] = useState(false)

  useEffect(() => {
    let cancelled = false
    let timer: ReturnType<typeof setTimeout> | null = null
    const started = Date.now()
    const load = async () => {
      const res = await callApi<CallSummaryBody>('GET', `/calls/${bookingId}/summary`)
      if (cancelled) return
      if (!res.ok) return setFailed(true)
      setSummary(res.data)
      if (!settled(res.data) && Date.now() - started < 20_000) timer = setTimeout(() => void load(), 1_500)
    }
    void load()
    return () => {
      cancelled = true
      if (timer) clearTimeout(timer)
    }
  }, [bookingId])

  if (failed) {
    return (
      <p className="error" role="alert" data-testid="summary-error">
        {t(locale, 'call.summary.error')}
      </p>
    )
  }
  if (!summary) return <p className="muted">{t(locale, 'common.loading')}</p>

  const time = (iso: string | null) => (iso ? dateFormat(locale, timeZone, { hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(new Date(iso)) : '—')
  const day = dateFormat(locale, timeZone, { dateStyle: 'full' }).format(new Date(summary.scheduled.startsAt))
  const spans = summary.actual
  const bothLeft = spans.fan?.lastLeftAt && spans.creator?.lastLeftAt ? [spans.fan.lastLeftAt, spans.creator.lastLeftAt].sort().at(-1)! : null
  const status = summaryStatus({
    outcome: summary.status.outcome,
    bookingStatus: summary.status.booking,
    scheduledEndsAt: summary.scheduled.endsAt,
    fanJoined: Boolean(spans.fan?.firstJoinedAt),
    creatorJoined: Boolean(spans.creator?.firstJoinedAt),
    endedAt: bothLeft,
    serverNow: summary.serverNow,
  })
  const windowOpen = new Date(summary.serverNow).getTime() < new Date(summary.scheduled.endsAt).getTime() && summary.status.booking === 'confirmed'
  const who = (actor: string | null) => (actor === role ? t(locale, 'call.summary.you') : actor === 'fan' || actor === 'creator' ? otherName : t(locale, 'call.summary.service'))
  const span = (r: 'fan' | 'creator') => spans[r]
  const duration = (seconds: number | null) => (seconds === null ? '—' : formatClock(seconds * 1000))
  const detail = summary.status.outcome ? OUTCOME_DETAIL[summary.status.outcome] : undefined

  return (
    <section className="card call-summary" aria-labelledby="summary-title" data-testid="call-summary" data-status={status} data-settled={settled(summary) || undefined}>
      <h2 id="summary-title">{t(locale, 'call.summary.title')}</h2>
      <p className="muted">{day}</p>
      <p>
        {t(locale, 'call.summary.status')}{' '}
        <strong className={`status status-call-${status}`} data-testid="summary-status">
          {t(locale, STATUS[status])}
        </strong>
        {detail ? <span className="hint"> · {t(locale, detail)}</span> : null}
      </p>
      <div className="table-scroll">
        <table className="call-summary__times" data-testid="summary-times">
          <caption className="visually-hidden">{t(locale, 'call.summary.timesCaption')}</caption>
          <thead>
            <tr>
              <td />
              <th scope="col">{t(locale, 'call.summary.scheduled')}</th>
              <th scope="col">{t(locale, 'call.summary.actual')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t(locale, 'call.summary.start')}</th>
              <td>{time(summary.scheduled.startsAt)}</td>
              <td data-testid="actual-start">{time(spans.startedAt)}</td>
            </tr>
            <tr>
              <th scope="row">{t(locale, 'call.summary.end')}</th>
              <td>{time(summary.scheduled.endsAt)}</td>
              <td data-testid="actual-end">{time(bothLeft ?? spans.endedAt)}</td>
            </tr>
            <tr>
              <th scope="row">{t(locale, 'call.summary.duration')}</th>
              <td>{duration(summary.scheduled.durationSeconds)}</td>
              <td data-testid="actual-duration">{duration(spans.durationSeconds)}</td>
            </tr>
          </tbody>
        </table>
      </div>
      <ul className="call-summary__people" data-testid="summary-people">
        {(['fan', 'creator'] as const).map((r) => {
          const s = span(r)
          return (
            <li key={r} data-testid={`summary-${r}`} data-joined={s?.firstJoinedAt ? 'yes' : 'no'}>
              <strong>{r === role ? t(locale, 'call.summary.you') : otherName}</strong>{' '}
              {s?.firstJoinedAt
                ? t(locale, 'call.summary.joinedAt', { time: time(s.firstJoinedAt) }) + (s.lastLeftAt ? ` · ${t(locale, 'call.summary.leftAt', { time: time(s.lastLeftAt) })}` : '')
                : t(locale, 'call.summary.notJoined')}
            </li>
          )
        })}
      </ul>
      <h3>{t(locale, 'call.summary.timeline')}</h3>
      {summary.timeline.length === 0 ? (
        <p className="muted">{t(locale, 'call.summary.noEvents')}</p>
      ) : (
        <ol className="call-summary__timeline" data-testid="summary-timeline">
          {summary.timeline.map((e) => (
            <li key={e.id} data-type={e.type} data-actor={e.actor ?? ''}>
              <time dateTime={e.at ?? undefined}>{time(e.at)}</time> {who(e.actor)} — {EVENTS[e.type] ? t(locale, EVENTS[e.type]!) : e.type}
            </li>
          ))}
        </ol>
      )}
      {windowOpen && onRejoin ? (
        <button type="button" className="button" onClick={onRejoin} data-testid="rejoin">
          {t(locale, 'call.summary.rejoin')}
        </button>
      ) : null}
    </section>
  )
}
