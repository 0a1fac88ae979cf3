'use client'

import React, { useEffect, useRef, useState } from 'react'

import { callClock, formatClock, serverTime, type Quality } from '@/domain/callPage'
import { t, type Locale, type MessageKey } from '@/i18n'

import { setSpeaker } from './media'

export type CallViewModel = {
  connection: 'waiting' | 'connecting' | 'connected' | 'reconnecting'
  peerPresent: boolean
  remoteStream: MediaStream | null
  remote: { camera: boolean; mic: boolean }
  quality: Quality
  rttMs: number | null
}

type Props = {
  locale: Locale
  otherName: string
  startsAt: string
  endsAt: string
  /** Server clock minus browser clock (ms). */
  offsetMs: number
  localStream: MediaStream
  speakerId: string | null
  model: CallViewModel
  camera: boolean
  mic: boolean
  onCamera: (on: boolean) => void
  onMic: (on: boolean) => void
  onHangUp: () => void
}

const QUALITY: Record<Quality, MessageKey> = {
  good: 'call.quality.good',
  fair: 'call.quality.fair',
  poor: 'call.quality.poor',
  unknown: 'call.quality.unknown',
}

/**
 * Phase 3, in call (the same for both providers): the other person large and yourself small,
 * camera and microphone switches, hang up (confirmed in a dialog), elapsed and remaining time (the
 * server's clock), the 2-minute warning, "waiting for the other person", reconnecting, quality.
 */
export function CallView({ locale, otherName, startsAt, endsAt, offsetMs, localStream, speakerId, model, camera, mic, onCamera, onMic, onHangUp }: Props) {
  const remoteVideo = useRef<HTMLVideoElement>(null)
  const selfVideo = useRef<HTMLVideoElement>(null)
  const dialog = useRef<HTMLDialogElement>(null)
  const [nowMs, setNowMs] = useState(() => Date.now())

  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), 1_000)
    return () => clearInterval(timer)
  }, [])

  useEffect(() => {
    if (remoteVideo.current && remoteVideo.current.srcObject !== model.remoteStream) {
      remoteVideo.current.srcObject = model.remoteStream
      void remoteVideo.current.play().catch(() => undefined)
    }
  }, [model.remoteStream])
  useEffect(() => {
    void setSpeaker(remoteVideo.current, speakerId)
  }, [speakerId, model.remoteStream])
  useEffect(() => {
    if (selfVideo.current) selfVideo.current.srcObject = localStream
  }, [localStream])

  const clock = callClock(serverTime(nowMs, offsetMs), startsAt, endsAt)
  const showRemote = model.connection === 'connected' || model.connection === 'reconnecting'
  const status =
    model.connection === 'reconnecting'
      ? t(locale, 'call.reconnecting')
      : model.connection === 'connected'
        ? t(locale, 'call.connected', { name: otherName })
        : model.peerPresent
          ? t(locale, 'call.connecting', { name: otherName })
          : t(locale, 'call.waiting', { name: otherName })

  return (
    <section className="call" aria-labelledby="call-title" data-testid="in-call" data-connection={model.connection} data-peer-present={model.peerPresent} data-remote-camera={model.remote.camera ? 'on' : 'off'} data-remote-mic={model.remote.mic ? 'on' : 'off'}>
      <h2 id="call-title" className="visually-hidden">
        {t(locale, 'call.inCall')}
      </h2>
      <div className="call__bar">
        <p className={`call__status call__status--${model.connection}`} role="status" data-testid="call-status">
          {status}
        </p>
        <p className="call__times" data-testid="call-times">
          <span>
            {t(locale, 'call.elapsed')} <strong data-testid="elapsed">{formatClock(clock.elapsedMs)}</strong>
          </span>
          <span>
            {t(locale, 'call.remaining')} <strong data-testid="remaining">{formatClock(clock.remainingMs)}</strong>
          </span>
        </p>
        <p className={`call__quality call__quality--${model.quality}`} data-testid="quality" data-quality={model.quality}>
          <span aria-hidden="true" className="call__bars">
            <i />
            <i />
            <i />
          </span>
          {t(locale, QUALITY[model.quality])}
          {model.rttMs !== null ? <span className="hint"> · {Math.round(model.rttMs)} ms</span> : null}
        </p>
      </div>
      {clock.warn ? (
        <p className="call__warning" role="alert" data-testid="end-warning">
          {t(locale, 'call.endWarning', { time: formatClock(clock.remainingMs) })}
        </p>
      ) : null}
      <div className="call__stage">
        <video ref={remoteVideo} className="call__remote" autoPlay playsInline data-testid="remote-video" aria-label={t(locale, 'call.remoteVideo', { name: otherName })} hidden={!showRemote} />
        {!showRemote ? (
          <div className="call__placeholder" data-testid="waiting">
            <p>{status}</p>
          </div>
        ) : !model.remote.camera ? (
          <div className="call__placeholder call__placeholder--over" data-testid="remote-camera-off">
            <p>{t(locale, 'call.remoteCameraOff', { name: otherName })}</p>
          </div>
        ) : null}
        {showRemote && !model.remote.mic ? (
          <p className="call__muted" data-testid="remote-mic-off">
            {t(locale, 'call.remoteMicOff', { name: otherName })}
          </p>
        ) : null}
        <video ref={selfVideo} className="call__self" autoPlay playsInline muted data-testid="self-video" aria-label={t(locale, 'call.selfVideo')} hidden={!camera} />
      </div>
      <div className="call__controls">
        <button type="button" className={`button ${camera ? 'secondary' : ''}`} aria-pressed={!camera} onClick={() => onCamera(!camera)} data-testid="toggle-camera">
          {camera ? t(locale, 'call.cameraOff') : t(locale, 'call.cameraOn')}
        </button>
        <button type="button" className={`button ${mic ? 'secondary' : ''}`} aria-pressed={!mic} onClick={() => onMic(!mic)} data-testid="toggle-mic">
          {mic ? t(locale, 'call.micOff') : t(locale, 'call.micOn')}
        </button>
        <button type="button" className="button danger" onClick={() => dialog.current?.showModal()} data-testid="hang-up">
          {t(locale, 'call.hangUp')}
        </button>
      </div>
      <dialog ref={dialog} className="call__dialog" aria-labelledby="hangup-title" data-testid="hang-up-dialog">
        <h2 id="hangup-title">{t(locale, 'call.hangUpTitle')}</h2>
        <p>{t(locale, 'call.hangUpBody')}</p>
        <div className="actions">
          <button type="button" className="button secondary" onClick={() => dialog.current?.close()} data-testid="hang-up-cancel" autoFocus>
            {t(locale, 'call.hangUpCancel')}
          </button>
          <button
            type="button"
            className="button danger"
            onClick={() => {
              dialog.current?.close()
              onHangUp()
            }}
            data-testid="hang-up-confirm"
          >
            {t(locale, 'call.hangUpConfirm')}
          </button>
        </div>
      </dialog>
    </section>
  )
}
