/**
 * PaymentIntents: create, update, confirm (through ./charges.ts) and cancel.
 */
import { capturePayment, declinePayment } from './charges'
import { invalid, missingResource } from './errors'
import { emit } from './events'
import { applyMetadata, type FormObject, optBool, optInt, optObject, optString, optStringList, reqInt, reqString } from './forms'
import { clone, formatAmount, MINIMUM_CHARGE, newId, nowSeconds, randomId } from './helpers'
import type { PaymentIntent } from './objects'
import { resolvePaymentMethod } from './paymentMethods'
import type { EmulatorState } from './state'

export const getPaymentIntent = (state: EmulatorState, id: string, param = 'intent'): PaymentIntent => {
  const intent = state.paymentIntents.get(id)
  if (!intent) throw missingResource('payment_intent', id, param)
  return intent
}

const checkDestination = (state: EmulatorState, destination: string) => {
  const account = state.accounts.get(destination)
  if (!account) throw invalid(`No such destination: '${destination}'`, { code: 'resource_missing', param: 'transfer_data[destination]' })
  if (account.capabilities.transfers !== 'active' && account.capabilities.crypto_transfers !== 'active' && account.capabilities.legacy_payments !== 'active') {
    throw invalid('Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments', {
      code: 'insufficient_capabilities_for_transfer',
      param: 'transfer_data[destination]',
    })
  }
}

const readAmounts = (state: EmulatorState, params: FormObject, currency: string, amount: number) => {
  if (amount <= 0) throw invalid('This value must be greater than or equal to 1.', { code: 'parameter_invalid_integer', param: 'amount' })
  const minimum = MINIMUM_CHARGE[currency]
  if (minimum && amount < minimum) throw invalid(`Amount must be at least ${formatAmount(minimum, currency)}`, { code: 'amount_too_small', param: 'amount' })
  const transferData = optObject(params, 'transfer_data')
  const destination = transferData ? reqString(transferData, 'destination', 'transfer_data[destination]') : undefined
  const transferAmount = transferData ? optInt(transferData, 'amount', 'transfer_data[amount]') : undefined
  const fee = optInt(params, 'application_fee_amount')
  if (destination) checkDestination(state, destination)
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

export const createPaymentIntent = (state: EmulatorState, params: FormObject): PaymentIntent => {
  const amount = reqInt(params, 'amount')
  const currency = reqString(params, 'currency').toLowerCase()
  const { destination, transferAmount, fee } = readAmounts(state, params, currency, amount)
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
    intent.payment_method = resolvePaymentMethod(state, paymentMethod).pm.id
    intent.status = 'requires_confirmation'
  }
  state.paymentIntents.set(id, intent)
  emit(state, 'payment_intent.created', intent)
  if (confirm) return confirmPaymentIntent(state, intent, params)
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

export const updatePaymentIntent = (state: EmulatorState, intent: PaymentIntent, params: FormObject): PaymentIntent => {
  assertModifiable(intent, 'update')
  const amount = optInt(params, 'amount') ?? intent.amount
  const currency = optString(params, 'currency')?.toLowerCase() ?? intent.currency
  const merged: FormObject = {
    ...(intent.transfer_data ? { transfer_data: { destination: intent.transfer_data.destination } } : {}),
    ...(intent.application_fee_amount !== null ? { application_fee_amount: String(intent.application_fee_amount) } : {}),
    ...params,
  }
  const { destination, transferAmount, fee } = readAmounts(state, merged, currency, amount)
  intent.amount = amount
  intent.currency = currency
  intent.application_fee_amount = fee ?? null
  intent.transfer_data = destination ? { destination, ...(transferAmount !== undefined ? { amount: transferAmount } : {}) } : null
  intent.metadata = applyMetadata(intent.metadata, params)
  if (params.description !== undefined) intent.description = optString(params, 'description') || null
  if (params.receipt_email !== undefined) intent.receipt_email = optString(params, 'receipt_email') || null
  const paymentMethod = optString(params, 'payment_method')
  if (paymentMethod) {
    intent.payment_method = resolvePaymentMethod(state, paymentMethod).pm.id
    intent.status = 'requires_confirmation'
  }
  return intent
}

export const confirmPaymentIntent = (state: EmulatorState, intent: PaymentIntent, params: FormObject): PaymentIntent => {
  assertModifiable(intent, 'confirm')
  const paymentMethodId = optString(params, 'payment_method') ?? intent.payment_method
  if (!paymentMethodId) {
    throw invalid(
      "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
      { code: 'payment_intent_unexpected_state', payment_intent: clone(intent) },
    )
  }
  assertRedirectsHandled(intent, params)
  const { pm, card } = resolvePaymentMethod(state, paymentMethodId)
  if (intent.transfer_data) checkDestination(state, intent.transfer_data.destination)
  return card.decline ? declinePayment(state, intent, pm, card.decline) : capturePayment(state, intent, pm)
}

export const cancelPaymentIntent = (state: EmulatorState, intent: PaymentIntent, params: FormObject): PaymentIntent => {
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
  emit(state, 'payment_intent.canceled', intent)
  return intent
}
