/**
 * Stripe objects as the emulator keeps them (only the fields it maintains; names and nesting as in the API).
 */

export type Metadata = Record<string, string>
type ListOf<T> = { object: 'list'; data: T[]; has_more: boolean; total_count?: number; url: string }

export type Requirements = {
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
  status: 'warning_needs_response' | 'warning_under_review' | 'warning_closed' | 'needs_response' | 'under_review' | 'won' | 'lost'
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
