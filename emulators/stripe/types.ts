/**
 * The Stripe emulator's public types: its options, the control surface tests use, and what it records.
 */
import type { Account, Dispute, Payout } from './objects'

export type StripeEmulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number
  host?: string
  /** Base URL browsers use to reach the emulator (onboarding pages); defaults to the listening URL. */
  publicUrl?: string
  /** Where events are POSTed; without it events are recorded but not delivered. */
  webhookUrl?: string | null
  webhookSecret?: string
  /**
   * The webhook endpoint's `enabled_events` (Stripe delivers only these; `*` or absent: all). Events
   * of other types are still recorded (`control.events()`, `GET /v1/events`), never delivered.
   */
  enabledEvents?: readonly string[]
  /** Delay before each retry of a failed delivery; its length is the number of retries. */
  retryDelaysMs?: number[]
  /** How long incoming funds stay `pending` before they count as `available` (0: at once). */
  fundsPendingMs?: number
  /** Country of connected accounts created without one. */
  defaultCountry?: string
  /**
   * A JSON file the state is loaded from at start and saved to after every change (./persist.ts),
   * so it survives restarts. Without it (tests), the state lives in memory only.
   */
  stateFile?: string
}

export type FailureMode = 'error' | 'timeout' | 'lost_response'

export type FailNextOptions = {
  count: number
  /**
   * `error`: HTTP 500 before anything happens. `timeout`: the request is never answered and nothing
   * happens. `lost_response`: the request is carried out (and stored under its idempotency key) but
   * never answered — what a client sees when Stripe succeeded and the network dropped the answer.
   */
  mode?: FailureMode
  /** Only requests whose path starts with this (default `/v1/`) count. */
  pathPrefix?: string
  method?: 'GET' | 'POST' | 'DELETE'
}

export type EmulatedEvent = {
  id: string
  object: 'event'
  account?: string
  api_version: string
  created: number
  data: { object: unknown; previous_attributes?: Record<string, unknown> }
  livemode: false
  pending_webhooks: number
  request: { id: string | null; idempotency_key: string | null }
  type: string
}

export type WebhookDelivery = {
  eventId: string
  type: string
  attempt: number
  url: string
  /** HTTP status answered by the receiver, null when it could not be reached. */
  status: number | null
  error: string | null
  at: number
  /** True for the extra copy sent after `deliverNextEventTwice()`. */
  duplicate: boolean
}

export type EmulatedRequest = {
  method: string
  path: string
  account: string | null
  idempotencyKey: string | null
  status: number | 'no_response'
  replayed: boolean
  injected: FailureMode | null
}

export type StripeEmulatorControl = {
  failNext: (options: FailNextOptions) => void
  openDispute: (options: { paymentIntent: string; amount?: number; reason?: string }) => Dispute
  closeDispute: (id: string, status: 'won' | 'lost') => Dispute
  /** Finishes a pending payout as the bank would; `failed` also works on a paid payout (Stripe's late failure). */
  payoutOutcome: (id: string, outcome: 'paid' | 'failed' | 'canceled', failureCode?: string) => Payout
  /** What the "Complete onboarding" button does, without a browser. */
  completeOnboarding: (accountId: string) => Account
  /** Makes pending funds available now (all accounts, or one; `platform` for the platform). */
  releasePendingFunds: (accountId?: string) => void
  deliverNextEventTwice: () => void
  holdEvents: () => void
  releaseEvents: (options?: { order?: 'fifo' | 'reverse' }) => void
  /** Every event emitted so far (copies), or those `filter` keeps (it sees the stored events: read them only). */
  events: (filter?: (event: EmulatedEvent) => boolean) => EmulatedEvent[]
  deliveries: () => WebhookDelivery[]
  requests: () => EmulatedRequest[]
  /** Resolves once no delivery is queued, in flight or waiting for a retry (held events excepted). */
  whenIdle: (timeoutMs?: number) => Promise<void>
  /** Forgets every object, event, delivery, stored idempotent response and pending failure. */
  reset: () => void
}

export type StripeEmulator = {
  url: string
  host: string
  port: number
  close: () => Promise<void>
  setWebhook: (url: string | null, secret?: string) => void
  control: StripeEmulatorControl
}
