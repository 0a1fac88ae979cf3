/**
 * Peer-to-peer signalling (SPEC §6, issue 11): the two participants of a confirmed booking exchange
 * WebRTC descriptions and candidates through the app, inside the join window only. A POST stores
 * the message for the other side (PostgreSQL, NOTIFY at commit); each participant's open stream —
 * Server-Sent Events, on whichever web instance — is woken by this process's bus and sends the rows
 * addressed to its role with their id (`Last-Event-ID` resumes). At the scheduled end the server
 * sends `event: end` to both streams, closes them and refuses further messages: the end is enforced
 * here, not by the page. A stream opening and closing is the provider's attendance record
 * (call-events `joined` / `left`, source 'provider') and is told to the other side (kind 'presence').
 */
import { randomUUID } from 'node:crypto'
import os from 'node:os'

import type { Payload } from 'payload'

import {
  callBookingOf,
  closeCallStream,
  closeLostCallStreams,
  deleteEndedCallSignals,
  insertCallEvent,
  insertCallStream,
  insertSignal,
  lastSignalId,
  listenerConnection,
  lockAndCountOpenStreams,
  lockAndCountRecent,
  rolePresent,
  signalsAfter,
  SIGNAL_CHANNEL,
  touchCallStream,
  type SignalRow,
} from '@/db/calls'
import { runner, withTransaction } from '@/db/run'
import {
  MAX_SIGNAL_STREAMS,
  otherRole,
  signalAccess,
  SIGNAL_HEARTBEAT_MS,
  SIGNAL_RETENTION_MS,
  SIGNAL_STREAM_LOST_MS,
  SIGNALS_PER_MINUTE,
  sseMessage,
  type CallRole,
  type SignalKind,
} from '@/domain/calls'
import { Refusal } from '@/domain/refusal'
import { SignalBus } from '@/integrations/calls/bus'
import { callProvider } from '@/integrations/calls/provider'
import { now } from '@/lib/clock'

import { verifyCallToken } from './callTokens'

/** A comment line this often keeps proxies (and the browser) from closing an idle stream; the same beat marks the stream alive in call_streams. */
export const HEARTBEAT_MS = SIGNAL_HEARTBEAT_MS

/** This web process, as named in presence events (several instances run behind a load balancer). */
export const INSTANCE = process.env.INSTANCE_ID || `${os.hostname()}:${process.pid}`

type Caller = { userId: number }

/**
 * Who is signalling: the signed-in user, or else the holder of the join answer's call token
 * (`?token=`, which an EventSource can send, or `Authorization: Bearer <token>`). A token names its
 * booking and user: it must be genuine, unexpired and for this booking. 401 without either.
 */
export const signallingCaller = (session: Caller | null, token: string | null, bookingId: number): Caller => {
  if (session) return { userId: session.userId }
  if (!token) throw new Refusal(401, 'UNAUTHORIZED', 'You must be logged in or hold this call’s token.')
  const claims = verifyCallToken(token)
  if (!claims) throw new Refusal(401, 'UNAUTHORIZED', 'This call token is invalid or has expired.')
  if (claims.bookingId !== bookingId) throw new Refusal(403, 'FORBIDDEN', 'This call token is for another booking.')
  return { userId: claims.userId }
}

// ---------------------------------------------------------------------------------------------
// The process's bus (one LISTEN connection, created on first use, kept across Next's module reloads)

const holder = globalThis as typeof globalThis & { __callastarSignalBus?: SignalBus }

export const signalBus = (payload: Payload): SignalBus =>
  (holder.__callastarSignalBus ??= new SignalBus({
    connection: listenerConnection(payload),
    channel: SIGNAL_CHANNEL,
    log: (message, error) => payload.logger.warn({ err: error }, message),
  }))

// ---------------------------------------------------------------------------------------------
// Access

