/**
 * Charges made by confirming a PaymentIntent: a decline, or a capture with its destination transfer
 * and application fee.
 */
import { post } from './balance'
import { EmulatedStripeError } from './errors'
import { emit } from './events'
import { APPLICATION_ID, clone, newId, nowSeconds, PLATFORM } from './helpers'
import type { ApplicationFee, Charge, PaymentIntent, PaymentMethod } from './objects'
import type { Decline } from './paymentMethods'
import type { EmulatorState } from './state'
import { makeTransfer } from './transfers'

/** Roughly Stripe's European card pricing; it only moves the platform's own balance. */
const processingFee = (amount: number): number => Math.round(amount * 0.015) + 25

const baseCharge = (state: EmulatorState, intent: PaymentIntent, pm: PaymentMethod): Charge => {
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
    receipt_url: `${state.baseUrl}/emulator/receipts/${id}`,
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

export const declinePayment = (state: EmulatorState, intent: PaymentIntent, pm: PaymentMethod, decline: Decline): never => {
  const charge = baseCharge(state, intent, pm)
  charge.failure_code = decline.code
  charge.failure_message = decline.message
  charge.outcome = { network_status: 'declined_by_network', reason: decline.outcome.reason, risk_level: 'normal', risk_score: 20, seller_message: decline.outcome.seller_message, type: decline.outcome.type }
  state.charges.set(charge.id, charge)
  const docUrl = `https://stripe.com/docs/error-codes/${decline.code.replace(/_/g, '-')}`
  intent.latest_charge = charge.id
  intent.payment_method = null
  intent.status = 'requires_payment_method'
  intent.last_payment_error = { type: 'card_error', code: decline.code, decline_code: decline.decline_code, message: decline.message, charge: charge.id, doc_url: docUrl, payment_method: clone(pm) }
  emit(state, 'charge.failed', charge)
  emit(state, 'payment_intent.payment_failed', intent)
  throw new EmulatedStripeError(
    402,
    { type: 'card_error', code: decline.code, decline_code: decline.decline_code, message: decline.message, charge: charge.id, doc_url: docUrl, payment_intent: clone(intent), payment_method: clone(pm) },
    true,
  )
}

export const capturePayment = (state: EmulatorState, intent: PaymentIntent, pm: PaymentMethod): PaymentIntent => {
  const charge = baseCharge(state, intent, pm)
  const stripeFee = processingFee(intent.amount)
  const chargeTxn = post(state, PLATFORM, { amount: intent.amount, currency: intent.currency, type: 'charge', source: charge.id, fee: stripeFee, reportingCategory: 'charge' })
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
    const transfer = makeTransfer(state, { amount: transferAmount, currency: intent.currency, destination, sourceTransaction: charge.id, transferGroup: intent.transfer_group, metadata: {}, description: null }, fee)
    charge.transfer = transfer.id
    followUps.push(['transfer.created', transfer])
    if (fee > 0) {
      const feeTxn = post(state, PLATFORM, { amount: fee, currency: intent.currency, type: 'application_fee', source: null, reportingCategory: 'platform_earning' })
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
      state.applicationFees.set(applicationFee.id, applicationFee)
      charge.application_fee = applicationFee.id
      followUps.push(['application_fee.created', applicationFee])
    }
  }
  state.charges.set(charge.id, charge)
  intent.latest_charge = charge.id
  intent.payment_method = pm.id
  intent.amount_received = intent.amount
  intent.last_payment_error = null
  intent.status = 'succeeded'
  emit(state, 'charge.succeeded', charge)
  emit(state, 'payment_intent.succeeded', intent)
  for (const [type, object] of followUps) emit(state, type, object)
  return intent
}
