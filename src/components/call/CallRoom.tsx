'use client'

import React, { useCallback, useEffect, useRef, useState } from 'react'

import type { CallJoinBody } from '@/domain/apiTypes'
import { clockOffsetMs, formatClock, joinOutcome, roomRetryDelayMs, serverTime } from '@/domain/callPage'
import type { CallRole } from '@/domain/calls'
import { t, type Locale, type MessageKey } from '@/i18n'
import { dateFormat } from '@/i18n/format'

import { CallSummary } from './CallSummary'
import { DailyCall } from './DailyCall'
import { DeviceCheck } from './DeviceCheck'
import { reportCallEvent, stopStream, type DeviceChoice } from './media'
import { P2PCall } from './P2PCall'

type Stage =
  | { kind: 'joining' }
  | { kind: 'countdown'; opensAt: string }
  | { kind: 'preparing'; attempt: number }
  | { kind: 'check'; answer: CallJoinBody }
  | { kind: 'call'; answer: CallJoinBody; stream: MediaStream; choice: DeviceChoice }
  | { kind: 'summary' }
  | { kind: 'problem'; which: 'forbidden' | 'notConfirmed' | 'unknown' | 'error' }

type Props = {
  locale: Locale
  bookingId: number
  role: CallRole
  otherName: string
  startsAt: string
  endsAt: string
  timeZone: string
  /** The server's clock when the page was rendered (first clock offset, refined by the API's answers). */
  serverNow: string
  /** Where to log in and come back (a session that expired while the page was open). */
  loginHref: string
  initial: 'join' | 'summary'
}

const PROBLEMS: Record<'forbidden' | 'notConfirmed' | 'unknown' | 'error', MessageKey> = {
  forbidden: 'call.problem.forbidden',
  notConfirmed: 'call.problem.notConfirmed',
  unknown: 'call.problem.unknown',
  error: 'call.problem.error',
}

/**
 * The call page's four phases for the booking's fan or creator: (1) a countdown to the window on
 * the server's clock, which asks to join by itself when the window opens; (2) the device check;
 * (3) the call, peer-to-peer or Daily as the join answer says; (4) the summary. Also the states
 * around them: the room being prepared (asked again with backoff), the call ended, a booking that
 * is not confirmed, a visitor who is not a participant.
 */
