/**
 * Daily's REST API over `fetch` (the subset we use: rooms, meeting tokens, meetings), pointed at
 * `DAILY_API_URL` (default https://api.daily.co/v1; our emulator in tests). Bearer key, JSON both
 * ways; Daily's error body `{error, info}` becomes a typed `DailyError`; 429 is retried honouring
 * Retry-After with a bounded exponential backoff; every request has a timeout.
 * Facts: /work/shared/notes/calls.md ("Daily REST").
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

import { retryDelayMs } from '@/domain/calls'

/** The environment variables read (process.env, or a plain object in tests). */
type Env = Record<string, string | undefined>

export type DailyErrorType =
  | 'authentication-error'
  | 'authorization-header-error'
  | 'forbidden-error'
  | 'invalid-request-error'
  | 'not-found'
  | 'rate-limit-error'
  | 'server-error'
  | 'timeout'
  | 'network-error'
  | 'unknown'

/** A failed Daily call: HTTP status (0 when no answer), Daily's error type and text. */
export class DailyError extends Error {
  constructor(
    readonly status: number,
    readonly type: DailyErrorType,
    readonly info: string,
  ) {
    super(`Daily ${status || 'no answer'} ${type}: ${info}`)
    this.name = 'DailyError'
  }

  /** Worth another attempt later (the job retries): rate limits, server errors, no answer. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500
  }
}

export type DailyRoomProperties = {
  nbf?: number
  exp?: number
  max_participants?: number
  eject_at_room_exp?: boolean
  enable_chat?: boolean
  enable_screenshare?: boolean
  start_video_off?: boolean
}

export type DailyRoom = { id: string; name: string; url: string; privacy: 'private' | 'public'; created_at: string; config: DailyRoomProperties }

export type MeetingTokenProperties = {
  room_name: string
  user_id: string
  user_name: string
  is_owner: boolean
  nbf?: number
  exp: number
  eject_at_token_exp: true
}

export type DailyMeeting = {
  id: string
  room: string
  start_time: number
  duration: number
  ongoing: boolean
  participants: { user_id: string | null; participant_id: string; user_name: string | null; join_time: number; duration: number }[]
}

export type DailyClientOptions = {
  apiKey: string
  baseUrl?: string
  timeoutMs?: number
  /** Attempts for one request when Daily answers 429 (first included). */
  maxAttempts?: number
  /** Injected in tests to avoid real waiting. */
  sleep?: (ms: number) => Promise<void>
  fetch?: typeof fetch
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Retry-After: seconds or an HTTP date; null when absent or unreadable. */
const retryAfterSeconds = (value: string | null): number | null => {
  if (!value) return null
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return seconds
  const date = Date.parse(value)
  return Number.isNaN(date) ? null : Math.max(0, (date - Date.now()) / 1000)
}

const KNOWN_TYPES = new Set<string>(['authentication-error', 'authorization-header-error', 'forbidden-error', 'invalid-request-error', 'not-found', 'rate-limit-error', 'server-error'])

export type DailyClient = ReturnType<typeof dailyClient>

export const dailyClient = (options: DailyClientOptions) => {
  const baseUrl = (options.baseUrl || 'https://api.daily.co/v1').replace(/\/$/, '')
  const timeoutMs = options.timeoutMs ?? 10_000
  const maxAttempts = options.maxAttempts ?? 4
  const sleep = options.sleep ?? pause
  const doFetch = options.fetch ?? fetch

  const request = async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      let res: Response
      try {
        res = await doFetch(`${baseUrl}${path}`, {
          method,
          headers: { authorization: `Bearer ${options.apiKey}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(timeoutMs),
        })
      } catch (error) {
        const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
        throw new DailyError(0, timedOut ? 'timeout' : 'network-error', timedOut ? `no answer within ${timeoutMs} ms` : error instanceof Error ? error.message : String(error))
      }
      const text = await res.text()
      let json: unknown = null
      try {
        json = text ? JSON.parse(text) : null
      } catch {
        json = null
      }
      if (res.ok) return json as T
      if (res.status === 429 && attempt + 1 < maxAttempts) {
        await sleep(retryDelayMs(attempt, retryAfterSeconds(res.headers.get('retry-after'))))
        continue
      }
      const e = (json ?? {}) as { error?: unknown; info?: unknown }
      const type = typeof e.error === 'string' && KNOWN_TYPES.has(e.error) ? (e.error as DailyErrorType) : res.status === 404 ? 'not-found' : res.status === 429 ? 'rate-limit-error' : 'unknown'
      throw new DailyError(res.status, type, typeof e.info === 'string' ? e.info : text.slice(0, 300) || res.statusText)
    }
  }

  return {
    /** POST /rooms — always private; Daily's default is public. */
    createRoom: (name: string, properties: DailyRoomProperties) => request<DailyRoom>('POST', '/rooms', { name, privacy: 'private', properties }),
    getRoom: (name: string) => request<DailyRoom>('GET', `/rooms/${encodeURIComponent(name)}`),
    /** DELETE /rooms/:name; a room already gone (404) counts as deleted. */
    deleteRoom: async (name: string): Promise<{ deleted: true; name: string; alreadyGone?: true }> => {
      try {
        return await request<{ deleted: true; name: string }>('DELETE', `/rooms/${encodeURIComponent(name)}`)
      } catch (error) {
        if (error instanceof DailyError && error.status === 404) return { deleted: true, name, alreadyGone: true }
        throw error
      }
    },
    /** POST /meeting-tokens: always with room_name and exp (a token without them opens every room forever). */
    createMeetingToken: (properties: MeetingTokenProperties) => request<{ token: string }>('POST', '/meeting-tokens', { properties }),
    /** GET /meetings?room=… (one page of up to 100). */
    listMeetings: (query: { room: string; limit?: number; startingAfter?: string }) => {
      const params = new URLSearchParams({ room: query.room, limit: String(query.limit ?? 100) })
      if (query.startingAfter) params.set('starting_after', query.startingAfter)
      return request<{ total_count: number; data: DailyMeeting[] }>('GET', `/meetings?${params}`)
    },
  }
}

/** The client configured from the environment (DAILY_API_KEY, DAILY_API_URL, DAILY_TIMEOUT_MS). */
export const dailyFromEnv = (env: Env = process.env): DailyClient => {
  const apiKey = env.DAILY_API_KEY?.trim()
  if (!apiKey) throw new DailyError(0, 'authentication-error', 'DAILY_API_KEY is not set')
  return dailyClient({ apiKey, baseUrl: env.DAILY_API_URL, timeoutMs: Number(env.DAILY_TIMEOUT_MS) || undefined })
}

/** Daily's `invalid-request-error` for POST /rooms with a name already taken. */
export const isRoomExists = (error: unknown): boolean =>
  error instanceof DailyError && error.status === 400 && error.type === 'invalid-request-error' && /already exists/i.test(error.info)

/**
 * Daily's webhook signature: base64(HMAC-SHA256(key = base64-decode(secret), `${timestamp}.${rawBody}`))
 * in X-Webhook-Signature, with X-Webhook-Timestamp. The raw body is hashed as received; compared in
 * constant time. No documented replay window: event ids are stored once instead.
 */
export const verifyDailySignature = (rawBody: string, timestamp: string | null, signature: string | null, secret: string): boolean => {
  if (!timestamp || !signature || !secret) return false
  const expected = createHmac('sha256', Buffer.from(secret, 'base64')).update(`${timestamp}.${rawBody}`).digest()
  let given: Buffer
  try {
    given = Buffer.from(signature.trim(), 'base64')
  } catch {
    return false
  }
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Signs like Daily (tests and the emulator). */
export const signDailyWebhook = (rawBody: string, timestamp: string, secret: string): string =>
  createHmac('sha256', Buffer.from(secret, 'base64')).update(`${timestamp}.${rawBody}`).digest('base64')
