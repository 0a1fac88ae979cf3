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
  deleteEndedCallSignals,
  insertCallEvent,
  insertSignal,
  lastSignalId,
  listenerConnection,
  lockAndCountRecent,
  rolePresent,
  signalsAfter,
  SIGNAL_CHANNEL,
  type SignalRow,
} from '@/db/calls'
import { runner, withTransaction, type Run } from '@/db/run'
import { MAX_SIGNAL_STREAMS, otherRole, signalAccess, SIGNALS_PER_MINUTE, sseMessage, SIGNAL_RETENTION_MS, type CallRole, type SignalKind } from '@/domain/calls'
import { Refusal } from '@/domain/refusal'
import { SignalBus } from '@/integrations/calls/bus'
import { callProvider } from '@/integrations/calls/provider'
import { now } from '@/lib/clock'

import { verifyCallToken } from './callTokens'

/** A comment line this often keeps proxies (and the browser) from closing an idle stream. */
export const HEARTBEAT_MS = 15_000

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
 * metadata {role, instance, streamId}), read by `attendanceOf`.
 */
const recordPresence = (
  run: Run,
  e: { bookingId: number; userId: number; type: 'joined' | 'left'; role: CallRole; streamId: string; reason?: string },
): Promise<unknown> =>
  insertCallEvent(run, {
    bookingId: e.bookingId,
    actorId: e.userId,
    type: e.type,
    at: now(),
    source: 'provider',
    metadata: { role: e.role, instance: INSTANCE, streamId: e.streamId, ...(e.reason ? { reason: e.reason } : {}) },
  })

/** Open streams per booking and user in this process (`<booking>/<user>` → count). */
const streamHolder = globalThis as typeof globalThis & { __callastarSignalStreams?: Map<string, number> }
const openStreams = (streamHolder.__callastarSignalStreams ??= new Map<string, number>())

/** Counts one more open stream of the caller on this booking, or refuses past MAX_SIGNAL_STREAMS (429 TOO_MANY_STREAMS); returns its release. */
const holdStream = (bookingId: number, userId: number): (() => void) => {
  const key = `${bookingId}/${userId}`
  const open = openStreams.get(key) ?? 0
  if (open >= MAX_SIGNAL_STREAMS) {
    throw new Refusal(429, 'TOO_MANY_STREAMS', `At most ${MAX_SIGNAL_STREAMS} signalling streams open at once for one call: close another tab first.`, undefined, { retryAfterSeconds: 5 })
  }
  openStreams.set(key, open + 1)
  let released = false
  return () => {
    if (released) return
    released = true
    const left = (openStreams.get(key) ?? 1) - 1
    if (left > 0) openStreams.set(key, left)
    else openStreams.delete(key)
  }
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
 * at the scheduled end. Closing (abort, end, a failed write) records `left`.
 */
export const openSignalStream = async (
  payload: Payload,
  caller: Caller,
  bookingId: number,
  opts: { resumeFrom: number | null; signal?: AbortSignal },
): Promise<Response> => {
  const access = await admit(payload, caller, bookingId)
  const release = holdStream(bookingId, caller.userId)
  const run = runner(payload)
  const { role, endsAt } = access
  const bus = signalBus(payload)
  const streamId = randomUUID()
  const encoder = new TextEncoder()
  let lastSent: number
  try {
    lastSent = opts.resumeFrom ?? (await lastSignalId(run, bookingId))
  } catch (error) {
    release()
    throw error
  }

  let controller!: ReadableStreamDefaultController<Uint8Array>
  let closed = false
  let heartbeat: NodeJS.Timeout | null = null
  let endTimer: NodeJS.Timeout | null = null
  let unsubscribe: (() => void) | null = null
  let pumping = false
  let pumpAgain = false
  const joined = recordPresence(run, { bookingId, userId: caller.userId, type: 'joined', role, streamId })

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

  const close = async (reason: 'aborted' | 'end' | 'write_failed' | 'cancelled'): Promise<void> => {
    if (closed) return
    closed = true
    release()
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
      await joined
      await recordPresence(run, { bookingId, userId: caller.userId, type: 'left', role, streamId, reason })
      // Tell the other side, unless the call is over for both (another stream of this user may still be open).
      if (reason !== 'end' && now() < endsAt) {
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
      heartbeat = setInterval(() => write(`: heartbeat ${now().toISOString()}\n\n`), HEARTBEAT_MS)
      endTimer = setTimeout(
        () => {
          write(sseMessage({ event: 'end', data: { reason: 'scheduled_end', endsAt: endsAt.toISOString() } }))
          void close('end')
        },
        Math.max(0, endsAt.getTime() - now().getTime()),
      )
      unsubscribe = bus.subscribe(bookingId, () => void pump())
      try {
        await joined
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
