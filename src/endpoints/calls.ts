/** /api/calls/… — the call of a confirmed booking (SPEC §6, §14). */
import { z } from 'zod'

import { resumeIdOf, CLIENT_SIGNAL_KINDS, MAX_SIGNAL_BYTES } from '@/domain/calls'
import { openSignalStream, postSignal } from '@/services/callSignals'

import { defineEndpoint, NO_STORE, Reply } from './define'

// ---------------------------------------------------------------------------------------------
// signalling (calls-p2p)

const CALL_NOT_FOUND = { notFound: 'This booking does not exist.' }

/**
 * GET /api/calls/:bookingId/signal — the participant's signalling stream (Server-Sent Events),
 * inside the join window only: messages addressed to the caller's side with `id:` (resume with the
 * `Last-Event-ID` header or `?lastEventId=`), `event: ready`, a heartbeat comment every 15 s,
 * `event: end` at the scheduled end. 401 guest, 404 unknown booking, 403 not a participant, 409 not
 * confirmed, 403 CALL_NOT_OPEN (with `opensAt`) before the window, 410 CALL_ENDED after it.
 */
export const callSignalStreamEndpoint = defineEndpoint({
  path: '/calls/:id/signal',
  method: 'get',
  id: CALL_NOT_FOUND,
  handler: ({ req, caller, id }) => {
    const resumeFrom = resumeIdOf(req.headers.get('last-event-id')) ?? resumeIdOf(req.searchParams?.get('lastEventId'))
    return openSignalStream(req.payload, caller, id, { resumeFrom, signal: req.signal })
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
 * refusals as the stream; 400 for an unknown kind or a body over 64 KB.
 */
export const callSignalPostEndpoint = defineEndpoint({
  path: '/calls/:id/signal',
  method: 'post',
  id: CALL_NOT_FOUND,
  body: SignalBody,
  headers: NO_STORE,
  handler: async ({ req, caller, id, body }) => new Reply(await postSignal(req.payload, caller, id, { kind: body.kind, body: body.body ?? {} }), 201),
})
