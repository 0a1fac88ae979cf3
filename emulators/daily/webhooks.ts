/**
 * Webhooks: POST /webhooks (after Daily's `{"test":"test"}` request, which must get a 200),
 * GET /webhooks, GET|POST|DELETE /webhooks/:uuid; events `{version, type, id, payload, event_ts}`
 * signed with Daily's scheme (./signature.ts) and delivered one at a time per webhook, in order.
 * A failed delivery follows the webhook's `retryType`: `circuit-breaker` (the default) tries the
 * event again and puts the webhook in the FAILED state after 3 consecutive failures;
 * `exponential` retries each event with growing delays and fails the webhook when they run out.
 * A FAILED webhook drops its pending and new events until it is updated (POST /webhooks/:uuid),
 * which makes it ACTIVE again.
 */
import { randomUUID } from 'node:crypto'

import { invalid, notFound } from './errors'
import { clone, type PlainObject, sleep } from './helpers'
import { isBase64, newWebhookSecret, signDailyWebhook } from './signature'
import { type EmulatorState, nowMs, type QueuedDelivery } from './state'
import type { DailyEvent, Webhook, WebhookDelivery, WebhookRetryType } from './types'

/** Event types Daily documents (the emulator emits the meeting and participant ones). */
export const EVENT_TYPES = [
  'meeting.started',
  'meeting.ended',
  'participant.joined',
  'participant.left',
  'waiting-participant.joined',
  'waiting-participant.left',
  'recording.started',
  'recording.ready-to-download',
  'recording.error',
  'transcript.started',
  'transcript.ready-to-download',
  'transcript.error',
  'streaming.started',
  'streaming.updated',
  'streaming.ended',
  'streaming.error',
  'batch-processor.job-finished',
  'batch-processor.error',
]
const RETRY_TYPES: WebhookRetryType[] = ['circuit-breaker', 'exponential']
/** `circuit-breaker`: consecutive failures before the webhook is FAILED. */
export const CIRCUIT_BREAKER_FAILURES = 3
export const EVENT_VERSION = '1.0.0'

const isoNow = (state: EmulatorState) => new Date(nowMs(state)).toISOString()

export const emit = (state: EmulatorState, type: string, payload: Record<string, unknown>): DailyEvent => {
  const event: DailyEvent = { version: EVENT_VERSION, type, id: randomUUID(), payload: clone(payload), event_ts: nowMs(state) / 1000 }
  state.events.push(event)
  for (const webhook of state.webhooks.values()) {
    if (webhook.state !== 'ACTIVE' || !webhook.eventTypes.includes(type)) continue
    const copies: QueuedDelivery[] = [{ event, attempt: 1, duplicate: false }]
    if (state.duplicateNextEvent) copies.push({ event, attempt: 1, duplicate: true })
    if (state.holding) state.held.push(...copies.map((item) => ({ webhook: webhook.uuid, item })))
    else state.queues.get(webhook.uuid)?.push(...copies)
    setImmediate(() => void pump(state, webhook.uuid))
  }
  state.duplicateNextEvent = false
  return event
}

type Post = { status: number | null; error: string | null }
const post = async (state: EmulatorState, url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Post> => {
  const controller = new AbortController()
  state.inFlight.add(controller)
  const timer = setTimeout(() => controller.abort(new Error(`the receiver did not answer within ${timeoutMs} ms`)), timeoutMs)
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, signal: controller.signal })
    await response.arrayBuffer().catch(() => undefined)
    return { status: response.status, error: null }
  } catch (error) {
    const reason = controller.signal.aborted ? controller.signal.reason : error
    return { status: null, error: reason instanceof Error ? reason.message : String(reason) }
  } finally {
    clearTimeout(timer)
    state.inFlight.delete(controller)
  }
}

const record = (state: EmulatorState, delivery: WebhookDelivery) => {
  if (!state.closed) state.deliveries.push(delivery)
}

