/** /api/disputes/… — admins answer a dispute with evidence (SPEC §7). */
import { z } from 'zod'

import { disputeEvidence, saveEvidence } from '@/services/disputeEvidence'

import { defineEndpoint, NO_STORE } from './define'

const NOT_FOUND = { notFound: 'Dispute not found.' }

/** GET /api/disputes/:id/evidence — admin: the saved evidence (or the summary generated from the booking) and where it stands. */
export const disputeEvidenceEndpoint = defineEndpoint({
  path: '/:id/evidence',
  method: 'get',
  roles: ['admin'],
  forbidden: 'Only admins answer disputes.',
  id: NOT_FOUND,
  headers: NO_STORE,
  handler: async ({ req, id }) => disputeEvidence(req.payload, id),
})

/** POST /api/disputes/:id/evidence {text, submit?} — admin: a draft, or submitted to the bank through Stripe (once, final). */
export const saveDisputeEvidenceEndpoint = defineEndpoint({
  path: '/:id/evidence',
  method: 'post',
  roles: ['admin'],
  forbidden: 'Only admins answer disputes.',
  id: NOT_FOUND,
  body: z.object({
    text: z
      .string({ error: 'text is required: the evidence sent to the bank' })
      .trim()
      .min(1, { error: 'text is required: the evidence sent to the bank' })
      .max(20_000, { error: 'text must be at most 20000 characters (Stripe’s limit)' }),
    submit: z.boolean({ error: 'submit must be true or false' }).optional(),
  }),
  headers: NO_STORE,
  handler: async ({ req, caller, id, body }) => saveEvidence(req.payload, { disputeId: id, adminId: caller.userId, text: body.text, submit: body.submit ?? false }),
})

export const disputeEndpoints = [disputeEvidenceEndpoint, saveDisputeEvidenceEndpoint]
