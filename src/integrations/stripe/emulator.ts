/**
 * A local stand-in for the part of the Stripe API Callastar uses (Connect onboarding, destination
 * charges, refunds, transfers and reversals, payouts, disputes, events), for tests and offline work.
 * The official `stripe` SDK is pointed at it with `host`/`port`/`protocol` (see ./client.ts).
 *
 * It keeps state in memory, answers with Stripe's object and error shapes (so the SDK raises its own
 * `StripeCardError`, `StripeInvalidRequestError`, … classes), honours `Idempotency-Key`, signs and
 * delivers events to one webhook URL with a real `Stripe-Signature` and retries them like Stripe.
 * Tests can make it misbehave through `control` (or the same operations under `/emulator/…`):
 * failing or hanging the next calls, duplicated and out-of-order webhooks, disputes, payout outcomes.
 *
 * Money follows Stripe's destination-charge model: the whole amount is transferred to the connected
 * account and the application fee is collected back from it, so the creator nets
 * `amount − application_fee_amount` while `transfer.amount` is the full charge.
 */
import { createHmac, randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import Stripe from 'stripe'

// ---------------------------------------------------------------------------------------------
// Public types

export type StripeEmulatorOptions = {
  /** 0 (the default) picks a free port. */
  port?: number
  host?: string
  /** Base URL browsers use to reach the emulator (onboarding pages); defaults to the listening URL. */
  publicUrl?: string
  /** Where events are POSTed; without it events are recorded but not delivered. */
  webhookUrl?: string | null
  webhookSecret?: string
  /** Delay before each retry of a failed delivery; its length is the number of retries. */
  retryDelaysMs?: number[]
  /** How long incoming funds stay `pending` before they count as `available` (0: at once). */
  fundsPendingMs?: number
  /** Country of connected accounts created without one. */
  defaultCountry?: string
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
  payoutOutcome: (id: string, outcome: 'paid' | 'failed', failureCode?: string) => Payout
  /** What the "Complete onboarding" button does, without a browser. */
  completeOnboarding: (accountId: string) => Account
  /** Makes pending funds available now (all accounts, or one; `platform` for the platform). */
  releasePendingFunds: (accountId?: string) => void
  deliverNextEventTwice: () => void
  holdEvents: () => void
  releaseEvents: (options?: { order?: 'fifo' | 'reverse' }) => void
  events: () => EmulatedEvent[]
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

// ---------------------------------------------------------------------------------------------
// Stripe objects (only the fields the emulator maintains; names and nesting as in the API)

type Metadata = Record<string, string>
type ListOf<T> = { object: 'list'; data: T[]; has_more: boolean; total_count?: number; url: string }

type Requirements = {
  alternatives: unknown[]
  current_deadline: number | null
  currently_due: string[]
  disabled_reason: string | null
  errors: unknown[]
  eventually_due: string[]
  past_due: string[]
  pending_verification: string[]
}

type BankAccount = {
  id: string
  object: 'bank_account'
  account: string
  account_holder_name: string | null
  account_holder_type: string | null
  account_type: string | null
  bank_name: string
  country: string
  currency: string
  default_for_currency: boolean
  fingerprint: string
  last4: string
  metadata: Metadata
  routing_number: string | null
  status: string
}

export type Account = {
  id: string
  object: 'account'
  business_profile: Record<string, unknown>
  business_type: string | null
  capabilities: Record<string, 'active' | 'inactive' | 'pending'>
  charges_enabled: boolean
  controller: Record<string, unknown>
  country: string
  created: number
  default_currency: string
  details_submitted: boolean
  email: string | null
  external_accounts: ListOf<BankAccount>
  future_requirements: Requirements
  metadata: Metadata
  payouts_enabled: boolean
  requirements: Requirements
  settings: Record<string, unknown>
  tos_acceptance: { date: number | null; ip: string | null; user_agent: string | null }
  type: string
}

type Card = {
  brand: string
  checks: { address_line1_check: null; address_postal_code_check: null; cvc_check: string }
  country: string
  display_brand: string
  exp_month: number
  exp_year: number
  fingerprint: string
  funding: string
  last4: string
  networks: { available: string[]; preferred: null }
  three_d_secure_usage: { supported: boolean }
  wallet: null
}

export type PaymentMethod = {
  id: string
  object: 'payment_method'
  allow_redisplay: string
  billing_details: { address: Record<string, null>; email: string | null; name: string | null; phone: string | null; tax_id: null }
  card: Card
  created: number
  customer: string | null
  customer_account: string | null
  livemode: false
  metadata: Metadata
  type: 'card'
}

type PaymentError = {
  type: 'card_error'
  code: string
  decline_code?: string
  message: string
  charge: string
  doc_url: string
  payment_method: PaymentMethod
}

export type PaymentIntent = {
  id: string
  object: 'payment_intent'
  allowed_payment_method_types: string[] | null
  amount: number
  amount_capturable: number
  amount_details: { tip: Record<string, never> }
  amount_received: number
  application: null
  application_fee_amount: number | null
  automatic_payment_methods: { enabled: boolean; allow_redirects?: string } | null
  canceled_at: number | null
  cancellation_reason: string | null
  capture_method: string
  client_secret: string
  confirmation_method: string
  created: number
  currency: string
  customer: string | null
  customer_account: string | null
  description: string | null
  excluded_payment_method_types: string[] | null
  last_payment_error: PaymentError | null
  latest_charge: string | null
  livemode: false
  managed_payments: null
  metadata: Metadata
  next_action: null
  on_behalf_of: string | null
  payment_method: string | null
  payment_method_configuration_details: null
  payment_method_options: Record<string, unknown>
  payment_method_types: string[]
  payment_record: null
  processing: null
  receipt_email: string | null
  review: null
  setup_future_usage: null
  shipping: null
  source: null
  statement_descriptor: string | null
  statement_descriptor_suffix: string | null
  status: 'requires_payment_method' | 'requires_confirmation' | 'succeeded' | 'canceled'
  transfer_data: { destination: string; amount?: number } | null
  transfer_group: string | null
}

export type Charge = {
  id: string
  object: 'charge'
  amount: number
  amount_captured: number
  amount_refunded: number
  application: null
  application_fee: string | null
  application_fee_amount: number | null
  balance_transaction: string | null
  billing_details: PaymentMethod['billing_details']
  calculated_statement_descriptor: string
  captured: boolean
  created: number
  currency: string
  customer: string | null
  description: string | null
  disputed: boolean
  failure_balance_transaction: null
  failure_code: string | null
  failure_message: string | null
  fraud_details: Record<string, never>
  livemode: false
  metadata: Metadata
  on_behalf_of: string | null
  outcome: Record<string, unknown>
  paid: boolean
  payment_intent: string
  payment_method: string
  payment_method_details: { card: Record<string, unknown>; type: 'card' }
  receipt_email: string | null
  receipt_number: null
  receipt_url: string
  refunded: boolean
  review: null
  shipping: null
  source: null
  source_transfer: null
  statement_descriptor: string | null
  statement_descriptor_suffix: string | null
  status: 'succeeded' | 'failed'
  transfer?: string
  transfer_data: { amount: number | null; destination: string } | null
  transfer_group: string | null
}

type FeeRefund = { id: string; object: 'fee_refund'; amount: number; balance_transaction: string; created: number; currency: string; fee: string; metadata: Metadata }

export type ApplicationFee = {
  id: string
  object: 'application_fee'
  account: string
  amount: number
  amount_refunded: number
  application: string
  balance_transaction: string
  charge: string
  created: number
  currency: string
  fee_source: { charge: string; type: 'charge' }
  livemode: false
  originating_transaction: string
  refunded: boolean
  refunds: ListOf<FeeRefund>
}

export type TransferReversal = {
  id: string
  object: 'transfer_reversal'
  amount: number
  balance_transaction: string
  created: number
  currency: string
  destination_payment_refund: string | null
  metadata: Metadata
  source_refund: string | null
  transfer: string
}

export type Transfer = {
  id: string
  object: 'transfer'
  amount: number
  amount_reversed: number
  balance_transaction: string
  created: number
  currency: string
  description: string | null
  destination: string
  destination_payment: string
  livemode: false
  metadata: Metadata
  reversals: ListOf<TransferReversal>
  reversed: boolean
  source_transaction: string | null
  source_type: 'card'
  transfer_group: string | null
}

export type Refund = {
  id: string
  object: 'refund'
  amount: number
  balance_transaction: string
  charge: string
  created: number
  currency: string
  customer: string | null
  customer_account: string | null
  destination_details: { card: { reference_status: string; reference_type: string; type: 'refund' }; type: 'card' }
  metadata: Metadata
  payment_intent: string
  payment_method: string
  reason: string | null
  receipt_number: null
  source_transfer_reversal: null
  status: 'succeeded'
  transfer_reversal: string | null
}

export type Payout = {
  id: string
  object: 'payout'
  amount: number
  application_fee: null
  application_fee_amount: null
  arrival_date: number
  automatic: boolean
  balance_transaction: string
  created: number
  currency: string
  description: string | null
  destination: string | null
  failure_balance_transaction: string | null
  failure_code: string | null
  failure_message: string | null
  livemode: false
  metadata: Metadata
  method: string
  original_payout: null
  payout_method: null
  reconciliation_status: string
  reversed_by: null
  source_type: 'card'
  statement_descriptor: string | null
  status: 'pending' | 'paid' | 'failed' | 'canceled'
  trace_id: null
  type: 'bank'
}

export type Dispute = {
  id: string
  object: 'dispute'
  amount: number
  balance_transactions: BalanceTransaction[]
  charge: string
  created: number
  currency: string
  enhanced_eligibility_types: string[]
  evidence: Record<string, unknown>
  evidence_details: { due_by: number; enhanced_eligibility: Record<string, never>; has_evidence: boolean; past_due: boolean; submission_count: number; submission_method: string | null }
  intended_submission_method: string | null
  is_charge_refundable: boolean
  livemode: false
  metadata: Metadata
  network_reason_code: string
  payment_intent: string
  payment_method_details: { card: { brand: string; case_type: string; network_reason_code: string }; type: 'card' }
  reason: string
  status: 'warning_needs_response' | 'needs_response' | 'under_review' | 'won' | 'lost'
}

export type BalanceTransaction = {
  id: string
  object: 'balance_transaction'
  amount: number
  available_on: number
  balance_type: 'payments'
  created: number
  currency: string
  description: string | null
  exchange_rate: null
  fee: number
  fee_details: { amount: number; application: string | null; currency: string; description: string; type: string }[]
  net: number
  reporting_category: string
  source: string | null
  status: 'pending' | 'available'
  type: string
}

// ---------------------------------------------------------------------------------------------
// Errors in Stripe's shape

type ErrorType = 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error'
type ErrorBody = {
  type: ErrorType
  message: string
  code?: string
  decline_code?: string
  param?: string
  doc_url?: string
  charge?: string
  payment_intent?: PaymentIntent
  payment_method?: PaymentMethod
}

class EmulatedStripeError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    /** Set when the request changed state before failing (a decline): Stripe then keeps the answer for the idempotency key. */
    readonly afterSideEffects = false,
  ) {
    super(body.message)
  }
}

const invalid = (message: string, extra: Partial<ErrorBody> = {}) => new EmulatedStripeError(400, { type: 'invalid_request_error', message, ...extra })
const missingResource = (kind: string, id: string, param = 'id') =>
  new EmulatedStripeError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param })

// ---------------------------------------------------------------------------------------------
// Form bodies as stripe-node encodes them: a[b][c]=x, arrays as a[0]=x

export type FormValue = string | FormObject | FormValue[]
export type FormObject = { [key: string]: FormValue }

const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor'])

const toArrays = (value: FormValue): FormValue => {
  if (typeof value === 'string' || Array.isArray(value)) return value
  const keys = Object.keys(value)
  const converted: FormObject = {}
  for (const key of keys) converted[key] = toArrays(value[key])
  const isList = keys.length > 0 && keys.every((key, index) => key === String(index))
  return isList ? keys.map((key) => converted[key]) : converted
}

export const parseForm = (search: URLSearchParams): FormObject => {
  const root: FormObject = {}
  for (const [rawKey, value] of search) {
    const head = rawKey.split('[')[0]
    const path = [head, ...[...rawKey.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1])]
    // The SDK always sends `expand`; the emulator answers with ids whatever was asked.
    if (path[0] === 'expand' || path.some((segment) => UNSAFE_KEYS.has(segment))) continue
    let node = root
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] === '' ? String(Object.keys(node).length) : path[i]
      if (i === path.length - 1) {
        node[segment] = value
        break
      }
      const next = node[segment]
      if (typeof next !== 'object' || Array.isArray(next)) node[segment] = {}
      node = node[segment] as FormObject
    }
  }
  return toArrays(root) as FormObject
}

