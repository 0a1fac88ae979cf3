/**
 * Refunds, with `reverse_transfer` and `refund_application_fee` shared out across partial refunds.
 */
import { post } from './balance'
import { invalid, missingResource } from './errors'
import { emit } from './events'
import { applyMetadata, type FormObject, optBool, optInt, optString } from './forms'
import { formatAmount, newId, nowSeconds, PLATFORM } from './helpers'
import type { Charge, Refund, TransferReversal } from './objects'
import { getPaymentIntent } from './paymentIntents'
import type { EmulatorState } from './state'
import { reverseTransfer } from './transfers'

export const createRefund = (state: EmulatorState, params: FormObject): { refund: Refund; followUps: [string, unknown, Record<string, unknown>?][] } => {
  const chargeParam = optString(params, 'charge')
  const intentParam = optString(params, 'payment_intent')
  if (!chargeParam && !intentParam) throw invalid('One of the following params should be provided for this request: payment_intent or charge.', { code: 'parameter_missing' })
  let charge: Charge | undefined
  if (chargeParam) {
    charge = state.charges.get(chargeParam)
    if (!charge) throw missingResource('charge', chargeParam, 'charge')
  } else {
    const intent = getPaymentIntent(state, intentParam!, 'payment_intent')
    charge = intent.status === 'succeeded' && intent.latest_charge ? state.charges.get(intent.latest_charge) : undefined
    if (!charge) throw invalid(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, { code: 'charge_not_refundable', param: 'payment_intent' })
  }
  if (charge.status !== 'succeeded') throw invalid(`Charge ${charge.id} has not succeeded and cannot be refunded.`, { code: 'charge_not_refundable' })
  const openDisputeOfCharge = [...state.disputes.values()].find((dispute) => dispute.charge === charge.id && dispute.status !== 'won')
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
  const transfer = charge.transfer ? state.transfers.get(charge.transfer) : undefined
  if (reverse && !transfer) throw invalid('The charge has no transfer to reverse; reverse_transfer can only be used on destination charges.', { param: 'reverse_transfer' })
  const applicationFee = charge.application_fee ? state.applicationFees.get(charge.application_fee) : undefined

  const id = newId('re')
  const followUps: [string, unknown, Record<string, unknown>?][] = []
  const shares = state.refundShares.get(charge.id) ?? { reversalBase: 0, reversed: 0, feeBase: 0, feeRefunded: 0 }
  let reversal: TransferReversal | null = null
  if (reverse && transfer) {
    shares.reversalBase += amount
    const target = Math.round((transfer.amount * shares.reversalBase) / charge.amount)
    const reversalAmount = Math.min(target - shares.reversed, transfer.amount - transfer.amount_reversed)
    if (reversalAmount > 0) {
      reversal = reverseTransfer(state, transfer, reversalAmount, { sourceRefund: id, emitEvent: false })
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
      const platformTxn = post(state, PLATFORM, { amount: -feeRefundAmount, currency: charge.currency, type: 'application_fee_refund', source: feeRefundId, reportingCategory: 'platform_earning_refund' })
      post(state, applicationFee.account, { amount: feeRefundAmount, currency: charge.currency, type: 'application_fee_refund', source: feeRefundId, reportingCategory: 'fee' })
      applicationFee.refunds.data.unshift({ id: feeRefundId, object: 'fee_refund', amount: feeRefundAmount, balance_transaction: platformTxn.id, created: nowSeconds(), currency: charge.currency, fee: applicationFee.id, metadata: {} })
      applicationFee.refunds.total_count = applicationFee.refunds.data.length
      applicationFee.amount_refunded += feeRefundAmount
      applicationFee.refunded = applicationFee.amount_refunded === applicationFee.amount
      shares.feeRefunded += feeRefundAmount
      followUps.push(['application_fee.refunded', applicationFee])
    }
  }
  state.refundShares.set(charge.id, shares)
  const refundTxn = post(state, PLATFORM, { amount: -amount, currency: charge.currency, type: 'refund', source: id, reportingCategory: 'refund' })
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
  state.refunds.set(id, refund)
  const previous = { amount_refunded: charge.amount_refunded, refunded: charge.refunded }
  charge.amount_refunded += amount
  charge.refunded = charge.amount_refunded === charge.amount
  emit(state, 'charge.refunded', charge, { previousAttributes: previous })
  emit(state, 'refund.created', refund)
  return { refund, followUps }
}
