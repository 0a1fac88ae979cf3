/**
 * The daily reconciliation (SPEC §7): for one connected account, our figures per currency against
 * Stripe's. Ours = every ledger entry of the creator (pending and available) + the payouts reserved
 * in our ledger but not yet created at Stripe (requested or approved, no Stripe payout id: their −amount is
 * in our ledger, not yet in Stripe's balance). Stripe's = available + pending of the account's balance.
 * Pure: the service reads both sides and reports the drift.
 */

/** An amount in one currency, minor units. */
export type CurrencyAmount = { currency: string; amount: number }

export type ReconciliationInput = {
  /** Sum of all the creator's ledger entries, per currency. */
  ledger: readonly CurrencyAmount[]
  /** Payouts reserved in the ledger but not yet created at Stripe (positive amounts), per currency. */
  unsentPayouts: readonly CurrencyAmount[]
  /** The account's balance at Stripe (`GET /v1/balance` with `Stripe-Account`). */
  stripe: { available: readonly CurrencyAmount[]; pending: readonly CurrencyAmount[] }
}

export type CurrencyCheck = {
  currency: string
  ledger: number
  unsentPayouts: number
  /** ledger + unsentPayouts: what Stripe should hold. */
  ours: number
  stripeAvailable: number
  stripePending: number
  /** stripeAvailable + stripePending. */
  stripe: number
  /** ours − stripe: positive when our ledger says more than Stripe holds. */
  difference: number
}

export type Reconciliation = { checks: CurrencyCheck[]; drift: CurrencyCheck[] }

const totals = (lines: readonly CurrencyAmount[]): Map<string, number> => {
  const out = new Map<string, number>()
  for (const { currency, amount } of lines) {
    if (!Number.isSafeInteger(amount)) throw new RangeError(`An amount must be whole minor units, got ${amount} ${currency}.`)
    const key = currency.toUpperCase()
    out.set(key, (out.get(key) ?? 0) + amount)
  }
  return out
}

/**
 * Compares one account, currency by currency (every currency either side knows, sorted); a currency
 * whose figures differ by any amount is drift. Zero on both sides is a check, not a drift.
 */
export const reconcileAccount = (input: ReconciliationInput): Reconciliation => {
  const ledger = totals(input.ledger)
  const unsent = totals(input.unsentPayouts)
  const available = totals(input.stripe.available)
  const pending = totals(input.stripe.pending)
  const currencies = [...new Set([...ledger.keys(), ...unsent.keys(), ...available.keys(), ...pending.keys()])].sort()
  const checks = currencies.map((currency): CurrencyCheck => {
    const l = ledger.get(currency) ?? 0
    const u = unsent.get(currency) ?? 0
    const a = available.get(currency) ?? 0
    const p = pending.get(currency) ?? 0
    return { currency, ledger: l, unsentPayouts: u, ours: l + u, stripeAvailable: a, stripePending: p, stripe: a + p, difference: l + u - (a + p) }
  })
  return { checks, drift: checks.filter((c) => c.difference !== 0) }
}

export type ReconciliationCounts = {
  /** Connected accounts looked at. */
  accounts: number
  /** Account × currency pairs compared. */
  checked: number
  /** Pairs whose figures differ. */
  drift: number
  /** Accounts whose balance Stripe did not give us. */
  unreachable: number
  /** Accounts not reconciled: drifting or unreachable (a run with any is recorded as failed). */
  failed: number
}

/** The run's counts from each account's outcome (`null`: Stripe's balance could not be read). */
export const reconciliationCounts = (outcomes: readonly (Reconciliation | null)[]): ReconciliationCounts => {
  const reached = outcomes.filter((o): o is Reconciliation => o !== null)
  const unreachable = outcomes.length - reached.length
  const drifting = reached.filter((o) => o.drift.length > 0).length
  return {
    accounts: outcomes.length,
    checked: reached.reduce((n, o) => n + o.checks.length, 0),
    drift: reached.reduce((n, o) => n + o.drift.length, 0),
    unreachable,
    failed: unreachable + drifting,
  }
}
