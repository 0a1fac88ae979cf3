import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { roleOf } from '@/access'
import { CancellationError, cancelBooking, cancellationPreview, type Viewer } from '@/services/cancellations'

import { jsonError, parseBody, unauthorized } from './http'

const Body = z.object({
  reason: z
    .string({ error: 'reason is required: say in a few words why the booking is cancelled.' })
    .trim()
    .min(1, 'reason is required: say in a few words why the booking is cancelled.')
    .max(500, 'reason must be at most 500 characters.'),
})

const noStore = { 'cache-control': 'private, no-store' }

const idOf = (value: unknown): number | null => {
  const id = Number(value)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

const viewerOf = (req: PayloadRequest): Viewer => ({ userId: req.user!.id as number, role: roleOf(req) })

const notFound = () => jsonError(404, 'This booking does not exist.', 'NOT_FOUND')

const asResponse = (error: unknown): Response => {
  if (error instanceof CancellationError) return jsonError(error.status, error.message, error.code)
  throw error
}

/**
 * POST /api/bookings/:id/cancel {reason} — the booking's fan, its creator or an admin cancel it under
 * the SPEC §5 policy. 401 guest; 404 for anyone else (the booking does not exist for them, as for
 * its .ics); 400 naming `reason`; 409 with CANCELLATION_WINDOW_PASSED, BOOKING_STARTED,
 * BOOKING_NOT_CANCELLABLE or PAYMENT_IN_PROGRESS. 200 `{ booking, offer, refund }`.
 */
export const cancelBookingEndpoint: Endpoint = {
  path: '/:id/cancel',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    const id = idOf(req.routeParams?.id)
    if (!id) return notFound()
    const parsed = await parseBody(req, Body)
    if (!parsed.ok) return parsed.response
    try {
      return Response.json(await cancelBooking(req.payload, viewerOf(req), id, parsed.data.reason), { headers: noStore })
    } catch (error) {
      return asResponse(error)
    }
  },
}

/**
 * GET /api/bookings/:id/cancellation — what the storefront states before the caller confirms:
 * `{ cancellable, refund: 'full' | 'none', reasonCode?, freeUntil }` for this caller, now.
 */
export const cancellationPreviewEndpoint: Endpoint = {
  path: '/:id/cancellation',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    const id = idOf(req.routeParams?.id)
    if (!id) return notFound()
    try {
      return Response.json(await cancellationPreview(req.payload, viewerOf(req), id), { headers: noStore })
    } catch (error) {
      return asResponse(error)
    }
  },
}
