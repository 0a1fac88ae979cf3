import type { Endpoint } from 'payload'
import { z } from 'zod'

import { roleOf } from '@/access'
import { CheckoutError, checkout } from '@/services/checkout'

import { forbidden, jsonError, parseBody, unauthorized } from './http'

const Body = z.object({ offerId: z.coerce.number().int('offerId must be an offer id.').positive('offerId must be an offer id.') })

/** POST /api/bookings/checkout {offerId} — fans and creators hold a slot and get a PaymentIntent. */
export const checkoutEndpoint: Endpoint = {
  path: '/checkout',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    if (!['fan', 'creator'].includes(roleOf(req) ?? '')) return forbidden('Only fans and creators can book calls.')
    const parsed = await parseBody(req, Body)
    if (!parsed.ok) return parsed.response
    try {
      const result = await checkout(req.payload, { userId: req.user.id as number }, parsed.data.offerId)
      return Response.json(result, { status: result.resumed ? 200 : 201 })
    } catch (error) {
      if (error instanceof CheckoutError) return jsonError(error.status, error.message, error.code)
      throw error
    }
  },
}
