/** /api/payouts/… — a creator requests or cancels a payout; an admin approves or rejects it (SPEC §7). */
import { z } from 'zod'

import { ownCreatorId } from '@/access'
import { SUPPORTED_CURRENCIES } from '@/domain/currencies'
import { Refusal } from '@/domain/refusal'
import { approvePayout, cancelPayout, rejectPayout, requestPayout } from '@/services/payouts'

import { defineEndpoint, NO_STORE, reasonField, Reply } from './define'

const NOT_FOUND = { notFound: 'Payout not found.' }

const creatorOf = async (req: Parameters<typeof ownCreatorId>[0]): Promise<number> => {
  const creatorId = await ownCreatorId(req)
  if (!creatorId) throw new Refusal(404, 'NOT_FOUND', 'Your creator profile is missing.')
  return creatorId
}

const amount = z
  .number({ error: 'amount must be a number of minor units (1000 = 10.00)' })
  .int({ error: 'amount must be a whole number of minor units (cents), not a fraction' })
  .positive({ error: 'amount must be greater than zero' })
  .max(Number.MAX_SAFE_INTEGER, { error: 'amount is too large' })

const currency = z
  .string()
  .transform((c) => c.toUpperCase())
  .pipe(z.enum(SUPPORTED_CURRENCIES, { error: `currency must be one of ${SUPPORTED_CURRENCIES.join(', ')}` }))

/** POST /api/payouts/request {amount?, currency?} — reserves the amount (default: all available) and asks admins to approve. */
export const requestPayoutEndpoint = defineEndpoint({
  path: '/request',
  method: 'post',
  roles: ['creator'],
  forbidden: 'Only creators request payouts.',
  body: z.object({ amount: amount.optional(), currency: currency.optional(), creator: z.number().optional() }),
  headers: NO_STORE,
  handler: async ({ req, caller, body }) => {
    const creatorId = await creatorOf(req)
    if (body.creator !== undefined && body.creator !== creatorId) throw new Refusal(403, 'FORBIDDEN', 'You can request payouts only from your own balance.')
    return new Reply(await requestPayout(req.payload, { creatorId, userId: caller.userId, amount: body.amount, currency: body.currency }), 201)
  },
})

/** POST /api/payouts/:id/cancel — the creator takes back a payout still waiting for approval. */
export const cancelPayoutEndpoint = defineEndpoint({
  path: '/:id/cancel',
  method: 'post',
  roles: ['creator'],
  forbidden: 'Only the creator who requested a payout can cancel it.',
  id: NOT_FOUND,
  headers: NO_STORE,
  handler: async ({ req, caller, id }) => ({ payout: await cancelPayout(req.payload, { payoutId: id, creatorId: await creatorOf(req), userId: caller.userId }) }),
})

/** POST /api/payouts/:id/approve — admin: the payout is created at Stripe by a job. */
export const approvePayoutEndpoint = defineEndpoint({
  path: '/:id/approve',
  method: 'post',
  roles: ['admin'],
  forbidden: 'Only admins approve payouts.',
  id: NOT_FOUND,
  headers: NO_STORE,
  handler: async ({ req, caller, id }) => ({ payout: await approvePayout(req.payload, { payoutId: id, adminId: caller.userId }) }),
})

/** POST /api/payouts/:id/reject {reason} — admin: the amount goes back to the creator's balance. */
export const rejectPayoutEndpoint = defineEndpoint({
  path: '/:id/reject',
  method: 'post',
  roles: ['admin'],
  forbidden: 'Only admins reject payouts.',
  id: NOT_FOUND,
  body: z.object({
    reason: reasonField('tell the creator why'),
  }),
  headers: NO_STORE,
  handler: async ({ req, caller, id, body }) => ({ payout: await rejectPayout(req.payload, { payoutId: id, adminId: caller.userId, reason: body.reason }) }),
})

export const payoutEndpoints = [requestPayoutEndpoint, cancelPayoutEndpoint, approvePayoutEndpoint, rejectPayoutEndpoint]
