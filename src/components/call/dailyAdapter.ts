/**
 * The Daily provider's call object behind a small adapter (browser only). `@daily-co/daily-js` is
 * imported dynamically — only on the call page, only when the join answer's provider is `daily` —
 * so its ≈ 70 KB stay out of every other bundle. The types below are the part of daily-js's
 * documented call-object API the page uses (createCallObject, join, leave, destroy, setLocalVideo,
 * setLocalAudio, setInputDevicesAsync, setOutputDeviceAsync, participants, on/off).
 *
 * `@daily-co/daily-js` is pinned to 0.87.0, the newest version whose `engines` accept Node 20 (0.88
 * was never published; 0.89+ declare Node ≥ 22.14). If its chunk cannot be loaded, DailyUnavailable
 * makes the page say the video service is unavailable.
 */
export type DailyTrackState = 'blocked' | 'off' | 'sendable' | 'loading' | 'interrupted' | 'playable'

export type DailyParticipant = {
  session_id: string
  user_id: string
  user_name: string
  local: boolean
  owner?: boolean
  tracks: {
    audio: { state: DailyTrackState; persistentTrack?: MediaStreamTrack }
    video: { state: DailyTrackState; persistentTrack?: MediaStreamTrack }
  }
}

export type DailyEventName =
  | 'joined-meeting'
  | 'left-meeting'
  | 'participant-joined'
  | 'participant-updated'
  | 'participant-left'
  | 'track-started'
  | 'track-stopped'
  | 'network-quality-change'
  | 'network-connection'
  | 'camera-error'
  | 'error'

export type DailyEvent = {
  action?: string
  participant?: DailyParticipant
  /** network-quality-change */
  threshold?: 'good' | 'low' | 'very-low'
  quality?: number
  /** network-connection: 'interrupted' | 'connected' */
  event?: string
  /** error, camera-error */
  errorMsg?: string
  error?: { type?: string; msg?: string; details?: unknown }
}

export interface DailyCallObject {
  join(options: { url: string; token: string }): Promise<unknown>
  leave(): Promise<unknown>
  destroy(): Promise<unknown>
  setLocalVideo(on: boolean): unknown
  setLocalAudio(on: boolean): unknown
  setInputDevicesAsync(options: { audioDeviceId?: string | false | null; videoDeviceId?: string | false | null }): Promise<unknown>
  setOutputDeviceAsync(options: { outputDeviceId: string }): Promise<unknown>
  participants(): Record<string, DailyParticipant>
  on(event: DailyEventName, handler: (event?: DailyEvent) => void): unknown
  off(event: DailyEventName, handler: (event?: DailyEvent) => void): unknown
}

export type DailyFactory = {
  createCallObject(options?: { audioSource?: MediaStreamTrack | string | boolean; videoSource?: MediaStreamTrack | string | boolean; subscribeToTracksAutomatically?: boolean }): DailyCallObject
}

export class DailyUnavailable extends Error {
  constructor(message = 'The Daily client (@daily-co/daily-js) is not installed.') {
    super(message)
    this.name = 'DailyUnavailable'
  }
}

/** daily-js's default export (its `DailyIframe` class), loaded on first use. */
export const loadDaily = async (): Promise<DailyFactory> => {
  let mod: { default?: unknown }
  try {
    mod = (await import('@daily-co/daily-js')) as { default?: unknown }
  } catch (error) {
    throw new DailyUnavailable(error instanceof Error ? error.message : undefined)
  }
  const factory = mod.default as Partial<DailyFactory> | undefined
  if (!factory || typeof factory.createCallObject !== 'function') throw new DailyUnavailable()
  return factory as DailyFactory
}
