/**
 * The one state object every part of the Daily emulator works on (each module takes it as its
 * first argument): rooms, meeting sessions and their participants, webhooks and their delivery
 * queues, the logs, the clock, and the switches tests flip through `control`.
 */
import { randomUUID } from 'node:crypto'
import type http from 'node:http'

import type { DailyEmulatorOptions, DailyEvent, EmulatedRequest, FailureMode, Room, Webhook, WebhookDelivery } from './types'

export type ParticipantRecord = {
  session_id: string
  meeting_id: string
  room: string
  user_id: string
  user_name: string | null
  owner: boolean
  join_time: number
  leave_time: number | null
  will_eject_at: number | null
}

export type MeetingRecord = {
  id: string
  room: string
  start_time: number
  /** Set when the last participant left; the session is over once `ongoing` is false. */
  end_time: number | null
  ongoing: boolean
  max_participants: number
  participants: ParticipantRecord[]
}

export type QueuedDelivery = { event: DailyEvent; attempt: number; duplicate: boolean }

type Fault = { count: number; method?: string; pathPrefix: string }

export type EmulatorState = {
  apiKey: string
  domain: string
  domainId: string
  roomUrlBase: string
  retryDelaysMs: number[]
  circuitBreakerDelayMs: number
  deliveryTimeoutMs: number
  verificationTimeoutMs: number
  meetingEndedDelayMs: number
  enforceRateLimits: boolean
  clock: () => number
  /** Unix seconds the clock is frozen at, or null when it follows `clock`. */
  frozenAt: number | null

  rooms: Map<string, Room>
  meetings: Map<string, MeetingRecord>
  /** Room name → its ongoing meeting id. */
  ongoing: Map<string, string>
  /** Session id → the participant, while in a meeting. */
  present: Map<string, ParticipantRecord>
  endTimers: Map<string, NodeJS.Timeout>

  webhooks: Map<string, Webhook>
  queues: Map<string, QueuedDelivery[]>
  delivering: Set<string>
  /** Webhook uuid → the timer of its next retry (its queue waits meanwhile). */
  retryTimers: Map<string, NodeJS.Timeout>
  events: DailyEvent[]
  deliveries: WebhookDelivery[]
  requestLog: EmulatedRequest[]
  duplicateNextEvent: boolean
  holding: boolean
  held: { webhook: string; item: QueuedDelivery }[]

  failure: Fault & { mode: FailureMode; status: number }
  rateLimit: Fault & { retryAfter: number }
  /** Rate-limit bucket → times (ms) of the requests of the last second. */
  windows: Map<string, number[]>

  hanging: Set<http.ServerResponse>
  inFlight: Set<AbortController>
  closed: boolean
}

export const DEFAULT_API_KEY = 'daily-emulator-key'
export const DEFAULT_DOMAIN = 'callastar-dev'

export const createState = (options: DailyEmulatorOptions): EmulatorState => {
  const domain = options.domain ?? DEFAULT_DOMAIN
  return {
    apiKey: options.apiKey ?? DEFAULT_API_KEY,
    domain,
    domainId: options.domainId ?? randomUUID(),
    roomUrlBase: (options.roomUrlBase ?? `https://${domain}.daily.co`).replace(/\/$/, ''),
    retryDelaysMs: options.retryDelaysMs ?? [1_000, 2_000, 4_000, 8_000, 16_000],
    circuitBreakerDelayMs: options.circuitBreakerDelayMs ?? 1_000,
    deliveryTimeoutMs: options.deliveryTimeoutMs ?? 10_000,
    verificationTimeoutMs: options.verificationTimeoutMs ?? 5_000,
    meetingEndedDelayMs: options.meetingEndedDelayMs ?? 0,
    enforceRateLimits: options.enforceRateLimits ?? false,
    clock: options.clock ?? Date.now,
    frozenAt: null,

    rooms: new Map(),
    meetings: new Map(),
    ongoing: new Map(),
    present: new Map(),
    endTimers: new Map(),

    webhooks: new Map(),
    queues: new Map(),
    delivering: new Set(),
    retryTimers: new Map(),
    events: [],
    deliveries: [],
    requestLog: [],
    duplicateNextEvent: false,
    holding: false,
    held: [],

    failure: { count: 0, mode: 'error', status: 500, pathPrefix: '/v1/' },
    rateLimit: { count: 0, retryAfter: 1, pathPrefix: '/v1/' },
    windows: new Map(),

    hanging: new Set(),
    inFlight: new Set(),
    closed: false,
  }
}

export const nowMs = (state: EmulatorState): number => (state.frozenAt !== null ? state.frozenAt * 1000 : state.clock())
/** Daily's times are whole Unix seconds. */
export const nowSeconds = (state: EmulatorState): number => Math.floor(nowMs(state) / 1000)

/** Forgets every room, meeting, webhook, event, log and pending fault; the clock runs again. */
export const resetState = (state: EmulatorState) => {
  for (const timer of state.endTimers.values()) clearTimeout(timer)
  for (const timer of state.retryTimers.values()) clearTimeout(timer)
  for (const map of [state.rooms, state.meetings, state.ongoing, state.present, state.endTimers, state.webhooks, state.queues, state.windows]) map.clear()
  state.retryTimers.clear()
  state.events.length = 0
  state.deliveries.length = 0
  state.requestLog.length = 0
  state.held.length = 0
  state.duplicateNextEvent = false
  state.holding = false
  state.failure = { count: 0, mode: 'error', status: 500, pathPrefix: '/v1/' }
  state.rateLimit = { count: 0, retryAfter: 1, pathPrefix: '/v1/' }
  state.frozenAt = null
}
