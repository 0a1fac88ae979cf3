/**
 * The SQL of calls (SPEC §6): a booking's video room, its call events, attendance and completion.
 * Three owners, one section each (CALLS.md): rooms & join (calls-server), signalling (calls-p2p),
 * attendance & completion (calls-jobs).
 */
import type { Payload } from 'payload'
import type { ClientConfig } from 'pg'

import { attendanceFromEvents, type Attendance, type CallOutcome, type CallRole, type PresenceEvent } from '@/domain/calls'
import { BOOKING_TRANSITIONS, OFFER_TRANSITIONS } from '@/domain/transitions'

import { runCount, sql, type Run, type SQL } from './run'
import { moveStatus } from './status'

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
  call_needs_admin: boolean | null
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
             b.call_provider, b.call_room_name, b.call_room_url, b.call_room_status, b.call_room_error, b.call_outcome, b.call_needs_admin,
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
  /** The user the event is about (null: the meeting itself, or someone the provider named but we do not know). */
  actorId: number | null
  type: string
  at: Date
  source: 'client' | 'provider'
  metadata: Record<string, unknown>
}

/**
 * The one writer of `call_events` (client events, Daily's webhooks, the peer-to-peer signalling
 * presence): the booking's fan and creator are copied from the booking. Undefined when the booking does not exist.
 */
export const insertCallEvent = async (run: Run, e: NewCallEvent): Promise<number | undefined> =>
  (
    await run<{ id: number }>(sql`
      INSERT INTO call_events (booking_id, fan_id, creator_id, actor_id, type, at, source, metadata, updated_at, created_at)
      SELECT b.id, b.fan_id, b.creator_id, ${e.actorId}, ${e.type}, ${e.at.toISOString()}, ${e.source}, ${JSON.stringify(e.metadata)}::jsonb, now(), now()
        FROM bookings b WHERE b.id = ${e.bookingId}
      RETURNING id`)
  )[0]?.id

/**
 * What one user may send about one booking per minute is counted under a transaction advisory lock
 * on (what, booking, user): two concurrent requests of that pair are counted one after the other.
 * `call-events`: their client events recorded since `since` (`at` is set by the server's clock);
 * `call-signals`: their signalling messages stored since `since` (`created_at`, written with the server's clock by `postSignal`).
 */
export const lockAndCountRecent = async (run: Run, what: 'call-events' | 'call-signals', bookingId: number, userId: number, since: Date): Promise<number> => {
  await run(sql`SELECT pg_advisory_xact_lock(hashtext(${what}), hashtext(${`${bookingId}/${userId}`}))`)
  const rows = await run<{ n: number }>(
    what === 'call-events'
      ? sql`SELECT count(*)::int AS n FROM call_events
             WHERE booking_id = ${bookingId} AND actor_id = ${userId} AND source = 'client' AND at >= ${since.toISOString()}`
      : sql`SELECT count(*)::int AS n FROM call_signals
             WHERE booking_id = ${bookingId} AND from_user_id = ${userId} AND created_at >= ${since.toISOString()}`,
  )
  return rows[0]?.n ?? 0
}

export type TimelineEvent = {
  id: number
  type: string
  at: string
  source: 'client' | 'provider'
  actor_id: number | null
  metadata: Record<string, unknown> | null
}

/** Every event of a booking's call, in order. */
export const callTimeline = (run: Run, bookingId: number): Promise<TimelineEvent[]> =>
  run<TimelineEvent>(sql`
    SELECT id, type, at, source, actor_id, metadata FROM call_events WHERE booking_id = ${bookingId}
     -- Same instant (events processed by separate jobs): the meeting starts before anyone's join and ends after the last leave.
     ORDER BY at, CASE type WHEN 'meeting_started' THEN 0 WHEN 'meeting_ended' THEN 2 ELSE 1 END, id`)

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

// ---------------------------------------------------------------------------------------------
// attendance & completion (calls-jobs)

type PresenceRow = {
  type: 'joined' | 'left'
  at: Date | string
  role: string | null
  session_id: string | null
}

