/** /api/calls/… — joining a booking's call, the browsers' call events, the call's summary (SPEC §6, §14). */
import { z } from 'zod'

import { Refusal } from '@/domain/refusal'
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

export const CALL_ENDPOINTS = [joinCallEndpoint, callEventsEndpoint, callSummaryEndpoint]
