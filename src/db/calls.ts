/**
 * The SQL of calls (SPEC §6): a booking's video room, its call events, attendance and completion.
 * Three owners, one section each (CALLS.md): rooms & join (calls-server), signalling (calls-p2p),
 * attendance & completion (calls-jobs).
 */
import { sql, type Run } from './run'

// ---------------------------------------------------------------------------------------------
// rooms & join (calls-server)
// ---------------------------------------------------------------------------------------------

export type RoomStatus = 'none' | 'creating' | 'ready' | 'failed' | 'deleted'

export type CallBooking = {
  id: number
  status: string
  fan_id: number
  creator_id: number
  creator_user_id: number
  starts_at: string
  ends_at: string
  title: string
  fan_name: string | null
  creator_name: string | null
  call_provider: 'daily' | 'p2p' | null
  call_room_name: string | null
  call_room_url: string | null
  call_room_status: RoomStatus | null
  call_room_error: string | null
  call_outcome: string | null
  completed_at: string | null
  no_show_fan: boolean | null
  no_show_creator: boolean | null
}

/** A booking with what its call needs: participants (fan user, creator profile and user), times, room. */
export const callBookingOf = async (run: Run, bookingId: number): Promise<CallBooking | undefined> =>
  (
    await run<CallBooking>(sql`
      SELECT b.id, b.status, b.fan_id, b.creator_id, c.user_id AS creator_user_id, b.starts_at, b.ends_at, o.title,
             fu.name AS fan_name, c.display_name AS creator_name,
             b.call_provider, b.call_room_name, b.call_room_url, b.call_room_status, b.call_room_error, b.call_outcome,
             b.completed_at, b.no_show_fan, b.no_show_creator
        FROM bookings b
        JOIN offers o ON o.id = b.offer_id
        JOIN creators c ON c.id = b.creator_id
        JOIN users fu ON fu.id = b.fan_id
       WHERE b.id = ${bookingId}`)
  )[0]

/** The room is usable (p2p at once; Daily once created). From none/creating/failed only: a deleted room stays deleted. */
export const markRoomReady = async (run: Run, bookingId: number, room: { provider: 'daily' | 'p2p'; name: string; url: string | null }): Promise<boolean> =>
  (
    await run(sql`
      UPDATE bookings SET call_provider = ${room.provider}, call_room_name = ${room.name}, call_room_url = ${room.url},
             call_room_status = 'ready', call_room_ready_at = now(), call_room_error = NULL, updated_at = now()
       WHERE id = ${bookingId} AND coalesce(call_room_status, 'none') IN ('none', 'creating', 'failed')
       RETURNING id`)
  ).length > 0

/** The room job is on its way (queued in the confirming transaction); its provider and name are known already. */
export const markRoomCreating = async (run: Run, bookingId: number, room: { provider: 'daily'; name: string }): Promise<boolean> =>
  (
    await run(sql`
      UPDATE bookings SET call_provider = ${room.provider}, call_room_name = ${room.name}, call_room_status = 'creating', call_room_error = NULL, updated_at = now()
       WHERE id = ${bookingId} AND coalesce(call_room_status, 'none') IN ('none', 'failed')
       RETURNING id`)
  ).length > 0

/** A failed attempt: the error is kept for admins; `failed` only when the job gives up. */
export const recordRoomError = async (run: Run, bookingId: number, error: string, giveUp: boolean): Promise<boolean> =>
  (
    await run(sql`
      UPDATE bookings SET call_room_error = ${error.slice(0, 2000)}, updated_at = now()
             ${giveUp ? sql`, call_room_status = 'failed'` : sql``}
       WHERE id = ${bookingId} AND coalesce(call_room_status, 'none') IN ('none', 'creating')
       RETURNING id`)
  ).length > 0

export type ExpiredRoom = { id: number; call_room_name: string }

/**
 * Daily rooms to delete: ready rooms whose expiry (scheduled end + `graceMinutes`) passed before
 * `at`, and rooms of bookings cancelled or expired meanwhile. Oldest first.
 */
export const expiredRooms = (run: Run, at: Date, graceMinutes: number, limit: number): Promise<ExpiredRoom[]> =>
  run<ExpiredRoom>(sql`
    SELECT id, call_room_name FROM bookings
     WHERE call_provider = 'daily' AND call_room_status = 'ready' AND call_room_name IS NOT NULL
       AND (ends_at + make_interval(mins => ${graceMinutes}) < ${at.toISOString()} OR status IN ('cancelled', 'expired'))
     ORDER BY ends_at LIMIT ${limit}`)