/** The booking as its participant may signal now, or the SPEC §14 refusal. */
const admit = async (payload: Payload, caller: Caller, bookingId: number) => {
  // With Daily, calls and attendance are Daily's: a signalling stream must not count as presence.
  if (callProvider(process.env) !== 'p2p') throw new Refusal(404, 'NOT_FOUND', 'Calls do not use peer-to-peer signalling here.')
  const row = await callBookingOf(runner(payload), bookingId)
  const booking = row
    ? { status: row.status, fanUserId: row.fan_id, creatorUserId: row.creator_user_id, startsAt: new Date(row.starts_at), endsAt: new Date(row.ends_at) }
    : null
  const access = signalAccess(booking, caller.userId, now())
  if (access.ok) return access
  switch (access.code) {
    case 'NOT_FOUND':
      throw new Refusal(404, 'NOT_FOUND', 'This booking does not exist.')
    case 'FORBIDDEN':
      throw new Refusal(403, 'FORBIDDEN', 'Only the booking’s fan and creator take part in its call.')
    case 'BOOKING_NOT_CONFIRMED':
      throw new Refusal(409, 'BOOKING_NOT_CONFIRMED', 'Only a confirmed booking has a call.')
    case 'CALL_NOT_OPEN':
      throw new Refusal(403, 'CALL_NOT_OPEN', 'The call is not open yet.', undefined, { opensAt: access.opensAt?.toISOString() })
    case 'CALL_ENDED':
      throw new Refusal(403, 'CALL_ENDED', 'The call has ended.')
  }
}

// ---------------------------------------------------------------------------------------------
// Sending

/**
 * Stores a participant's message for the other side; 201 `{id}`. At most SIGNALS_PER_MINUTE per
 * participant and call (429 TOO_MANY_EVENTS after), counted as the call events are.
 */
export const postSignal = async (
  payload: Payload,
  caller: Caller,
  bookingId: number,
  readMessage: () => Promise<{ kind: SignalKind; body: unknown }>,
): Promise<{ id: number }> => {
  // Who asks comes first: a stranger learns nothing about what the body should look like.
  const access = await admit(payload, caller, bookingId)
  const message = await readMessage()
  return withTransaction(payload, async (_req, run) => {
    const at = now()
    const recent = await lockAndCountRecent(run, 'call-signals', bookingId, caller.userId, new Date(at.getTime() - 60_000))
    if (recent >= SIGNALS_PER_MINUTE) {
      throw new Refusal(429, 'TOO_MANY_EVENTS', `At most ${SIGNALS_PER_MINUTE} signalling messages per minute.`, undefined, { retryAfterSeconds: 60 })
    }
    return insertSignal(run, { bookingId, fromUserId: caller.userId, toRole: otherRole(access.role), kind: message.kind, body: message.body, at })
  })
}

// ---------------------------------------------------------------------------------------------
// Presence

/**
 * A participant's signalling stream opened (`joined`) or closed (`left`): the provider's attendance
 * record for the peer-to-peer provider (call-events, source 'provider', actor = the user,
 * metadata {role, instance, streamId}), read by `attendanceOf`. Each stream is also a call_streams
 * row, beating while it is open, so a stream whose process died is closed as lost (below).
 */
const presenceEvent = (e: { bookingId: number; userId: number; type: 'joined' | 'left'; role: CallRole; streamId: string; at: Date; reason?: string }) => ({
  bookingId: e.bookingId,
  actorId: e.userId,
  type: e.type,
  at: e.at,
  source: 'provider' as const,
  metadata: { role: e.role, instance: INSTANCE, streamId: e.streamId, ...(e.reason ? { reason: e.reason } : {}) },
})

/**
 * Registers a new stream of the caller — refused past MAX_SIGNAL_STREAMS open on all instances
 * (429 TOO_MANY_STREAMS), counted under a lock — and records its `joined`, in one transaction.
 */