export function CallRoom({ locale, bookingId, role, otherName, startsAt, endsAt, timeZone, serverNow, loginHref, initial }: Props) {
  const [stage, setStage] = useState<Stage>(initial === 'summary' ? { kind: 'summary' } : { kind: 'joining' })
  const [offsetMs, setOffsetMs] = useState(0)
  const [nowMs, setNowMs] = useState<number | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const attempt = useRef(0)

  // A first offset from the rendered page (refined by every API answer that carries the server's clock).
  useEffect(() => {
    setOffsetMs(clockOffsetMs(serverNow, Date.now()))
  }, [serverNow])

  const syncClock = useCallback(async () => {
    const sent = Date.now()
    const res = await fetch(`/api/calls/${bookingId}/summary`, { credentials: 'same-origin', cache: 'no-store' }).catch(() => null)
    const received = Date.now()
    const body = (await res?.json().catch(() => null)) as { serverNow?: string } | null
    if (body?.serverNow) setOffsetMs(clockOffsetMs(body.serverNow, received, sent))
  }, [bookingId])

  const join = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current)
    const sent = Date.now()
    let status = 0
    let json: (Partial<CallJoinBody> & { errors?: { code?: string; opensAt?: string; retryAfterSeconds?: number }[] }) | null = null
    try {
      const res = await fetch(`/api/calls/${bookingId}/join`, { method: 'POST', credentials: 'same-origin', cache: 'no-store' })
      status = res.status
      json = await res.json().catch(() => null)
    } catch {
      status = 0
    }
    const received = Date.now()
    const error = json?.errors?.[0]
    const outcome = joinOutcome(status, error?.code ?? null, { opensAt: error?.opensAt, retryAfterSeconds: error?.retryAfterSeconds })
    switch (outcome.stage) {
      case 'ready': {
        const answer = json as CallJoinBody
        attempt.current = 0
        setOffsetMs(clockOffsetMs(answer.serverNow, received, sent))
        setStage((s) => (s.kind === 'call' ? s : { kind: 'check', answer }))
        return
      }
      case 'countdown': {
        const opensAt = outcome.opensAt ?? new Date(new Date(startsAt).getTime() - 15 * 60_000).toISOString()
        setStage({ kind: 'countdown', opensAt })
        void syncClock()
        return
      }
      case 'preparing': {
        const n = attempt.current++
        setStage({ kind: 'preparing', attempt: n + 1 })
        timer.current = setTimeout(() => void join(), roomRetryDelayMs(n, outcome.retryAfterSeconds))
        return
      }
      case 'ended':
        setStage({ kind: 'summary' })
        return
      case 'login':
        window.location.assign(loginHref)
        return
      default:
        setStage({ kind: 'problem', which: outcome.stage })
    }
  }, [bookingId, loginHref, startsAt, syncClock])

  useEffect(() => {
    if (initial === 'join') void join()
    return () => {
      if (timer.current) clearTimeout(timer.current)
    }
  }, [initial, join])

  // The countdown ticks on the server's clock and asks to join when the window opens.
  useEffect(() => {
    if (stage.kind !== 'countdown') return
    setNowMs(Date.now())
    const tick = setInterval(() => setNowMs(Date.now()), 1_000)
    return () => clearInterval(tick)
  }, [stage.kind])
  const countdownLeft = stage.kind === 'countdown' && nowMs !== null ? new Date(stage.opensAt).getTime() - serverTime(nowMs, offsetMs) : null
  useEffect(() => {
    if (stage.kind !== 'countdown') return
    // At most an hour at a time (a long timeout overflows); joining early just answers "not open" again.
    const delay = Math.min(Math.max(0, new Date(stage.opensAt).getTime() - serverTime(Date.now(), offsetMs)) + 250, 3_600_000)
    const id = setTimeout(() => void join(), delay)
    return () => clearTimeout(id)
  }, [stage, offsetMs, join])

  // The media leave with the call.
  const stream = stage.kind === 'call' ? stage.stream : null
  useEffect(() => () => stopStream(stream), [stream])

  const onEnded = useCallback(
    (reason: string) => {
      if (reason === 'refused') {
        // The server refused signalling: its join answer says why (ended → summary).
        setStage({ kind: 'joining' })
        void join()
        return
      }
      setStage({ kind: 'summary' })
    },
    [join],
  )

  const at = (iso: string) => dateFormat(locale, timeZone, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso))

  return (
    <div className="call-room" data-testid="call-room" data-stage={stage.kind} data-role={role}>
      {stage.kind === 'joining' ? <p className="muted" role="status">{t(locale, 'call.joining')}</p> : null}

      {stage.kind === 'countdown' ? (
        <section className="card call-countdown" aria-labelledby="countdown-title" data-testid="countdown">
          <h2 id="countdown-title">{t(locale, 'call.countdown.title')}</h2>
          <p className="call-countdown__time" role="timer" aria-live="off" data-testid="countdown-left">
            {formatClock(Math.max(0, countdownLeft ?? 0))}
          </p>
          <p>{t(locale, 'call.countdown.opens', { time: at(stage.opensAt) })}</p>
          <p className="muted">{t(locale, 'call.countdown.next')}</p>
        </section>
      ) : null}

      {stage.kind === 'preparing' ? (
        <section className="card" data-testid="preparing" role="status">
          <h2>{t(locale, 'call.preparing.title')}</h2>
          <p>{t(locale, 'call.preparing.body')}</p>
        </section>
      ) : null}

      {stage.kind === 'check' ? (
        <DeviceCheck
          locale={locale}
          canJoin
          onJoin={(s, choice) => setStage({ kind: 'call', answer: stage.answer, stream: s, choice })}
          onDeviceError={(device, problem) => reportCallEvent(bookingId, 'device_error', { device, problem })}
        />
      ) : null}

      {stage.kind === 'call' && stage.answer.provider === 'p2p' ? (
        <P2PCall
          locale={locale}
          bookingId={bookingId}
          role={role}
          otherName={otherName}
          startsAt={stage.answer.startsAt}
          endsAt={stage.answer.endsAt}
          offsetMs={offsetMs}
          iceServers={stage.answer.iceServers ?? []}
          stream={stage.stream}
          speakerId={stage.choice.speakerId}
          onEnded={onEnded}
        />
      ) : null}
      {stage.kind === 'call' && stage.answer.provider === 'daily' && stage.answer.roomUrl ? (
        <DailyCall
          locale={locale}
          bookingId={bookingId}
          otherName={otherName}
          roomUrl={stage.answer.roomUrl}
          token={stage.answer.token}
          startsAt={stage.answer.startsAt}
          endsAt={stage.answer.endsAt}
          offsetMs={offsetMs}
          stream={stage.stream}
          speakerId={stage.choice.speakerId}
          onEnded={onEnded}
        />
      ) : null}

      {stage.kind === 'summary' ? (
        <CallSummary
          locale={locale}
          bookingId={bookingId}
          timeZone={timeZone}
          role={role}
          otherName={otherName}
          onRejoin={() => {
            setStage({ kind: 'joining' })
            void join()
          }}
        />
      ) : null}

      {stage.kind === 'problem' ? (
        <p className="error" role="alert" data-testid="call-problem" data-problem={stage.which}>
          {t(locale, PROBLEMS[stage.which])}
        </p>
      ) : null}
      {stage.kind !== 'call' && stage.kind !== 'summary' ? <p className="hint">{t(locale, 'call.times', { start: at(startsAt), end: at(endsAt) })}</p> : null}
    </div>
  )
}