/**
 * Who attended the call, from the provider's presence events only (`call-events` with source
 * `provider`, type joined / left, `metadata.role` fan / creator; Daily's webhooks and the
 * peer-to-peer signalling presence both write them). An event whose actor is not that role's
 * participant is ignored. Null when the booking does not exist.
 */
export const attendanceOf = async (run: Run, bookingId: number): Promise<{ fan: Attendance | null; creator: Attendance | null } | null> => {
  const booking = (
    await run<{
      ends_at: Date | string
      fan_id: number
      creator_user_id: number | null
    }>(sql`
      SELECT b.ends_at, b.fan_id, c.user_id AS creator_user_id
        FROM bookings b JOIN offers o ON o.id = b.offer_id JOIN creators c ON c.id = o.creator_id
       WHERE b.id = ${bookingId}`)
  )[0]
  if (!booking) return null
  const rows = await run<PresenceRow>(sql`
    SELECT e.type, e.at, e.metadata->>'role' AS role, coalesce(e.metadata->>'sessionId', e.metadata->>'instance') AS session_id
      FROM call_events e
     WHERE e.booking_id = ${bookingId} AND e.source = 'provider' AND e.type IN ('joined', 'left')
       AND (   (e.metadata->>'role' = 'fan' AND (e.actor_id IS NULL OR e.actor_id = ${booking.fan_id}))
            OR (e.metadata->>'role' = 'creator' AND (e.actor_id IS NULL OR e.actor_id = ${booking.creator_user_id})))
     ORDER BY e.at, e.id`)
  const endsAt = new Date(booking.ends_at)
  const of = (role: CallRole) =>
    attendanceFromEvents(
      rows
        .filter((r) => r.role === role)
        .map((r): PresenceEvent => ({
          type: r.type,
          at: new Date(r.at),
          role,
          sessionId: r.session_id,
        })),
      endsAt,
    )
  return { fan: of('fan'), creator: of('creator') }
}

export type ReminderCandidate = {
  id: number
  starts_at: Date | string
  created_at: Date | string
  sent24h: boolean | null
  sent15m: boolean | null
}

/** Confirmed bookings starting within the early reminder's offset with a reminder still unsent, soonest first. */
export const reminderCandidates = (run: Run, at: Date, earlyMinutes: number, limit: number): Promise<ReminderCandidate[]> =>
  run<ReminderCandidate>(sql`
    SELECT id, starts_at, created_at, reminders_sent24h AS sent24h, reminders_sent15m AS sent15m
      FROM bookings
     WHERE status = 'confirmed' AND starts_at > ${at.toISOString()}
       AND starts_at <= ${new Date(at.getTime() + earlyMinutes * 60_000).toISOString()}
       AND NOT (coalesce(reminders_sent24h, false) AND coalesce(reminders_sent15m, false))
     ORDER BY starts_at LIMIT ${limit}`)

export type ReminderRow = {
  id: number
  starts_at: Date | string
  ends_at: Date | string
  title: string
  fan_id: number
  fan_name: string
  creator_user_id: number
  creator_name: string
}

/**
 * Claims one reminder of a booking: sets its flag only if it is still unset and the booking still
 * confirmed (the early one also only while the late one is unsent). Of two workers one gets the row
 * back; inside the caller's transaction, the flag commits with the notifications or not at all.
 */
export const claimReminder = async (run: Run, bookingId: number, kind: 'early' | 'late'): Promise<ReminderRow | undefined> =>
  (
    await run<ReminderRow>(sql`
      UPDATE bookings b
         SET ${kind === 'early' ? sql`reminders_sent24h = true` : sql`reminders_sent15m = true`}, updated_at = now()
        FROM offers o, creators c, users f
       WHERE b.id = ${bookingId} AND b.status = 'confirmed'
         AND o.id = b.offer_id AND c.id = o.creator_id AND f.id = b.fan_id
         AND ${kind === 'early' ? sql`NOT coalesce(b.reminders_sent24h, false) AND NOT coalesce(b.reminders_sent15m, false)` : sql`NOT coalesce(b.reminders_sent15m, false)`}
      RETURNING b.id, b.starts_at, b.ends_at, o.title, b.fan_id, f.name AS fan_name, c.user_id AS creator_user_id, c.display_name AS creator_name`)
  )[0]

