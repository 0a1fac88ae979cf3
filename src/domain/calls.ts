/**
 * Calls (SPEC §6): when a booking's call may be joined, how long its room lives, which events a
 * browser may report. Pure rules over plain data; the services apply them.
 */
import { CALL_EVENT_TYPES } from './statuses'

// ---------------------------------------------------------------------------------------------
// rooms & join (calls-server)
// ---------------------------------------------------------------------------------------------

/** The join window opens this long before the scheduled start (SPEC §6). */
export const JOIN_WINDOW_OPENS_MINUTES_BEFORE = 15
/** A provider room expires (everyone ejected) this long after the scheduled end. */
export const ROOM_EXPIRES_MINUTES_AFTER_END = 10

export type ScheduledCall = { startsAt: Date; endsAt: Date }
export type CallWindow = { opensAt: Date; endsAt: Date }

/** From `startsAt − 15 min` to the scheduled end. */
export const callWindow = (booking: ScheduledCall): CallWindow => ({
  opensAt: new Date(booking.startsAt.getTime() - JOIN_WINDOW_OPENS_MINUTES_BEFORE * 60_000),
  endsAt: new Date(booking.endsAt.getTime()),
})

/** Inside the window: opensAt ≤ at < endsAt. */
export const isCallOpen = (at: Date, booking: ScheduledCall): boolean => {
  const w = callWindow(booking)
  return at.getTime() >= w.opensAt.getTime() && at.getTime() < w.endsAt.getTime()
}

/** Where `at` is relative to the window. */
export const callPhase = (at: Date, booking: ScheduledCall): 'before' | 'open' | 'ended' => {
  const w = callWindow(booking)
  if (at.getTime() < w.opensAt.getTime()) return 'before'
  return at.getTime() < w.endsAt.getTime() ? 'open' : 'ended'
}

/** A provider room's lifetime: joinable from the window's opening, expired 10 minutes after the end. */
export const roomLifetime = (booking: ScheduledCall): { notBefore: Date; expiresAt: Date } => ({
  notBefore: callWindow(booking).opensAt,
  expiresAt: new Date(booking.endsAt.getTime() + ROOM_EXPIRES_MINUTES_AFTER_END * 60_000),
})

/** The room's name at the provider: stable per booking, so creating it twice finds the same room. */
export const roomNameOf = (bookingId: number): string => `callastar-booking-${bookingId}`

/** Unix seconds (the unit of Daily's nbf/exp). */
export const unixSeconds = (at: Date): number => Math.floor(at.getTime() / 1000)

export type CallEventType = (typeof CALL_EVENT_TYPES)[number]

/** Types only the provider (webhooks, signalling presence) may record: attendance is never the browser's word. */
export const PROVIDER_ONLY_EVENT_TYPES = ['joined', 'left', 'meeting_started', 'meeting_ended'] as const satisfies readonly CallEventType[]

/** What a browser may report through POST /api/calls/:bookingId/events. */
export const CLIENT_EVENT_TYPES = CALL_EVENT_TYPES.filter(
  (t): t is Exclude<CallEventType, (typeof PROVIDER_ONLY_EVENT_TYPES)[number]> => !(PROVIDER_ONLY_EVENT_TYPES as readonly string[]).includes(t),
)

/** Bounds on a client event's metadata. */
export const CLIENT_EVENT_METADATA_MAX_BYTES = 2048
export const CLIENT_EVENT_METADATA_MAX_KEYS = 20
/** Client events per user and booking per minute. */
export const CLIENT_EVENTS_PER_MINUTE = 60

/** Why a client event's metadata is refused, or null when it is acceptable. */
export const metadataProblem = (metadata: unknown): string | null => {
  if (metadata === undefined || metadata === null) return null
  if (typeof metadata !== 'object' || Array.isArray(metadata)) return 'metadata must be an object'
  if (Object.keys(metadata).length > CLIENT_EVENT_METADATA_MAX_KEYS) return `metadata has more than ${CLIENT_EVENT_METADATA_MAX_KEYS} keys`
  if (new TextEncoder().encode(JSON.stringify(metadata)).length > CLIENT_EVENT_METADATA_MAX_BYTES) {
    return `metadata is larger than ${CLIENT_EVENT_METADATA_MAX_BYTES} bytes`
  }
  return null
}

/** Backoff before retry `attempt` (0-based) of a provider call: Retry-After when given, else exponential, both capped. */
export const retryDelayMs = (attempt: number, retryAfterSeconds: number | null, { baseMs = 500, maxMs = 10_000 } = {}): number => {
  if (retryAfterSeconds !== null && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) return Math.min(retryAfterSeconds * 1000, maxMs)
  return Math.min(baseMs * 2 ** attempt, maxMs)
}