export const markRoomDeleted = async (run: Run, bookingId: number): Promise<boolean> =>
  (
    await run(sql`
      UPDATE bookings SET call_room_status = 'deleted', call_room_deleted_at = now(), updated_at = now()
       WHERE id = ${bookingId} AND call_room_status = 'ready' RETURNING id`)
  ).length > 0

export type NewCallEvent = {
  bookingId: number
  fanId: number
  creatorId: number
  actorId: number | null
  type: string
  at: Date
  source: 'client' | 'provider'
  metadata: Record<string, unknown>
}

export const insertCallEvent = async (run: Run, e: NewCallEvent): Promise<number> =>
  (
    await run<{ id: number }>(sql`
      INSERT INTO call_events (booking_id, fan_id, creator_id, actor_id, type, at, source, metadata, updated_at, created_at)
      VALUES (${e.bookingId}, ${e.fanId}, ${e.creatorId}, ${e.actorId}, ${e.type}, ${e.at.toISOString()}, ${e.source}, ${JSON.stringify(e.metadata)}::jsonb, now(), now())
      RETURNING id`)
  )[0].id

/**
 * Client events of one user for one booking recorded since `since` (their `at` is set by the server), counted under a transaction
 * advisory lock on (booking, user): two concurrent requests of that pair are counted one after the other.
 */
export const lockAndCountClientEvents = async (run: Run, bookingId: number, userId: number, since: Date): Promise<number> => {
  await run(sql`SELECT pg_advisory_xact_lock(hashtext('call-events'), hashtext(${`${bookingId}/${userId}`}))`)
  const rows = await run<{ n: number }>(sql`
    SELECT count(*)::int AS n FROM call_events
     WHERE booking_id = ${bookingId} AND actor_id = ${userId} AND source = 'client' AND at >= ${since.toISOString()}`)
  return rows[0]?.n ?? 0
}

export type TimelineEvent = { id: number; type: string; at: string; source: 'client' | 'provider'; actor_id: number | null; metadata: Record<string, unknown> | null }

/** Every event of a booking's call, in order. */
export const callTimeline = (run: Run, bookingId: number): Promise<TimelineEvent[]> =>
  run<TimelineEvent>(sql`
    SELECT id, type, at, source, actor_id, metadata FROM call_events WHERE booking_id = ${bookingId} ORDER BY at, id`)

export type PresenceSpan = { role: 'fan' | 'creator'; first_joined_at: string | null; last_left_at: string | null; joins: number; lefts: number }

/**
 * Minimal presence reader for the summary (calls-server): first provider `joined` and last provider
 * `left` per role. calls-jobs' `attendanceOf` (seconds present, grace) is the authoritative reader.
 */
export const presenceSpans = (run: Run, bookingId: number): Promise<PresenceSpan[]> =>
  run<PresenceSpan>(sql`
    SELECT metadata->>'role' AS role,
           min(at) FILTER (WHERE type = 'joined') AS first_joined_at,
           max(at) FILTER (WHERE type = 'left') AS last_left_at,
           count(*) FILTER (WHERE type = 'joined')::int AS joins,
           count(*) FILTER (WHERE type = 'left')::int AS lefts
      FROM call_events
     WHERE booking_id = ${bookingId} AND source = 'provider' AND type IN ('joined', 'left') AND metadata->>'role' IN ('fan', 'creator')
     GROUP BY metadata->>'role'`)

/** A booking by its Daily room name (webhooks name the room). */
export const bookingIdOfRoom = async (run: Run, roomName: string): Promise<number | undefined> =>
  (await run<{ id: number }>(sql`SELECT id FROM bookings WHERE call_room_name = ${roomName} LIMIT 1`))[0]?.id

/** A `create-call-room` job for this booking is still waiting or running (not finished, not given up). */
export const roomJobPending = async (run: Run, bookingId: number): Promise<boolean> =>
  (
    await run(sql`
      SELECT 1 FROM payload_jobs
       WHERE task_slug = 'create-call-room' AND completed_at IS NULL AND coalesce(has_error, false) = false
         AND (input->>'bookingId')::numeric = ${bookingId}
       LIMIT 1`)
  ).length > 0
