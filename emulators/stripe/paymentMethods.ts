/**
 * Payment methods and Stripe's test cards (https://docs.stripe.com/testing).
 */
import { createHmac } from 'node:crypto'

import { EmulatedStripeError, invalid, missingResource } from './errors'
import { applyMetadata, type FormObject, optObject, optString, reqInt, reqString } from './forms'
import { newId, nowSeconds } from './helpers'
import type { PaymentMethod } from './objects'
import type { EmulatorState } from './state'

export type Decline = { code: string; decline_code: string; message: string; outcome: { reason: string; seller_message: string; type: string } }
export type TestCard = { number: string; brand: string; decline?: Decline }

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

const makePaymentMethod = (state: EmulatorState, number: string, expMonth: number, expYear: number, params: FormObject = {}): { pm: PaymentMethod; card: TestCard } => {
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
  state.paymentMethods.set(pm.id, entry)
  return entry
}

export const createPaymentMethod = (state: EmulatorState, params: FormObject): PaymentMethod => {
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
  return makePaymentMethod(state, number, expMonth, expYear, params).pm
}

export const resolvePaymentMethod = (state: EmulatorState, id: string): { pm: PaymentMethod; card: TestCard } => {
  const named = NAMED_PAYMENT_METHODS[id]
  if (named) return makePaymentMethod(state, named, 12, new Date().getUTCFullYear() + 3)
  const entry = state.paymentMethods.get(id)
  if (!entry) throw missingResource('PaymentMethod', id, 'payment_method')
  return entry
}
