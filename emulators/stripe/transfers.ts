/**
 * Transfers to connected accounts and their reversals.
 */
import { balanceTotals, post } from './balance'
import { invalid, missingResource } from './errors'
import { emit } from './events'
import { applyMetadata, type FormObject, optString, reqInt, reqString } from './forms'
import { formatAmount, newId, nowSeconds, PLATFORM } from './helpers'
import type { Metadata, Transfer, TransferReversal } from './objects'
import type { EmulatorState } from './state'

export const makeTransfer = (
  state: EmulatorState,
  input: { amount: number; currency: string; destination: string; sourceTransaction: string | null; transferGroup: string | null; metadata: Metadata; description: string | null },
  applicationFee = 0,
): Transfer => {
  const id = newId('tr')
  const platformTxn = post(state, PLATFORM, { amount: -input.amount, currency: input.currency, type: 'transfer', source: id, reportingCategory: 'transfer' })
  const destinationPayment = newId('py')
  // On the connected account a destination charge lands as a `payment` whose fee is the application fee.
  post(state, input.destination, {
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
  state.transfers.set(id, transfer)
  return transfer
}

export const getTransfer = (state: EmulatorState, id: string): Transfer => {
  const transfer = state.transfers.get(id)
  if (!transfer) throw missingResource('transfer', id)
  return transfer
}

export const createTransfer = (state: EmulatorState, params: FormObject): Transfer => {
  const amount = reqInt(params, 'amount')
  const currency = reqString(params, 'currency').toLowerCase()
  const destination = reqString(params, 'destination')
  if (amount <= 0) throw invalid('This value must be greater than or equal to 1.', { param: 'amount' })
  const account = state.accounts.get(destination)
  if (!account) throw invalid(`No such destination: '${destination}'`, { code: 'resource_missing', param: 'destination' })
  if (account.capabilities.transfers !== 'active') {
    throw invalid('Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments', {
      code: 'insufficient_capabilities_for_transfer',
      param: 'destination',
    })
  }
  const sourceTransaction = optString(params, 'source_transaction') ?? null
  if (sourceTransaction) {
    const source = state.charges.get(sourceTransaction)
    if (!source || source.status !== 'succeeded') throw missingResource('charge', sourceTransaction, 'source_transaction')
  } else if ((balanceTotals(state, PLATFORM).available.get(currency) ?? 0) < amount) {
    throw invalid(
      'You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance by creating Charges using the 4000000000000077 test card. See: https://stripe.com/docs/testing#available-balance',
      { code: 'balance_insufficient' },
    )
  }
  const transfer = makeTransfer(state, {
    amount,
    currency,
    destination,
    sourceTransaction,
    transferGroup: optString(params, 'transfer_group') ?? null,
    metadata: applyMetadata({}, params),
    description: optString(params, 'description') ?? null,
  })
  emit(state, 'transfer.created', transfer)
  return transfer
}

export const reverseTransfer = (state: EmulatorState, transfer: Transfer, amount: number, extra: { metadata?: Metadata; sourceRefund?: string | null; emitEvent?: boolean } = {}): TransferReversal => {
  const remaining = transfer.amount - transfer.amount_reversed
  if (amount <= 0) throw invalid('This value must be greater than or equal to 1.', { param: 'amount' })
  if (amount > remaining) {
    throw invalid(`You have attempted to reverse ${formatAmount(amount, transfer.currency)}, but this transfer only has ${formatAmount(remaining, transfer.currency)} left to reverse.`, { param: 'amount' })
  }
  const id = newId('trr')
  const platformTxn = post(state, PLATFORM, { amount, currency: transfer.currency, type: 'transfer_cancel', source: id, reportingCategory: 'transfer_reversal' })
  // A reversal may leave the connected balance negative; Stripe allows it and so do we.
  post(state, transfer.destination, { amount: -amount, currency: transfer.currency, type: 'payment_refund', source: newId('pyr'), reportingCategory: 'transfer_reversal' })
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
  if (extra.emitEvent !== false) emit(state, 'transfer.reversed', transfer, { previousAttributes: previous })
  return reversal
}
