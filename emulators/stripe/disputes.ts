/**
 * Disputes: opened and closed through `control` (as the card network would), updated with evidence
 * through the API.
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

export const updateDispute = (state: EmulatorState, dispute: Dispute, params: FormObject): Dispute => {
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
  emit(state, 'charge.dispute.updated', dispute, { previousAttributes: previous })
  return dispute
}
