/**
 * The Daily emulator's public types: its options, Daily's objects as the REST API returns them, the
 * control surface tests use, and what it records.
 */

export type DailyEmulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number
  host?: string
  /** The one API key the emulator accepts (`Authorization: Bearer <key>`); it also signs meeting tokens. */
  apiKey?: string
  /** The Daily domain (subdomain of daily.co) rooms belong to; room URLs are `<roomUrlBase>/<name>`. */
  domain?: string
  /** Defaults to `https://<domain>.daily.co`; set it to put rooms at any other origin. */
  roomUrlBase?: string
  /** The domain id (`d` claim of meeting tokens, `domainId` of webhooks); a fresh UUID by default. */
  domainId?: string
  /** `exponential` webhooks: delay before each retry of an event; its length is the number of retries. */
  retryDelaysMs?: number[]
  /** `circuit-breaker` webhooks: delay before the failed event is tried again (3 consecutive failures → FAILED). */
  circuitBreakerDelayMs?: number
  /** How long a receiver has to answer an event (then the attempt counts as failed). */
  deliveryTimeoutMs?: number
  /** How long a receiver has to answer the `{"test":"test"}` request sent when a webhook is created. */
  verificationTimeoutMs?: number
  /** Delay between the last participant leaving and `meeting.ended` (Daily: up to ~20 s); 0 = at once. */
  meetingEndedDelayMs?: number
  /** Refuse requests over Daily's rate limits (≈ 20 req/s; DELETE /rooms/:name ≈ 2 req/s) with 429. */
  enforceRateLimits?: boolean
  /** Milliseconds since the epoch; the emulator's "now" (frozen through control.setClock). */
  clock?: () => number
}

export type RoomPrivacy = 'public' | 'private' | 'org'
export type RoomConfig = Record<string, unknown> & {
  nbf?: number
  exp?: number
  max_participants?: number
  eject_at_room_exp?: boolean
  eject_after_elapsed?: number
}

export type Room = {
  id: string
  name: string
  api_created: boolean
  privacy: RoomPrivacy
  url: string
  created_at: string
  config: RoomConfig
}

/** Meeting-token properties in their long form (what POST /meeting-tokens takes and GET /meeting-tokens/:t answers). */
export type MeetingTokenProperties = Record<string, unknown> & {
  room_name?: string
  user_id?: string
  user_name?: string
  is_owner?: boolean
  nbf?: number
  exp?: number
  eject_at_token_exp?: boolean
  eject_after_elapsed?: number
}

export type MeetingParticipant = {
  user_id: string | null
  participant_id: string
  user_name: string | null
  join_time: number
  duration: number
}

export type Meeting = {
  id: string
  room: string
  start_time: number
  duration: number
  ongoing: boolean
  max_participants: number
  participants: MeetingParticipant[]
}

export type WebhookRetryType = 'circuit-breaker' | 'exponential'
export type WebhookState = 'ACTIVE' | 'FAILED'

export type Webhook = {
  uuid: string
  url: string
  hmac: string
  basicAuth: string | null
  retryType: WebhookRetryType
  eventTypes: string[]
  state: WebhookState
  failedCount: number
  lastMomentPushed: string | null
  domainId: string
  createdAt: string
  updatedAt: string
}

export type DailyEvent = {
  version: string
  type: string
  id: string
  payload: Record<string, unknown>
  /** Unix seconds (with a fraction) at which the event was created. */
  event_ts: number
}

export type WebhookDelivery = {
  webhook: string
  /** The event id, or `verification` for the `{"test":"test"}` request sent at creation. */
  eventId: string
  type: string
  attempt: number
  url: string
  status: number | null
  error: string | null
  at: number
  duplicate: boolean
}

export type FailureMode = 'error' | 'timeout'
export type FaultFilter = { method?: string; pathPrefix?: string }
export type FailNextOptions = FaultFilter & {
  count: number
  /** `error` (default): an HTTP 5xx before anything happens; `timeout`: never answered, nothing happens. */
  mode?: FailureMode
  /** For `error`: 500 (default), 502, 503 or 504. */
  status?: number
}
export type RateLimitNextOptions = FaultFilter & { count: number; /** Seconds, sent as `Retry-After` (default 1). */ retryAfter?: number }

export type EmulatedRequest = {
  method: string
  path: string
  status: number | 'no_response'
  injected: 'error' | 'timeout' | 'rate_limit' | 'rate_limited' | null
  at: number
}

/** What a client (daily-js) sees when it joins: the participant, or Daily's refusal type. */
export type JoinInput = {
  token?: string
  /** Display name when the token has none (like `join({ userName })`). */
  userName?: string
  /** Unix seconds; defaults to the emulator's now. */
  at?: number
}
export type JoinedParticipant = {
  session_id: string
  meeting_id: string
  room: string
  user_id: string
  user_name: string | null
  owner: boolean
  joined_at: number
  will_eject_at: number | null
}
/** daily-js error types a refused join gets (the `error` event's `error.type`). */
export type JoinRefusal = 'no-room' | 'not-allowed' | 'invalid-token' | 'nbf-room' | 'exp-room' | 'nbf-token' | 'exp-token' | 'meeting-full'

export type DailyEmulatorControl = {
  failNext: (options: FailNextOptions) => void
  rateLimitNext: (options: RateLimitNextOptions) => void
  enforceRateLimits: (on: boolean) => void
  /** A participant joins as daily-js would (token checks, room window, capacity); throws DailyJoinError when refused. */
  join: (room: string, input?: JoinInput) => JoinedParticipant
  /** The participant leaves (at unix seconds `at`, default now). */
  leave: (sessionId: string, at?: number) => void
  /** Ejects everyone whose `will_eject_at` is at or before `at` (default now), as Daily's servers do. */
  ejectDue: (at?: number) => number
  /** Freezes the emulator's clock at unix seconds `now` (then ejects who is due), or lets it run again with null. */
  setClock: (now: number | null) => void
  deliverNextEventTwice: () => void
  holdEvents: () => void
  releaseEvents: (options?: { order?: 'fifo' | 'reverse' }) => void
  events: () => DailyEvent[]
  deliveries: () => WebhookDelivery[]
  requests: () => EmulatedRequest[]
  /** Resolves once no delivery is queued, in flight or waiting for a retry (held events excepted). */
  whenIdle: (timeoutMs?: number) => Promise<void>
  /** Forgets rooms, meetings, webhooks, events, logs and pending faults. */
  reset: () => void
}

export type DailyEmulator = {
  /** Origin of the server (control routes under `${url}/emulator/…`). */
  url: string
  /** What the app uses as DAILY_API_URL: `${url}/v1`. */
  apiUrl: string
  apiKey: string
  domain: string
  domainId: string
  /** Room URLs are `${roomUrlBase}/${name}`. */
  roomUrlBase: string
  host: string
  port: number
  control: DailyEmulatorControl
  close: () => Promise<void>
}
