/** /api/creators/me… — the calling creator's own profile and payment account; /api/creators/:id/payouts/… — admins block or unblock a creator's payouts. */
import { z } from 'zod'

import { ownCreatorId } from '@/access'
import { Refusal } from '@/domain/refusal'
import { blockPayouts, unblockPayouts } from '@/services/blocks'
import { creatorBalances } from '@/services/payouts'
import { expressDashboardLink, onboardingLink } from '@/services/stripeAccounts'

import { defineEndpoint, NO_STORE, reasonField, Reply } from './define'

const profileMissing = () => new Refusal(404, 'NOT_FOUND', 'Your creator profile is missing.')

/** GET /api/creators/me — the calling creator's own profile (the `user` field cannot be queried by them). */
export const ownCreatorEndpoint = defineEndpoint({
  path: '/me',
  method: 'get',
  roles: ['creator'],
  forbidden: 'Only creators have a creator profile.',
  handler: async ({ req }) => {
    const creatorId = await ownCreatorId(req)
    if (!creatorId) throw profileMissing()
    const doc = await req.payload.findByID({ collection: 'creators', id: creatorId, depth: 0, overrideAccess: false, user: req.user })
    return new Reply(doc, 200, { 'cache-control': 'no-store' })
  },
})

/** POST /api/creators/me/stripe/onboard — the creator's Stripe onboarding link `{ url }`. */
export const stripeOnboardEndpoint = defineEndpoint({
  path: '/me/stripe/onboard',
  method: 'post',
  roles: ['creator'],
  forbidden: 'Only creators connect a payment account.',
  handler: async ({ req }) => {
    const creatorId = await ownCreatorId(req)
    if (!creatorId) throw profileMissing()
    return { url: await onboardingLink(req.payload, creatorId) }
  },
})

/** POST /api/creators/me/stripe/dashboard — a link `{ url }` to the creator's Stripe Express dashboard. */
export const stripeDashboardEndpoint = defineEndpoint({
  path: '/me/stripe/dashboard',
  method: 'post',
  roles: ['creator'],
  forbidden: 'Only creators have a Stripe dashboard.',
  headers: NO_STORE,
  handler: async ({ req }) => {
    const creatorId = await ownCreatorId(req)
    if (!creatorId) throw profileMissing()
    return { url: await expressDashboardLink(req.payload, creatorId) }
  },
})

/** GET /api/creators/me/balance — `[{ currency, available, pending, reserved, debt }]` in minor units (SPEC §7). */
export const ownBalanceEndpoint = defineEndpoint({
  path: '/me/balance',
  method: 'get',
  roles: ['creator'],
  forbidden: 'Only creators have a balance.',
  headers: NO_STORE,
  handler: async ({ req }) => {
    const creatorId = await ownCreatorId(req)
    if (!creatorId) throw profileMissing()
    return creatorBalances(req.payload, creatorId)
  },
})

const NOT_FOUND = { notFound: 'Creator not found.' }

/** POST /api/creators/:id/payouts/block {reason} — admins: the creator's payouts stop until an admin lifts the block. */
export const blockPayoutsEndpoint = defineEndpoint({
  path: '/:id/payouts/block',
  method: 'post',
  roles: ['admin'],
  forbidden: 'Only admins block payouts.',
  id: NOT_FOUND,
  body: z.object({
    reason: reasonField('tell the creator why'),
  }),
  headers: NO_STORE,
  handler: async ({ req, caller, id, body }) => ({ creator: await blockPayouts(req.payload, { creatorId: id, adminId: caller.userId, reason: body.reason }) }),
})

/** POST /api/creators/:id/payouts/unblock {reason?} — admins: lifts the block (an admin's or a debt block). */
export const unblockPayoutsEndpoint = defineEndpoint({
  path: '/:id/payouts/unblock',
  method: 'post',
  roles: ['admin'],
  forbidden: 'Only admins unblock payouts.',
  id: NOT_FOUND,
  body: z.object({ reason: z.string().trim().max(1000, { error: 'reason must be at most 1000 characters' }).optional() }),
  headers: NO_STORE,
  handler: async ({ req, caller, id, body }) =>
    ({ creator: await unblockPayouts(req.payload, { creatorId: id, adminId: caller.userId, reason: body.reason || undefined }) }),
})
