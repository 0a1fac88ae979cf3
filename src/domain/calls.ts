/**
 * Calls (SPEC §6): when a booking's call may be joined, how long its room lives, which events a
 * browser may report; attendance, the call's outcome and the reminders due. Pure rules over plain
 * data; the services apply them.
 */
import { CALL_EVENT_TYPES, type CALL_OUTCOMES } from './statuses'

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
export const CLIENT_EVENT_TYPES = CALL_EVENT_TYPES.filter((t): t is Exclude<CallEventType, (typeof PROVIDER_ONLY_EVENT_TYPES)[number]> => !(PROVIDER_ONLY_EVENT_TYPES as readonly string[]).includes(t))

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

// ---------------------------------------------------------------------------------------------
// attendance & completion (calls-jobs)


/** One provider presence event (`call-events`, source `provider`, type joined / left). */
export type PresenceEvent = {
  type: 'joined' | 'left'
  at: Date
  role: CallRole
  sessionId?: string | null
}

/** A participant's presence: first join, last leave (null: never left), seconds present up to the scheduled end. */
export type Attendance = {
  firstJoinedAt: Date
  lastLeftAt: Date | null
  seconds: number
}

/**
 * One role's attendance from its joined / left events, in time order. Each session (`sessionId`,
 * one when the provider gives none) is present from a join to its next leave, or until `endsAt`
 * when it never left; overlapping sessions (two tabs) count once. Time counts from the join, even
 * a join before the window (clock skew), and never past the scheduled end. Null: never joined.
 */
export const attendanceFromEvents = (events: readonly PresenceEvent[], endsAt: Date): Attendance | null => {
  // Stable: events at the same instant keep the order they were recorded in.
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime())
  const joins = sorted.filter((e) => e.type === 'joined')
  if (!joins.length) return null
  const open = new Map<string, number>()
  const intervals: [number, number][] = []
  for (const e of sorted) {
    const session = e.sessionId ?? ''
    if (e.type === 'joined') {
      if (!open.has(session)) open.set(session, e.at.getTime())
    } else {
      const from = open.get(session)
      if (from !== undefined) intervals.push([from, e.at.getTime()])
      open.delete(session)
    }
  }
  for (const from of open.values()) intervals.push([from, endsAt.getTime()])
  const end = endsAt.getTime()
  const clipped = intervals
    .map(([a, b]) => [a, Math.min(b, end)] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0])
  let ms = 0
  let cursor = -Infinity
  for (const [a, b] of clipped) {
    const from = Math.max(a, cursor)
    if (b > from) ms += b - from
    cursor = Math.max(cursor, b)
  }
  const leaves = sorted.filter((e) => e.type === 'left')
  return {
    firstJoinedAt: joins[0].at,
    lastLeftAt: open.size === 0 && leaves.length ? leaves[leaves.length - 1].at : null,
    seconds: Math.round(ms / 1000),
  }
}

export type CallOutcome = (typeof CALL_OUTCOMES)[number]

export type CallOutcomeFacts = {
  startsAt: Date
  endsAt: Date
  /** Platform setting `noShowGraceMinutes`: a first join after start + grace counts as absent. */
  graceMinutes: number
  fan: Pick<Attendance, 'firstJoinedAt'> | null
  creator: Pick<Attendance, 'firstJoinedAt'> | null
}

export type CallDecision = {
  outcome: CallOutcome
  fanPresent: boolean
  creatorPresent: boolean
}

/**
 * Whether each participant attended (SPEC §5, §6: a first join after start + grace, or none, is
 * absent) and the call's outcome: both present → completed; the creator absent → creator no-show
 * (refunded); only the fan absent → fan no-show (the creator is paid); neither → both absent (an admin decides).
 */
export const callOutcome = (f: CallOutcomeFacts): CallDecision => {
  const cutoff = f.startsAt.getTime() + f.graceMinutes * 60_000
  const present = (a: CallOutcomeFacts['fan']) => a !== null && a.firstJoinedAt.getTime() <= cutoff && a.firstJoinedAt.getTime() < f.endsAt.getTime()
  const fanPresent = present(f.fan)
  const creatorPresent = present(f.creator)
  const outcome: CallOutcome = fanPresent ? (creatorPresent ? 'completed' : 'creator_no_show') : creatorPresent ? 'fan_no_show' : 'both_absent'
  return { outcome, fanPresent, creatorPresent }
}

/**
 * How long after the scheduled end the completion job waits before deciding: Daily sends
 * `participant.left` / `meeting.ended` up to ~20 s after the last person leaves (notes/calls.md),
 * and a webhook is processed by a job; 2 minutes leaves room for both.
 */
export const COMPLETION_SETTLE_MINUTES = 2

// ---------------------------------------------------------------------------------------------
// reminders (calls-jobs)

/** The two reminders of a booking (SPEC §3: 24 h and 15 min before): `early` is the larger offset. */
export type ReminderKind = 'early' | 'late'

export type ReminderFacts = {
  now: Date
  startsAt: Date
  /** When the booking was made: a booking made less than the early offset ahead gets only the late reminder. */
  madeAt: Date
  /** Minutes before the start, e.g. [1440, 15]. */
  offsetsMinutes: readonly number[]
  sent: { early: boolean; late: boolean }
}