const deliverOnce = async (state: EmulatorState, webhook: Webhook, item: QueuedDelivery): Promise<boolean> => {
  const body = JSON.stringify(item.event)
  const timestamp = String(Math.floor(Date.now() / 1000))
  const headers: Record<string, string> = { 'x-webhook-signature': signDailyWebhook(webhook.hmac, timestamp, body), 'x-webhook-timestamp': timestamp }
  if (webhook.basicAuth) headers.authorization = `Basic ${Buffer.from(webhook.basicAuth).toString('base64')}`
  const result = await post(state, webhook.url, body, headers, state.deliveryTimeoutMs)
  record(state, { webhook: webhook.uuid, eventId: item.event.id, type: item.event.type, attempt: item.attempt, url: webhook.url, ...result, at: Date.now(), duplicate: item.duplicate })
  return result.status !== null && result.status >= 200 && result.status < 300
}

const failWebhook = (state: EmulatorState, webhook: Webhook) => {
  webhook.state = 'FAILED'
  webhook.updatedAt = isoNow(state)
  state.queues.set(webhook.uuid, [])
  state.held = state.held.filter((entry) => entry.webhook !== webhook.uuid)
}

/** Delivers a webhook's queue one event at a time; a failure pauses it until the retry timer fires. */
export const pump = async (state: EmulatorState, uuid: string) => {
  if (state.closed || state.delivering.has(uuid) || state.retryTimers.has(uuid)) return
  state.delivering.add(uuid)
  try {
    for (;;) {
      const webhook = state.webhooks.get(uuid)
      const queue = state.queues.get(uuid)
      if (state.closed || !webhook || webhook.state !== 'ACTIVE' || !queue?.length) return
      const item = queue[0]
      const ok = await deliverOnce(state, webhook, item)
      // Deleted, reset or updated meanwhile: this queue is not ours to advance any more.
      if (state.closed || state.webhooks.get(uuid) !== webhook || state.queues.get(uuid)?.[0] !== item) continue
      if (ok) {
        queue.shift()
        webhook.failedCount = 0
        webhook.lastMomentPushed = isoNow(state)
        continue
      }
      webhook.failedCount++
      const delay = webhook.retryType === 'circuit-breaker' ? (webhook.failedCount < CIRCUIT_BREAKER_FAILURES ? state.circuitBreakerDelayMs : undefined) : state.retryDelaysMs[item.attempt - 1]
      if (delay === undefined) return failWebhook(state, webhook)
      queue[0] = { ...item, attempt: item.attempt + 1 }
      const timer = setTimeout(() => {
        state.retryTimers.delete(uuid)
        void pump(state, uuid)
      }, delay)
      timer.unref()
      state.retryTimers.set(uuid, timer)
      return
    }
  } finally {
    state.delivering.delete(uuid)
  }
}

/** Daily's check before it creates (or moves) a webhook: `{"test":"test"}`, unsigned, answered 200 in time. */
const verifyEndpoint = async (state: EmulatorState, uuid: string, url: string) => {
  const result = await post(state, url, JSON.stringify({ test: 'test' }), {}, state.verificationTimeoutMs)
  record(state, { webhook: uuid, eventId: 'verification', type: 'verification', attempt: 1, url, ...result, at: Date.now(), duplicate: false })
  if (result.status !== 200) {
    throw invalid(`non-200 status code returned from webhook endpoint, recvd ${result.status ?? result.error}: the endpoint must answer 200 to the {"test":"test"} request`)
  }
}

const checkUrl = (value: unknown): string => {
  if (typeof value !== 'string') throw invalid('url is required')
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw invalid(`url ${value} is not a valid URL`)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid('url must be http or https')
  return value
}

const checkEventTypes = (value: unknown): string[] => {
  if (!Array.isArray(value) || value.length === 0) throw invalid('eventTypes must be a non-empty array of event types')
  for (const type of value) if (typeof type !== 'string' || !EVENT_TYPES.includes(type)) throw invalid(`unknown event type '${String(type)}'`)
  return [...new Set(value as string[])]
}

const checkHmac = (value: unknown): string => {
  if (typeof value !== 'string' || !isBase64(value)) throw invalid('hmac must be a base64-encoded secret')
  return value
}

