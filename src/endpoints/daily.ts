/** /api/daily/… */
import { receiveDailyWebhook } from '@/services/dailyEvents'

import { defineEndpoint } from './define'

/**
 * POST /api/daily/webhook — Daily's test ping answered 200; otherwise the signature checked on the
 * raw body (400 when missing or wrong), the event stored once and processed by a job; duplicates 200.
 */
export const dailyWebhookEndpoint = defineEndpoint({
  path: '/daily/webhook',
  method: 'post',
  auth: false,
  handler: async ({ req }) => {
    const raw = req.text ? await req.text() : ''
    return receiveDailyWebhook(req.payload, raw, { timestamp: req.headers.get('x-webhook-timestamp'), signature: req.headers.get('x-webhook-signature') })
  },
})
