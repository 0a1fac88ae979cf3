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
export type QueuedDelivery = { event: EmulatedEvent; attempt: number; duplicate: boolean }

export type EmulatorState = {
  retryDelaysMs: number[]
  fundsPendingMs: number
  defaultCountry: string
  webhookUrl: string | null
  webhookSecret: string
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
  retryTimers: Set<NodeJS.Timeout>
  hanging: Set<http.ServerResponse>
  inFlight: Set<AbortController>
  delivering: boolean
  closed: boolean
  /** The API request being handled, so the events it causes carry `request.id`/`idempotency_key`. */
  currentRequest: { id: string; idempotencyKey: string | null } | null
}

export const createState = (options: StripeEmulatorOptions): EmulatorState => ({
  retryDelaysMs: options.retryDelaysMs ?? [1_000, 5_000, 30_000, 120_000, 600_000],
  fundsPendingMs: options.fundsPendingMs ?? 0,
  defaultCountry: (options.defaultCountry ?? 'FR').toUpperCase(),
  webhookUrl: options.webhookUrl ?? null,
  webhookSecret: options.webhookSecret ?? 'whsec_dev_emulator',
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
  retryTimers: new Set(),
  hanging: new Set(),
  inFlight: new Set(),
  delivering: false,
  closed: false,
  currentRequest: null,
})

/** Forgets every object, event, delivery, stored idempotent response and pending failure. */
export const resetState = (state: EmulatorState) => {
  for (const map of [state.accounts, state.accountLinks, state.paymentMethods, state.paymentIntents, state.charges, state.applicationFees, state.transfers, state.refunds, state.payouts, state.disputes, state.ledgers, state.refundShares, state.idempotent]) map.clear()
  state.events.length = 0
  state.deliveries.length = 0
  state.requestLog.length = 0
  state.queue.length = 0
  state.held.length = 0
  for (const timer of state.retryTimers) clearTimeout(timer)
  state.retryTimers.clear()
  state.failure = { count: 0, mode: 'error', pathPrefix: '/v1/' }
  state.duplicateNextEvent = false
  state.holding = false
}
