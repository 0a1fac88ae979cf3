/**
 * The call page's browser media helpers (no React): the camera and microphone with chosen devices,
 * why they failed, the device lists, the speaker where the browser can choose one, and the call's
 * fire-and-forget events (POST /api/calls/:bookingId/events).
 */

/** Why the camera or microphone is not available, as the page explains it. */
export type MediaProblem = 'denied' | 'notFound' | 'inUse' | 'unsupported' | 'other'

export const mediaProblemOf = (error: unknown): MediaProblem => {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : ''
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'notFound'
  if (name === 'NotReadableError' || name === 'TrackStartError' || name === 'AbortError') return 'inUse'
  if (name === 'TypeError' && typeof navigator !== 'undefined' && !navigator.mediaDevices) return 'unsupported'
  return 'other'
}

export type DeviceChoice = { cameraId: string | null; micId: string | null; speakerId: string | null }

export type Acquired = { stream: MediaStream; problems: { camera: MediaProblem | null; mic: MediaProblem | null } }

const constraint = (id: string | null): MediaTrackConstraints | boolean => (id ? { deviceId: { exact: id } } : true)

/**
 * The camera and microphone (the chosen ones when given). When both cannot be had together, each is
 * asked for alone, so a missing camera still leaves the microphone (and says why the camera is not there).
 */
export const acquireMedia = async (choice: Pick<DeviceChoice, 'cameraId' | 'micId'>): Promise<Acquired> => {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    return { stream: new MediaStream(), problems: { camera: 'unsupported', mic: 'unsupported' } }
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: constraint(choice.cameraId), audio: constraint(choice.micId) })
    return { stream, problems: { camera: null, mic: null } }
  } catch (both) {
    // Permission refused covers both: asking again one by one would only ask twice.
    if (mediaProblemOf(both) === 'denied') return { stream: new MediaStream(), problems: { camera: 'denied', mic: 'denied' } }
    const stream = new MediaStream()
    const problems: Acquired['problems'] = { camera: null, mic: null }
    try {
      const video = await navigator.mediaDevices.getUserMedia({ video: constraint(choice.cameraId) })
      video.getTracks().forEach((t) => stream.addTrack(t))
    } catch (error) {
      problems.camera = mediaProblemOf(error)
    }
    try {
      const audio = await navigator.mediaDevices.getUserMedia({ audio: constraint(choice.micId) })
      audio.getTracks().forEach((t) => stream.addTrack(t))
    } catch (error) {
      problems.mic = mediaProblemOf(error)
    }
    return { stream, problems }
  }
}

export const stopStream = (stream: MediaStream | null | undefined) => stream?.getTracks().forEach((t) => t.stop())

export type Devices = { cameras: MediaDeviceInfo[]; mics: MediaDeviceInfo[]; speakers: MediaDeviceInfo[] }

export const listDevices = async (): Promise<Devices> => {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.enumerateDevices) return { cameras: [], mics: [], speakers: [] }
  const all = await navigator.mediaDevices.enumerateDevices()
  // Chromium lists a "default" and a "communications" alias of real devices: keep one entry per device.
  const real = (kind: MediaDeviceKind) => all.filter((d) => d.kind === kind && d.deviceId && d.deviceId !== 'communications')
  return { cameras: real('videoinput'), mics: real('audioinput'), speakers: real('audiooutput') }
}

/** Whether this browser lets a page choose the speaker (HTMLMediaElement.setSinkId). */
export const canChooseSpeaker = (): boolean => typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype

export const setSpeaker = async (element: HTMLMediaElement | null, speakerId: string | null): Promise<void> => {
  if (!element || !speakerId || !canChooseSpeaker()) return
  try {
    await (element as HTMLMediaElement & { setSinkId: (id: string) => Promise<void> }).setSinkId(speakerId)
  } catch {
    // The device went away: the browser keeps its default output.
  }
}

/** The client event types the events endpoint accepts (joined/left are the provider's, recorded by the server). */
export type ClientCallEvent = 'camera_on' | 'camera_off' | 'mic_on' | 'mic_off' | 'device_error' | 'reconnecting' | 'reconnected' | 'ended' | 'ejected'

type PendingEvent = { bookingId: number; type: ClientCallEvent; metadata: Record<string, unknown> }
/** Events that could not be sent (offline): sent with the next one that goes through, or when the browser is back online. */
const outbox: PendingEvent[] = []
let flushing = false

const post = (e: PendingEvent): Promise<boolean> =>
  fetch(`/api/calls/${e.bookingId}/events`, {
    method: 'POST',
    credentials: 'same-origin',
    keepalive: true,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ type: e.type, metadata: e.metadata }),
  }).then(
    () => true, // an answer, even a refusal: nothing to retry
    () => false, // the network: keep it for later
  )

const flush = async () => {
  if (flushing) return
  flushing = true
  try {
    while (outbox.length) {
      if (!(await post(outbox[0]!))) return
      outbox.shift()
    }
  } finally {
    flushing = false
  }
}

if (typeof window !== 'undefined') window.addEventListener('online', () => void flush())

/** Reports a call event; never waits for, nor fails on, the answer (kept and sent later while offline, at most 20). */
export const reportCallEvent = (bookingId: number, type: ClientCallEvent, metadata: Record<string, unknown> = {}): void => {
  if (outbox.length >= 20) outbox.shift()
  outbox.push({ bookingId, type, metadata: { ...metadata, clientAt: new Date().toISOString() } })
  void flush().catch(() => undefined)
}

/** Test hooks (set by the e2e suite with an init script; absent in real use). */
export type CallTestHooks = {
  /** The page's own end timer is off: only the server's `end` ends the call. */
  disableClientTimer?: boolean
  /** Filled by the page: the peer connection, to read stats and force an ICE restart. */
  pc?: RTCPeerConnection | null
  restartIce?: () => void
  /** Drops the signalling stream and opens a new one (with the browser offline: a network blip). */
  reconnectSignalling?: () => void
  iceRestarts?: number
}

export const testHooks = (): CallTestHooks | null =>
  typeof window === 'undefined' ? null : ((window as unknown as { __CALLASTAR_CALL_TEST__?: CallTestHooks }).__CALLASTAR_CALL_TEST__ ?? null)
