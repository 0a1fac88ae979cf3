import type { Payload } from 'payload'
import type Stripe from 'stripe'

import { query } from '@/lib/db'

import { logSystem } from './logs'
import type { PaymentOutcome } from './payments'

type Handlers = {
  onPaymentSucceeded: (payload: Payload, intent: Stripe.PaymentIntent) => Promise<PaymentOutcome>
  onPaymentFailed: (payload: Payload, intent: Stripe.PaymentIntent) => Promise<PaymentOutcome>
  onAccountUpdated: (payload: Payload, account: Stripe.Account) => Promise<'updated' | 'ignored'>
}

/**
 * Processes one stored Stripe event (the `process-stripe-event` job). Claims it with a conditional
 * update, dispatches by type, records the outcome on the webhook-events row; a failure is recorded
 * and rethrown so the job retries. Handlers are idempotent: any order, any number of deliveries.
 */
export const processStripeEvent = async (payload: Payload, webhookEventId: number, handlers: Handlers): Promise<string | null> => {
  const [row] = await query<{ payload: Stripe.Event; type: string; event_id: string }>(
    payload,
    `UPDATE webhook_events SET status = 'processing', attempts = attempts + 1, updated_at = now()
      WHERE id = $1 AND (status IN ('received', 'failed')
        -- a worker that died mid-event leaves it 'processing'; its retry may take it back
        OR (status = 'processing' AND updated_at < now() - interval '5 minutes'))
      RETURNING payload, type, event_id`,
    [webhookEventId],
  )
  if (!row) return null
  const event = row.payload
  try {
    let outcome: PaymentOutcome | 'updated' | 'ignored'
    switch (event.type) {
      case 'payment_intent.succeeded':
        outcome = await handlers.onPaymentSucceeded(payload, event.data.object)
        break
      case 'payment_intent.payment_failed':
        outcome = await handlers.onPaymentFailed(payload, event.data.object)
        break
      case 'account.updated':
        outcome = await handlers.onAccountUpdated(payload, event.data.object)
        break
      default:
        outcome = 'ignored'
    }
    await query(payload, `UPDATE webhook_events SET status = $2, processed_at = now(), error = NULL, updated_at = now() WHERE id = $1`, [
      webhookEventId,
      outcome === 'ignored' ? 'ignored' : 'processed',
    ])
    await logSystem(payload, {
      level: 'INFO',
      type: 'stripe.webhook_processed',
      message: `Stripe ${event.type} ${event.id}: ${outcome}`,
      metadata: { eventId: event.id, type: event.type, outcome, webhookEventId },
    })
    return outcome
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await query(payload, `UPDATE webhook_events SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`, [webhookEventId, message.slice(0, 2000)])
    await logSystem(payload, { level: 'ERROR', type: 'stripe.webhook_failed', message: `Stripe ${event.type} ${event.id} failed: ${message}`, metadata: { eventId: event.id, webhookEventId } })
    throw error
  }
}
