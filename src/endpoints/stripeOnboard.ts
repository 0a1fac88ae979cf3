import type { Endpoint } from 'payload'

import { ownCreatorId, roleOf } from '@/access'
import { onboardingLink } from '@/services/stripeAccounts'

import { forbidden, jsonError, unauthorized } from './http'

/** POST /api/creators/me/stripe/onboard — the creator's Stripe onboarding link `{ url }`. */
export const stripeOnboardEndpoint: Endpoint = {
  path: '/me/stripe/onboard',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    if (roleOf(req) !== 'creator') return forbidden('Only creators connect a payment account.')
    const creatorId = await ownCreatorId(req)
    if (!creatorId) return jsonError(404, 'Your creator profile is missing.', 'NOT_FOUND')
    try {
      return Response.json({ url: await onboardingLink(req.payload, creatorId) })
    } catch (error) {
      req.payload.logger.error({ err: error }, 'Stripe onboarding failed')
      return jsonError(502, 'The payment provider is not answering. Please try again in a moment.', 'PAYMENT_PROVIDER_UNAVAILABLE')
    }
  },
}

/** GET /api/creators/me — the calling creator's own profile (the `user` field cannot be queried by them). */
export const ownCreatorEndpoint: Endpoint = {
  path: '/me',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    if (roleOf(req) !== 'creator') return forbidden('Only creators have a creator profile.')
    const creatorId = await ownCreatorId(req)
    if (!creatorId) return jsonError(404, 'Your creator profile is missing.', 'NOT_FOUND')
    const doc = await req.payload.findByID({ collection: 'creators', id: creatorId, depth: 0, overrideAccess: false, user: req.user })
    return Response.json(doc, { headers: { 'cache-control': 'no-store' } })
  },
}
