'use client'

import React, { useEffect, useRef, useState } from 'react'

import { t, type Locale } from '@/i18n'

import { CallView, type CallViewModel } from './CallView'
import { loadDaily, type DailyCallObject, type DailyEvent, type DailyParticipant } from './dailyAdapter'
import { reportCallEvent } from './media'

type Props = {
  locale: Locale
  bookingId: number
  otherName: string
  roomUrl: string
  token: string
  startsAt: string
  endsAt: string
  offsetMs: number
  stream: MediaStream
  speakerId: string | null
  onEnded: (reason: 'scheduled_end' | 'hangup' | 'refused') => void
}

const QUALITY = { good: 'good', low: 'fair', 'very-low': 'poor' } as const

/**
 * The Daily provider's call: daily-js's call object (loaded here only), fed with the device check's
 * tracks. Daily ejects both at the scheduled end (the meeting token's `eject_at_token_exp`): the
 * `error` event of type `ejected` / `exp-token`, or `left-meeting`, ends the page's call.
 */
export function DailyCall({ locale, bookingId, otherName, roomUrl, token, startsAt, endsAt, offsetMs, stream, speakerId, onEnded }: Props) {
  const call = useRef<DailyCallObject | null>(null)
  const [model, setModel] = useState<CallViewModel>({ connection: 'connecting', peerPresent: false, remoteStream: null, remote: { camera: true, mic: true }, quality: 'unknown', rttMs: null })
  const [camera, setCamera] = useState(() => stream.getVideoTracks().some((t) => t.enabled))
  const [mic, setMic] = useState(() => stream.getAudioTracks().some((t) => t.enabled))
  const [unavailable, setUnavailable] = useState(false)
  const ended = useRef(onEnded)
  ended.current = onEnded
  const leaving = useRef(false)

  useEffect(() => {
    let cancelled = false
    const remote = new MediaStream()
    const showRemote = (p: DailyParticipant | undefined) => {
      for (const kind of ['video', 'audio'] as const) {
        const track = p?.tracks[kind].persistentTrack
        remote.getTracks().filter((x) => x.kind === kind && x !== track).forEach((x) => remote.removeTrack(x))
        if (track && !remote.getTracks().includes(track)) remote.addTrack(track)
      }
      setModel((m) => ({
        ...m,
        peerPresent: Boolean(p),
        connection: m.connection === 'reconnecting' ? m.connection : p ? 'connected' : 'waiting',
        remoteStream: p ? remote : null,
        remote: { camera: !p || p.tracks.video.state !== 'off', mic: !p || p.tracks.audio.state !== 'off' },
      }))
    }
    const other = (co: DailyCallObject) => Object.values(co.participants()).find((p) => !p.local)
    void (async () => {
      try {
        const Daily = await loadDaily()
        if (cancelled) return
        const co = Daily.createCallObject({ videoSource: stream.getVideoTracks()[0] ?? false, audioSource: stream.getAudioTracks()[0] ?? false })
        call.current = co
        const update = () => showRemote(other(co))
        for (const name of ['participant-joined', 'participant-updated', 'participant-left', 'track-started', 'track-stopped', 'joined-meeting'] as const) co.on(name, update)
        co.on('network-quality-change', (e?: DailyEvent) => setModel((m) => ({ ...m, quality: e?.threshold ? QUALITY[e.threshold] : 'unknown' })))
        co.on('network-connection', (e?: DailyEvent) => {
          const interrupted = e?.event === 'interrupted'
          reportCallEvent(bookingId, interrupted ? 'reconnecting' : 'reconnected', { provider: 'daily' })
          setModel((m) => ({ ...m, connection: interrupted ? 'reconnecting' : m.peerPresent ? 'connected' : 'waiting' }))
        })
        co.on('camera-error', (e?: DailyEvent) => reportCallEvent(bookingId, 'device_error', { provider: 'daily', type: e?.error?.type ?? 'unknown' }))
        co.on('error', (e?: DailyEvent) => {
          const type = e?.error?.type
          reportCallEvent(bookingId, 'ejected', { provider: 'daily', type: type ?? 'unknown' })
          ended.current(type === 'ejected' || type === 'exp-token' ? 'scheduled_end' : 'refused')
        })
        co.on('left-meeting', () => ended.current(leaving.current ? 'hangup' : 'scheduled_end'))
        await co.join({ url: roomUrl, token })
        if (speakerId) await co.setOutputDeviceAsync({ outputDeviceId: speakerId }).catch(() => undefined)
        update()
      } catch {
        if (!cancelled) setUnavailable(true)
      }
    })()
    return () => {
      cancelled = true
      leaving.current = true
      const co = call.current
      call.current = null
      if (co) void co.leave().catch(() => undefined).finally(() => void co.destroy().catch(() => undefined))
    }
  }, [bookingId, roomUrl, token, stream, speakerId])

  if (unavailable) {
    return (
      <p className="error" role="alert" data-testid="provider-unavailable">
        {t(locale, 'call.providerUnavailable')}
      </p>
    )
  }
  return (
    <CallView
      locale={locale}
      otherName={otherName}
      startsAt={startsAt}
      endsAt={endsAt}
      offsetMs={offsetMs}
      localStream={stream}
      speakerId={speakerId}
      model={model}
      camera={camera}
      mic={mic}
      onCamera={(on) => {
        call.current?.setLocalVideo(on)
        stream.getVideoTracks().forEach((x) => (x.enabled = on))
        reportCallEvent(bookingId, on ? 'camera_on' : 'camera_off')
        setCamera(on)
      }}
      onMic={(on) => {
        call.current?.setLocalAudio(on)
        stream.getAudioTracks().forEach((x) => (x.enabled = on))
        reportCallEvent(bookingId, on ? 'mic_on' : 'mic_off')
        setMic(on)
      }}
      onHangUp={() => {
        reportCallEvent(bookingId, 'ended', { reason: 'hangup', provider: 'daily' })
        const co = call.current
        leaving.current = true
        if (!co) return ended.current('hangup')
        void co.leave().catch(() => undefined).finally(() => ended.current('hangup'))
      }}
    />
  )
}
