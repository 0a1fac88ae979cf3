/**
 * Balances: one ledger of balance transactions per owner (the platform or a connected account).
 */
import { APPLICATION_ID, currencyOfCountry, newId, nowSeconds, PLATFORM } from './helpers'
import type { BalanceTransaction } from './objects'
import type { EmulatorState, LedgerEntry } from './state'

export const ledgerOf = (state: EmulatorState, owner: string): LedgerEntry[] => {
  let ledger = state.ledgers.get(owner)
  if (!ledger) state.ledgers.set(owner, (ledger = []))
  return ledger
}

export const settle = (state: EmulatorState, owner: string) => {
  const now = Date.now()
  for (const entry of ledgerOf(state, owner)) if (entry.txn.status === 'pending' && entry.availableAtMs <= now) entry.txn.status = 'available'
}

export const post = (
  state: EmulatorState,
  owner: string,
  entry: { amount: number; currency: string; type: string; source: string | null; fee?: number; feeType?: string; description?: string; reportingCategory?: string },
): BalanceTransaction => {
  const fee = entry.fee ?? 0
  // Incoming money waits; outgoing money leaves the available balance at once, as on Stripe.
  const availableAtMs = entry.amount > 0 ? Date.now() + state.fundsPendingMs : 0
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
  ledgerOf(state, owner).push({ txn, availableAtMs })
  return txn
}

export const balanceTotals = (state: EmulatorState, owner: string) => {
  settle(state, owner)
  const available = new Map<string, number>()
  const pending = new Map<string, number>()
  for (const { txn } of ledgerOf(state, owner)) {
    const bucket = txn.status === 'available' ? available : pending
    bucket.set(txn.currency, (bucket.get(txn.currency) ?? 0) + txn.net)
  }
  return { available, pending }
}

export const balanceObject = (state: EmulatorState, owner: string) => {
  const { available, pending } = balanceTotals(state, owner)
  const currencies = new Set([...available.keys(), ...pending.keys()])
  if (!currencies.size) currencies.add(owner === PLATFORM ? currencyOfCountry(state.defaultCountry) : (state.accounts.get(owner)?.default_currency ?? 'eur'))
  const lines = (bucket: Map<string, number>) =>
    [...currencies].map((currency) => ({ amount: bucket.get(currency) ?? 0, currency, source_types: { card: bucket.get(currency) ?? 0 } }))
  return { object: 'balance', available: lines(available), connect_reserved: [...currencies].map((currency) => ({ amount: 0, currency })), livemode: false, pending: lines(pending) }
}

export const releasePendingFunds = (state: EmulatorState, accountId?: string) => {
  for (const [owner, ledger] of state.ledgers) {
    if (accountId && owner !== accountId) continue
    for (const entry of ledger) entry.availableAtMs = 0
    settle(state, owner)
  }
}
