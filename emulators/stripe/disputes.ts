/**
 * Disputes: opened and closed through `control` (as the card network would), updated with evidence
 * through the API (staged, then submitted once).
 */
import { post } from './balance'
import { invalid, missingResource } from './errors'
import { emit } from './events'
import { applyMetadata, type FormObject, mergeParams, optBool, optObject } from './forms'
import { clone, newId, nowSeconds, PLATFORM } from './helpers'
import type { Dispute } from './objects'
import { getPaymentIntent } from './paymentIntents'
import type { EmulatorState } from './state'

const DISPUTE_FEE = 1500

export const getDispute = (state: EmulatorState, id: string): Dispute => {
  const dispute = state.disputes.get(id)
  if (!dispute) throw missingResource('dispute', id)
  return dispute
}

export const openDispute = (state: EmulatorState, input: { paymentIntent: string; amount?: number; reason?: string }): Dispute => {
  const intent = getPaymentIntent(state, input.paymentIntent, 'paymentIntent')
  const charge = intent.latest_charge ? state.charges.get(intent.latest_charge) : undefined
  if (!charge || charge.status !== 'succeeded') throw invalid(`PaymentIntent ${intent.id} has no successful charge to dispute.`)
  if ([...state.disputes.values()].some((dispute) => dispute.charge === charge.id)) throw invalid(`Charge ${charge.id} is already disputed.`)
  const amount = input.amount ?? charge.amount - charge.amount_refunded
  if (amount <= 0 || amount > charge.amount) throw invalid('Dispute amount must be positive and no more than the charge.', { param: 'amount' })
  const id = newId('dp')
  // On a destination charge the platform is debited (amount + dispute fee); the connected account is untouched.
  const withdrawal = post(state, PLATFORM, { amount: -amount, currency: charge.currency, type: 'adjustment', source: id, fee: DISPUTE_FEE, description: `Chargeback withdrawal for ${charge.id}`, reportingCategory: 'dispute' })
  const dispute: Dispute = {
    id,
    object: 'dispute',
    amount,
    balance_transactions: [clone(withdrawal)],
    charge: charge.id,
    created: nowSeconds(),
    currency: charge.currency,
    enhanced_eligibility_types: [],
    evidence: emptyEvidence(),
    evidence_details: { due_by: nowSeconds() + 7 * 86_400, enhanced_eligibility: {}, has_evidence: false, past_due: false, submission_count: 0, submission_method: 'not_submitted' },
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
  state.disputes.set(id, dispute)
  charge.disputed = true
  emit(state, 'charge.dispute.created', dispute)
  emit(state, 'charge.dispute.funds_withdrawn', dispute)
  return dispute
}

export const closeDispute = (state: EmulatorState, id: string, status: 'won' | 'lost'): Dispute => {
  const dispute = getDispute(state, id)
  if (dispute.status === 'won' || dispute.status === 'lost') throw invalid(`Dispute ${id} is already closed (${dispute.status}).`)
  if (status !== 'won' && status !== 'lost') throw invalid('status must be won or lost', { param: 'status' })
  const previous = { status: dispute.status }
  dispute.status = status
  dispute.is_charge_refundable = false
  if (status === 'won') {
    const reinstatement = post(state, PLATFORM, { amount: dispute.amount, currency: dispute.currency, type: 'adjustment', source: id, description: `Chargeback reversal for ${dispute.charge}`, reportingCategory: 'dispute_reversal' })
    reinstatement.status = 'available'
    dispute.balance_transactions.push(clone(reinstatement))
  }
  emit(state, 'charge.dispute.closed', dispute, { previousAttributes: previous })
  if (status === 'won') emit(state, 'charge.dispute.funds_reinstated', dispute)
  return dispute
}

/** The evidence fields Stripe takes as text (files — receipt, service_documentation… — take a File id). */
const EVIDENCE_TEXT_FIELDS = [
  'access_activity_log', 'billing_address', 'cancellation_policy_disclosure', 'cancellation_rebuttal', 'customer_email_address', 'customer_name',
  'customer_purchase_ip', 'duplicate_charge_explanation', 'duplicate_charge_id', 'product_description', 'refund_policy_disclosure',
  'refund_refusal_explanation', 'service_date', 'shipping_address', 'shipping_carrier', 'shipping_date', 'shipping_tracking_number', 'uncategorized_text',
] as const
const EVIDENCE_FILE_FIELDS = [
  'cancellation_policy', 'customer_communication', 'customer_signature', 'duplicate_charge_documentation', 'receipt', 'refund_policy',
  'service_documentation', 'shipping_documentation', 'uncategorized_file',
] as const
/** Stripe's limits: 20,000 characters a field, 150,000 for the evidence as a whole. */
const FIELD_LIMIT = 20_000
const TOTAL_LIMIT = 150_000

export const emptyEvidence = (): Record<string, string | null> => Object.fromEntries([...EVIDENCE_TEXT_FIELDS, ...EVIDENCE_FILE_FIELDS].sort().map((name) => [name, null]))

const CLOSED: readonly Dispute['status'][] = ['won', 'lost', 'warning_closed']
const SUBMITTED: readonly Dispute['status'][] = ['under_review', 'warning_under_review']

/**
 * `POST /v1/disputes/:id`, as Stripe does it: evidence fields are merged into the staged evidence
 * (an empty string unsets one), `submit` (true unless `false`) sends it to the bank —
 * `submission_count` + 1, `needs_response` → `under_review` (`warning_needs_response` →
 * `warning_under_review`). Staging sets `has_evidence`. A closed dispute, or evidence sent after a
 * submission, is refused. Emits `charge.dispute.updated`.
 */
export const updateDispute = (state: EmulatorState, dispute: Dispute, params: FormObject): Dispute => {
  if (CLOSED.includes(dispute.status)) throw invalid(`This dispute is already closed (${dispute.status}); it can no longer be updated.`, { code: 'dispute_already_closed' })
  const evidence = optObject(params, 'evidence')
  const submit = optBool(params, 'submit') ?? true
  if ((evidence || submit) && SUBMITTED.includes(dispute.status)) {
    throw invalid(`Evidence for dispute ${dispute.id} has already been submitted; it can only be submitted once.`, { code: 'dispute_already_submitted', param: evidence ? 'evidence' : 'submit' })
  }
  const previous: Record<string, unknown> = {}
  if (evidence) {
    for (const [name, value] of Object.entries(evidence)) {
      const known = (EVIDENCE_TEXT_FIELDS as readonly string[]).includes(name) || (EVIDENCE_FILE_FIELDS as readonly string[]).includes(name)
      if (!known) throw invalid(`Received unknown parameter: evidence[${name}]`, { param: `evidence[${name}]` })
      if (typeof value !== 'string') throw invalid(`Invalid string: evidence[${name}]`, { param: `evidence[${name}]` })
      if (value.length > FIELD_LIMIT) throw invalid(`evidence[${name}] must be at most ${FIELD_LIMIT} characters.`, { param: `evidence[${name}]` })
      if (value && (EVIDENCE_FILE_FIELDS as readonly string[]).includes(name) && !value.startsWith('file_')) throw invalid(`No such file upload: '${value}'`, { param: `evidence[${name}]` })
    }
    const merged = mergeParams(dispute.evidence, evidence)
    const total = Object.values(merged).reduce<number>((n, value) => n + (typeof value === 'string' ? value.length : 0), 0)
    if (total > TOTAL_LIMIT) throw invalid(`The evidence must be at most ${TOTAL_LIMIT} characters in all.`, { param: 'evidence' })
    previous.evidence = clone(dispute.evidence)
    dispute.evidence = merged
  }
  dispute.metadata = applyMetadata(dispute.metadata, params)
  const staged = Object.values(dispute.evidence).some((value) => value !== null && value !== '')
  if (staged !== dispute.evidence_details.has_evidence || submit) previous.evidence_details = clone(dispute.evidence_details)
  dispute.evidence_details.has_evidence = staged
  if (submit) {
    previous.status = dispute.status
    dispute.status = dispute.status === 'warning_needs_response' ? 'warning_under_review' : 'under_review'
    dispute.evidence_details.submission_count += 1
    dispute.evidence_details.submission_method = 'manual'
  }
  emit(state, 'charge.dispute.updated', dispute, { previousAttributes: previous })
  return dispute
}
