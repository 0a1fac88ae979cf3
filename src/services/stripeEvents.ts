import type { Payload } from 'payload'
import type Stripe from 'stripe'

import { runner } from '@/db/run'
import { claimWebhookEvent, failWebhookEvent, finishWebhookEvent, storeWebhookEvent } from '@/db/webhookEvents'
import { Refusal } from '@/domain/refusal'
import { stripeClient, stripeMode, webhookSecret } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'

import { logSystem } from './logs'
import { DISPUTE_EVENT_TYPES, isDisputeEvent, type DisputeEventType, type DisputeOutcome } from './disputes'
import type { PaymentOutcome } from './payments'
import type { PayoutEventOutcome } from './payouts'
import type { RefundEventOutcome } from './refundEvents'

/**
 * The event types `processStripeEvent` acts on (any other is stored and marked ignored): what the
 * platform and Connect webhook endpoints need to subscribe to (`enabled_events`).
 */
export const HANDLED_STRIPE_EVENTS = [
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'account.updated',
  'payout.paid',
  'payout.failed',
  'payout.canceled',
  'charge.refunded',
  'refund.created',
  'refund.updated',
  'refund.failed',
  ...DISPUTE_EVENT_TYPES,
] as const

export type WebhookReceipt = { received: true; ignored?: true; duplicate?: true }

/**
 * POST /api/stripe/webhook: verifies the signature on the raw body, stores the event once (unique
 * provider + event id), queues its processing. Duplicates and events of the other mode (live/test)
 * are acknowledged and change nothing; a bad signature is a 400 (logged).
 */
export const receiveStripeWebhook = async (payload: Payload, raw: string, signature: string | null): Promise<WebhookReceipt> => {
  let event: Stripe.Event
  try {
    if (!signature) throw new Error('missing Stripe-Signature header')
    event = stripeClient().webhooks.constructEvent(raw, signature, webhookSecret())
  } catch (error) {
    await logSystem(payload, {
      level: 'WARNING',
      type: 'stripe.webhook_rejected',
      message: 'Stripe webhook refused: signature could not be verified',
      metadata: { reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown', bytes: raw.length },
    })
    throw new Refusal(400, 'INVALID_SIGNATURE', 'Invalid Stripe signature.')
  }
  if (event.livemode !== (stripeMode() === 'live')) {
    await logSystem(payload, { level: 'WARNING', type: 'stripe.webhook_mode_mismatch', message: `Stripe event ${event.id} ignored: livemode does not match this deployment` })
    return { received: true, ignored: true }
  }
  const stored = await storeWebhookEvent(runner(payload), { provider: 'stripe', eventId: event.id, type: event.type, receivedAt: now(), payload: raw })
  if (!stored) return { received: true, duplicate: true }
  await payload.jobs.queue({ task: 'process-stripe-event', input: { webhookEventId: stored } })
  return { received: true }
}

type Handlers = {
  onPaymentSucceeded: (payload: Payload, intent: Stripe.PaymentIntent) => Promise<PaymentOutcome>
  onPaymentFailed: (payload: Payload, intent: Stripe.PaymentIntent) => Promise<PaymentOutcome>
  onAccountUpdated: (payload: Payload, account: Stripe.Account) => Promise<'updated' | 'ignored'>
  /** Connected-account events (Connect webhook): `event.account` names the creator's account. */
  onPayoutEvent: (payload: Payload, type: 'payout.paid' | 'payout.failed' | 'payout.canceled', payout: Stripe.Payout, account: string | undefined) => Promise<PayoutEventOutcome>
  /** Refunds (ours are no-ops; one made in the Stripe dashboard is recorded once). */
  onRefundEvent: (payload: Payload, type: string, object: Stripe.Refund | Stripe.Charge) => Promise<RefundEventOutcome>
  /** `charge.dispute.*` (platform webhook). */
  onDisputeEvent: (payload: Payload, type: DisputeEventType, dispute: Stripe.Dispute) => Promise<DisputeOutcome>
}

/**
 * Processes one stored Stripe event (the `process-stripe-event` job). Claims it with a conditional
 * update, dispatches by type, records the outcome on the webhook-events row; a failure is recorded
 * and rethrown so the job retries. Handlers are idempotent: any order, any number of deliveries.
 */
export const processStripeEvent = async (payload: Payload, webhookEventId: number, handlers: Handlers): Promise<string | null> => {
  const run = runner(payload)
  const row = await claimWebhookEvent<Stripe.Event>(run, webhookEventId)
  if (!row) return null
  const event = row.payload
  try {
    let outcome: PaymentOutcome | PayoutEventOutcome | RefundEventOutcome | DisputeOutcome | 'updated' | 'ignored'
    // One branch per type of HANDLED_STRIPE_EVENTS. Disputes (charge.dispute.*): stored once, applied in any order.
    if (isDisputeEvent(event.type)) outcome = await handlers.onDisputeEvent(payload, event.type, event.data.object as Stripe.Dispute)
    else switch (event.type) {
      case 'payment_intent.succeeded':
        outcome = await handlers.onPaymentSucceeded(payload, event.data.object)
        break
      case 'payment_intent.payment_failed':
        outcome = await handlers.onPaymentFailed(payload, event.data.object)
        break
      case 'account.updated':
        outcome = await handlers.onAccountUpdated(payload, event.data.object)
        break
      case 'payout.paid':
      case 'payout.failed':
      case 'payout.canceled':
        outcome = await handlers.onPayoutEvent(payload, event.type, event.data.object, event.account)
        break
      // Refunds (SPEC §7): charge.refunded carries the Charge, refund.* the Refund.
      case 'charge.refunded':
      case 'refund.created':
      case 'refund.updated':
      case 'refund.failed':
        outcome = await handlers.onRefundEvent(payload, event.type, event.data.object)
        break
      default:
        outcome = 'ignored'
    }
    await finishWebhookEvent(run, webhookEventId, outcome === 'ignored' ? 'ignored' : 'processed')
    await logSystem(payload, {
      level: 'INFO',
      type: 'stripe.webhook_processed',
      message: `Stripe ${event.type} ${event.id}: ${outcome}`,
      metadata: { eventId: event.id, type: event.type, outcome, webhookEventId },
    })
    return outcome
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await failWebhookEvent(run, webhookEventId, message.slice(0, 2000))
    await logSystem(payload, { level: 'ERROR', type: 'stripe.webhook_failed', message: `Stripe ${event.type} ${event.id} failed: ${message}`, metadata: { eventId: event.id, webhookEventId } })
    throw error
  }
}
