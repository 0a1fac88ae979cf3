/**
 * Calls (SPEC §6): rooms and join, peer-to-peer signalling, attendance and completion. One file for
 * the three call helpers' SQL, each in its own section (see ../../CALLS.md of issue 11).
 */
import type { Payload } from 'payload'
import type { ClientConfig } from 'pg'

import type { CallRole } from '@/domain/calls'

import { runCount, sql, type Run } from './run'

// ---------------------------------------------------------------------------------------------
// signalling (calls-p2p)

/** The PostgreSQL channel that announces new signals as `<booking id>:<signal id>`. */
export const SIGNAL_CHANNEL = 'call_signals'

/** What the signalling endpoints decide on: the booking's status, participants and schedule. */
export type SignalBookingRow = {
  id: number
  status: string
  fan_id: number | null
  creator_id: number | null
  creator_user_id: number | null
  starts_at: Date | string
  ends_at: Date | string
}

export const signalBooking = async (run: Run, bookingId: number): Promise<SignalBookingRow | undefined> =>
  (
    await run<SignalBookingRow>(sql`
      SELECT b.id, b.status, b.fan_id, b.creator_id, c.user_id AS creator_user_id, b.starts_at, b.ends_at
        FROM bookings b LEFT JOIN creators c ON c.id = b.creator_id
       WHERE b.id = ${bookingId}`)
  )[0]

export type SignalRow = { id: string; kind: string; body: unknown; from_user_id: number | null; to_role: CallRole; created_at: Date | string }

/**
 * Stores one signal for `toRole` and announces it with NOTIFY in the same statement, so the
 * announcement leaves at commit with the row (never before it, never without it). Only ids travel:
 * a NOTIFY payload must stay under 8,000 bytes and an SDP offer is about 6 KB.
 */
export const insertSignal = async (
  run: Run,
  s: { bookingId: number; fromUserId: number | null; toRole: CallRole; kind: string; body: unknown },
): Promise<{ id: number }> => {
  const [row] = await run<{ id: string }>(sql`
    WITH inserted AS (
      INSERT INTO call_signals (booking_id, from_user_id, to_role, kind, body)
      VALUES (${s.bookingId}, ${s.fromUserId}, ${s.toRole}, ${s.kind}, ${JSON.stringify(s.body ?? {})}::jsonb)
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
 * A participant's signalling stream opened (`joined`) or closed (`left`): the provider's attendance
 * record for the peer-to-peer provider (call-events, source 'provider', actor = the user,
 * metadata {role, instance, streamId}), read by `attendanceOf`.
 */
export const insertPresenceEvent = async (
  run: Run,
  e: { bookingId: number; userId: number; type: 'joined' | 'left'; at: Date; role: CallRole; instance: string; streamId: string; reason?: string },
): Promise<void> => {
  const metadata = { role: e.role, instance: e.instance, streamId: e.streamId, ...(e.reason ? { reason: e.reason } : {}) }
  await run(sql`
    INSERT INTO call_events (booking_id, fan_id, creator_id, actor_id, type, at, source, metadata, updated_at, created_at)
    SELECT b.id, b.fan_id, b.creator_id, ${e.userId}, ${e.type}, ${e.at.toISOString()}, 'provider', ${JSON.stringify(metadata)}::jsonb, now(), now()
      FROM bookings b WHERE b.id = ${e.bookingId}`)
}

/**
 * Whether `role` has a signalling stream open now: a `joined` with a stream id and no `left` for
 * that stream. (A process that dies without closing its streams leaves them "open" here until the
 * call ends; attendance only reads first joins and last leaves.)
 */
export const rolePresent = async (run: Run, bookingId: number, role: CallRole): Promise<boolean> =>
  (
    await run<{ present: boolean }>(sql`
      SELECT EXISTS (
        SELECT 1 FROM call_events j
         WHERE j.booking_id = ${bookingId} AND j.source = 'provider' AND j.type = 'joined'
           AND j.metadata->>'role' = ${role} AND j.metadata ? 'streamId'
           AND NOT EXISTS (
             SELECT 1 FROM call_events l
              WHERE l.booking_id = j.booking_id AND l.source = 'provider' AND l.type = 'left'
                AND l.metadata->>'streamId' = j.metadata->>'streamId')
      ) AS present`)
  )[0]?.present === true

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
