/** /api/calls/… — joining a booking's call, the browsers' call events, the call's summary, and the peer-to-peer signalling (SPEC §6, §14). */
import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { CLIENT_SIGNAL_KINDS, MAX_SIGNAL_BYTES, resumeIdOf } from '@/domain/calls'
import { Refusal } from '@/domain/refusal'
import { openSignalStream, postSignal, signallingCaller } from '@/services/callSignals'
import { callSummary, joinCall, recordClientEvent } from '@/services/calls'

import { defineEndpoint, NO_STORE, readBody, refusalResponse, Reply } from './define'

const BOOKING_NOT_FOUND = { notFound: 'No such booking.' }

// ---------------------------------------------------------------------------------------------
// join, events, summary (calls-server)
// ---------------------------------------------------------------------------------------------

/**
 * POST /api/calls/:bookingId/join — `{provider, roomUrl, token, startsAt, endsAt, serverNow, iceServers?}`
 * for the booking's fan or creator inside the window (15 min before the start → the scheduled end).
 * 403 CALL_NOT_OPEN before it (`opensAt`), 403 CALL_ENDED after the end (`endedAt`), 403 for anyone
 * else, 404 unknown, 409 BOOKING_NOT_CONFIRMED, 503 ROOM_NOT_READY (Retry-After) while the room job runs.
 */
export const joinCallEndpoint = defineEndpoint({
  path: '/calls/:id/join',
  method: 'post',
  id: BOOKING_NOT_FOUND,
  headers: NO_STORE,
  handler: async ({ req, caller, id }) => {
    try {
      return await joinCall(req.payload, caller, id)
    } catch (error) {
      if (error instanceof Refusal && error.code === 'ROOM_NOT_READY') {
        const res = refusalResponse(error)
        res.headers.set('retry-after', String(error.extra?.retryAfterSeconds ?? 5))
        return res
      }
      throw error
    }
  },
})

const CallEventBody = z.object({
  type: z.string({ error: 'type is required' }).trim().min(1, 'type is required').max(64),
  metadata: z.record(z.string(), z.unknown()).optional(),
})

/** POST /api/calls/:bookingId/events {type, metadata} — a participant's browser reports a call event (201). */
export const callEventsEndpoint = defineEndpoint({
  path: '/calls/:id/events',
  method: 'post',
  id: BOOKING_NOT_FOUND,
  headers: NO_STORE,
  handler: async ({ req, caller, id }) => new Reply(await recordClientEvent(req.payload, caller, id, () => readBody(req, CallEventBody)), 201),
})

/** GET /api/calls/:bookingId/summary — participants and admins: scheduled vs actual, status, timeline. */
export const callSummaryEndpoint = defineEndpoint({
  path: '/calls/:id/summary',
  method: 'get',
  id: BOOKING_NOT_FOUND,
  headers: NO_STORE,
  handler: ({ req, caller, id }) => callSummary(req.payload, caller, id),
})

// ---------------------------------------------------------------------------------------------
// signalling (calls-p2p)

/** The join answer's call token: `?token=` (what an EventSource can send) or `Authorization: Bearer <token>`. */
const callTokenOf = (req: PayloadRequest): string | null => {
  const bearer = req.headers.get('authorization')
  return req.searchParams?.get('token') || (bearer?.startsWith('Bearer ') ? bearer.slice('Bearer '.length).trim() : null) || null
}

/**
 * GET /api/calls/:bookingId/signal — the participant's signalling stream (Server-Sent Events),
 * inside the join window only: messages addressed to the caller's side with `id:` (resume with the
 * `Last-Event-ID` header or `?lastEventId=`), `event: ready`, a heartbeat comment every 15 s,
 * `event: end` at the scheduled end. The caller is the signed-in user or the holder of the join
 * answer's token (`?token=` or `Authorization: Bearer`). 401 neither (or a bad token), 404 unknown
 * booking, 403 not a participant (or a token for another booking), 409 not confirmed, 403
 * CALL_NOT_OPEN (with `opensAt`) before the window, 403 CALL_ENDED after it (as the join), 429
 * TOO_MANY_STREAMS past 3 open streams of one participant.
 */
export const callSignalStreamEndpoint = defineEndpoint({
  path: '/calls/:id/signal',
  method: 'get',
  auth: false,
  id: BOOKING_NOT_FOUND,
  handler: ({ req, caller, id }) => {
    const who = signallingCaller(caller, callTokenOf(req), id)
    const resumeFrom = resumeIdOf(req.headers.get('last-event-id')) ?? resumeIdOf(req.searchParams?.get('lastEventId'))
    return openSignalStream(req.payload, who, id, { resumeFrom, signal: req.signal })
  },
})

const SignalBody = z
  .object({
    kind: z.enum(CLIENT_SIGNAL_KINDS, { error: `kind must be one of ${CLIENT_SIGNAL_KINDS.join(', ')}` }),
    body: z.unknown().optional(),
  })
  .refine((m) => Buffer.byteLength(JSON.stringify(m.body ?? {})) <= MAX_SIGNAL_BYTES, { path: ['body'], error: `body must be at most ${MAX_SIGNAL_BYTES} bytes of JSON` })

/**
 * POST /api/calls/:bookingId/signal {kind, body} — a participant's message for the other side
 * (`description`, `candidate`, `hangup`, `state`), inside the join window only: 201 `{id}`; the same
 * callers and refusals as the stream; 400 for an unknown kind or a body over 64 KB (read after the
 * caller is admitted); 429 TOO_MANY_EVENTS past 600 messages a minute.
 */
export const callSignalPostEndpoint = defineEndpoint({
  path: '/calls/:id/signal',
  method: 'post',
  auth: false,
  id: BOOKING_NOT_FOUND,
  headers: NO_STORE,
  handler: async ({ req, caller, id }) => {
    const who = signallingCaller(caller, callTokenOf(req), id)
    const stored = await postSignal(req.payload, who, id, async () => {
      const message = await readBody(req, SignalBody)
      return { kind: message.kind, body: message.body ?? {} }
    })
    return new Reply(stored, 201)
  },
})

export const CALL_ENDPOINTS = [joinCallEndpoint, callEventsEndpoint, callSummaryEndpoint, callSignalStreamEndpoint, callSignalPostEndpoint]