/** Confirmed bookings whose call ended before `before` and has no outcome yet, oldest first. */
export const callsToDecide = async (run: Run, before: Date, limit: number): Promise<number[]> =>
  (
    await run<{ id: number }>(sql`
      SELECT id FROM bookings
       WHERE status = 'confirmed' AND call_outcome IS NULL AND ends_at <= ${before.toISOString()}
       ORDER BY ends_at LIMIT ${limit}`)
  ).map((r) => r.id)

export type CallToDecide = {
  id: number
  offer_id: number
  starts_at: Date | string
  ends_at: Date | string
  title: string
  fan_id: number
  creator_user_id: number
  creator_name: string
}

/**
 * Locks a booking still waiting for its outcome (confirmed, none recorded, ended before `before`);
 * nothing when another worker holds it or has decided it: each call is decided once.
 */
export const lockCallToDecide = async (run: Run, bookingId: number, before: Date): Promise<CallToDecide | undefined> =>
  (
    await run<CallToDecide>(sql`
      SELECT b.id, b.offer_id, b.starts_at, b.ends_at, o.title, b.fan_id, c.user_id AS creator_user_id, c.display_name AS creator_name
        FROM bookings b JOIN offers o ON o.id = b.offer_id JOIN creators c ON c.id = o.creator_id
       WHERE b.id = ${bookingId} AND b.status = 'confirmed' AND b.call_outcome IS NULL AND b.ends_at <= ${before.toISOString()}
       FOR UPDATE OF b SKIP LOCKED`)
  )[0]

/** Records the call's outcome and no-show flags once (guarded on no outcome yet); false when it already had one. */
export const recordCallOutcome = async (
  run: Run,
  o: {
    bookingId: number
    outcome: CallOutcome
    at: Date
    noShowFan: boolean
    noShowCreator: boolean
    needsAdmin: boolean
  },
): Promise<boolean> =>
  (
    await run(sql`
      UPDATE bookings
         SET call_outcome = ${o.outcome}, call_outcome_at = ${o.at.toISOString()}, call_needs_admin = ${o.needsAdmin},
             no_show_fan = ${o.noShowFan}, no_show_creator = ${o.noShowCreator}, updated_at = now()
       WHERE id = ${o.bookingId} AND call_outcome IS NULL
      RETURNING id`)
  ).length > 0

/** The call took place (the fan may have missed it): booking completed, its offer completed. */
export const completeCall = async (run: Run, bookingId: number, offerId: number, at: Date): Promise<boolean> => {
  const moved = await moveStatus(run, {
    table: 'bookings',
    machine: BOOKING_TRANSITIONS,
    id: bookingId,
    to: 'completed',
    from: 'confirmed',
    set: sql`completed_at = ${at.toISOString()}`,
  })
  if (moved)
    await moveStatus(run, {
      table: 'offers',
      machine: OFFER_TRANSITIONS,
      id: offerId,
      to: 'completed',
      from: 'booked',
    })
  return moved !== undefined
}

/** The creator never came: the booking is cancelled by the system with `reason`, its offer closed. */
export const cancelCallAfterCreatorNoShow = async (run: Run, bookingId: number, offerId: number, at: Date, reason: string): Promise<boolean> => {
  const moved = await moveStatus(run, {
    table: 'bookings',
    machine: BOOKING_TRANSITIONS,
    id: bookingId,
    to: 'cancelled',
    from: 'confirmed',
    set: sql`cancellation_by = 'system', cancellation_at = ${at.toISOString()}, cancellation_reason = ${reason}`,
  })
  if (moved)
    await moveStatus(run, {
      table: 'offers',
      machine: OFFER_TRANSITIONS,
      id: offerId,
      to: 'cancelled',
      from: 'booked',
    })
  return moved !== undefined
}

/** The call needs an admin's decision (nobody came, or a no-show refund could not be opened). */
export const flagCallForAdmin = async (run: Run, bookingId: number): Promise<void> => {
  await run(sql`UPDATE bookings SET call_needs_admin = true, updated_at = now() WHERE id = ${bookingId}`)
}

// ---------------------------------------------------------------------------------------------
// signalling (calls-p2p)

