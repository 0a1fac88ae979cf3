/** /api/stripe/… */
import { receiveStripeWebhook } from '@/services/stripeEvents'

import { defineEndpoint } from './define'

/**
 * POST /api/stripe/webhook — verify the signature on the raw body, store the event once
 * (unique provider + event id), queue its processing, answer 200 fast. Duplicates are no-ops.
 */
export const stripeWebhookEndpoint = defineEndpoint({
  path: '/stripe/webhook',
  method: 'post',
  auth: false,
  handler: async ({ req }) => {
    const raw = req.text ? await req.text() : ''
    return receiveStripeWebhook(req.payload, raw, req.headers.get('stripe-signature'))
  },
})