const registerStream = (payload: Payload, s: { bookingId: number; userId: number; role: CallRole; streamId: string }) =>
  withTransaction(payload, async (_req, run) => {
    const at = now()
    if ((await lockAndCountOpenStreams(run, s.bookingId, s.userId)) >= MAX_SIGNAL_STREAMS) {
      throw new Refusal(429, 'TOO_MANY_STREAMS', `At most ${MAX_SIGNAL_STREAMS} signalling streams open at once for one call: close another tab first.`, undefined, { retryAfterSeconds: 5 })
    }
    await insertCallStream(run, { id: s.streamId, bookingId: s.bookingId, userId: s.userId, role: s.role, instance: INSTANCE, at })
    await insertCallEvent(run, presenceEvent({ ...s, type: 'joined', at }))
  })

/** Closes a stream and records its `left`; false when a sweep had already closed it as lost. */
const unregisterStream = (payload: Payload, s: { bookingId: number; userId: number; role: CallRole; streamId: string; reason: string }) =>
  withTransaction(payload, async (_req, run) => {
    const at = now()
    if (!(await closeCallStream(run, s.streamId, at))) return false
    await insertCallEvent(run, presenceEvent({ ...s, type: 'left', at }))
    return true
  })

/**
 * Closes the streams (of one booking, or all) that stopped beating SIGNAL_STREAM_LOST_MS ago —
 * their web process died — at their last beat with a `left`, and tells the other side of each call
 * still running. Run when a stream opens and beats, and by the completion job before it decides.
 */
export const sweepLostStreams = async (payload: Payload, bookingId?: number): Promise<number> => {
  const run = runner(payload)
  const at = now()
  const lost = await closeLostCallStreams(run, new Date(at.getTime() - SIGNAL_STREAM_LOST_MS), bookingId)
  for (const stream of lost) {
    const present = await rolePresent(run, stream.booking_id, stream.role)
    await insertSignal(run, { bookingId: stream.booking_id, fromUserId: null, toRole: otherRole(stream.role), kind: 'presence', body: { role: stream.role, present, streamId: stream.id } })
  }
  return lost.length
}

// ---------------------------------------------------------------------------------------------
// The stream

const toEvent = (row: SignalRow) => ({
  id: Number(row.id),
  data: { kind: row.kind, body: row.body, at: new Date(row.created_at).toISOString() },
})

/**
 * Opens the caller's signalling stream: `event: ready` {role, streamId, endsAt, serverNow,
 * peerPresent}, then every signal addressed to the caller's role after `resumeFrom` (or after the
 * newest one when the stream is new) with `id:`, a heartbeat comment every 15 s, and `event: end`
 * at the scheduled end. Opening records `joined` (refused past MAX_SIGNAL_STREAMS open streams);
 * closing (abort, end, a failed write) records `left`; each beat keeps the call_streams row alive.
 */