/** The reminder due now, if any: the late one inside its offset, else the early one between its offset and the late one's. */
export const dueReminder = (f: ReminderFacts): ReminderKind | null => {
  const early = Math.max(...f.offsetsMinutes) * 60_000
  const late = Math.min(...f.offsetsMinutes) * 60_000
  const untilStart = f.startsAt.getTime() - f.now.getTime()
  if (untilStart <= 0) return null
  if (untilStart <= late) return f.sent.late ? null : 'late'
  const madeAhead = f.startsAt.getTime() - f.madeAt.getTime()
  if (untilStart <= early && madeAhead >= early && !f.sent.early && !f.sent.late) return 'early'
  return null
}

// ---------------------------------------------------------------------------------------------
// signalling (calls-p2p)

/** The two sides of a call; a signal is addressed to one of them. */
export const CALL_ROLES = ['fan', 'creator'] as const
export type CallRole = (typeof CALL_ROLES)[number]

export const otherRole = (role: CallRole): CallRole => (role === 'fan' ? 'creator' : 'fan')

/** What a page may send: SDP descriptions, ICE candidates, hang-up, its media state (camera/mic). */
export const CLIENT_SIGNAL_KINDS = ['description', 'candidate', 'hangup', 'state'] as const
/** What only the server sends: the other side's presence (its signalling stream opened or closed). */
export const SERVER_SIGNAL_KINDS = ['presence'] as const
export type SignalKind = (typeof CLIENT_SIGNAL_KINDS)[number] | (typeof SERVER_SIGNAL_KINDS)[number]

/** A signal's body as JSON text is at most this long (a Chromium audio+video offer is ≈ 6 KB). */
export const MAX_SIGNAL_BYTES = 64 * 1024

/** Messages one participant may post to one call's signalling per minute (a call's start sends a few dozen; 429 after). */
export const SIGNALS_PER_MINUTE = 600

/** Signalling streams one participant may hold open on one call at once, on all web instances together (a reload overlaps two; 429 after). */
export const MAX_SIGNAL_STREAMS = 3

/** An open stream beats every SIGNAL_HEARTBEAT_MS; one silent for SIGNAL_STREAM_LOST_MS (three beats) belongs to a dead process and is closed at its last beat. */
export const SIGNAL_HEARTBEAT_MS = 15_000
export const SIGNAL_STREAM_LOST_MS = 3 * SIGNAL_HEARTBEAT_MS

/** Signals of a call are kept this long after its scheduled end, then deleted (log retention job). */
export const SIGNAL_RETENTION_MS = 24 * 3_600_000

/** Which side of the booking `userId` is on, or null when they are not a participant. */
export const roleInCall = (booking: { fanUserId: number | null; creatorUserId: number | null }, userId: number): CallRole | null =>
  booking.fanUserId === userId ? 'fan' : booking.creatorUserId === userId ? 'creator' : null

export type SignalAccess =
  | { ok: true; role: CallRole; opensAt: Date; endsAt: Date }
  | { ok: false; status: 403 | 404 | 409; code: 'NOT_FOUND' | 'FORBIDDEN' | 'BOOKING_NOT_CONFIRMED' | 'CALL_NOT_OPEN' | 'CALL_ENDED'; opensAt?: Date }

/**
 * Whether `userId` may use the booking's signalling at `at`: the booking exists (404), they are its
 * fan or creator (403), it is confirmed (409), and `at` is inside the join window (403 CALL_NOT_OPEN
 * before it, 403 CALL_ENDED from the scheduled end, as the join answers).
 */
export const signalAccess = (
  booking: { status: string; fanUserId: number | null; creatorUserId: number | null; startsAt: Date; endsAt: Date } | null,
  userId: number,
  at: Date,
): SignalAccess => {
  if (!booking) return { ok: false, status: 404, code: 'NOT_FOUND' }
  const role = roleInCall(booking, userId)
  if (!role) return { ok: false, status: 403, code: 'FORBIDDEN' }
  if (booking.status !== 'confirmed') return { ok: false, status: 409, code: 'BOOKING_NOT_CONFIRMED' }
  const { opensAt, endsAt } = callWindow(booking)
  if (at.getTime() < opensAt.getTime()) return { ok: false, status: 403, code: 'CALL_NOT_OPEN', opensAt }
  if (!isCallOpen(at, booking)) return { ok: false, status: 403, code: 'CALL_ENDED' }
  return { ok: true, role, opensAt, endsAt }
}

/** One Server-Sent Events message: `id:` (for Last-Event-ID), `event:` when not "message", one `data:` line per line. */
export const sseMessage = (m: { id?: number | string; event?: string; data: unknown }): string => {
  const lines: string[] = []
  if (m.id !== undefined) lines.push(`id: ${m.id}`)
  if (m.event) lines.push(`event: ${m.event}`)
  for (const line of JSON.stringify(m.data).split('\n')) lines.push(`data: ${line}`)
  return `${lines.join('\n')}\n\n`
}

/** A resume point from `Last-Event-ID` or `?lastEventId=`: a non-negative integer signal id, else null. */
export const resumeIdOf = (value: string | null | undefined): number | null => {
  if (value === null || value === undefined || !/^\d{1,18}$/.test(value.trim())) return null
  const id = Number(value.trim())
  return Number.isSafeInteger(id) ? id : null
}