/** The PostgreSQL channel that announces new signals as `<booking id>:<signal id>`. */
export const SIGNAL_CHANNEL = 'call_signals'

export type SignalRow = { id: string; kind: string; body: unknown; from_user_id: number | null; to_role: CallRole; created_at: Date | string }

/**
 * Stores one signal for `toRole` and announces it with NOTIFY in the same statement, so the
 * announcement leaves at commit with the row (never before it, never without it). Only ids travel:
 * a NOTIFY payload must stay under 8,000 bytes and an SDP offer is about 6 KB.
 */
export const insertSignal = async (
  run: Run,
  s: { bookingId: number; fromUserId: number | null; toRole: CallRole; kind: string; body: unknown; at?: Date },
): Promise<{ id: number }> => {
  const [row] = await run<{ id: string }>(sql`
    WITH inserted AS (
      INSERT INTO call_signals (booking_id, from_user_id, to_role, kind, body, created_at)
      VALUES (${s.bookingId}, ${s.fromUserId}, ${s.toRole}, ${s.kind}, ${JSON.stringify(s.body ?? {})}::jsonb, ${s.at ? s.at.toISOString() : sql`now()`})
      RETURNING id, booking_id
    )
    SELECT id, pg_notify(${SIGNAL_CHANNEL}, booking_id || ':' || id) FROM inserted`)
  return { id: Number(row.id) }
}

/** The signals for `toRole` after `afterId`, oldest first (the index (booking_id, id) serves it). */
export const signalsAfter = (run: Run, bookingId: number, toRole: CallRole, afterId: number, limit = 200): Promise<SignalRow[]> =>
  run<SignalRow>(sql`
    SELECT id, kind, body, from_user_id, to_role, created_at FROM call_signals
     WHERE booking_id = ${bookingId} AND id > ${afterId} AND to_role = ${toRole}
     ORDER BY id LIMIT ${limit}`)

/** The booking's newest signal id (0 when none): a new stream without Last-Event-ID starts after it. */
export const lastSignalId = async (run: Run, bookingId: number): Promise<number> =>
  Number((await run<{ id: string | null }>(sql`SELECT max(id) AS id FROM call_signals WHERE booking_id = ${bookingId}`))[0]?.id ?? 0)

/**
 * SQL: whether `role` is in the call of the booking `bookingId` (an id or a column such as `b.id`)
 * now, by the provider's presence: a `joined` of a session (Daily's `sessionId`, a signalling
 * stream's `streamId`) with no `left` of that session after it. (A process that dies without
 * closing its streams leaves them "open" here until the call ends; attendance only reads first
 * joins and last leaves.)
 */
export const presentNowSql = (bookingId: number | SQL, role: CallRole): SQL => sql`
  EXISTS (
    SELECT 1 FROM call_events j
     WHERE j.booking_id = ${bookingId} AND j.source = 'provider' AND j.type = 'joined' AND j.metadata->>'role' = ${role}
       AND coalesce(j.metadata->>'sessionId', j.metadata->>'streamId') IS NOT NULL
       AND NOT EXISTS (
         SELECT 1 FROM call_events l
          WHERE l.booking_id = j.booking_id AND l.source = 'provider' AND l.type = 'left' AND l.metadata->>'role' = ${role}
            AND coalesce(l.metadata->>'sessionId', l.metadata->>'streamId') = coalesce(j.metadata->>'sessionId', j.metadata->>'streamId')
            AND l.at >= j.at))`

/** Whether `role` is in the booking's call now (presentNowSql): the signalling tells the other side. */
export const rolePresent = async (run: Run, bookingId: number, role: CallRole): Promise<boolean> =>
  (await run<{ present: boolean }>(sql`SELECT ${presentNowSql(bookingId, role)} AS present`))[0]?.present === true

// Signalling streams (call_streams): one row per open stream, its heartbeat, its end

/**
 * Takes the (booking, user) stream lock for the transaction and counts their streams still open on
 * any instance: two tabs opening at once are counted one after the other.
 */
