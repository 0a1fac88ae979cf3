import type { Endpoint } from 'payload'
import type Stripe from 'stripe'

import { stripeClient, stripeMode, webhookSecret } from '@/integrations/stripe/client'
import { query } from '@/lib/db'
import { now } from '@/lib/clock'
import { logSystem } from '@/services/logs'

import { jsonError } from './http'

/**
 * POST /api/stripe/webhook — verify the signature on the raw body, store the event once
 * (unique provider + event id), queue its processing, answer 200 fast. Duplicates are no-ops.
 */
export const stripeWebhookEndpoint: Endpoint = {
  path: '/stripe/webhook',
  method: 'post',
  handler: async (req) => {
    const raw = req.text ? await req.text() : ''
    const signature = req.headers.get('stripe-signature')
    let event: Stripe.Event
    try {
      if (!signature) throw new Error('missing Stripe-Signature header')
      event = stripeClient().webhooks.constructEvent(raw, signature, webhookSecret())
    } catch (error) {
      await logSystem(req.payload, {
        level: 'WARNING',
        type: 'stripe.webhook_rejected',
        message: 'Stripe webhook refused: signature could not be verified',
        metadata: { reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown', bytes: raw.length },
      })
      return jsonError(400, 'Invalid Stripe signature.', 'INVALID_SIGNATURE')
    }
    if (event.livemode !== (stripeMode() === 'live')) {
      await logSystem(req.payload, { level: 'WARNING', type: 'stripe.webhook_mode_mismatch', message: `Stripe event ${event.id} ignored: livemode does not match this deployment` })
      return Response.json({ received: true, ignored: true })
    }
    const [stored] = await query<{ id: number }>(
      req.payload,
      `INSERT INTO webhook_events (provider, event_id, type, received_at, status, attempts, payload, updated_at, created_at)
       VALUES ('stripe', $1, $2, $3, 'received', 0, $4, now(), now())
       ON CONFLICT DO NOTHING RETURNING id`,
      [event.id, event.type, now().toISOString(), raw],
    )
    if (!stored) return Response.json({ received: true, duplicate: true })
    await req.payload.jobs.queue({ task: 'process-stripe-event', input: { webhookEventId: stored.id } })
    return Response.json({ received: true })
  },
}