export const openSignalStream = async (
  payload: Payload,
  caller: Caller,
  bookingId: number,
  opts: { resumeFrom: number | null; signal?: AbortSignal },
): Promise<Response> => {
  const access = await admit(payload, caller, bookingId)
  const run = runner(payload)
  const { role, endsAt } = access
  const bus = signalBus(payload)
  const streamId = randomUUID()
  const encoder = new TextEncoder()
  let lastSent = opts.resumeFrom ?? (await lastSignalId(run, bookingId))
  // A stream of a dead process no longer holds a place, nor makes anyone present.
  await sweepLostStreams(payload, bookingId)
  const self = { bookingId, userId: caller.userId, role, streamId }
  await registerStream(payload, self)

  let controller!: ReadableStreamDefaultController<Uint8Array>
  let closed = false
  let heartbeat: NodeJS.Timeout | null = null
  let endTimer: NodeJS.Timeout | null = null
  let unsubscribe: (() => void) | null = null
  let pumping = false
  let pumpAgain = false

  const write = (text: string): boolean => {
    if (closed) return false
    try {
      controller.enqueue(encoder.encode(text))
      return true
    } catch {
      void close('write_failed')
      return false
    }
  }

  /** Sends every row after `lastSent` (one reader at a time; wake-ups during a read ask for another). */
  const pump = async (): Promise<void> => {
    if (pumping) {
      pumpAgain = true
      return
    }
    pumping = true
    try {
      do {
        pumpAgain = false
        for (;;) {
          const rows = await signalsAfter(run, bookingId, role, lastSent)
          for (const row of rows) {
            if (!write(sseMessage(toEvent(row)))) return
            lastSent = Number(row.id)
          }
          if (rows.length < 200) break
        }
      } while (pumpAgain && !closed)
    } catch (error) {
      payload.logger.warn({ err: error, bookingId }, 'signalling: could not read signals')
    } finally {
      pumping = false
    }
  }

  /** Marks the stream alive; a stream a sweep closed as lost (this process stalled past SIGNAL_STREAM_LOST_MS) ends, and the browser reconnects as a new one. */
  const beat = async (): Promise<void> => {
    if (!write(`: heartbeat ${now().toISOString()}\n\n`)) return
    try {
      if (!(await touchCallStream(run, streamId, now()))) return void close('lost')
      await sweepLostStreams(payload, bookingId)
    } catch (error) {
      payload.logger.warn({ err: error, bookingId }, 'signalling: could not record a heartbeat')
    }
  }

  const close = async (reason: 'aborted' | 'end' | 'write_failed' | 'cancelled' | 'lost'): Promise<void> => {
    if (closed) return
    closed = true
    if (heartbeat) clearInterval(heartbeat)
    if (endTimer) clearTimeout(endTimer)
    unsubscribe?.()
    opts.signal?.removeEventListener('abort', onAbort)
    try {
      controller.close()
    } catch {
      // already closed or cancelled by the reader
    }
    try {
      // Closed already when a sweep found it lost (its `left` is recorded, the other side told).
      const closedNow = await unregisterStream(payload, { ...self, reason })
      // Tell the other side, unless the call is over for both (another stream of this user may still be open).
      if (closedNow && reason !== 'end' && now() < endsAt) {
        const present = await rolePresent(run, bookingId, role)
        await insertSignal(run, { bookingId, fromUserId: null, toRole: otherRole(role), kind: 'presence', body: { role, present, streamId } })
      }
    } catch (error) {
      payload.logger.warn({ err: error, bookingId }, 'signalling: could not record the end of a stream')
    }
  }
  const onAbort = () => void close('aborted')

  const stream = new ReadableStream<Uint8Array>({
    start: async (c) => {
      controller = c
      // The browser reconnects after 2 s when the connection drops (it resumes with Last-Event-ID).
      write('retry: 2000\n\n')
      if (opts.signal?.aborted) return void close('aborted')
      opts.signal?.addEventListener('abort', onAbort)
      heartbeat = setInterval(() => void beat(), HEARTBEAT_MS)
      endTimer = setTimeout(
        () => {
          write(sseMessage({ event: 'end', data: { reason: 'scheduled_end', endsAt: endsAt.toISOString() } }))
          void close('end')
        },
        Math.max(0, endsAt.getTime() - now().getTime()),
      )
      unsubscribe = bus.subscribe(bookingId, () => void pump())
      try {
        await bus.ready()
        const peerPresent = await rolePresent(run, bookingId, otherRole(role))
        write(sseMessage({ event: 'ready', data: { role, streamId, endsAt: endsAt.toISOString(), serverNow: now().toISOString(), peerPresent } }))
        await insertSignal(run, { bookingId, fromUserId: null, toRole: otherRole(role), kind: 'presence', body: { role, present: true, streamId } })
        await pump()
      } catch (error) {
        payload.logger.warn({ err: error, bookingId }, 'signalling: could not open a stream')
        write(sseMessage({ event: 'error', data: { reason: 'unavailable' } }))
        void close('write_failed')
      }
    },
    cancel: () => close('cancelled'),
  })

  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  })
}

// ---------------------------------------------------------------------------------------------
// Retention

/** Deletes the signals of calls that ended more than a day ago (run by the daily log-retention job). */
export const deleteOldCallSignals = (payload: Payload): Promise<number> => deleteEndedCallSignals(payload, new Date(now().getTime() - SIGNAL_RETENTION_MS))