const optString = (params: FormObject, name: string, label = name): string | undefined => {
  const value = params[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalid(`Invalid string: ${label}`, { param: label })
  return value
}

const reqString = (params: FormObject, name: string, label = name): string => {
  const value = optString(params, name, label)
  if (value === undefined || value === '') throw invalid(`Missing required param: ${label}.`, { code: 'parameter_missing', param: label })
  return value
}

const optInt = (params: FormObject, name: string, label = name): number | undefined => {
  const value = optString(params, name, label)
  if (value === undefined || value === '') return undefined
  if (!/^-?\d+$/.test(value)) throw invalid(`Invalid integer: ${value}`, { code: 'parameter_invalid_integer', param: label })
  return Number(value)
}

const reqInt = (params: FormObject, name: string, label = name): number => {
  const value = optInt(params, name, label)
  if (value === undefined) throw invalid(`Missing required param: ${label}.`, { code: 'parameter_missing', param: label })
  return value
}

const optBool = (params: FormObject, name: string): boolean | undefined => {
  const value = optString(params, name)
  if (value === undefined || value === '') return undefined
  if (value !== 'true' && value !== 'false') throw invalid(`Invalid boolean: ${value}`, { param: name })
  return value === 'true'
}

const optObject = (params: FormObject, name: string): FormObject | undefined => {
  const value = params[name]
  if (value === undefined || value === '') return undefined
  if (typeof value === 'string' || Array.isArray(value)) throw invalid(`Invalid object: ${name}`, { param: name })
  return value
}

const optStringList = (params: FormObject, name: string): string[] | undefined => {
  const value = params[name]
  if (value === undefined) return undefined
  const items = Array.isArray(value) ? value : [value]
  return items.map((item) => {
    if (typeof item !== 'string') throw invalid(`Invalid array: ${name}`, { param: name })
    return item
  })
}

/** `metadata=` clears, `metadata[k]=` deletes one key, as on Stripe. */
const applyMetadata = (current: Metadata, params: FormObject): Metadata => {
  const value = params.metadata
  if (value === undefined) return current
  if (value === '') return {}
  if (typeof value === 'string' || Array.isArray(value)) throw invalid('Invalid hash: metadata', { param: 'metadata' })
  const next = { ...current }
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw invalid(`Invalid string: metadata[${key}]`, { param: `metadata[${key}]` })
    if (entry === '') delete next[key]
    else next[key] = entry
  }
  return next
}

const NUMERIC_SETTINGS = new Set(['delay_days', 'monthly_anchor'])
const BOOLEAN_SETTINGS = new Set(['debit_negative_balances'])

/** Merges nested params (settings, business_profile) into a stored object, typing the few non-string fields. */
const mergeParams = (target: Record<string, unknown>, params: FormObject): Record<string, unknown> => {
  const merged: Record<string, unknown> = { ...target }
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') {
      if (NUMERIC_SETTINGS.has(key) && /^\d+$/.test(value)) merged[key] = Number(value)
      else if (BOOLEAN_SETTINGS.has(key)) merged[key] = value === 'true'
      else merged[key] = value === '' ? null : value
    } else if (Array.isArray(value)) {
      merged[key] = value
    } else {
      const existing = merged[key]
      merged[key] = mergeParams(existing && typeof existing === 'object' && !Array.isArray(existing) ? (existing as Record<string, unknown>) : {}, value)
    }
  }
  return merged
}

