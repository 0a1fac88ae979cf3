/**
 * Payouts from the platform or a connected account, and their outcome (paid, failed, canceled; a
 * paid payout can still fail later).
 */
import { getAccount } from './accounts'
import { balanceTotals, ledgerOf, post } from './balance'
import { invalid, missingResource } from './errors'
import { emit } from './events'
import { applyMetadata, type FormObject, optString, reqInt, reqString } from './forms'
import { newId, nowSeconds, PLATFORM } from './helpers'
import type { Payout } from './objects'
import type { EmulatorState } from './state'

const PAYOUT_FAILURES: Record<string, string> = {
  account_closed: 'The bank account has been closed.',
  account_frozen: 'The bank account has been frozen.',
  could_not_process: 'The bank could not process this payout.',
  insufficient_funds: 'Your Stripe account has insufficient funds to cover the payout.',
  invalid_account_number: 'The routing number seems correct, but the account number is invalid.',
  no_account: 'The bank account details on file are probably incorrect. No bank account could be located with those details.',
}

export const getPayout = (state: EmulatorState, id: string, owner?: string): { payout: Payout; owner: string } => {
  const entry = state.payouts.get(id)
  if (!entry || (owner !== undefined && entry.owner !== owner)) throw missingResource('payout', id)
  return entry
}

export const createPayout = (state: EmulatorState, params: FormObject, owner: string): Payout => {
  const amount = reqInt(params, 'amount')
  if (amount <= 0) throw invalid('This value must be greater than or equal to 1.', { param: 'amount' })
  const account = owner === PLATFORM ? undefined : getAccount(state, owner)
  const currency = reqString(params, 'currency').toLowerCase()
  if (account && !account.payouts_enabled) {
    throw invalid('Payouts are not enabled for this account: it has not completed onboarding or has requirements due.', { code: 'payouts_not_allowed' })
  }
  const available = balanceTotals(state, owner).available.get(currency) ?? 0
  if (amount > available) {
    throw invalid(
      'You have insufficient funds in your Stripe account for this transfer. Your card balance is too low. You can use the /v1/balance endpoint to view your Stripe balance (for more details, see stripe.com/docs/api#balance).',
      { code: 'balance_insufficient', param: 'amount' },
    )
  }
  const id = newId('po')
  const txn = post(state, owner, { amount: -amount, currency, type: 'payout', source: id, reportingCategory: 'payout' })
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
  state.payouts.set(id, { payout, owner })
  emit(state, 'payout.created', payout, owner === PLATFORM ? {} : { account: owner })
  return payout
}

/**
 * A payout's outcome: `paid`, `failed` or `canceled` while pending (Stripe's cancel endpoint, or the
 * bank); `failed` also after `paid`, as Stripe warns can happen days later. A failure or a
 * cancellation credits the amount back to the owner's available balance (`payout_failure` /
 * `payout_cancel` balance transaction).
 */
export const finishPayout = (state: EmulatorState, id: string, outcome: 'paid' | 'failed' | 'canceled', failureCode?: string): Payout => {
  const { payout, owner } = getPayout(state, id)
  const lateFailure = outcome === 'failed' && payout.status === 'paid'
  if (payout.status !== 'pending' && !lateFailure) {
    throw invalid(`Payout ${id} is ${payout.status}; only a pending payout can be ${outcome}${outcome === 'failed' ? ' (or a paid one, later)' : ''}.`, { code: 'payout_not_pending' })
  }
  const accountScope = owner === PLATFORM ? {} : { account: owner }
  if (outcome === 'paid') {
    payout.status = 'paid'
    emit(state, 'payout.paid', payout, accountScope)
    return payout
  }
  // The money comes back to the available balance when a payout fails or is canceled.
  const txn = post(state, owner, { amount: payout.amount, currency: payout.currency, type: outcome === 'failed' ? 'payout_failure' : 'payout_cancel', source: payout.id, reportingCategory: 'payout_reversal' })
  txn.status = 'available'
  const entry = ledgerOf(state, owner).find((candidate) => candidate.txn === txn)
  if (entry) entry.availableAtMs = 0
  payout.status = outcome
  if (outcome === 'failed') {
    const code = failureCode ?? 'account_closed'
    payout.failure_code = code
    payout.failure_message = PAYOUT_FAILURES[code] ?? 'The payout failed.'
    payout.failure_balance_transaction = txn.id
  }
  emit(state, outcome === 'failed' ? 'payout.failed' : 'payout.canceled', payout, accountScope)
  return payout
}
