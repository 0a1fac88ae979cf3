/**
 * Calls (SPEC §6), server side: a confirmed booking's video room (created by a job, deleted after it
 * expires), joining inside the window, the browsers' events and the call's summary. Daily when
 * DAILY_API_KEY is set, else the built-in peer-to-peer provider whose "room" is the booking itself.
 */
import type { Payload, PayloadRequest } from 'payload'

import {
  attendanceOf,
  callBookingOf,
  callTimeline,
  expiredRooms,
  insertCallEvent,
  lockAndCountRecent,
  markRoomCreating,
  markRoomDeleted,
  markRoomReady,
  recordRoomError,
  roomJobPending,
  type CallBooking,
} from '@/db/calls'
import { runner, withTransaction, type Run } from '@/db/run'
import {
  callPhase,
  callWindow,
  CLIENT_EVENT_TYPES,
  CLIENT_EVENTS_PER_MINUTE,
  metadataProblem,
  PROVIDER_ONLY_EVENT_TYPES,
  ROOM_EXPIRES_MINUTES_AFTER_END,
  roomLifetime,
  roomNameOf,
  unixSeconds,
} from '@/domain/calls'
import { Refusal } from '@/domain/refusal'
import type { Role } from '@/domain/roles'
import { callProvider, type CallProvider } from '@/integrations/calls/provider'
import { dailyFromEnv, isRoomExists, type DailyClient, type DailyRoom } from '@/integrations/calls/daily'
import { iceServersFor, type IceServer } from '@/integrations/calls/ice'
import { now } from '@/lib/clock'

import { sweepLostStreams } from './callSignals'
import { mintCallToken } from './callTokens'
import { logSystem } from './logs'
import { notifyAdmins } from './notifications'

export const CREATE_CALL_ROOM_TASK = 'create-call-room'

/** Seconds the page should wait before asking again when the room is not ready yet. */
const ROOM_RETRY_AFTER_SECONDS = 5

const scheduleOf = (b: Pick<CallBooking, 'starts_at' | 'ends_at'>) => ({ startsAt: new Date(b.starts_at), endsAt: new Date(b.ends_at) })

// ---------------------------------------------------------------------------------------------
// Rooms
// ---------------------------------------------------------------------------------------------

/**
 * Called in the transaction that confirms a booking: a p2p room is ready at once (it is the
 * booking); a Daily room is marked `creating` and its job queued with `req`, so the job exists
 * exactly when the confirmation commits.
 */
export const prepareCallRoom = async (payload: Payload, req: PayloadRequest, run: Run, bookingId: number, provider: CallProvider = callProvider()): Promise<void> => {
  if (provider === 'p2p') {
    await markRoomReady(run, bookingId, { provider: 'p2p', name: String(bookingId), url: null })
    return
  }
  if (await markRoomCreating(run, bookingId, { provider: 'daily', name: roomNameOf(bookingId) })) {
    await payload.jobs.queue({ task: CREATE_CALL_ROOM_TASK, input: { bookingId }, req })
  }
}

export type RoomOutcome = 'ready' | 'failed' | 'nothing'

/** POST /rooms, or the existing room when a previous attempt created it already (stable name per booking). */
const createOrFindRoom = async (daily: DailyClient, name: string, properties: Parameters<DailyClient['createRoom']>[1]): Promise<DailyRoom> => {
  try {
    return await daily.createRoom(name, properties)
  } catch (error) {
    if (isRoomExists(error)) {
      try {
        return await daily.getRoom(name)
      } catch {
        throw error
      }
    }
    throw error
  }
}

/**
 * The `create-call-room` job: a private two-person Daily room, joinable from the window's opening,
 * expiring 10 minutes after the scheduled end with everyone ejected. A failure is kept on the
 * booking and rethrown (the job retries); after the last attempt the room is `failed`, a system log
 * written and admins told — the booking stays confirmed.
 */
