'use client'

import React, { useEffect, useRef, useState } from 'react'

import { CLIENT_END_FALLBACK_MS, serverTime } from '@/domain/callPage'
import type { CallRole } from '@/domain/calls'
import type { Locale } from '@/i18n'

import { CallView } from './CallView'
import { reportCallEvent, testHooks } from './media'
import { PeerSession, type PeerState } from './peer'

type Props = {
  locale: Locale
  bookingId: number
  role: CallRole
  otherName: string
  startsAt: string
  endsAt: string
  offsetMs: number
  iceServers: RTCIceServer[]
  stream: MediaStream
  speakerId: string | null
  onEnded: (reason: NonNullable<PeerState['ended']>) => void
}

/**
 * The peer-to-peer provider's call: a PeerSession over the app's signalling. The call ends when the
 * server says so (`end` on the signalling stream at the scheduled end), when the server refuses
 * signalling, or on hang-up; the page's own timer only covers a lost `end` (20 s after the scheduled
 * end) and is off under the e2e flag.
 */
export function P2PCall({ locale, bookingId, role, otherName, startsAt, endsAt, offsetMs, iceServers, stream, speakerId, onEnded }: Props) {
  const session = useRef<PeerSession | null>(null)
  const [state, setState] = useState<PeerState | null>(null)
  const [camera, setCamera] = useState(() => stream.getVideoTracks().some((t) => t.enabled))
  const [mic, setMic] = useState(() => stream.getAudioTracks().some((t) => t.enabled))
  const ended = useRef(onEnded)
  ended.current = onEnded
  // Read when the session starts: a new clock offset or answer object must not restart the call.
  const setup = useRef({ iceServers, endsAt, offsetMs })
  setup.current = { iceServers, endsAt, offsetMs }

  useEffect(() => {
    const hooks = testHooks()
    const { iceServers, endsAt, offsetMs } = setup.current
    const s = new PeerSession({
      bookingId,
      role,
      iceServers,
      stream,
      onChange: (next) => {
        setState(next)
        if (next.ended) ended.current(next.ended)
      },
      onEvent: (type, metadata) => reportCallEvent(bookingId, type, metadata),
      onPeerConnection: (pc) => {
        if (hooks) hooks.pc = pc
      },
    })
    session.current = s
    if (hooks) {
      hooks.restartIce = () => s.restartIce()
      hooks.reconnectSignalling = () => s.reconnectSignalling()
      Object.defineProperty(hooks, 'iceRestarts', { get: () => s.iceRestarts, configurable: true })
    }
    s.start()
    // Only a lost `end` message: the server ends the call; this is the page's fallback.
    const fallback = hooks?.disableClientTimer
      ? null
      : setTimeout(() => s.finish('fallback'), Math.max(0, new Date(endsAt).getTime() + CLIENT_END_FALLBACK_MS - serverTime(Date.now(), offsetMs)))
    const onPageHide = () => s.finish('hangup')
    window.addEventListener('pagehide', onPageHide)
    return () => {
      if (fallback) clearTimeout(fallback)
      window.removeEventListener('pagehide', onPageHide)
      s.finish('hangup')
    }
  }, [bookingId, role, stream])

  if (!state) return null
  return (
    <CallView
      locale={locale}
      otherName={otherName}
      startsAt={startsAt}
      endsAt={endsAt}
      offsetMs={offsetMs}
      localStream={stream}
      speakerId={speakerId}
      model={state}
      camera={camera}
      mic={mic}
      onCamera={(on) => {
        session.current?.setCamera(on)
        setCamera(on)
      }}
      onMic={(on) => {
        session.current?.setMic(on)
        setMic(on)
      }}
      onHangUp={() => {
        reportCallEvent(bookingId, 'ended', { by: role, reason: 'hangup' })
        void session.current?.hangUp()
      }}
    />
  )
}