export const lockAndCountOpenStreams = async (run: Run, bookingId: number, userId: number): Promise<number> => {
  await run(sql`SELECT pg_advisory_xact_lock(hashtext('call-streams'), hashtext(${`${bookingId}/${userId}`}))`)
  const rows = await run<{ n: number }>(sql`SELECT count(*)::int AS n FROM call_streams WHERE booking_id = ${bookingId} AND user_id = ${userId} AND closed_at IS NULL`)
  return rows[0]?.n ?? 0
}

export const insertCallStream = (run: Run, s: { id: string; bookingId: number; userId: number; role: CallRole; instance: string; at: Date }) =>
  run(sql`
    INSERT INTO call_streams (id, booking_id, user_id, role, instance, opened_at, seen_at)
    VALUES (${s.id}, ${s.bookingId}, ${s.userId}, ${s.role}, ${s.instance}, ${s.at.toISOString()}, ${s.at.toISOString()})`)

/** The stream's heartbeat: true while it is open, false once it was closed (by its own end, or by a sweep as lost). */
export const touchCallStream = async (run: Run, id: string, at: Date): Promise<boolean> =>
  (await run(sql`UPDATE call_streams SET seen_at = ${at.toISOString()} WHERE id = ${id} AND closed_at IS NULL RETURNING id`)).length > 0

/** Closes one stream at `at`; false when it was closed already (a sweep found it lost first). */
export const closeCallStream = async (run: Run, id: string, at: Date): Promise<boolean> =>
  (await run(sql`UPDATE call_streams SET closed_at = GREATEST(${at.toISOString()}::timestamptz, opened_at) WHERE id = ${id} AND closed_at IS NULL RETURNING id`)).length > 0

export type LostStream = { id: string; booking_id: number; user_id: number; role: CallRole; seen_at: string }

/**
 * Streams whose process stopped beating before `staleBefore` (it crashed, was killed, or lost the
 * database) are closed at their last heartbeat, each with its `left` call event (source provider,
 * reason 'lost') — one statement, so a stream is closed once however many sweeps race. Only the
 * booking's streams when `bookingId` is given. Returns the streams it closed.
 */
export const closeLostCallStreams = (run: Run, staleBefore: Date, bookingId?: number): Promise<LostStream[]> =>
  run<LostStream>(sql`
    WITH lost AS (
      UPDATE call_streams SET closed_at = seen_at
       WHERE closed_at IS NULL AND seen_at < ${staleBefore.toISOString()} ${bookingId === undefined ? sql`` : sql`AND booking_id = ${bookingId}`}
      RETURNING id, booking_id, user_id, role, instance, seen_at
    ), recorded AS (
      INSERT INTO call_events (booking_id, fan_id, creator_id, actor_id, type, at, source, metadata, updated_at, created_at)
      SELECT b.id, b.fan_id, b.creator_id, lost.user_id, 'left', lost.seen_at, 'provider',
             jsonb_build_object('role', lost.role, 'instance', lost.instance, 'streamId', lost.id, 'reason', 'lost'), now(), now()
        FROM lost JOIN bookings b ON b.id = lost.booking_id
      RETURNING id
    )
    SELECT id, booking_id, user_id, role, seen_at FROM lost`)

/** Deletes the signals of calls whose scheduled end is before `endedBefore` (retention: a day after the call). */
export const deleteEndedCallSignals = (payload: Payload, endedBefore: Date): Promise<number> =>
  runCount(
    payload,
    sql`DELETE FROM call_signals s USING bookings b WHERE b.id = s.booking_id AND b.ends_at < ${endedBefore.toISOString()}`,
  )

type PooledDb = { pool: { options: ClientConfig } }

/**
 * How to open the one dedicated connection per process that LISTENs for signals: the same
 * database and credentials as Payload's pool (postgresAdapter's `pool` options), on a client of
 * its own — LISTEN belongs to one session, so it cannot live on a pooled connection (nor behind
 * PgBouncer in transaction mode).
 */
export const listenerConnection = (payload: Payload): ClientConfig => {
  const { connectionString, host, port, user, password, database, ssl } = (payload.db as unknown as PooledDb).pool.options
  return { connectionString, host, port, user, password, database, ssl, keepAlive: true, application_name: 'callastar-signals' }
}