const checkRetryType = (value: unknown): WebhookRetryType => {
  if (!RETRY_TYPES.includes(value as WebhookRetryType)) throw invalid(`retryType must be one of ${RETRY_TYPES.join(', ')}`)
  return value as WebhookRetryType
}

const checkBasicAuth = (value: unknown): string | null => {
  if (value === null) return null
  if (typeof value !== 'string') throw invalid('basicAuth must be a string')
  return value
}

export const createWebhook = async (state: EmulatorState, body: PlainObject): Promise<Webhook> => {
  const url = checkUrl(body.url)
  const eventTypes = checkEventTypes(body.eventTypes)
  const hmac = body.hmac === undefined ? newWebhookSecret() : checkHmac(body.hmac)
  const retryType = body.retryType === undefined ? 'circuit-breaker' : checkRetryType(body.retryType)
  const basicAuth = body.basicAuth === undefined ? null : checkBasicAuth(body.basicAuth)
  const uuid = randomUUID()
  await verifyEndpoint(state, uuid, url)
  const now = isoNow(state)
  const webhook: Webhook = { uuid, url, hmac, basicAuth, retryType, eventTypes, state: 'ACTIVE', failedCount: 0, lastMomentPushed: null, domainId: state.domainId, createdAt: now, updatedAt: now }
  state.webhooks.set(uuid, webhook)
  state.queues.set(uuid, [])
  return clone(webhook)
}

export const getWebhook = (state: EmulatorState, uuid: string): Webhook => {
  const webhook = state.webhooks.get(uuid)
  if (!webhook) throw notFound(`webhook ${uuid} was not found`)
  return webhook
}

export const listWebhooks = (state: EmulatorState): Webhook[] => clone([...state.webhooks.values()])

/** POST /webhooks/:uuid: changes what is given and makes a FAILED webhook ACTIVE again. */
export const updateWebhook = async (state: EmulatorState, uuid: string, body: PlainObject): Promise<Webhook> => {
  const webhook = getWebhook(state, uuid)
  const url = body.url === undefined ? webhook.url : checkUrl(body.url)
  const eventTypes = body.eventTypes === undefined ? webhook.eventTypes : checkEventTypes(body.eventTypes)
  const hmac = body.hmac === undefined ? webhook.hmac : checkHmac(body.hmac)
  const retryType = body.retryType === undefined ? webhook.retryType : checkRetryType(body.retryType)
  const basicAuth = body.basicAuth === undefined ? webhook.basicAuth : checkBasicAuth(body.basicAuth)
  if (url !== webhook.url) await verifyEndpoint(state, uuid, url)
  Object.assign(webhook, { url, eventTypes, hmac, retryType, basicAuth, state: 'ACTIVE', failedCount: 0, updatedAt: isoNow(state) })
  return clone(webhook)
}

export const deleteWebhook = (state: EmulatorState, uuid: string): Webhook => {
  const webhook = getWebhook(state, uuid)
  state.webhooks.delete(uuid)
  state.queues.delete(uuid)
  const timer = state.retryTimers.get(uuid)
  if (timer) clearTimeout(timer)
  state.retryTimers.delete(uuid)
  state.held = state.held.filter((entry) => entry.webhook !== uuid)
  return clone(webhook)
}

export const releaseHeld = (state: EmulatorState, order: 'fifo' | 'reverse') => {
  state.holding = false
  const released = state.held.splice(0)
  for (const { webhook, item } of order === 'reverse' ? released.reverse() : released) state.queues.get(webhook)?.push(item)
  for (const uuid of state.webhooks.keys()) void pump(state, uuid)
}

export const whenIdle = async (state: EmulatorState, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs
  const pending = () => [...state.webhooks.values()].some((w) => w.state === 'ACTIVE' && (state.queues.get(w.uuid)?.length ?? 0) > 0) || state.delivering.size > 0 || state.retryTimers.size > 0
  // Events emitted just before are pumped on the next turn.
  await sleep(0)
  while (pending()) {
    if (Date.now() > deadline) throw new Error(`Daily emulator: webhook deliveries still pending after ${timeoutMs} ms`)
    await sleep(10)
  }
}