/** Key-order independent, so a retried request matches its first attempt however it was built. */
const canonical = (value: FormValue): string => {
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
    .join(',')}}`
}

// ---------------------------------------------------------------------------------------------
// Test cards (https://docs.stripe.com/testing)

type Decline = { code: string; decline_code: string; message: string; outcome: { reason: string; seller_message: string; type: string } }
type TestCard = { number: string; brand: string; decline?: Decline }

const declined = (code: string, declineCode: string, message: string, sellerMessage: string): Decline => ({
  code,
  decline_code: declineCode,
  message,
  outcome: { reason: declineCode, seller_message: sellerMessage, type: 'issuer_declined' },
})

const TEST_CARDS: Record<string, Omit<TestCard, 'number'>> = {
  '4242424242424242': { brand: 'visa' },
  '4000056655665556': { brand: 'visa' },
  '5555555555554444': { brand: 'mastercard' },
  '378282246310005': { brand: 'amex' },
  '4000000000000002': { brand: 'visa', decline: declined('card_declined', 'generic_decline', 'Your card was declined.', 'The bank did not return any further details with this decline.') },
  '4000000000009995': {
    brand: 'visa',
    decline: declined('card_declined', 'insufficient_funds', 'Your card has insufficient funds.', 'The bank returned the decline code `insufficient_funds`.'),
  },
  '4000000000009987': { brand: 'visa', decline: declined('card_declined', 'lost_card', 'Your card has been declined.', 'The bank returned the decline code `lost_card`.') },
  '4000000000000069': { brand: 'visa', decline: declined('expired_card', 'expired_card', 'Your card has expired.', 'The bank returned the decline code `expired_card`.') },
  '4000000000000127': { brand: 'visa', decline: declined('incorrect_cvc', 'incorrect_cvc', "Your card's security code is incorrect.", 'The bank returned the decline code `incorrect_cvc`.') },
  '4000000000000119': {
    brand: 'visa',
    decline: declined('processing_error', 'processing_error', 'An error occurred while processing your card. Try again in a little bit.', 'The bank returned the decline code `processing_error`.'),
  },
}

/** Stripe's ready-made test PaymentMethods; each use mints a fresh pm_ as on Stripe. */
const NAMED_PAYMENT_METHODS: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  pm_card_visa_debit: '4000056655665556',
  pm_card_mastercard: '5555555555554444',
  pm_card_amex: '378282246310005',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_visa_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_visa_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeDeclinedLostCard: '4000000000009987',
  pm_card_chargeDeclinedExpiredCard: '4000000000000069',
  pm_card_chargeDeclinedIncorrectCvc: '4000000000000127',
  pm_card_chargeDeclinedProcessingError: '4000000000000119',
}

const luhnValid = (digits: string): boolean => {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2
    sum += digit
  }
  return digits.length >= 12 && sum % 10 === 0
}

const brandOf = (digits: string): string =>
  digits.startsWith('4') ? 'visa' : /^(5[1-5]|2[2-7])/.test(digits) ? 'mastercard' : /^3[47]/.test(digits) ? 'amex' : 'unknown'

// ---------------------------------------------------------------------------------------------
// Small helpers

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const randomId = (length: number): string => {
  const bytes = randomBytes(length)
  let out = ''
  for (const byte of bytes) out += ID_ALPHABET[byte % ID_ALPHABET.length]
  return out
}
const newId = (prefix: string, length = 24): string => `${prefix}_${randomId(length)}`
const nowSeconds = (): number => Math.floor(Date.now() / 1000)
const clone = <T>(value: T): T => structuredClone(value)

const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'])
const MINIMUM_CHARGE: Record<string, number> = { usd: 50, eur: 50, chf: 50, gbp: 30, cad: 50, aud: 50, jpy: 50 }
const formatAmount = (amount: number, currency: string): string =>
  ZERO_DECIMAL.has(currency) ? `${amount} ${currency}` : `${(amount / 100).toFixed(2)} ${currency}`

const COUNTRY_CURRENCY: Record<string, string> = { US: 'usd', GB: 'gbp', CH: 'chf', CA: 'cad', AU: 'aud', JP: 'jpy', SE: 'sek', NO: 'nok', DK: 'dkk', PL: 'pln' }
const currencyOfCountry = (country: string): string => COUNTRY_CURRENCY[country] ?? 'eur'

/** Roughly Stripe's European card pricing; it only moves the platform's own balance. */
const processingFee = (amount: number): number => Math.round(amount * 0.015) + 25
const DISPUTE_FEE = 1500
const PLATFORM = 'platform'
const APPLICATION_ID = 'ca_emulator'

const ONBOARDING_REQUIREMENTS = [
  'business_profile.mcc',
  'business_profile.url',
  'external_account',
  'individual.dob.day',
  'individual.email',
  'individual.first_name',
  'individual.last_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
]

const requirements = (due: string[]): Requirements => ({
  alternatives: [],
  current_deadline: null,
  currently_due: [...due],
  disabled_reason: due.length ? 'requirements.past_due' : null,
  errors: [],
  eventually_due: [...due],
  past_due: [...due],
  pending_verification: [],
})

const PAYOUT_FAILURES: Record<string, string> = {
  account_closed: 'The bank account has been closed.',
  account_frozen: 'The bank account has been frozen.',
  could_not_process: 'The bank could not process this payout.',
  insufficient_funds: 'Your Stripe account has insufficient funds to cover the payout.',
  invalid_account_number: 'The routing number seems correct, but the account number is invalid.',
  no_account: 'The bank account details on file are probably incorrect. No bank account could be located with those details.',
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char)

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {})

const readBody = async (req: http.IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > 1_000_000) throw invalid('Request body too large')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Control endpoints take JSON or a form (the onboarding page posts a form). */
const parseControlBody = (raw: string, contentType: string | undefined): Record<string, unknown> => {
  if (!raw) return {}
  if (contentType?.includes('application/json')) {
    try {
      return asRecord(JSON.parse(raw))
    } catch {
      throw invalid('Invalid JSON body')
    }
  }
  return parseForm(new URLSearchParams(raw))
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

// ---------------------------------------------------------------------------------------------
// The emulator

type LedgerEntry = { txn: BalanceTransaction; availableAtMs: number }
type AccountLink = { account: string; refreshUrl: string | null; returnUrl: string | null; expiresAt: number; visited: boolean; completed: boolean }
type StoredResponse = { fingerprint: string; status: number; body: unknown; storedAt: number }
type Ctx = { params: FormObject; account: string | null; ids: string[] }
type Route = { method: string; pattern: RegExp; connectScoped?: boolean; handle: (ctx: Ctx) => unknown }
type QueuedDelivery = { event: EmulatedEvent; attempt: number; duplicate: boolean }

const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000

export const startStripeEmulator = async (options: StripeEmulatorOptions = {}): Promise<StripeEmulator> => {
  const retryDelaysMs = options.retryDelaysMs ?? [1_000, 5_000, 30_000, 120_000, 600_000]
  const fundsPendingMs = options.fundsPendingMs ?? 0
  const defaultCountry = (options.defaultCountry ?? 'FR').toUpperCase()
  let webhookUrl = options.webhookUrl ?? null
  let webhookSecret = options.webhookSecret ?? 'whsec_dev_emulator'
  let baseUrl = ''

  // State ----------------------------------------------------------------------------------
  const accounts = new Map<string, Account>()
  const accountLinks = new Map<string, AccountLink>()
  const paymentMethods = new Map<string, { pm: PaymentMethod; card: TestCard }>()
  const paymentIntents = new Map<string, PaymentIntent>()
  const charges = new Map<string, Charge>()
  const applicationFees = new Map<string, ApplicationFee>()
  const transfers = new Map<string, Transfer>()
  const refunds = new Map<string, Refund>()
  const payouts = new Map<string, { payout: Payout; owner: string }>()
  const disputes = new Map<string, Dispute>()
  const ledgers = new Map<string, LedgerEntry[]>()
  /**
   * Per charge, what refunds with reverse_transfer / refund_application_fee covered and took back so
   * far: shares are computed on these running totals so that partial refunds add up exactly.
   */
  const refundShares = new Map<string, { reversalBase: number; reversed: number; feeBase: number; feeRefunded: number }>()
  const events: EmulatedEvent[] = []
  const deliveries: WebhookDelivery[] = []
  const requestLog: EmulatedRequest[] = []
  const idempotent = new Map<string, StoredResponse>()
  let failure: Required<Omit<FailNextOptions, 'method'>> & { method?: string } = { count: 0, mode: 'error', pathPrefix: '/v1/' }
  let duplicateNextEvent = false
  let holding = false
  const held: QueuedDelivery[] = []
  const queue: QueuedDelivery[] = []
  const retryTimers = new Set<NodeJS.Timeout>()
  const hanging = new Set<http.ServerResponse>()
  const inFlight = new Set<AbortController>()
  let delivering = false
  let closed = false
  /** The API request being handled, so the events it causes carry `request.id`/`idempotency_key`. */
  let currentRequest: { id: string; idempotencyKey: string | null } | null = null

  // Balances -------------------------------------------------------------------------------
  const ledgerOf = (owner: string): LedgerEntry[] => {
    let ledger = ledgers.get(owner)
    if (!ledger) ledgers.set(owner, (ledger = []))
    return ledger
  }

  const settle = (owner: string) => {
    const now = Date.now()
    for (const entry of ledgerOf(owner)) if (entry.txn.status === 'pending' && entry.availableAtMs <= now) entry.txn.status = 'available'
  }

  const post = (
    owner: string,
    entry: { amount: number; currency: string; type: string; source: string | null; fee?: number; feeType?: string; description?: string; reportingCategory?: string },
  ): BalanceTransaction => {
    const fee = entry.fee ?? 0
    // Incoming money waits; outgoing money leaves the available balance at once, as on Stripe.
    const availableAtMs = entry.amount > 0 ? Date.now() + fundsPendingMs : 0
    const txn: BalanceTransaction = {
      id: newId('txn'),
      object: 'balance_transaction',
      amount: entry.amount,
      available_on: Math.floor(availableAtMs / 1000) || nowSeconds(),
      balance_type: 'payments',
      created: nowSeconds(),
      currency: entry.currency,
      description: entry.description ?? null,
      exchange_rate: null,
      fee,
      fee_details: fee ? [{ amount: fee, application: entry.feeType === 'application_fee' ? APPLICATION_ID : null, currency: entry.currency, description: entry.feeType === 'application_fee' ? 'Application fee' : 'Stripe processing fees', type: entry.feeType ?? 'stripe_fee' }] : [],
      net: entry.amount - fee,
      reporting_category: entry.reportingCategory ?? entry.type,
      source: entry.source,
      status: availableAtMs <= Date.now() ? 'available' : 'pending',
      type: entry.type,
    }
    ledgerOf(owner).push({ txn, availableAtMs })
    return txn
  }

  const balanceTotals = (owner: string) => {
    settle(owner)
    const available = new Map<string, number>()
    const pending = new Map<string, number>()
    for (const { txn } of ledgerOf(owner)) {
      const bucket = txn.status === 'available' ? available : pending
      bucket.set(txn.currency, (bucket.get(txn.currency) ?? 0) + txn.net)
    }
    return { available, pending }
  }

  const balanceObject = (owner: string) => {
    const { available, pending } = balanceTotals(owner)
    const currencies = new Set([...available.keys(), ...pending.keys()])
    if (!currencies.size) currencies.add(owner === PLATFORM ? currencyOfCountry(defaultCountry) : (accounts.get(owner)?.default_currency ?? 'eur'))
    const lines = (bucket: Map<string, number>) =>
      [...currencies].map((currency) => ({ amount: bucket.get(currency) ?? 0, currency, source_types: { card: bucket.get(currency) ?? 0 } }))
    return { object: 'balance', available: lines(available), connect_reserved: [...currencies].map((currency) => ({ amount: 0, currency })), livemode: false, pending: lines(pending) }
  }

  // Events and webhook delivery ------------------------------------------------------------
  const emit = (type: string, object: unknown, extra: { account?: string; previousAttributes?: Record<string, unknown> } = {}): EmulatedEvent => {
    const event: EmulatedEvent = {
      id: newId('evt'),
      object: 'event',
      ...(extra.account ? { account: extra.account } : {}),
      api_version: Stripe.API_VERSION,
      created: nowSeconds(),
      data: { object: clone(object), ...(extra.previousAttributes ? { previous_attributes: clone(extra.previousAttributes) } : {}) },
      livemode: false,
      pending_webhooks: webhookUrl ? 1 : 0,
      request: { id: currentRequest?.id ?? null, idempotency_key: currentRequest?.idempotencyKey ?? null },
      type,
    }
    events.push(event)
    if (webhookUrl) {
      const copies: QueuedDelivery[] = [{ event, attempt: 1, duplicate: false }]
      if (duplicateNextEvent) {
        duplicateNextEvent = false
        copies.push({ event, attempt: 1, duplicate: true })
      }
      if (holding) held.push(...copies)
      else queue.push(...copies)
      setImmediate(() => void pump())
    }
    return event
  }

  const signatureHeader = (payload: string, secret: string): string => {
    const timestamp = nowSeconds()
    const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex')
    return `t=${timestamp},v1=${signature}`
  }

  const deliverOnce = async (item: QueuedDelivery): Promise<boolean> => {
    const url = webhookUrl
    if (!url) return true
    // Pretty-printed like Stripe's, so a receiver that re-serialises the JSON fails verification as it would in production.
    const payload = JSON.stringify(item.event, null, 2)
    const record: WebhookDelivery = { eventId: item.event.id, type: item.event.type, attempt: item.attempt, url, status: null, error: null, at: Date.now(), duplicate: item.duplicate }
    const controller = new AbortController()
    inFlight.add(controller)
    const timer = setTimeout(() => controller.abort(new Error('webhook receiver did not answer within 10 s')), 10_000)
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signatureHeader(payload, webhookSecret), 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
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
      inFlight.delete(controller)
      if (!closed) deliveries.push(record)
    }
  }

  /** One delivery at a time, in the order events were created (or released); retries wait on their own timers. */
  const pump = async () => {
    if (delivering || closed) return
    delivering = true
    try {
      while (!closed && queue.length) {
        const item = queue.shift()!
        const ok = await deliverOnce(item)
        const delay = retryDelaysMs[item.attempt - 1]
        if (!ok && !closed && delay !== undefined) {
          const timer = setTimeout(() => {
            retryTimers.delete(timer)
            queue.push({ ...item, attempt: item.attempt + 1 })
            void pump()
          }, delay)
          timer.unref()
          retryTimers.add(timer)
        }
      }
    } finally {
      delivering = false
    }
  }

  // Accounts -------------------------------------------------------------------------------
  const getAccount = (id: string, param = 'account'): Account => {
    const account = accounts.get(id)
    if (!account) throw missingResource('account', id, param)
    return account
  }

  const createAccount = (params: FormObject): Account => {
    const type = optString(params, 'type') ?? 'express'
    if (!['express', 'standard', 'custom'].includes(type)) throw invalid(`Invalid type: must be one of custom, express, or standard`, { param: 'type' })
    const country = (optString(params, 'country') ?? defaultCountry).toUpperCase()
    const capabilities: Account['capabilities'] = {}
    for (const [name, value] of Object.entries(optObject(params, 'capabilities') ?? {})) {
      if (asRecord(value).requested === 'true') capabilities[name] = 'inactive'
    }
    const id = newId('acct', 16)
    const settings = mergeParams(
      {
        payouts: { debit_negative_balances: true, schedule: { delay_days: 7, interval: 'daily' }, statement_descriptor: null },
        payments: { statement_descriptor: null },
      },
      optObject(params, 'settings') ?? {},
    )
    const account: Account = {
      id,
      object: 'account',
      business_profile: mergeParams({ mcc: null, name: null, product_description: null, support_email: null, url: null }, optObject(params, 'business_profile') ?? {}),
      business_type: optString(params, 'business_type') ?? null,
      capabilities,
      charges_enabled: false,
      controller: type === 'standard' ? { type: 'account' } : { is_controller: true, type: 'application' },
      country,
      created: nowSeconds(),
      default_currency: optString(params, 'default_currency')?.toLowerCase() ?? currencyOfCountry(country),
      details_submitted: false,
      email: optString(params, 'email') ?? null,
      external_accounts: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/accounts/${id}/external_accounts` },
      future_requirements: requirements([]),
      metadata: applyMetadata({}, params),
      payouts_enabled: false,
      requirements: requirements(ONBOARDING_REQUIREMENTS),
      settings,
      tos_acceptance: { date: null, ip: null, user_agent: null },
      type,
    }
    accounts.set(id, account)
    return account
  }

  const updateAccount = (account: Account, params: FormObject): Account => {
    const before = clone(account)
    if (params.email !== undefined) account.email = optString(params, 'email') || null
    if (params.business_type !== undefined) account.business_type = optString(params, 'business_type') || null
    account.metadata = applyMetadata(account.metadata, params)
    const businessProfile = optObject(params, 'business_profile')
    if (businessProfile) account.business_profile = mergeParams(account.business_profile, businessProfile)
    const settings = optObject(params, 'settings')
    if (settings) account.settings = mergeParams(account.settings, settings)
    for (const [name, value] of Object.entries(optObject(params, 'capabilities') ?? {})) {
      const requested = asRecord(value).requested
      if (requested === 'true' && !account.capabilities[name]) account.capabilities[name] = account.details_submitted ? 'active' : 'inactive'
      if (requested === 'false') delete account.capabilities[name]
    }
    emitAccountUpdated(account, before)
    return account
  }

  const emitAccountUpdated = (account: Account, before: Account) => {
    const previous: Record<string, unknown> = {}
    for (const key of Object.keys(account) as (keyof Account)[]) {
      if (JSON.stringify(account[key]) !== JSON.stringify(before[key])) previous[key] = before[key]
    }
    if (Object.keys(previous).length) emit('account.updated', account, { account: account.id, previousAttributes: previous })
  }

  const completeOnboarding = (accountId: string): Account => {
    const account = getAccount(accountId)
    const before = clone(account)
    account.details_submitted = true
    account.charges_enabled = true
    account.payouts_enabled = true
    account.default_currency ||= currencyOfCountry(account.country)
    for (const name of Object.keys(account.capabilities)) account.capabilities[name] = 'active'
    if (!Object.keys(account.capabilities).length) account.capabilities = { card_payments: 'active', transfers: 'active' }
    account.requirements = requirements([])
    account.tos_acceptance = { date: nowSeconds(), ip: '127.0.0.1', user_agent: 'Stripe emulator' }
    account.business_type ||= 'individual'
    if (!account.external_accounts.data.length) {
      account.external_accounts.data.push({
        id: newId('ba'),
        object: 'bank_account',
        account: account.id,
        account_holder_name: null,
        account_holder_type: null,
        account_type: null,
        bank_name: 'STRIPE TEST BANK',
        country: account.country,
        currency: account.default_currency,
        default_for_currency: true,
        fingerprint: randomId(16),
        last4: '6789',
        metadata: {},
        routing_number: account.country === 'US' ? '110000000' : null,
        status: 'new',
      })
      account.external_accounts.total_count = account.external_accounts.data.length
    }
    emitAccountUpdated(account, before)
    return account
  }

  const createAccountLink = (params: FormObject) => {
    const accountId = reqString(params, 'account')
    getAccount(accountId)
    const type = reqString(params, 'type')
    if (type !== 'account_onboarding' && type !== 'account_update') throw invalid('Invalid type: must be one of account_onboarding or account_update', { param: 'type' })
    const token = randomId(24)
    const created = nowSeconds()
    // Stripe's links are single-use and short-lived; refresh_url is where a stale one sends the user.
    const link: AccountLink = { account: accountId, refreshUrl: optString(params, 'refresh_url') ?? null, returnUrl: optString(params, 'return_url') ?? null, expiresAt: created + 300, visited: false, completed: false }
    accountLinks.set(token, link)
    return { object: 'account_link', created, expires_at: link.expiresAt, url: `${baseUrl}/emulator/onboarding/${accountId}?link=${token}` }
  }

  // Payment methods ------------------------------------------------------------------------
  const makePaymentMethod = (number: string, expMonth: number, expYear: number, params: FormObject = {}): { pm: PaymentMethod; card: TestCard } => {
    const known = TEST_CARDS[number]
    const card: TestCard = { number, brand: known?.brand ?? brandOf(number), decline: known?.decline }
    const billing = optObject(params, 'billing_details') ?? {}
    const pm: PaymentMethod = {
      id: newId('pm'),
      object: 'payment_method',
      allow_redisplay: 'unspecified',
      billing_details: {
        address: { city: null, country: null, line1: null, line2: null, postal_code: null, state: null },
        email: optString(billing, 'email') ?? null,
        name: optString(billing, 'name') ?? null,
        phone: optString(billing, 'phone') ?? null,
        tax_id: null,
      },
      card: {
        brand: card.brand,
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'unchecked' },
        country: 'US',
        display_brand: card.brand,
        exp_month: expMonth,
        exp_year: expYear,
        fingerprint: createHmac('sha256', 'fingerprint').update(number).digest('hex').slice(0, 16),
        funding: 'credit',
        last4: number.slice(-4),
        networks: { available: [card.brand], preferred: null },
        three_d_secure_usage: { supported: true },
        wallet: null,
      },
      created: nowSeconds(),
      customer: null,
      customer_account: null,
      livemode: false,
      metadata: applyMetadata({}, params),
      type: 'card',
    }
    const entry = { pm, card }
    paymentMethods.set(pm.id, entry)
    return entry
  }

  const createPaymentMethod = (params: FormObject): PaymentMethod => {
    const type = reqString(params, 'type')
    if (type !== 'card') throw invalid(`The emulator only supports card payment methods (got "${type}").`, { param: 'type' })
    const card = optObject(params, 'card')
    if (!card) throw invalid('Missing required param: card.', { code: 'parameter_missing', param: 'card' })
    const number = reqString(card, 'number', 'card[number]').replace(/[\s-]/g, '')
    if (!/^\d+$/.test(number) || !luhnValid(number)) {
      throw new EmulatedStripeError(402, { type: 'card_error', code: 'incorrect_number', message: 'Your card number is incorrect.', param: 'number', doc_url: 'https://stripe.com/docs/error-codes/incorrect-number' })
    }
    const expMonth = reqInt(card, 'exp_month', 'card[exp_month]')
    const expYear = reqInt(card, 'exp_year', 'card[exp_year]')
    if (expMonth < 1 || expMonth > 12) throw new EmulatedStripeError(402, { type: 'card_error', code: 'invalid_expiry_month', message: "Your card's expiration month is invalid.", param: 'exp_month' })
    const now = new Date()
    if (expYear < now.getUTCFullYear() || (expYear === now.getUTCFullYear() && expMonth < now.getUTCMonth() + 1)) {
      throw new EmulatedStripeError(402, { type: 'card_error', code: 'invalid_expiry_year', message: "Your card's expiration year is invalid.", param: 'exp_year' })
    }
    return makePaymentMethod(number, expMonth, expYear, params).pm
  }

  const resolvePaymentMethod = (id: string): { pm: PaymentMethod; card: TestCard } => {
    const named = NAMED_PAYMENT_METHODS[id]
    if (named) return makePaymentMethod(named, 12, new Date().getUTCFullYear() + 3)
    const entry = paymentMethods.get(id)
    if (!entry) throw missingResource('PaymentMethod', id, 'payment_method')
    return entry
  }

  // Payment intents ------------------------------------------------------------------------
  const getPaymentIntent = (id: string, param = 'intent'): PaymentIntent => {
    const intent = paymentIntents.get(id)
    if (!intent) throw missingResource('payment_intent', id, param)
    return intent
  }

  const checkDestination = (destination: string) => {
    const account = accounts.get(destination)
    if (!account) throw invalid(`No such destination: '${destination}'`, { code: 'resource_missing', param: 'transfer_data[destination]' })
    if (account.capabilities.transfers !== 'active' && account.capabilities.crypto_transfers !== 'active' && account.capabilities.legacy_payments !== 'active') {
      throw invalid('Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments', {
        code: 'insufficient_capabilities_for_transfer',
        param: 'transfer_data[destination]',
      })
    }
  }

  const readAmounts = (params: FormObject, currency: string, amount: number) => {
    if (amount <= 0) throw invalid('This value must be greater than or equal to 1.', { code: 'parameter_invalid_integer', param: 'amount' })
    const minimum = MINIMUM_CHARGE[currency]
    if (minimum && amount < minimum) throw invalid(`Amount must be at least ${formatAmount(minimum, currency)}`, { code: 'amount_too_small', param: 'amount' })
    const transferData = optObject(params, 'transfer_data')
    const destination = transferData ? reqString(transferData, 'destination', 'transfer_data[destination]') : undefined
    const transferAmount = transferData ? optInt(transferData, 'amount', 'transfer_data[amount]') : undefined
    const fee = optInt(params, 'application_fee_amount')
    if (destination) checkDestination(destination)
    if (fee !== undefined) {
      if (!destination) {
        throw invalid(
          'Can only apply an application_fee_amount when the PaymentIntent is attempting a direct payment (using an OAuth key or Stripe-Account header) or destination payment (using `transfer_data[destination]`).',
          { param: 'application_fee_amount' },
        )
      }
      if (transferAmount !== undefined) throw invalid('You cannot specify both transfer_data[amount] and application_fee_amount.', { param: 'application_fee_amount' })
      if (fee < 0 || fee > amount) throw invalid('The application_fee_amount must be between 0 and the amount of the PaymentIntent.', { param: 'application_fee_amount' })
    }
    if (transferAmount !== undefined && (transferAmount <= 0 || transferAmount > amount)) {
      throw invalid('transfer_data[amount] must be positive and no greater than the amount.', { param: 'transfer_data[amount]' })
    }
    return { destination, transferAmount, fee }
  }

  const createPaymentIntent = (params: FormObject): PaymentIntent => {
    const amount = reqInt(params, 'amount')
    const currency = reqString(params, 'currency').toLowerCase()
    const { destination, transferAmount, fee } = readAmounts(params, currency, amount)
    const captureMethod = optString(params, 'capture_method') ?? 'automatic_async'
    if (captureMethod === 'manual') throw invalid('The emulator does not implement capture_method=manual.', { param: 'capture_method' })
    const allowedTypes = optStringList(params, 'allowed_payment_method_types')
    // Removed in API 2026-09-30.endive (replaced by allowed_payment_method_types); still read for older pinned versions.
    const legacyTypes = optStringList(params, 'payment_method_types')
    for (const [param, types] of [['allowed_payment_method_types', allowedTypes], ['payment_method_types', legacyTypes]] as const) {
      for (const type of types ?? []) if (type !== 'card') throw invalid(`The emulator only supports the card payment method type (got "${type}").`, { param })
    }
    const automatic = optObject(params, 'automatic_payment_methods')
    // Since API 2023-08-16 automatic payment methods are on unless an explicit legacy list is given.
    const automaticPaymentMethods = legacyTypes
      ? null
      : { enabled: automatic ? optBool(automatic, 'enabled') !== false : true, allow_redirects: (automatic && optString(automatic, 'allow_redirects')) || 'always' }
    const confirm = optBool(params, 'confirm') ?? false
    // Checked before anything exists, as Stripe rejects such a request without creating the intent.
    if (confirm) assertRedirectsHandled({ automatic_payment_methods: automaticPaymentMethods, allowed_payment_method_types: allowedTypes ?? null }, params)
    const id = newId('pi')
    const paymentMethod = optString(params, 'payment_method')
    const intent: PaymentIntent = {
      id,
      object: 'payment_intent',
      allowed_payment_method_types: allowedTypes ?? null,
      amount,
      amount_capturable: 0,
      amount_details: { tip: {} },
      amount_received: 0,
      application: null,
      application_fee_amount: fee ?? null,
      automatic_payment_methods: automaticPaymentMethods,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: captureMethod,
      client_secret: `${id}_secret_${randomId(25)}`,
      confirmation_method: optString(params, 'confirmation_method') ?? 'automatic',
      created: nowSeconds(),
      currency,
      customer: optString(params, 'customer') ?? null,
      customer_account: null,
      description: optString(params, 'description') ?? null,
      excluded_payment_method_types: null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      managed_payments: null,
      metadata: applyMetadata({}, params),
      next_action: null,
      on_behalf_of: optString(params, 'on_behalf_of') ?? null,
      payment_method: null,
      payment_method_configuration_details: null,
      payment_method_options: { card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
      payment_method_types: ['card'],
      payment_record: null,
      processing: null,
      receipt_email: optString(params, 'receipt_email') ?? null,
      review: null,
      setup_future_usage: null,
      shipping: null,
      source: null,
      statement_descriptor: optString(params, 'statement_descriptor') ?? null,
      statement_descriptor_suffix: optString(params, 'statement_descriptor_suffix') ?? null,
      status: 'requires_payment_method',
      transfer_data: destination ? { destination, ...(transferAmount !== undefined ? { amount: transferAmount } : {}) } : null,
      transfer_group: optString(params, 'transfer_group') ?? null,
    }
    if (paymentMethod) {
      intent.payment_method = resolvePaymentMethod(paymentMethod).pm.id
      intent.status = 'requires_confirmation'
    }
    paymentIntents.set(id, intent)
    emit('payment_intent.created', intent)
    if (confirm) return confirmPaymentIntent(intent, params)
    return intent
  }

  const assertRedirectsHandled = (intent: Pick<PaymentIntent, 'automatic_payment_methods' | 'allowed_payment_method_types'>, params: FormObject) => {
    const automatic = intent.automatic_payment_methods
    // An explicit allow-list of cards leaves no redirect-based method, so no return_url is needed then.
    const mayRedirect = automatic?.enabled && automatic.allow_redirects !== 'never' && !intent.allowed_payment_method_types
    if (mayRedirect && !optString(params, 'return_url')) {
      // Real Stripe refuses a server-side confirmation that could need a redirect it has nowhere to send.
      throw invalid(
        "This PaymentIntent is configured to accept payment methods enabled in your Dashboard, because some of these payment methods might redirect your customer off of your page, you must provide a `return_url`. If you don't want to accept redirect-based payment methods, set `automatic_payment_methods[enabled]` to `true` and `automatic_payment_methods[allow_redirects]` to `never` when creating Setup Intents and Payment Intents.",
        { param: 'return_url' },
      )
    }
  }

  const assertModifiable = (intent: PaymentIntent, action: string) => {
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      throw invalid(`You cannot ${action} this PaymentIntent because it has a status of ${intent.status}.`, { code: 'payment_intent_unexpected_state', payment_intent: clone(intent) })
    }
  }

  const updatePaymentIntent = (intent: PaymentIntent, params: FormObject): PaymentIntent => {
    assertModifiable(intent, 'update')
    const amount = optInt(params, 'amount') ?? intent.amount
    const currency = optString(params, 'currency')?.toLowerCase() ?? intent.currency
    const merged: FormObject = {
      ...(intent.transfer_data ? { transfer_data: { destination: intent.transfer_data.destination } } : {}),
      ...(intent.application_fee_amount !== null ? { application_fee_amount: String(intent.application_fee_amount) } : {}),
      ...params,
    }
    const { destination, transferAmount, fee } = readAmounts(merged, currency, amount)
    intent.amount = amount
    intent.currency = currency
    intent.application_fee_amount = fee ?? null
    intent.transfer_data = destination ? { destination, ...(transferAmount !== undefined ? { amount: transferAmount } : {}) } : null
    intent.metadata = applyMetadata(intent.metadata, params)
    if (params.description !== undefined) intent.description = optString(params, 'description') || null
    if (params.receipt_email !== undefined) intent.receipt_email = optString(params, 'receipt_email') || null
    const paymentMethod = optString(params, 'payment_method')
    if (paymentMethod) {
      intent.payment_method = resolvePaymentMethod(paymentMethod).pm.id
      intent.status = 'requires_confirmation'
    }
    return intent
  }

  const confirmPaymentIntent = (intent: PaymentIntent, params: FormObject): PaymentIntent => {
    assertModifiable(intent, 'confirm')
    const paymentMethodId = optString(params, 'payment_method') ?? intent.payment_method
    if (!paymentMethodId) {
      throw invalid(
        "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
        { code: 'payment_intent_unexpected_state', payment_intent: clone(intent) },
      )
    }
    assertRedirectsHandled(intent, params)
    const { pm, card } = resolvePaymentMethod(paymentMethodId)
    if (intent.transfer_data) checkDestination(intent.transfer_data.destination)
    return card.decline ? declinePayment(intent, pm, card.decline) : capturePayment(intent, pm)
  }

  const baseCharge = (intent: PaymentIntent, pm: PaymentMethod): Charge => {
    const id = newId('ch')
    return {
      id,
      object: 'charge',
      amount: intent.amount,
      amount_captured: 0,
      amount_refunded: 0,
      application: null,
      application_fee: null,
      application_fee_amount: intent.application_fee_amount,
      balance_transaction: null,
      billing_details: clone(pm.billing_details),
      calculated_statement_descriptor: 'CALLASTAR',
      captured: false,
      created: nowSeconds(),
      currency: intent.currency,
      customer: intent.customer,
      description: intent.description,
      disputed: false,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      fraud_details: {},
      livemode: false,
      metadata: { ...intent.metadata },
      on_behalf_of: intent.on_behalf_of,
      outcome: {},
      paid: false,
      payment_intent: intent.id,
      payment_method: pm.id,
      payment_method_details: { card: { brand: pm.card.brand, country: pm.card.country, exp_month: pm.card.exp_month, exp_year: pm.card.exp_year, funding: pm.card.funding, last4: pm.card.last4, network: pm.card.brand }, type: 'card' },
      receipt_email: intent.receipt_email,
      receipt_number: null,
      receipt_url: `${baseUrl}/emulator/receipts/${id}`,
      refunded: false,
      review: null,
      shipping: null,
      source: null,
      source_transfer: null,
      statement_descriptor: intent.statement_descriptor,
      statement_descriptor_suffix: intent.statement_descriptor_suffix,
      status: 'failed',
      transfer_data: intent.transfer_data ? { amount: intent.transfer_data.amount ?? null, destination: intent.transfer_data.destination } : null,
      transfer_group: intent.transfer_group,
    }
  }

  const declinePayment = (intent: PaymentIntent, pm: PaymentMethod, decline: Decline): never => {
    const charge = baseCharge(intent, pm)
    charge.failure_code = decline.code
    charge.failure_message = decline.message
    charge.outcome = { network_status: 'declined_by_network', reason: decline.outcome.reason, risk_level: 'normal', risk_score: 20, seller_message: decline.outcome.seller_message, type: decline.outcome.type }
    charges.set(charge.id, charge)
    const docUrl = `https://stripe.com/docs/error-codes/${decline.code.replace(/_/g, '-')}`
    intent.latest_charge = charge.id
    intent.payment_method = null
    intent.status = 'requires_payment_method'
    intent.last_payment_error = { type: 'card_error', code: decline.code, decline_code: decline.decline_code, message: decline.message, charge: charge.id, doc_url: docUrl, payment_method: clone(pm) }
    emit('charge.failed', charge)
    emit('payment_intent.payment_failed', intent)
    throw new EmulatedStripeError(
      402,
      { type: 'card_error', code: decline.code, decline_code: decline.decline_code, message: decline.message, charge: charge.id, doc_url: docUrl, payment_intent: clone(intent), payment_method: clone(pm) },
      true,
    )
  }

  const capturePayment = (intent: PaymentIntent, pm: PaymentMethod): PaymentIntent => {
    const charge = baseCharge(intent, pm)
    const stripeFee = processingFee(intent.amount)
    const chargeTxn = post(PLATFORM, { amount: intent.amount, currency: intent.currency, type: 'charge', source: charge.id, fee: stripeFee, reportingCategory: 'charge' })
    Object.assign(charge, {
      amount_captured: intent.amount,
      balance_transaction: chargeTxn.id,
      captured: true,
      outcome: { network_status: 'approved_by_network', reason: null, risk_level: 'normal', risk_score: 20, seller_message: 'Payment complete.', type: 'authorized' },
      paid: true,
      status: 'succeeded',
    })
    const followUps: [string, unknown][] = []
    if (intent.transfer_data) {
      const destination = intent.transfer_data.destination
      // Stripe sends the whole amount (or transfer_data[amount]) and takes the fee back from the connected account.
      const transferAmount = intent.transfer_data.amount ?? intent.amount
      const fee = intent.transfer_data.amount === undefined ? (intent.application_fee_amount ?? 0) : 0
      intent.transfer_group ??= `group_${intent.id}`
      charge.transfer_group = intent.transfer_group
      const transfer = makeTransfer({ amount: transferAmount, currency: intent.currency, destination, sourceTransaction: charge.id, transferGroup: intent.transfer_group, metadata: {}, description: null }, fee)
      charge.transfer = transfer.id
      followUps.push(['transfer.created', transfer])
      if (fee > 0) {
        const feeTxn = post(PLATFORM, { amount: fee, currency: intent.currency, type: 'application_fee', source: null, reportingCategory: 'platform_earning' })
        const applicationFee: ApplicationFee = {
          id: newId('fee'),
          object: 'application_fee',
          account: destination,
          amount: fee,
          amount_refunded: 0,
          application: APPLICATION_ID,
          balance_transaction: feeTxn.id,
          charge: transfer.destination_payment,
          created: nowSeconds(),
          currency: intent.currency,
          fee_source: { charge: charge.id, type: 'charge' },
          livemode: false,
          originating_transaction: charge.id,
          refunded: false,
          refunds: { object: 'list', data: [], has_more: false, total_count: 0, url: '' },
        }
        applicationFee.refunds.url = `/v1/application_fees/${applicationFee.id}/refunds`
        feeTxn.source = applicationFee.id
        applicationFees.set(applicationFee.id, applicationFee)
        charge.application_fee = applicationFee.id
        followUps.push(['application_fee.created', applicationFee])
      }
    }
    charges.set(charge.id, charge)
    intent.latest_charge = charge.id
    intent.payment_method = pm.id
    intent.amount_received = intent.amount
    intent.last_payment_error = null
    intent.status = 'succeeded'
    emit('charge.succeeded', charge)
    emit('payment_intent.succeeded', intent)
    for (const [type, object] of followUps) emit(type, object)
    return intent
  }

  const cancelPaymentIntent = (intent: PaymentIntent, params: FormObject): PaymentIntent => {
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      throw invalid(
        `You cannot cancel this PaymentIntent because it has a status of ${intent.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
        { code: 'payment_intent_unexpected_state', payment_intent: clone(intent) },
      )
    }
    const reason = optString(params, 'cancellation_reason') ?? null
    if (reason && !['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'].includes(reason)) {
      throw invalid('Invalid cancellation_reason: must be one of duplicate, fraudulent, requested_by_customer, or abandoned', { param: 'cancellation_reason' })
    }
    intent.status = 'canceled'
    intent.canceled_at = nowSeconds()
    intent.cancellation_reason = reason
    emit('payment_intent.canceled', intent)
    return intent
  }

  // Transfers ------------------------------------------------------------------------------
  const makeTransfer = (
    input: { amount: number; currency: string; destination: string; sourceTransaction: string | null; transferGroup: string | null; metadata: Metadata; description: string | null },
    applicationFee = 0,
  ): Transfer => {
    const id = newId('tr')
    const platformTxn = post(PLATFORM, { amount: -input.amount, currency: input.currency, type: 'transfer', source: id, reportingCategory: 'transfer' })
    const destinationPayment = newId('py')
    // On the connected account a destination charge lands as a `payment` whose fee is the application fee.
    post(input.destination, {
      amount: input.amount,
      currency: input.currency,
      type: input.sourceTransaction ? 'payment' : 'transfer',
      source: destinationPayment,
      fee: applicationFee,
      feeType: 'application_fee',
      reportingCategory: input.sourceTransaction ? 'charge' : 'transfer',
    })
    const transfer: Transfer = {
      id,
      object: 'transfer',
      amount: input.amount,
      amount_reversed: 0,
      balance_transaction: platformTxn.id,
      created: nowSeconds(),
      currency: input.currency,
      description: input.description,
      destination: input.destination,
      destination_payment: destinationPayment,
      livemode: false,
      metadata: input.metadata,
      reversals: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/transfers/${id}/reversals` },
      reversed: false,
      source_transaction: input.sourceTransaction,
      source_type: 'card',
      transfer_group: input.transferGroup,
    }
    transfers.set(id, transfer)
    return transfer
  }

  const getTransfer = (id: string): Transfer => {
    const transfer = transfers.get(id)
    if (!transfer) throw missingResource('transfer', id)
    return transfer
  }

  const createTransfer = (params: FormObject): Transfer => {
    const amount = reqInt(params, 'amount')
    const currency = reqString(params, 'currency').toLowerCase()
    const destination = reqString(params, 'destination')
    if (amount <= 0) throw invalid('This value must be greater than or equal to 1.', { param: 'amount' })
    const account = accounts.get(destination)
    if (!account) throw invalid(`No such destination: '${destination}'`, { code: 'resource_missing', param: 'destination' })
    if (account.capabilities.transfers !== 'active') {
      throw invalid('Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments', {
        code: 'insufficient_capabilities_for_transfer',
        param: 'destination',
      })
    }
    const sourceTransaction = optString(params, 'source_transaction') ?? null
    if (sourceTransaction) {
      const source = charges.get(sourceTransaction)
      if (!source || source.status !== 'succeeded') throw missingResource('charge', sourceTransaction, 'source_transaction')
    } else if ((balanceTotals(PLATFORM).available.get(currency) ?? 0) < amount) {
      throw invalid(
        'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance',
        { code: 'balance_insufficient' },
      )
    }
    const transfer = makeTransfer({
      amount,
      currency,
      destination,
      sourceTransaction,
      transferGroup: optString(params, 'transfer_group') ?? null,
      metadata: applyMetadata({}, params),
      description: optString(params, 'description') ?? null,
    })
    emit('transfer.created', transfer)
    return transfer
  }

  const reverseTransfer = (transfer: Transfer, amount: number, extra: { metadata?: Metadata; sourceRefund?: string | null; emitEvent?: boolean } = {}): TransferReversal => {
    const remaining = transfer.amount - transfer.amount_reversed
    if (amount <= 0) throw invalid('This value must be greater than or equal to 1.', { param: 'amount' })
    if (amount > remaining) {
      throw invalid(`You have attempted to reverse ${formatAmount(amount, transfer.currency)}, but this transfer only has ${formatAmount(remaining, transfer.currency)} left to reverse.`, { param: 'amount' })
    }
    const id = newId('trr')
    const platformTxn = post(PLATFORM, { amount, currency: transfer.currency, type: 'transfer_cancel', source: id, reportingCategory: 'transfer_reversal' })
    // A reversal may leave the connected balance negative; Stripe allows it and so do we.
    post(transfer.destination, { amount: -amount, currency: transfer.currency, type: 'payment_refund', source: newId('pyr'), reportingCategory: 'transfer_reversal' })
    const reversal: TransferReversal = {
      id,
      object: 'transfer_reversal',
      amount,
      balance_transaction: platformTxn.id,
      created: nowSeconds(),
      currency: transfer.currency,
      destination_payment_refund: null,
      metadata: extra.metadata ?? {},
      source_refund: extra.sourceRefund ?? null,
      transfer: transfer.id,
    }
    const previous = { amount_reversed: transfer.amount_reversed, reversed: transfer.reversed }
    transfer.amount_reversed += amount
    transfer.reversed = transfer.amount_reversed === transfer.amount
    transfer.reversals.data.unshift(reversal)
    transfer.reversals.total_count = transfer.reversals.data.length
    if (extra.emitEvent !== false) emit('transfer.reversed', transfer, { previousAttributes: previous })
    return reversal
  }

  // Refunds --------------------------------------------------------------------------------
  const createRefund = (params: FormObject): { refund: Refund; followUps: [string, unknown, Record<string, unknown>?][] } => {
    const chargeParam = optString(params, 'charge')
    const intentParam = optString(params, 'payment_intent')
    if (!chargeParam && !intentParam) throw invalid('One of the following params should be provided for this request: payment_intent or charge.', { code: 'parameter_missing' })
    let charge: Charge | undefined
    if (chargeParam) {
      charge = charges.get(chargeParam)
      if (!charge) throw missingResource('charge', chargeParam, 'charge')
    } else {
      const intent = getPaymentIntent(intentParam!, 'payment_intent')
      charge = intent.status === 'succeeded' && intent.latest_charge ? charges.get(intent.latest_charge) : undefined
      if (!charge) throw invalid(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, { code: 'charge_not_refundable', param: 'payment_intent' })
    }
    if (charge.status !== 'succeeded') throw invalid(`Charge ${charge.id} has not succeeded and cannot be refunded.`, { code: 'charge_not_refundable' })
    const openDisputeOfCharge = [...disputes.values()].find((dispute) => dispute.charge === charge.id && dispute.status !== 'won')
    if (openDisputeOfCharge) throw invalid(`Charge ${charge.id} has been charged back; cannot issue a refund.`, { code: 'charge_disputed' })
    const remaining = charge.amount - charge.amount_refunded
    if (remaining === 0) throw invalid(`Charge ${charge.id} has already been refunded.`, { code: 'charge_already_refunded' })
    const amount = optInt(params, 'amount') ?? remaining
    if (amount <= 0) throw invalid('This value must be greater than or equal to 1.', { param: 'amount' })
    if (amount > remaining) {
      throw invalid(`Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`, {
        code: 'amount_too_large',
        param: 'amount',
      })
    }
    const reason = optString(params, 'reason') ?? null
    if (reason && !['duplicate', 'fraudulent', 'requested_by_customer'].includes(reason)) {
      throw invalid('Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer', { param: 'reason' })
    }
    const reverse = optBool(params, 'reverse_transfer') ?? false
    const refundFee = optBool(params, 'refund_application_fee') ?? false
    const transfer = charge.transfer ? transfers.get(charge.transfer) : undefined
    if (reverse && !transfer) throw invalid('The charge has no transfer to reverse; reverse_transfer can only be used on destination charges.', { param: 'reverse_transfer' })
    const applicationFee = charge.application_fee ? applicationFees.get(charge.application_fee) : undefined

    const id = newId('re')
    const followUps: [string, unknown, Record<string, unknown>?][] = []
    const shares = refundShares.get(charge.id) ?? { reversalBase: 0, reversed: 0, feeBase: 0, feeRefunded: 0 }
    let reversal: TransferReversal | null = null
    if (reverse && transfer) {
      shares.reversalBase += amount
      const target = Math.round((transfer.amount * shares.reversalBase) / charge.amount)
      const reversalAmount = Math.min(target - shares.reversed, transfer.amount - transfer.amount_reversed)
      if (reversalAmount > 0) {
        reversal = reverseTransfer(transfer, reversalAmount, { sourceRefund: id, emitEvent: false })
        shares.reversed += reversalAmount
        followUps.push(['transfer.reversed', transfer, { amount_reversed: transfer.amount_reversed - reversalAmount }])
      }
    }
    if (refundFee && applicationFee) {
      shares.feeBase += amount
      const target = Math.round((applicationFee.amount * shares.feeBase) / charge.amount)
      const feeRefundAmount = Math.min(target - shares.feeRefunded, applicationFee.amount - applicationFee.amount_refunded)
      if (feeRefundAmount > 0) {
        const feeRefundId = newId('fr')
        const platformTxn = post(PLATFORM, { amount: -feeRefundAmount, currency: charge.currency, type: 'application_fee_refund', source: feeRefundId, reportingCategory: 'platform_earning_refund' })
        post(applicationFee.account, { amount: feeRefundAmount, currency: charge.currency, type: 'application_fee_refund', source: feeRefundId, reportingCategory: 'fee' })
        applicationFee.refunds.data.unshift({ id: feeRefundId, object: 'fee_refund', amount: feeRefundAmount, balance_transaction: platformTxn.id, created: nowSeconds(), currency: charge.currency, fee: applicationFee.id, metadata: {} })
        applicationFee.refunds.total_count = applicationFee.refunds.data.length
        applicationFee.amount_refunded += feeRefundAmount
        applicationFee.refunded = applicationFee.amount_refunded === applicationFee.amount
        shares.feeRefunded += feeRefundAmount
        followUps.push(['application_fee.refunded', applicationFee])
      }
    }
    refundShares.set(charge.id, shares)
    const refundTxn = post(PLATFORM, { amount: -amount, currency: charge.currency, type: 'refund', source: id, reportingCategory: 'refund' })
    const refund: Refund = {
      id,
      object: 'refund',
      amount,
      balance_transaction: refundTxn.id,
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      customer: charge.customer,
      customer_account: null,
      destination_details: { card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' }, type: 'card' },
      metadata: applyMetadata({}, params),
      payment_intent: charge.payment_intent,
      payment_method: charge.payment_method,
      reason,
      receipt_number: null,
      source_transfer_reversal: null,
      status: 'succeeded',
      transfer_reversal: reversal?.id ?? null,
    }
    refunds.set(id, refund)
    const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded }
    charge.amount_refunded += amount
    charge.refunded = charge.amount_refunded === charge.amount
    emit('charge.refunded', charge, { previousAttributes: previous })
    emit('refund.created', refund)
    return { refund, followUps }
  }

  // Payouts --------------------------------------------------------------------------------
  const getPayout = (id: string, owner?: string): { payout: Payout; owner: string } => {
    const entry = payouts.get(id)
    if (!entry || (owner !== undefined && entry.owner !== owner)) throw missingResource('payout', id)
    return entry
  }

  const createPayout = (params: FormObject, owner: string): Payout => {
    const amount = reqInt(params, 'amount')
    if (amount <= 0) throw invalid('This value must be greater than or equal to 1.', { param: 'amount' })
    const account = owner === PLATFORM ? undefined : getAccount(owner)
    const currency = reqString(params, 'currency').toLowerCase()
    if (account && !account.payouts_enabled) {
      throw invalid('Payouts are not enabled for this account: it has not completed onboarding or has requirements due.', { code: 'payouts_not_allowed' })
    }
    const available = balanceTotals(owner).available.get(currency) ?? 0
    if (amount > available) {
      throw invalid(
        'You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).',
        { code: 'balance_insufficient', param: 'amount' },
      )
    }
    const id = newId('po')
    const txn = post(owner, { amount: -amount, currency, type: 'payout', source: id, reportingCategory: 'payout' })
    const method = optString(params, 'method') ?? 'standard'
    const payout: Payout = {
      id,
      object: 'payout',
      amount,
      application_fee: null,
      application_fee_amount: null,
      arrival_date: nowSeconds() + (method === 'instant' ? 0 : 2 * 86_400),
      automatic: false,
      balance_transaction: txn.id,
      created: nowSeconds(),
      currency,
      description: optString(params, 'description') ?? null,
      destination: account?.external_accounts.data.find((bank) => bank.currency === currency)?.id ?? account?.external_accounts.data[0]?.id ?? null,
      failure_balance_transaction: null,
      failure_code: null,
      failure_message: null,
      livemode: false,
      metadata: applyMetadata({}, params),
      method,
      original_payout: null,
      payout_method: null,
      reconciliation_status: 'not_applicable',
      reversed_by: null,
      source_type: 'card',
      statement_descriptor: optString(params, 'statement_descriptor') ?? null,
      status: 'pending',
      trace_id: null,
      type: 'bank',
    }
    payouts.set(id, { payout, owner })
    emit('payout.created', payout, owner === PLATFORM ? {} : { account: owner })
    return payout
  }

  const finishPayout = (id: string, outcome: 'paid' | 'failed' | 'canceled', failureCode?: string): Payout => {
    const { payout, owner } = getPayout(id)
    if (payout.status !== 'pending') throw invalid(`Payout ${id} is ${payout.status}; only a pending payout can be ${outcome}.`, { code: 'payout_not_pending' })
    const accountScope = owner === PLATFORM ? {} : { account: owner }
    if (outcome === 'paid') {
      payout.status = 'paid'
      emit('payout.paid', payout, accountScope)
      return payout
    }
    // The money comes back to the available balance when a payout fails or is canceled.
    const txn = post(owner, { amount: payout.amount, currency: payout.currency, type: outcome === 'failed' ? 'payout_failure' : 'payout_cancel', source: payout.id, reportingCategory: 'payout_reversal' })
    txn.status = 'available'
    const entry = ledgerOf(owner).find((candidate) => candidate.txn === txn)
    if (entry) entry.availableAtMs = 0
    payout.status = outcome
    if (outcome === 'failed') {
      const code = failureCode ?? 'account_closed'
      payout.failure_code = code
      payout.failure_message = PAYOUT_FAILURES[code] ?? 'The payout failed.'
      payout.failure_balance_transaction = txn.id
    }
    emit(outcome === 'failed' ? 'payout.failed' : 'payout.canceled', payout, accountScope)
    return payout
  }

  // Disputes -------------------------------------------------------------------------------
  const getDispute = (id: string): Dispute => {
    const dispute = disputes.get(id)
    if (!dispute) throw missingResource('dispute', id)
    return dispute
  }

  const openDispute = (input: { paymentIntent: string; amount?: number; reason?: string }): Dispute => {
    const intent = getPaymentIntent(input.paymentIntent, 'paymentIntent')
    const charge = intent.latest_charge ? charges.get(intent.latest_charge) : undefined
    if (!charge || charge.status !== 'succeeded') throw invalid(`PaymentIntent ${intent.id} has no successful charge to dispute.`)
    if ([...disputes.values()].some((dispute) => dispute.charge === charge.id)) throw invalid(`Charge ${charge.id} is already disputed.`)
    const amount = input.amount ?? charge.amount - charge.amount_refunded
    if (amount <= 0 || amount > charge.amount) throw invalid('Dispute amount must be positive and no more than the charge.', { param: 'amount' })
    const id = newId('dp')
    // On a destination charge the platform is debited (amount + dispute fee); the connected account is untouched.
    const withdrawal = post(PLATFORM, { amount: -amount, currency: charge.currency, type: 'adjustment', source: id, fee: DISPUTE_FEE, description: `Chargeback withdrawal for ${charge.id}`, reportingCategory: 'dispute' })
    const dispute: Dispute = {
      id,
      object: 'dispute',
      amount,
      balance_transactions: [clone(withdrawal)],
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      enhanced_eligibility_types: [],
      evidence: { customer_email_address: null, customer_name: null, product_description: null, service_date: null, uncategorized_text: null },
      evidence_details: { due_by: nowSeconds() + 7 * 86_400, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0, submission_method: null },
      intended_submission_method: null,
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      network_reason_code: '10.4',
      payment_intent: intent.id,
      payment_method_details: { card: { brand: String(charge.payment_method_details.card.brand), case_type: 'chargeback', network_reason_code: '10.4' }, type: 'card' },
      reason: input.reason ?? 'fraudulent',
      status: 'needs_response',
    }
    disputes.set(id, dispute)
    charge.disputed = true
    emit('charge.dispute.created', dispute)
    emit('charge.dispute.funds_withdrawn', dispute)
    return dispute
  }

  const closeDispute = (id: string, status: 'won' | 'lost'): Dispute => {
    const dispute = getDispute(id)
    if (dispute.status === 'won' || dispute.status === 'lost') throw invalid(`Dispute ${id} is already closed (${dispute.status}).`)
    if (status !== 'won' && status !== 'lost') throw invalid('status must be won or lost', { param: 'status' })
    const previous = { status: dispute.status }
    dispute.status = status
    dispute.is_charge_refundable = false
    if (status === 'won') {
      const reinstatement = post(PLATFORM, { amount: dispute.amount, currency: dispute.currency, type: 'adjustment', source: id, description: `Chargeback reversal for ${dispute.charge}`, reportingCategory: 'dispute_reversal' })
      reinstatement.status = 'available'
      dispute.balance_transactions.push(clone(reinstatement))
    }
    emit('charge.dispute.closed', dispute, { previousAttributes: previous })
    if (status === 'won') emit('charge.dispute.funds_reinstated', dispute)
    return dispute
  }

  const updateDispute = (dispute: Dispute, params: FormObject): Dispute => {
    if (dispute.status === 'won' || dispute.status === 'lost') throw invalid(`This dispute is already closed (${dispute.status}).`)
    const previous: Record<string, unknown> = {}
    const evidence = optObject(params, 'evidence')
    if (evidence) {
      previous.evidence = clone(dispute.evidence)
      dispute.evidence = mergeParams(dispute.evidence, evidence)
      dispute.evidence_details.has_evidence = true
    }
    dispute.metadata = applyMetadata(dispute.metadata, params)
    if (optBool(params, 'submit') !== false && evidence) {
      previous.status = dispute.status
      dispute.status = 'under_review'
      dispute.evidence_details.submission_count += 1
    }
    emit('charge.dispute.updated', dispute, { previousAttributes: previous })
    return dispute
  }

  // Lists ----------------------------------------------------------------------------------
  const list = <T extends { id: string }>(url: string, items: T[], params: FormObject) => {
    const newestFirst = [...items].reverse()
    const limit = Math.min(Math.max(optInt(params, 'limit') ?? 10, 1), 100)
    const after = optString(params, 'starting_after')
    const before = optString(params, 'ending_before')
    let start = 0
    let end = newestFirst.length
    if (after) {
      const index = newestFirst.findIndex((item) => item.id === after)
      if (index < 0) throw missingResource('object', after, 'starting_after')
      start = index + 1
    } else if (before) {
      const index = newestFirst.findIndex((item) => item.id === before)
      if (index < 0) throw missingResource('object', before, 'ending_before')
      end = index
      start = Math.max(0, end - limit)
    }
    const data = newestFirst.slice(start, Math.min(end, start + limit))
    const hasMore = before ? start > 0 : start + limit < end
    return { object: 'list', data, has_more: hasMore, url }
  }

  const eventMatches = (event: EmulatedEvent, params: FormObject) => {
    const type = optString(params, 'type')
    const types = optStringList(params, 'types')
    const matchOne = (pattern: string) => (pattern.endsWith('.*') ? event.type.startsWith(pattern.slice(0, -1)) : event.type === pattern)
    if (type && !matchOne(type)) return false
    if (types && !types.some(matchOne)) return false
    return true
  }

  // Routes ---------------------------------------------------------------------------------
  const routes: Route[] = [
    { method: 'POST', pattern: /^\/v1\/accounts$/, handle: ({ params }) => createAccount(params) },
    { method: 'GET', pattern: /^\/v1\/accounts$/, handle: ({ params }) => list('/v1/accounts', [...accounts.values()], params) },
    {
      method: 'GET',
      pattern: /^\/v1\/accounts\/([\w]+)$/,
      connectScoped: true,
      handle: ({ ids, account }) => {
        // With Stripe-Account a connected account may only read itself.
        if (account && account !== ids[0]) throw missingResource('account', ids[0])
        return getAccount(ids[0], 'account')
      },
    },
    { method: 'POST', pattern: /^\/v1\/accounts\/([\w]+)$/, handle: ({ ids, params }) => updateAccount(getAccount(ids[0]), params) },
    {
      method: 'DELETE',
      pattern: /^\/v1\/accounts\/([\w]+)$/,
      handle: ({ ids }) => {
        getAccount(ids[0])
        accounts.delete(ids[0])
        return { id: ids[0], object: 'account', deleted: true }
      },
    },
    { method: 'POST', pattern: /^\/v1\/account_links$/, handle: ({ params }) => createAccountLink(params) },
    { method: 'POST', pattern: /^\/v1\/payment_methods$/, handle: ({ params }) => createPaymentMethod(params) },
    {
      method: 'GET',
      pattern: /^\/v1\/payment_methods\/([\w]+)$/,
      handle: ({ ids }) => {
        const entry = paymentMethods.get(ids[0])
        if (!entry) throw missingResource('PaymentMethod', ids[0], 'payment_method')
        return entry.pm
      },
    },
    { method: 'POST', pattern: /^\/v1\/payment_intents$/, handle: ({ params }) => createPaymentIntent(params) },
    {
      method: 'GET',
      pattern: /^\/v1\/payment_intents$/,
      handle: ({ params }) => list('/v1/payment_intents', [...paymentIntents.values()].filter((intent) => !params.customer || intent.customer === params.customer), params),
    },
    { method: 'GET', pattern: /^\/v1\/payment_intents\/([\w]+)$/, handle: ({ ids }) => getPaymentIntent(ids[0]) },
    { method: 'POST', pattern: /^\/v1\/payment_intents\/([\w]+)$/, handle: ({ ids, params }) => updatePaymentIntent(getPaymentIntent(ids[0]), params) },
    { method: 'POST', pattern: /^\/v1\/payment_intents\/([\w]+)\/confirm$/, handle: ({ ids, params }) => confirmPaymentIntent(getPaymentIntent(ids[0]), params) },
    { method: 'POST', pattern: /^\/v1\/payment_intents\/([\w]+)\/cancel$/, handle: ({ ids, params }) => cancelPaymentIntent(getPaymentIntent(ids[0]), params) },
    {
      method: 'GET',
      pattern: /^\/v1\/charges$/,
      handle: ({ params }) => list('/v1/charges', [...charges.values()].filter((charge) => !params.payment_intent || charge.payment_intent === params.payment_intent), params),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/charges\/([\w]+)$/,
      handle: ({ ids }) => {
        const charge = charges.get(ids[0])
        if (!charge) throw missingResource('charge', ids[0], 'charge')
        return charge
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/application_fees$/,
      handle: ({ params }) => list('/v1/application_fees', [...applicationFees.values()].filter((fee) => !params.charge || fee.originating_transaction === params.charge), params),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/application_fees\/([\w]+)$/,
      handle: ({ ids }) => {
        const fee = applicationFees.get(ids[0])
        if (!fee) throw missingResource('application fee', ids[0])
        return fee
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/refunds$/,
      handle: ({ params }) => {
        const { refund, followUps } = createRefund(params)
        for (const [type, object, previous] of followUps) emit(type, object, previous ? { previousAttributes: previous } : {})
        return refund
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/refunds$/,
      handle: ({ params }) =>
        list(
          '/v1/refunds',
          [...refunds.values()].filter((refund) => (!params.charge || refund.charge === params.charge) && (!params.payment_intent || refund.payment_intent === params.payment_intent)),
          params,
        ),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/refunds\/([\w]+)$/,
      handle: ({ ids }) => {
        const refund = refunds.get(ids[0])
        if (!refund) throw missingResource('refund', ids[0])
        return refund
      },
    },
    { method: 'POST', pattern: /^\/v1\/transfers$/, handle: ({ params }) => createTransfer(params) },
    {
      method: 'GET',
      pattern: /^\/v1\/transfers$/,
      handle: ({ params }) =>
        list(
          '/v1/transfers',
          [...transfers.values()].filter((transfer) => (!params.destination || transfer.destination === params.destination) && (!params.transfer_group || transfer.transfer_group === params.transfer_group)),
          params,
        ),
    },
    { method: 'GET', pattern: /^\/v1\/transfers\/([\w]+)$/, handle: ({ ids }) => getTransfer(ids[0]) },
    {
      method: 'POST',
      pattern: /^\/v1\/transfers\/([\w]+)\/reversals$/,
      handle: ({ ids, params }) => {
        const transfer = getTransfer(ids[0])
        return reverseTransfer(transfer, optInt(params, 'amount') ?? transfer.amount - transfer.amount_reversed, { metadata: applyMetadata({}, params) })
      },
    },
    { method: 'GET', pattern: /^\/v1\/transfers\/([\w]+)\/reversals$/, handle: ({ ids, params }) => list(`/v1/transfers/${ids[0]}/reversals`, [...getTransfer(ids[0]).reversals.data].reverse(), params) },
    { method: 'GET', pattern: /^\/v1\/balance$/, connectScoped: true, handle: ({ account }) => balanceObject(account ?? PLATFORM) },
    {
      method: 'GET',
      pattern: /^\/v1\/balance_transactions$/,
      connectScoped: true,
      handle: ({ account, params }) => {
        settle(account ?? PLATFORM)
        const txns = ledgerOf(account ?? PLATFORM).map((entry) => entry.txn)
        return list('/v1/balance_transactions', txns.filter((txn) => (!params.type || txn.type === params.type) && (!params.source || txn.source === params.source)), params)
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/balance_transactions\/([\w]+)$/,
      connectScoped: true,
      handle: ({ account, ids }) => {
        settle(account ?? PLATFORM)
        const txn = ledgerOf(account ?? PLATFORM).find((entry) => entry.txn.id === ids[0])?.txn
        if (!txn) throw missingResource('balance transaction', ids[0])
        return txn
      },
    },
    { method: 'POST', pattern: /^\/v1\/payouts$/, connectScoped: true, handle: ({ account, params }) => createPayout(params, account ?? PLATFORM) },
    {
      method: 'GET',
      pattern: /^\/v1\/payouts$/,
      connectScoped: true,
      handle: ({ account, params }) =>
        list('/v1/payouts', [...payouts.values()].filter((entry) => entry.owner === (account ?? PLATFORM) && (!params.status || entry.payout.status === params.status)).map((entry) => entry.payout), params),
    },
    { method: 'GET', pattern: /^\/v1\/payouts\/([\w]+)$/, connectScoped: true, handle: ({ account, ids }) => getPayout(ids[0], account ?? PLATFORM).payout },
    {
      method: 'POST',
      pattern: /^\/v1\/payouts\/([\w]+)\/cancel$/,
      connectScoped: true,
      handle: ({ account, ids }) => finishPayout(getPayout(ids[0], account ?? PLATFORM).payout.id, 'canceled'),
    },
    { method: 'GET', pattern: /^\/v1\/disputes$/, handle: ({ params }) => list('/v1/disputes', [...disputes.values()].filter((dispute) => !params.payment_intent || dispute.payment_intent === params.payment_intent), params) },
    { method: 'GET', pattern: /^\/v1\/disputes\/([\w]+)$/, handle: ({ ids }) => getDispute(ids[0]) },
    { method: 'POST', pattern: /^\/v1\/disputes\/([\w]+)$/, handle: ({ ids, params }) => updateDispute(getDispute(ids[0]), params) },
    { method: 'POST', pattern: /^\/v1\/disputes\/([\w]+)\/close$/, handle: ({ ids }) => closeDispute(ids[0], 'lost') },
    {
      method: 'GET',
      pattern: /^\/v1\/events$/,
      connectScoped: true,
      handle: ({ account, params }) => list('/v1/events', events.filter((event) => (event.account ?? null) === account && eventMatches(event, params)), params),
    },
    {
      method: 'GET',
      pattern: /^\/v1\/events\/([\w]+)$/,
      connectScoped: true,
      handle: ({ account, ids }) => {
        const event = events.find((candidate) => candidate.id === ids[0] && (candidate.account ?? null) === account)
        if (!event) throw missingResource('event', ids[0])
        return event
      },
    },
  ]

  // HTTP -----------------------------------------------------------------------------------
  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body, null, 2))
  }

  const sendError = (res: http.ServerResponse, error: EmulatedStripeError, headers: Record<string, string> = {}) => send(res, error.status, { error: error.body }, headers)

  const takeFailure = (method: string, path: string): FailureMode | null => {
    if (failure.count <= 0 || !path.startsWith(failure.pathPrefix) || (failure.method && failure.method !== method)) return null
    failure.count--
    return failure.mode
  }

  const hang = (res: http.ServerResponse) => {
    hanging.add(res)
    res.on('close', () => hanging.delete(res))
  }

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const method = req.method ?? 'GET'
    const path = url.pathname
    const requestId = newId('req', 14)
    const apiVersion = typeof req.headers['stripe-version'] === 'string' ? req.headers['stripe-version'] : Stripe.API_VERSION
    const headerOf = (name: string) => {
      const value = req.headers[name]
      return typeof value === 'string' && value !== '' ? value : null
    }
    const account = headerOf('stripe-account')
    const idempotencyKey = method === 'POST' ? headerOf('idempotency-key') : null
    const logEntry: EmulatedRequest = { method, path, account, idempotencyKey, status: 'no_response', replayed: false, injected: null }
    requestLog.push(logEntry)
    const baseHeaders: Record<string, string> = { 'request-id': requestId, 'stripe-version': apiVersion, ...(account ? { 'stripe-account': account } : {}), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) }
    const respond = (status: number, body: unknown, extraHeaders: Record<string, string> = {}) => {
      logEntry.status = status
      send(res, status, body, { ...baseHeaders, ...extraHeaders })
    }

    const raw = await readBody(req)
    const auth = req.headers.authorization ?? ''
    const key = auth.startsWith('Bearer ') ? auth.slice(7) : auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString().split(':')[0] : ''
    if (!key.startsWith('sk_test_')) {
      const message = key ? `Invalid API Key provided: ${key.slice(0, 8)}***${key.length > 16 ? key.slice(-4) : ''}` : 'You did not provide an API key.'
      return respond(401, { error: { type: 'invalid_request_error', message: `${message} (the emulator accepts any sk_test_… key)` } })
    }

    const injected = takeFailure(method, path)
    logEntry.injected = injected
    if (injected === 'timeout') return hang(res)
    if (injected === 'error') {
      // Injected failures stand for Stripe failing before the endpoint ran; Stripe keeps no idempotent
      // result then (it only saves one once execution started), so the SDK's retry with the same key
      // is executed afresh. Storing this 500 would replay it to every retry and the SDK could never
      // succeed — the opposite of what "fail the next N calls" is meant to exercise.
      return respond(500, { error: { type: 'api_error', message: `Emulated Stripe failure (failNext) on ${method} ${path}.` } })
    }

    const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path))
    if (!route) {
      return respond(404, {
        error: {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${path}). The Stripe emulator does not implement this endpoint; see src/integrations/stripe/emulator.ts.`,
        },
      })
    }

    let params: FormObject
    try {
      params = parseForm(new URLSearchParams(method === 'POST' ? raw : url.search))
    } catch (error) {
      if (error instanceof EmulatedStripeError) return respond(error.status, { error: error.body })
      throw error
    }

    if (account) {
      if (!route.connectScoped) {
        return respond(400, { error: { type: 'invalid_request_error', message: `The Stripe emulator does not support the Stripe-Account header on ${method} ${path} (only balance, balance transactions, payouts, events and account retrieval).` } })
      }
      if (!accounts.has(account)) {
        return respond(403, {
          error: {
            type: 'invalid_request_error',
            code: 'account_invalid',
            message: `The provided key 'sk_test_***' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
          },
        })
      }
    }

    const scopedKey = idempotencyKey ? `${account ?? ''}\u0000${idempotencyKey}` : null
    const fingerprint = `${method} ${path} ${canonical(params)}`
    if (idempotencyKey && idempotencyKey.length > 255) {
      return respond(400, { error: { type: 'invalid_request_error', message: 'Idempotency-Key must be at most 255 characters long.' } })
    }
    if (scopedKey) {
      const stored = idempotent.get(scopedKey)
      if (stored && Date.now() - stored.storedAt < IDEMPOTENCY_TTL_MS) {
        if (stored.fingerprint !== fingerprint) {
          return respond(400, {
            error: {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            },
          })
        }
        logEntry.replayed = true
        return respond(stored.status, stored.body, { 'idempotent-replayed': 'true', ...(stored.status >= 500 ? { 'stripe-should-retry': 'false' } : {}) })
      }
    }

    let status = 200
    let body: unknown
    let store = true
    currentRequest = { id: requestId, idempotencyKey }
    try {
      const match = route.pattern.exec(path)!
      body = route.handle({ params, account, ids: match.slice(1) })
    } catch (error) {
      if (error instanceof EmulatedStripeError) {
        status = error.status
        body = { error: error.body }
        // Validation errors leave nothing behind, so Stripe does not pin them to the key.
        store = error.afterSideEffects
      } else {
        status = 500
        body = { error: { type: 'api_error', message: `Stripe emulator internal error: ${error instanceof Error ? error.message : String(error)}` } }
        console.error('[stripe-emulator]', error)
      }
    } finally {
      currentRequest = null
    }
    const snapshot = JSON.parse(JSON.stringify(body)) as unknown
    if (scopedKey && store) idempotent.set(scopedKey, { fingerprint, status, body: snapshot, storedAt: Date.now() })
    if (injected === 'lost_response') return hang(res)
    respond(status, snapshot)
  }

  // Onboarding pages -----------------------------------------------------------------------
  const html = (res: http.ServerResponse, status: number, title: string, content: string) => {
    res
      .writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
      .end(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><meta name="viewport" content="width=device-width, initial-scale=1"><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1f36}button{background:#635bff;color:#fff;border:0;border-radius:6px;padding:.75rem 1.25rem;font-size:1rem;cursor:pointer}a{color:#635bff}.note{color:#697386;font-size:.9rem}</style></head><body>${content}</body></html>`,
      )
  }

  const redirect = (res: http.ServerResponse, location: string, status = 303) => res.writeHead(status, { location }).end()

  const onboardingPage = (res: http.ServerResponse, accountId: string, token: string | null) => {
    const link = token ? accountLinks.get(token) : undefined
    if (!link || link.account !== accountId) return html(res, 404, 'Invalid link', '<h1>This onboarding link is invalid.</h1>')
    if (link.visited || link.completed || link.expiresAt < nowSeconds()) {
      if (link.refreshUrl) return redirect(res, link.refreshUrl, 302)
      return html(res, 410, 'Link expired', '<h1>This onboarding link has expired or was already used.</h1>')
    }
    link.visited = true
    const account = getAccount(accountId)
    html(
      res,
      200,
      'Stripe emulator — onboarding',
      `<h1>Set up payouts</h1><p>Connected account <code>${escapeHtml(account.id)}</code> (${escapeHtml(account.country)}, ${escapeHtml(account.type)}).</p>` +
        `<p class="note">This page stands in for Stripe's hosted onboarding. Completing it marks the account as verified, with charges and payouts enabled and a test bank account.</p>` +
        `<form method="post" action="/emulator/onboarding/${encodeURIComponent(account.id)}/complete"><input type="hidden" name="link" value="${escapeHtml(token ?? '')}"><button type="submit">Complete onboarding</button></form>` +
        (link.returnUrl ? `<p class="note"><a href="${escapeHtml(link.returnUrl)}">Leave without finishing</a></p>` : ''),
    )
  }

  const completeOnboardingFromPage = (res: http.ServerResponse, accountId: string, token: string | null) => {
    const link = token ? accountLinks.get(token) : undefined
    if (!link || link.account !== accountId || link.completed || link.expiresAt < nowSeconds()) {
      if (link?.refreshUrl) return redirect(res, link.refreshUrl)
      return html(res, 400, 'Link expired', '<h1>This onboarding link has expired or was already used.</h1>')
    }
    link.completed = true
    completeOnboarding(accountId)
    if (link.returnUrl) return redirect(res, link.returnUrl)
    html(res, 200, 'Onboarding complete', '<h1>Onboarding complete.</h1><p>You can close this page.</p>')
  }

  // Control ----------------------------------------------------------------------------------
  const whenIdle = async (timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs
    while (queue.length || delivering || retryTimers.size) {
      if (Date.now() > deadline) throw new Error(`Stripe emulator: deliveries still pending after ${timeoutMs} ms (${queue.length} queued, ${retryTimers.size} waiting to retry)`)
      await sleep(10)
    }
  }

  const releasePendingFunds = (accountId?: string) => {
    for (const [owner, ledger] of ledgers) {
      if (accountId && owner !== accountId) continue
      for (const entry of ledger) entry.availableAtMs = 0
      settle(owner)
    }
  }

  const reset = () => {
    for (const map of [accounts, accountLinks, paymentMethods, paymentIntents, charges, applicationFees, transfers, refunds, payouts, disputes, ledgers, refundShares, idempotent]) map.clear()
    events.length = 0
    deliveries.length = 0
    requestLog.length = 0
    queue.length = 0
    held.length = 0
    for (const timer of retryTimers) clearTimeout(timer)
    retryTimers.clear()
    failure = { count: 0, mode: 'error', pathPrefix: '/v1/' }
    duplicateNextEvent = false
    holding = false
  }

  const control: StripeEmulatorControl = {
    failNext: ({ count, mode = 'error', pathPrefix = '/v1/', method }) => {
      failure = { count, mode, pathPrefix, method }
    },
    openDispute,
    closeDispute,
    payoutOutcome: (id, outcome, failureCode) => finishPayout(id, outcome, failureCode),
    completeOnboarding,
    releasePendingFunds,
    deliverNextEventTwice: () => {
      duplicateNextEvent = true
    },
    holdEvents: () => {
      holding = true
    },
    releaseEvents: ({ order = 'fifo' } = {}) => {
      holding = false
      const released = held.splice(0)
      queue.push(...(order === 'reverse' ? released.reverse() : released))
      void pump()
    },
    events: () => clone(events),
    deliveries: () => clone(deliveries),
    requests: () => clone(requestLog),
    whenIdle,
    reset,
  }

  const controlRoutes: { method: string; pattern: RegExp; handle: (body: Record<string, unknown>, ids: string[]) => unknown }[] = [
    {
      method: 'POST',
      pattern: /^\/emulator\/fail-next$/,
      handle: (body) => {
        const mode = body.mode === 'timeout' || body.mode === 'lost_response' ? body.mode : 'error'
        const method = body.method === 'GET' || body.method === 'POST' || body.method === 'DELETE' ? body.method : undefined
        control.failNext({ count: Number(body.count ?? 1), mode, pathPrefix: typeof body.pathPrefix === 'string' ? body.pathPrefix : undefined, method })
        return { ok: true }
      },
    },
    {
      method: 'POST',
      pattern: /^\/emulator\/disputes$/,
      handle: (body) =>
        openDispute({
          paymentIntent: String(body.paymentIntent ?? body.payment_intent ?? ''),
          amount: body.amount === undefined ? undefined : Number(body.amount),
          reason: typeof body.reason === 'string' ? body.reason : undefined,
        }),
    },
    { method: 'POST', pattern: /^\/emulator\/disputes\/([\w]+)\/close$/, handle: (body, ids) => closeDispute(ids[0], body.status === 'won' ? 'won' : 'lost') },
    {
      method: 'POST',
      pattern: /^\/emulator\/payouts\/([\w]+)\/outcome$/,
      handle: (body, ids) => finishPayout(ids[0], body.outcome === 'failed' ? 'failed' : 'paid', typeof body.failureCode === 'string' ? body.failureCode : undefined),
    },
    { method: 'POST', pattern: /^\/emulator\/accounts\/([\w]+)\/complete-onboarding$/, handle: (_body, ids) => completeOnboarding(ids[0]) },
    {
      method: 'POST',
      pattern: /^\/emulator\/release-pending-funds$/,
      handle: (body) => (releasePendingFunds(typeof body.account === 'string' ? body.account : undefined), { ok: true }),
    },
    { method: 'POST', pattern: /^\/emulator\/deliver-next-event-twice$/, handle: () => (control.deliverNextEventTwice(), { ok: true }) },
    { method: 'POST', pattern: /^\/emulator\/hold-events$/, handle: () => (control.holdEvents(), { ok: true }) },
    { method: 'POST', pattern: /^\/emulator\/release-events$/, handle: (body) => (control.releaseEvents({ order: body.order === 'reverse' ? 'reverse' : 'fifo' }), { ok: true }) },
    { method: 'GET', pattern: /^\/emulator\/events$/, handle: () => control.events() },
    { method: 'GET', pattern: /^\/emulator\/deliveries$/, handle: () => control.deliveries() },
    { method: 'GET', pattern: /^\/emulator\/requests$/, handle: () => control.requests() },
    { method: 'POST', pattern: /^\/emulator\/reset$/, handle: () => (reset(), { ok: true }) },
    {
      method: 'POST',
      pattern: /^\/emulator\/webhook$/,
      handle: (body) => (setWebhook(typeof body.url === 'string' && body.url ? body.url : null, typeof body.secret === 'string' ? body.secret : undefined), { ok: true }),
    },
  ]

  const handleControl = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const method = req.method ?? 'GET'
    const path = url.pathname
    const onboarding = /^\/emulator\/onboarding\/([\w]+)(\/complete)?$/.exec(path)
    if (onboarding) {
      if (method === 'GET' && !onboarding[2]) return onboardingPage(res, onboarding[1], url.searchParams.get('link'))
      if (method === 'POST' && onboarding[2]) {
        const body = parseControlBody(await readBody(req), req.headers['content-type'])
        return completeOnboardingFromPage(res, onboarding[1], typeof body.link === 'string' ? body.link : url.searchParams.get('link'))
      }
    }
    const receipt = /^\/emulator\/receipts\/([\w]+)$/.exec(path)
    if (receipt && method === 'GET') {
      const charge = charges.get(receipt[1])
      if (!charge) return html(res, 404, 'Receipt', '<h1>No such receipt.</h1>')
      return html(res, 200, 'Receipt', `<h1>Receipt</h1><p>${escapeHtml(formatAmount(charge.amount, charge.currency))} — ${escapeHtml(charge.status)}</p>`)
    }
    const route = controlRoutes.find((candidate) => candidate.method === method && candidate.pattern.test(path))
    if (!route) return send(res, 404, { error: { type: 'invalid_request_error', message: `No emulator control endpoint ${method} ${path}` } })
    const body = parseControlBody(await readBody(req), req.headers['content-type'])
    send(res, 200, route.handle(body, route.pattern.exec(path)!.slice(1)))
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid')
    const work = url.pathname.startsWith('/v1/')
      ? handleApi(req, res, url)
      : url.pathname.startsWith('/emulator/')
        ? handleControl(req, res, url)
        : Promise.resolve(send(res, url.pathname === '/' ? 200 : 404, { emulator: 'stripe', api: '/v1/…', control: '/emulator/…', apiVersion: Stripe.API_VERSION }))
    work.catch((error: unknown) => {
      if (res.headersSent) return
      if (error instanceof EmulatedStripeError) return sendError(res, error)
      console.error('[stripe-emulator]', error)
      send(res, 500, { error: { type: 'api_error', message: error instanceof Error ? error.message : String(error) } })
    })
  })

  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  baseUrl = (options.publicUrl ?? url).replace(/\/$/, '')

  const setWebhook = (nextUrl: string | null, secret?: string) => {
    webhookUrl = nextUrl
    if (secret) webhookSecret = secret
  }

  return {
    url,
    host,
    port,
    setWebhook,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        closed = true
        for (const timer of retryTimers) clearTimeout(timer)
        retryTimers.clear()
        for (const controller of inFlight) controller.abort()
        for (const res of hanging) res.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
