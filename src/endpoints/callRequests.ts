import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import { Refusal } from '@/domain/refusal'
import { acceptCallRequest, rejectCallRequest } from '@/services/callRequests'

import { defineEndpoint, idOf } from './define'

const NOT_FOUND = 'This call request does not exist.'

const RejectBody = z.object({
  reason: z.string().max(500, 'reason must be at most 500 characters.').nullish(),
})

/** Accepting takes an optional message to the fan (no body at all is fine). */
const AcceptBody = z
  .object({ message: z.string().max(500, 'message must be at most 500 characters.').nullish() })
  .nullish()
  .transform((b) => b ?? {})

/** The route's request id (a malformed one is answered like a missing request). */
const requestId = (req: PayloadRequest): number => {
  const id = idOf(req.routeParams?.id)
  if (id === null) throw new Refusal(404, 'NOT_FOUND', NOT_FOUND)
  return id
}

/** POST /api/call-requests/:id/accept {message?} — the request's creator creates the offer reserved for the fan. */
export const acceptCallRequestEndpoint = defineEndpoint({
  path: '/:id/accept',
  method: 'post',
  id: { notFound: NOT_FOUND },
  body: AcceptBody,
  handler: ({ req, caller, id, body }) => acceptCallRequest(req.payload, caller, id, body.message),
})

/**
 * POST /api/call-requests/:id/reject {reason?} — the request's creator declines, optionally saying
 * why. The body is checked before the id (a bad body is a 400 even on an unknown request).
 */
export const rejectCallRequestEndpoint = defineEndpoint({
  path: '/:id/reject',
  method: 'post',
  body: RejectBody,
  handler: ({ req, caller, body }) => rejectCallRequest(req.payload, caller, requestId(req), body.reason),
})
