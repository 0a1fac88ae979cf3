'use client'

import React, { useCallback, useEffect, useRef, useState } from 'react'

import { t, type Locale, type MessageKey } from '@/i18n'

import { acquireMedia, canChooseSpeaker, listDevices, setSpeaker, stopStream, type DeviceChoice, type Devices, type MediaProblem } from './media'

const PROBLEMS: Record<MediaProblem, MessageKey> = {
  denied: 'call.device.denied',
  notFound: 'call.device.notFound',
  inUse: 'call.device.inUse',
  unsupported: 'call.device.unsupported',
  other: 'call.device.other',
}

type Props = {
  locale: Locale
  /** The media the check ends with, handed to the call (the call owns it from then on). */
  onJoin: (stream: MediaStream, choice: DeviceChoice) => void
  onDeviceError: (which: 'camera' | 'mic', problem: MediaProblem) => void
  /** "Join the call" is offered only once the window is open; before, the check is a rehearsal. */
  canJoin: boolean
}

/**
 * Phase 2, the device check: camera preview, microphone level (WebAudio analyser), camera /
 * microphone / speaker pickers that follow devices being plugged in (devicechange), a speaker test
 * tone, and permission errors that say how to fix them.
 */
export function DeviceCheck({ locale, onJoin, onDeviceError, canJoin }: Props) {
  const [choice, setChoice] = useState<DeviceChoice>({ cameraId: null, micId: null, speakerId: null })
  const [devices, setDevices] = useState<Devices>({ cameras: [], mics: [], speakers: [] })
  const [problems, setProblems] = useState<{ camera: MediaProblem | null; mic: MediaProblem | null }>({ camera: null, mic: null })
  const [stream, setStream] = useState<MediaStream | null>(null)
  const [loading, setLoading] = useState(true)
  const [attempt, setAttempt] = useState(0)
  const handedOver = useRef(false)
  const video = useRef<HTMLVideoElement>(null)
  const meter = useRef<HTMLMeterElement>(null)
  const tone = useRef<HTMLAudioElement>(null)
  const [speakerChoosable, setSpeakerChoosable] = useState(false)
  const reportError = useRef(onDeviceError)
  reportError.current = onDeviceError

  // The camera and microphone, again whenever the choice changes or "Try again" is pressed.
  useEffect(() => {
    let cancelled = false
    let got: MediaStream | null = null
    setLoading(true)
    void acquireMedia(choice).then(async (acquired) => {
      if (cancelled) return stopStream(acquired.stream)
      got = acquired.stream
      setStream(acquired.stream)
      setProblems(acquired.problems)
      if (acquired.problems.camera) reportError.current('camera', acquired.problems.camera)
      if (acquired.problems.mic && acquired.problems.mic !== acquired.problems.camera) reportError.current('mic', acquired.problems.mic)
      // Labels are only listed once permission was given: list after asking.
      setDevices(await listDevices())
      setLoading(false)
    })
    return () => {
      cancelled = true
      if (!handedOver.current) stopStream(got)
    }
  }, [choice.cameraId, choice.micId, attempt])

  // Devices plugged in or out: the lists follow, and a chosen device that vanished falls back to the default.
  useEffect(() => {
    setSpeakerChoosable(canChooseSpeaker())
    const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined
    if (!md?.addEventListener) return
    const onChange = () =>
      void listDevices().then((next) => {
        setDevices(next)
        setChoice((c) => ({
          cameraId: c.cameraId && !next.cameras.some((d) => d.deviceId === c.cameraId) ? null : c.cameraId,
          micId: c.micId && !next.mics.some((d) => d.deviceId === c.micId) ? null : c.micId,
          speakerId: c.speakerId && !next.speakers.some((d) => d.deviceId === c.speakerId) ? null : c.speakerId,
        }))
        // A device that appeared may fix a "not found": ask again.
        setProblems((p) => {
          if (p.camera === 'notFound' || p.mic === 'notFound') setAttempt((a) => a + 1)
          return p
        })
      })
    md.addEventListener('devicechange', onChange)
    return () => md.removeEventListener('devicechange', onChange)
  }, [])

  // The preview.
  useEffect(() => {
    if (video.current) video.current.srcObject = stream && stream.getVideoTracks().length ? stream : null
  }, [stream])

  // The microphone level: an analyser on the microphone track, drawn into the <meter> without re-rendering.
  useEffect(() => {
    const track = stream?.getAudioTracks()[0]
    if (!track || typeof AudioContext === 'undefined') return
    const audio = new AudioContext()
    const source = audio.createMediaStreamSource(new MediaStream([track]))
    const analyser = audio.createAnalyser()
    analyser.fftSize = 512
    source.connect(analyser)
    const samples = new Float32Array(analyser.fftSize)
    let frame = 0
    const draw = () => {
      analyser.getFloatTimeDomainData(samples)
      let sum = 0
      for (const s of samples) sum += s * s
      const level = Math.min(1, Math.sqrt(sum / samples.length) * 4)
      if (meter.current) {
        meter.current.value = level
        meter.current.dataset.level = level.toFixed(3)
      }
      frame = requestAnimationFrame(draw)
    }
    void audio.resume().catch(() => undefined)
    draw()
    return () => {
      cancelAnimationFrame(frame)
      source.disconnect()
      void audio.close().catch(() => undefined)
    }
  }, [stream])

  const playTone = useCallback(async () => {
    if (typeof AudioContext === 'undefined' || !tone.current) return
    const audio = new AudioContext()
    const oscillator = audio.createOscillator()
    const gain = audio.createGain()
    gain.gain.value = 0.1
    const out = audio.createMediaStreamDestination()
    oscillator.frequency.value = 440
    oscillator.connect(gain).connect(out)
    tone.current.srcObject = out.stream
    await setSpeaker(tone.current, choice.speakerId)
    oscillator.start()
    await tone.current.play().catch(() => undefined)
    setTimeout(() => {
      oscillator.stop()
      void audio.close().catch(() => undefined)
    }, 800)
  }, [choice.speakerId])

  const join = () => {
    if (!stream) return
    handedOver.current = true
    onJoin(stream, choice)
  }

  const problemText = (which: 'camera' | 'mic', p: MediaProblem | null) =>
    p ? (
      <p className="error" role="alert" data-testid={`device-error-${which}`} data-problem={p}>
        <strong>{t(locale, which === 'camera' ? 'call.device.camera' : 'call.device.mic')}:</strong> {t(locale, PROBLEMS[p])}
      </p>
    ) : null
  const sameProblem = problems.camera && problems.camera === problems.mic

  return (
    <section className="card call-check" aria-labelledby="call-check-title" data-testid="device-check" data-ready={!loading || undefined}>
      <h2 id="call-check-title">{t(locale, 'call.check.title')}</h2>
      <p className="muted">{t(locale, 'call.check.lead')}</p>
      <div className="call-check__grid">
        <div className="call-check__preview">
          <video ref={video} autoPlay playsInline muted data-testid="preview" aria-label={t(locale, 'call.check.preview')} />
          {!stream?.getVideoTracks().length && !loading ? <p className="call-check__nocam">{t(locale, 'call.check.noCamera')}</p> : null}
        </div>
        <div className="call-check__controls">
          <label htmlFor="call-camera">{t(locale, 'call.device.camera')}</label>
          <select id="call-camera" value={choice.cameraId ?? ''} onChange={(e) => setChoice((c) => ({ ...c, cameraId: e.target.value || null }))} data-testid="pick-camera">
            <option value="">{t(locale, 'call.device.default')}</option>
            {devices.cameras.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || t(locale, 'call.device.cameraN', { n: i + 1 })}
              </option>
            ))}
          </select>
          <label htmlFor="call-mic">{t(locale, 'call.device.mic')}</label>
          <select id="call-mic" value={choice.micId ?? ''} onChange={(e) => setChoice((c) => ({ ...c, micId: e.target.value || null }))} data-testid="pick-mic">
            <option value="">{t(locale, 'call.device.default')}</option>
            {devices.mics.map((d, i) => (
              <option key={d.deviceId} value={d.deviceId}>
                {d.label || t(locale, 'call.device.micN', { n: i + 1 })}
              </option>
            ))}
          </select>
          <label htmlFor="call-mic-level">{t(locale, 'call.check.level')}</label>
          <meter id="call-mic-level" ref={meter} min={0} max={1} low={0.1} high={0.8} optimum={0.5} value={0} data-testid="mic-level" />
          {speakerChoosable ? (
            <>
              <label htmlFor="call-speaker">{t(locale, 'call.device.speaker')}</label>
              <select id="call-speaker" value={choice.speakerId ?? ''} onChange={(e) => setChoice((c) => ({ ...c, speakerId: e.target.value || null }))} data-testid="pick-speaker">
                <option value="">{t(locale, 'call.device.default')}</option>
                {devices.speakers.map((d, i) => (
                  <option key={d.deviceId} value={d.deviceId}>
                    {d.label || t(locale, 'call.device.speakerN', { n: i + 1 })}
                  </option>
                ))}
              </select>
            </>
          ) : (
            <p className="hint">{t(locale, 'call.device.speakerSystem')}</p>
          )}
          <button type="button" className="button secondary small" onClick={() => void playTone()} data-testid="test-speaker">
            {t(locale, 'call.check.testSound')}
          </button>
          <audio ref={tone} hidden />
        </div>
      </div>
      {sameProblem ? problemText('camera', problems.camera) : (
        <>
          {problemText('camera', problems.camera)}
          {problemText('mic', problems.mic)}
        </>
      )}
      <div className="actions">
        {problems.camera || problems.mic ? (
          <button type="button" className="button secondary" onClick={() => setAttempt((a) => a + 1)} data-testid="retry-devices">
            {t(locale, 'call.check.retry')}
          </button>
        ) : null}
        {canJoin ? (
          <button type="button" className="button" onClick={join} disabled={loading || !stream} data-testid="join-now">
            {problems.camera || problems.mic ? t(locale, 'call.check.joinAnyway') : t(locale, 'call.check.join')}
          </button>
        ) : null}
      </div>
    </section>
  )
}
