/**
 * The one state object every part of the Stripe emulator works on (each resource module takes it
 * as its first argument): the objects kept in memory, balances, events and their delivery queue,
 * stored idempotent responses, and the switches tests flip through `control`.
 */
import type http from 'node:http'

import type { Account, ApplicationFee, BalanceTransaction, Charge, Dispute, PaymentIntent, PaymentMethod, Payout, Refund, Transfer } from './objects'
import type { TestCard } from './paymentMethods'
import type { EmulatedEvent, EmulatedRequest, FailNextOptions, StripeEmulatorOptions, WebhookDelivery } from './types'

export type LedgerEntry = { txn: BalanceTransaction; availableAtMs: number }
export type AccountLink = { account: string; refreshUrl: string | null; returnUrl: string | null; expiresAt: number; visited: boolean; completed: boolean }
type StoredResponse = { fingerprint: string; status: number; body: unknown; storedAt: number }
/** How long Stripe keeps the answer stored under an `Idempotency-Key`. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

export type QueuedDelivery = { event: EmulatedEvent; attempt: number; duplicate: boolean }

export type EmulatorState = {
  retryDelaysMs: number[]
  fundsPendingMs: number
  defaultCountry: string
  webhookUrl: string | null
  webhookSecret: string
  /** The types delivered to the webhook URL; null: all (Stripe's `enabled_events: ['*']`). */
  enabledEvents: ReadonlySet<string> | null
  /** Base URL browsers use to reach the emulator (onboarding pages, receipts); set once it listens. */
  baseUrl: string

  accounts: Map<string, Account>
  accountLinks: Map<string, AccountLink>
  paymentMethods: Map<string, { pm: PaymentMethod; card: TestCard }>
  paymentIntents: Map<string, PaymentIntent>
  charges: Map<string, Charge>
  applicationFees: Map<string, ApplicationFee>
  transfers: Map<string, Transfer>
  refunds: Map<string, Refund>
  payouts: Map<string, { payout: Payout; owner: string }>
  disputes: Map<string, Dispute>
  ledgers: Map<string, LedgerEntry[]>
  /**
   * Per charge, what refunds with reverse_transfer / refund_application_fee covered and took back so
   * far: shares are computed on these running totals so that partial refunds add up exactly.
   */
  refundShares: Map<string, { reversalBase: number; reversed: number; feeBase: number; feeRefunded: number }>
  events: EmulatedEvent[]
  deliveries: WebhookDelivery[]
  requestLog: EmulatedRequest[]
  idempotent: Map<string, StoredResponse>
  failure: Required<Omit<FailNextOptions, 'method'>> & { method?: string }
  duplicateNextEvent: boolean
  holding: boolean
  held: QueuedDelivery[]
  queue: QueuedDelivery[]
  /** Deliveries that failed and wait on a retry timer (kept so a persisted state can send them again). */
  retrying: Set<QueuedDelivery>
  retryTimers: Set<NodeJS.Timeout>
  /** `whenIdle` callers, woken when deliveries stop (each returns true once it is done waiting). */
  idleWaiters: Set<() => boolean>
  hanging: Set<http.ServerResponse>
  inFlight: Set<AbortController>
  delivering: boolean
  closed: boolean
  /** The API request being handled, so the events it causes carry `request.id`/`idempotency_key`. */
  currentRequest: { id: string; idempotencyKey: string | null } | null
  /** Called after anything that changes what a snapshot holds (./persist.ts saves then; a no-op in memory). */
  changed: () => void
}

export const createState = (options: StripeEmulatorOptions): EmulatorState => ({
  retryDelaysMs: options.retryDelaysMs ?? [1_000, 5_000, 30_000, 120_000, 600_000],
  fundsPendingMs: options.fundsPendingMs ?? 0,
  defaultCountry: (options.defaultCountry ?? 'FR').toUpperCase(),
  webhookUrl: options.webhookUrl ?? null,
  webhookSecret: options.webhookSecret ?? 'whsec_dev_emulator',
  enabledEvents: !options.enabledEvents || options.enabledEvents.includes('*') ? null : new Set(options.enabledEvents),
  baseUrl: '',

  accounts: new Map(),
  accountLinks: new Map(),
  paymentMethods: new Map(),
  paymentIntents: new Map(),
  charges: new Map(),
  applicationFees: new Map(),
  transfers: new Map(),
  refunds: new Map(),
  payouts: new Map(),
  disputes: new Map(),
  ledgers: new Map(),
  refundShares: new Map(),
  events: [],
  deliveries: [],
  requestLog: [],
  idempotent: new Map(),
  failure: { count: 0, mode: 'error', pathPrefix: '/v1/' },
  duplicateNextEvent: false,
  holding: false,
  held: [],
  queue: [],
  retrying: new Set(),
  retryTimers: new Set(),
  idleWaiters: new Set(),
  hanging: new Set(),
  inFlight: new Set(),
  delivering: false,
  closed: false,
  currentRequest: null,
  changed: () => {},
})

