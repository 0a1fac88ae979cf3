/**
 * Events: emitted into the log, signed with a real `Stripe-Signature`, delivered one at a time to the
 * webhook URL and retried like Stripe does.
 */
import { createHmac } from 'node:crypto'

import Stripe from 'stripe'

import { type FormObject, optString, optStringList } from './forms'
import { clone, newId, nowSeconds } from './helpers'
import { deliveriesIdle, type EmulatorState, type QueuedDelivery, wakeIdleWaiters } from './state'
import type { EmulatedEvent, WebhookDelivery } from './types'

export const emit = (state: EmulatorState, type: string, object: unknown, extra: { account?: string; previousAttributes?: Record<string, unknown> } = {}): EmulatedEvent => {
  // The endpoint's enabled_events: other types are recorded, not sent (nor do they take a "deliver twice").
  const delivered = Boolean(state.webhookUrl) && (state.enabledEvents === null || state.enabledEvents.has(type))
  const event: EmulatedEvent = {
    id: newId('evt'),
    object: 'event',
    ...(extra.account ? { account: extra.account } : {}),
    api_version: Stripe.API_VERSION,
    created: nowSeconds(),
    data: { object: clone(object), ...(extra.previousAttributes ? { previous_attributes: clone(extra.previousAttributes) } : {}) },
    livemode: false,
    pending_webhooks: delivered ? 1 : 0,
    request: { id: state.currentRequest?.id ?? null, idempotency_key: state.currentRequest?.idempotencyKey ?? null },
    type,
  }
  state.events.push(event)
  if (delivered) {
    const copies: QueuedDelivery[] = [{ event, attempt: 1, duplicate: false }]
    if (state.duplicateNextEvent) {
      state.duplicateNextEvent = false
      copies.push({ event, attempt: 1, duplicate: true })
    }
    if (state.holding) state.held.push(...copies)
    else state.queue.push(...copies)
    setImmediate(() => void pump(state))
  }
  return event
}

const signatureHeader = (payload: string, secret: string): string => {
  const timestamp = nowSeconds()
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex')
  return `t=${timestamp},v1=${signature}`
}

const deliverOnce = async (state: EmulatorState, item: QueuedDelivery): Promise<boolean> => {
  const url = state.webhookUrl
  if (!url) return true
  // Pretty-printed like Stripe's, so a receiver that re-serialises the JSON fails verification as it would in production.
  const payload = JSON.stringify(item.event, null, 2)
  const record: WebhookDelivery = { eventId: item.event.id, type: item.event.type, attempt: item.attempt, url, status: null, error: null, at: Date.now(), duplicate: item.duplicate }
  const controller = new AbortController()
  state.inFlight.add(controller)
  const timer = setTimeout(() => controller.abort(new Error('webhook receiver did not answer within 10 s')), 10_000)
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signatureHeader(payload, state.webhookSecret), 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
      body: payload,
      signal: controller.signal,
    })
    await response.arrayBuffer().catch(() => undefined)
    record.status = response.status
    return response.ok
  } catch (error) {
    record.error = error instanceof Error ? error.message : String(error)
    return false
  } finally {
    clearTimeout(timer)
    state.inFlight.delete(controller)
    if (!state.closed) state.deliveries.push(record)
  }
}

/** One delivery at a time, in the order events were created (or released); retries wait on their own timers. */
export const pump = async (state: EmulatorState) => {
  if (state.delivering || state.closed) return
  state.delivering = true
  try {
    while (!state.closed && state.queue.length) {
      // Left at the head of the queue while in flight, so a snapshot taken meanwhile still holds it.
      const item = state.queue[0]
      const ok = await deliverOnce(state, item)
      if (state.closed) break
      // Not at the head any more: a reset forgot it meanwhile, so it is not retried either.
      const current = state.queue[0] === item
      if (current) state.queue.shift()
      const delay = state.retryDelaysMs[item.attempt - 1]
      if (!ok && current && delay !== undefined) {
        const next = { ...item, attempt: item.attempt + 1 }
        state.retrying.add(next)
        const timer = setTimeout(() => {
          state.retryTimers.delete(timer)
          if (!state.retrying.delete(next)) return wakeIdleWaiters(state)
          state.queue.push(next)
          void pump(state)
        }, delay)
        timer.unref()
        state.retryTimers.add(timer)
      }
      state.changed()
    }
  } finally {
    state.delivering = false
    wakeIdleWaiters(state)
  }
}

export const eventMatches = (event: EmulatedEvent, params: FormObject) => {
  const type = optString(params, 'type')
  const types = optStringList(params, 'types')
  const matchOne = (pattern: string) => (pattern.endsWith('.*') ? event.type.startsWith(pattern.slice(0, -1)) : event.type === pattern)
  if (type && !matchOne(type)) return false
  if (types && !types.some(matchOne)) return false
  return true
}

/** Resolves as soon as the last delivery ends (no polling: a test drains between every step). */
export const whenIdle = (state: EmulatorState, timeoutMs = 10_000): Promise<void> => {
  if (deliveriesIdle(state)) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      state.idleWaiters.delete(waiter)
      reject(new Error(`Stripe emulator: deliveries still pending after ${timeoutMs} ms (${state.queue.length} queued, ${state.retryTimers.size} waiting to retry)`))
    }, timeoutMs)
    const waiter = () => {
      if (!deliveriesIdle(state)) return false
      clearTimeout(timer)
      resolve()
      return true
    }
    state.idleWaiters.add(waiter)
  })
}

export const setWebhook = (state: EmulatorState, nextUrl: string | null, secret?: string) => {
  state.webhookUrl = nextUrl
  if (secret) state.webhookSecret = secret
}