export const createCallRoom = async (payload: Payload, bookingId: number, { lastAttempt = false, daily }: { lastAttempt?: boolean; daily?: DailyClient } = {}): Promise<RoomOutcome> => {
  const run = runner(payload)
  const b = await callBookingOf(run, bookingId)
  if (!b || b.status !== 'confirmed' || b.call_provider !== 'daily' || !['none', 'creating'].includes(b.call_room_status ?? 'none')) return 'nothing'
  const name = b.call_room_name ?? roomNameOf(b.id)
  const { notBefore, expiresAt } = roomLifetime(scheduleOf(b))
  let room: DailyRoom
  try {
    room = await createOrFindRoom(daily ?? dailyFromEnv(), name, {
      nbf: unixSeconds(notBefore),
      exp: unixSeconds(expiresAt),
      max_participants: 2,
      eject_at_room_exp: true,
      enable_chat: false,
      enable_screenshare: false,
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (!lastAttempt) {
      await recordRoomError(run, b.id, message, false)
      await logSystem(payload, { level: 'WARNING', type: 'call.room_retry', message: `Video room of booking ${b.id} not created yet (will retry): ${message}`, metadata: { bookingId: b.id, room: name } })
      throw error
    }
    return withTransaction(payload, async (req, tx) => {
      if (!(await recordRoomError(tx, b.id, message, true))) return 'nothing'
      await logSystem(payload, { req, level: 'ERROR', type: 'call.room_failed', message: `Video room of booking ${b.id} could not be created: ${message}`, metadata: { bookingId: b.id, room: name } })
      await notifyAdmins(payload, {
        req,
        message: 'system.call_room_failed',
        data: { bookingId: b.id, title: b.title, startsAt: new Date(b.starts_at).toISOString(), error: message.slice(0, 300) },
        link: `/admin/collections/bookings/${b.id}`,
        metadata: { bookingId: b.id },
        emailKey: `call-room-failed/${b.id}`,
      })
      return 'failed'
    })
  }
  await markRoomReady(run, b.id, { provider: 'daily', name: room.name, url: room.url })
  await logSystem(payload, { level: 'INFO', type: 'call.room_ready', message: `Video room ${room.name} of booking ${b.id} is ready`, metadata: { bookingId: b.id, room: room.name } })
  return 'ready'
}

/** Daily allows ≈ 2 room deletions per second. */
const DELETE_INTERVAL_MS = 500

/**
 * The `delete-call-rooms` job: Daily rooms whose expiry passed (and rooms of cancelled bookings) are
 * deleted, at most two per second; a room already gone counts as deleted. p2p rooms are bookings: nothing to delete.
 */
export const deleteExpiredRooms = async (payload: Payload, { daily, limit = 100, sleep }: { daily?: DailyClient; limit?: number; sleep?: (ms: number) => Promise<void> } = {}) => {
  const run = runner(payload)
  const due = await expiredRooms(run, now(), ROOM_EXPIRES_MINUTES_AFTER_END, limit)
  const counts = { due: due.length, deleted: 0, failed: 0 }
  if (!due.length) return counts
  const client = daily ?? dailyFromEnv()
  const wait = sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  for (const [i, room] of due.entries()) {
    if (i > 0) await wait(DELETE_INTERVAL_MS)
    try {
      await client.deleteRoom(room.call_room_name)
      if (await markRoomDeleted(run, room.id)) counts.deleted++
    } catch (error) {
      counts.failed++
      await logSystem(payload, { level: 'WARNING', type: 'call.room_delete_failed', message: `Video room ${room.call_room_name} of booking ${room.id} not deleted: ${error instanceof Error ? error.message : String(error)}`, metadata: { bookingId: room.id } })
    }
  }
  return counts
}

// ---------------------------------------------------------------------------------------------
// Join
// ---------------------------------------------------------------------------------------------

export type Caller = { userId: number; role: Role | null }
export type Participant = 'fan' | 'creator'

const participantOf = (b: CallBooking, userId: number): Participant | null => (b.fan_id === userId ? 'fan' : b.creator_user_id === userId ? 'creator' : null)

/** The booking, for its fan or creator (and admins when `admins`): 404 unknown, 403 anyone else. */
const bookingFor = async (run: Run, caller: Caller, bookingId: number, { admins = false } = {}): Promise<{ b: CallBooking; as: Participant | 'admin' }> => {
  const b = await callBookingOf(run, bookingId)
  if (!b) throw new Refusal(404, 'NOT_FOUND', 'No such booking.')
  const as = participantOf(b, caller.userId)
  if (as) return { b, as }
  if (admins && caller.role === 'admin') return { b, as: 'admin' }
  throw new Refusal(403, 'FORBIDDEN', 'Only the fan and the creator of this booking can do this.')
}

export type JoinAnswer = {
  provider: CallProvider
  roomUrl: string | null
  token: string
  startsAt: string
  endsAt: string
  serverNow: string
  iceServers?: IceServer[]
}

/**
 * POST /api/calls/:bookingId/join (SPEC §6, §14): a token for the booking's fan or creator, inside
 * the window only. 403 CALL_NOT_OPEN before it (with `opensAt`), 403 CALL_ENDED after the scheduled
 * end, 409 when the booking is not confirmed, 503 ROOM_NOT_READY while the Daily room job runs.
 */
export const joinCall = async (payload: Payload, caller: Caller, bookingId: number, daily?: DailyClient): Promise<JoinAnswer> => {
  const run = runner(payload)
  const { b, as } = await bookingFor(run, caller, bookingId)
  const role = as as Participant
  if (b.status !== 'confirmed') throw new Refusal(409, 'BOOKING_NOT_CONFIRMED', `This booking is ${b.status}: there is no call to join.`)
  const at = now()
  const schedule = scheduleOf(b)
  const window = callWindow(schedule)
  const phase = callPhase(at, schedule)
  if (phase === 'before') {
    throw new Refusal(403, 'CALL_NOT_OPEN', `The call opens at ${window.opensAt.toISOString()}, 15 minutes before it starts.`, undefined, { opensAt: window.opensAt.toISOString() })
  }
  if (phase === 'ended') throw new Refusal(403, 'CALL_ENDED', `The call ended at ${window.endsAt.toISOString()}.`, undefined, { endedAt: window.endsAt.toISOString() })

  const base = { startsAt: schedule.startsAt.toISOString(), endsAt: schedule.endsAt.toISOString(), serverNow: at.toISOString() }
  const provider = b.call_provider ?? callProvider()
  if (provider === 'p2p') {
    const token = mintCallToken({ bookingId: b.id, userId: caller.userId, role, exp: unixSeconds(schedule.endsAt) })
    return { provider: 'p2p', roomUrl: null, token, ...base, iceServers: iceServersFor(caller.userId, schedule.endsAt) }
  }

  if (b.call_room_status !== 'ready' || !b.call_room_name || !b.call_room_url) {
    await ensureRoomJob(payload, b)
    throw new Refusal(503, 'ROOM_NOT_READY', `The video room is being prepared. Try again in ${ROOM_RETRY_AFTER_SECONDS} seconds.`, undefined, {
      retryAfterSeconds: ROOM_RETRY_AFTER_SECONDS,
    })
  }
  const { token } = await (daily ?? dailyFromEnv()).createMeetingToken({
    room_name: b.call_room_name,
    user_id: String(caller.userId),
    user_name: (role === 'fan' ? b.fan_name : b.creator_name) ?? (role === 'fan' ? 'Fan' : 'Creator'),
    is_owner: role === 'creator',
    nbf: unixSeconds(window.opensAt),
    exp: unixSeconds(schedule.endsAt),
    eject_at_token_exp: true,
  }).catch(async (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error)
    await logSystem(payload, { level: 'ERROR', type: 'call.token_failed', message: `No Daily meeting token for booking ${b.id}: ${message}`, metadata: { bookingId: b.id, userId: caller.userId } })
    throw new Refusal(502, 'CALL_PROVIDER_UNAVAILABLE', 'The video provider did not answer. Try again in a moment.', undefined, { retryAfterSeconds: ROOM_RETRY_AFTER_SECONDS })
  })
  return { provider: 'daily', roomUrl: b.call_room_url, token, ...base }
}

/** A Daily room that is not ready: its job is queued (again, if it gave up or was never queued). */
const ensureRoomJob = async (payload: Payload, b: CallBooking): Promise<void> => {
  await withTransaction(payload, async (req, run) => {
    if (await markRoomCreating(run, b.id, { provider: 'daily', name: b.call_room_name ?? roomNameOf(b.id) })) {
      await payload.jobs.queue({ task: CREATE_CALL_ROOM_TASK, input: { bookingId: b.id }, req })
    } else if (b.call_room_status === 'creating' && !(await roomJobPending(run, b.id))) {
      await payload.jobs.queue({ task: CREATE_CALL_ROOM_TASK, input: { bookingId: b.id }, req })
    }
  })
}

// ---------------------------------------------------------------------------------------------
// Client events
// ---------------------------------------------------------------------------------------------

/**
 * POST /api/calls/:bookingId/events: one event reported by a participant's browser (type and
 * metadata already validated), at most CLIENT_EVENTS_PER_MINUTE per user and booking (429 after).
 */
export const recordClientEvent = async (
  payload: Payload,
  caller: Caller,
  bookingId: number,
  readEvent: () => Promise<{ type: string; metadata?: Record<string, unknown> | undefined }>,
) => {
  // Who asks comes first: a stranger learns nothing about what the body should look like.
  const { b } = await bookingFor(runner(payload), caller, bookingId)
  const event = await readEvent()
  if (!(CLIENT_EVENT_TYPES as readonly string[]).includes(event.type)) {
    const providerOnly = (PROVIDER_ONLY_EVENT_TYPES as readonly string[]).includes(event.type)
    throw new Refusal(400, 'UNKNOWN_EVENT_TYPE', providerOnly ? `${event.type} is recorded by the video provider, not by the browser.` : `Unknown call event type: ${event.type.slice(0, 40)}.`, 'type')
  }
  const problem = metadataProblem(event.metadata)
  if (problem) throw new Refusal(400, 'INVALID_INPUT', problem, 'metadata')
  return withTransaction(payload, async (_req, run) => {
    const at = now()
    const recent = await lockAndCountRecent(run, 'call-events', b.id, caller.userId, new Date(at.getTime() - 60_000))
    if (recent >= CLIENT_EVENTS_PER_MINUTE) {
      throw new Refusal(429, 'TOO_MANY_EVENTS', `At most ${CLIENT_EVENTS_PER_MINUTE} call events per minute.`, undefined, { retryAfterSeconds: 60 })
    }
    const id = await insertCallEvent(run, { bookingId: b.id, actorId: caller.userId, type: event.type, at, source: 'client', metadata: event.metadata ?? {} })
    return { id, type: event.type, at: at.toISOString() }
  })
}

// ---------------------------------------------------------------------------------------------
// Summary
// ---------------------------------------------------------------------------------------------

const iso = (value: string | Date | null | undefined): string | null => (value ? new Date(value).toISOString() : null)

/**
 * GET /api/calls/:bookingId/summary (participants, admins): scheduled vs actual start, end and
 * duration, the status, attendance per participant and the event timeline. Attendance comes from
 * the provider's presence events only, read as the completion job reads it (`attendanceOf`: first
 * join, last leave, seconds present up to the scheduled end). The call started at the first join
 * and ended at the last leave once everyone who came has left (a session never closed counts until
 * the scheduled end, once that has passed); null before. Admins also see the room's name and error
 * and whether the call waits for an admin.
 */
export const callSummary = async (payload: Payload, caller: Caller, bookingId: number) => {
  const run = runner(payload)
  const { b, as } = await bookingFor(run, caller, bookingId, { admins: true })
  const schedule = scheduleOf(b)
  // A participant whose web process died is not "still in the call" (their stream closed at its last heartbeat).
  await sweepLostStreams(payload, b.id)
  const at = now()
  const attendance = (await attendanceOf(run, b.id)) ?? { fan: null, creator: null }
  const timeline = await callTimeline(run, b.id)
  const present = [attendance.fan, attendance.creator].filter((a) => a !== null)
  const startedAt = present.length ? new Date(Math.min(...present.map((a) => a.firstJoinedAt.getTime()))) : null
  const ends = present.map((a) => a.lastLeftAt ?? (at >= schedule.endsAt ? schedule.endsAt : null))
  const endedAt = startedAt && ends.every((e) => e !== null) ? new Date(Math.max(...ends.map((e) => e!.getTime()))) : null
  const attended = (a: typeof attendance.fan) => (a ? { firstJoinedAt: a.firstJoinedAt.toISOString(), lastLeftAt: iso(a.lastLeftAt), seconds: a.seconds } : null)
  return {
    bookingId: b.id,
    viewer: as,
    provider: b.call_provider ?? callProvider(),
    status: {
      booking: b.status,
      outcome: b.call_outcome,
      noShow: { fan: Boolean(b.no_show_fan), creator: Boolean(b.no_show_creator) },
      completedAt: iso(b.completed_at),
      ...(as === 'admin' ? { needsAdmin: Boolean(b.call_needs_admin) } : {}),
    },
    scheduled: { startsAt: schedule.startsAt.toISOString(), endsAt: schedule.endsAt.toISOString(), durationSeconds: Math.round((schedule.endsAt.getTime() - schedule.startsAt.getTime()) / 1000) },
    actual: {
      startedAt: iso(startedAt),
      endedAt: iso(endedAt),
      durationSeconds: startedAt && endedAt ? Math.max(0, Math.round((endedAt.getTime() - startedAt.getTime()) / 1000)) : null,
      fan: attended(attendance.fan),
      creator: attended(attendance.creator),
    },
    room: { status: b.call_room_status ?? 'none', ...(as === 'admin' ? { name: b.call_room_name, error: b.call_room_error } : {}) },
    timeline: timeline.map((e) => ({
      id: e.id,
      type: e.type,
      at: iso(e.at),
      source: e.source,
      actor: e.actor_id === b.fan_id ? 'fan' : e.actor_id === b.creator_user_id ? 'creator' : e.actor_id === null ? null : 'other',
      metadata: e.metadata ?? {},
    })),
    serverNow: at.toISOString(),
  }
}