/** Nothing queued, being delivered or waiting for a retry (held events aside). */
export const deliveriesIdle = (state: EmulatorState): boolean => !state.queue.length && !state.delivering && !state.retryTimers.size

/** Lets `whenIdle` callers go once deliveries have stopped. */
export const wakeIdleWaiters = (state: EmulatorState): void => {
  for (const waiter of state.idleWaiters) if (waiter()) state.idleWaiters.delete(waiter)
}

/** Forgets every object, event, delivery, stored idempotent response and pending failure. */
export const resetState = (state: EmulatorState) => {
  for (const map of [state.accounts, state.accountLinks, state.paymentMethods, state.paymentIntents, state.charges, state.applicationFees, state.transfers, state.refunds, state.payouts, state.disputes, state.ledgers, state.refundShares, state.idempotent]) map.clear()
  state.events.length = 0
  state.deliveries.length = 0
  state.requestLog.length = 0
  state.queue.length = 0
  state.held.length = 0
  state.retrying.clear()
  for (const timer of state.retryTimers) clearTimeout(timer)
  state.retryTimers.clear()
  state.failure = { count: 0, mode: 'error', pathPrefix: '/v1/' }
  state.duplicateNextEvent = false
  state.holding = false
  wakeIdleWaiters(state)
  state.changed()
}

/**
 * What survives a restart when the emulator has a state file: every object Map (entries in
 * insertion order, so lists come back in the same order), the event log, unexpired idempotent
 * responses, and the events not yet delivered (queued, in flight, waiting for a retry or held),
 * which are sent again after a restart. Not kept: the delivery and
 * request logs, pending failure switches, timers and connections. Objects are plain JSON (times
 * are Unix seconds or epoch milliseconds, no Date), and ids are random, so nothing is renumbered.
 */
export type StateSnapshot = {
  version: typeof SNAPSHOT_VERSION
  savedAt: string
  maps: Record<string, [string, unknown][]>
  events: EmulatedEvent[]
  undelivered: QueuedDelivery[]
}
export const SNAPSHOT_VERSION = 1

export const snapshotState = (state: EmulatorState): StateSnapshot => {
  const maps: StateSnapshot['maps'] = {}
  for (const [name, value] of Object.entries(state)) {
    if (!(value instanceof Map)) continue
    const entries = [...(value as Map<string, unknown>).entries()]
    maps[name] = name === 'idempotent' ? entries.filter(([, stored]) => Date.now() - (stored as StoredResponse).storedAt < IDEMPOTENCY_TTL_MS) : entries
  }
  return { version: SNAPSHOT_VERSION, savedAt: new Date().toISOString(), maps, events: state.events, undelivered: [...state.queue, ...state.retrying, ...state.held] }
}

/** Loads a snapshot into a fresh state; throws (leaving the state empty) when it is not one this version wrote. */
export const restoreState = (state: EmulatorState, data: unknown): void => {
  const snapshot = data as Partial<StateSnapshot> | null
  try {
    if (snapshot?.version !== SNAPSHOT_VERSION) throw new Error(`not a version ${SNAPSHOT_VERSION} snapshot`)
    if (typeof snapshot.maps !== 'object' || !Array.isArray(snapshot.events) || !Array.isArray(snapshot.undelivered)) throw new Error('missing maps, events or undelivered')
    for (const [name, entries] of Object.entries(snapshot.maps)) {
      const target = (state as unknown as Record<string, unknown>)[name]
      if (!(target instanceof Map) || !Array.isArray(entries)) throw new Error(`unexpected "${name}"`)
      for (const entry of entries) {
        if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string') throw new Error(`a malformed "${name}" entry`)
        target.set(entry[0], entry[1])
      }
    }
    state.events.push(...snapshot.events)
    // Sent again (Stripe retries for days) to the webhook URL of this start, with a fresh retry
    // schedule: under `npm run dev` the receiver starts after the emulator and misses the first
    // tries. Without a URL, events are recorded but not delivered, as emit() does.
    if (state.webhookUrl) for (const item of snapshot.undelivered) state.queue.push({ event: item.event, attempt: 1, duplicate: item.duplicate })
  } catch (error) {
    resetState(state)
    throw error
  }
}
