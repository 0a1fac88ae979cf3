/** /api/creators/me… — the calling creator's own profile and payment account. */
import { ownCreatorId } from '@/access'
import { Refusal } from '@/domain/refusal'
import { creatorBalances } from '@/services/payouts'
import { expressDashboardLink, onboardingLink } from '@/services/stripeAccounts'

import { defineEndpoint, Reply } from './define'

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
  headers: { 'cache-control': 'private, no-store' },
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
  headers: { 'cache-control': 'private, no-store' },
  handler: async ({ req }) => {
    const creatorId = await ownCreatorId(req)
    if (!creatorId) throw profileMissing()
    return creatorBalances(req.payload, creatorId)
  },
})
