import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { roleOf } from '@/access'
import { acceptCallRequest, CallRequestError, rejectCallRequest } from '@/services/callRequests'

import { jsonError, parseBody, unauthorized } from './http'

const RejectBody = z.object({
  reason: z.string().max(500, 'reason must be at most 500 characters.').nullish(),
})

const requestId = (req: PayloadRequest): number | null => {
  const id = Number(req.routeParams?.id)
  return Number.isInteger(id) && id > 0 ? id : null
}

const answer = async (req: PayloadRequest, act: (id: number) => Promise<unknown>): Promise<Response> => {
  if (!req.user) return unauthorized()
  const id = requestId(req)
  if (id === null) return jsonError(404, 'This call request does not exist.', 'NOT_FOUND')
  try {
    return Response.json(await act(id))
  } catch (error) {
    if (error instanceof CallRequestError) return jsonError(error.status, error.message, error.code, error.field ? { field: error.field } : undefined)
    throw error
  }
}

/** POST /api/call-requests/:id/accept — the request's creator creates the offer reserved for the fan. */
export const acceptCallRequestEndpoint: Endpoint = {
  path: '/:id/accept',
  method: 'post',
  handler: (req) => answer(req, (id) => acceptCallRequest(req.payload, { userId: req.user!.id as number, role: roleOf(req) }, id)),
}

/** POST /api/call-requests/:id/reject {reason?} — the request's creator declines, optionally saying why. */
export const rejectCallRequestEndpoint: Endpoint = {
  path: '/:id/reject',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    const parsed = await parseBody(req, RejectBody)
    if (!parsed.ok) return parsed.response
    return answer(req, (id) => rejectCallRequest(req.payload, { userId: req.user!.id as number, role: roleOf(req) }, id, parsed.data.reason))
  },
}
