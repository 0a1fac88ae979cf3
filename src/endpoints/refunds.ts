/** /api/refunds/… — the booking's fan or an admin requests a refund; an admin approves or rejects it (SPEC §7). */
import { z } from 'zod'

import { approveRefund, rejectRefund, requestRefund } from '@/services/refunds'

import { defineEndpoint, NO_STORE, reasonField as reason, Reply } from './define'

const NOT_FOUND = { notFound: 'Refund not found.' }

/** POST /api/refunds/request {bookingId, reason, amount?} — policy cases approved at once, the rest wait for an admin. */
export const requestRefundEndpoint = defineEndpoint({
  path: '/request',
  method: 'post',
  body: z.object({
    bookingId: z.number({ error: 'bookingId must be the id of your booking' }).int({ error: 'bookingId must be the id of your booking' }).positive({ error: 'bookingId must be the id of your booking' }),
    reason: reason('tell us why you ask for a refund'),
    amount: z
      .number({ error: 'amount must be a number of minor units (1000 = 10.00)' })
      .int({ error: 'amount must be a whole number of minor units (cents), not a fraction' })
      .positive({ error: 'amount must be greater than zero' })
      .max(Number.MAX_SAFE_INTEGER, { error: 'amount is too large' })
      .optional(),
  }),
  headers: NO_STORE,
  handler: async ({ req, caller, body }) => new Reply(await requestRefund(req.payload, caller, body), 201),
})

/** POST /api/refunds/:id/approve — admin: the refund is made at Stripe by a job. */
export const approveRefundEndpoint = defineEndpoint({
  path: '/:id/approve',
  method: 'post',
  roles: ['admin'],
  forbidden: 'Only admins approve refunds.',
  id: NOT_FOUND,
  headers: NO_STORE,
  handler: async ({ req, caller, id }) => approveRefund(req.payload, { refundId: id, adminId: caller.userId }),
})

/** POST /api/refunds/:id/reject {reason} — admin: the fan is told why. */
export const rejectRefundEndpoint = defineEndpoint({
  path: '/:id/reject',
  method: 'post',
  roles: ['admin'],
  forbidden: 'Only admins reject refunds.',
  id: NOT_FOUND,
  body: z.object({ reason: reason('tell the fan why') }),
  headers: NO_STORE,
  handler: async ({ req, caller, id, body }) => rejectRefund(req.payload, { refundId: id, adminId: caller.userId, reason: body.reason }),
})

export const refundEndpoints = [requestRefundEndpoint, approveRefundEndpoint, rejectRefundEndpoint]
