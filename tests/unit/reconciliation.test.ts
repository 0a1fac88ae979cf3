import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { reconcileAccount, reconciliationCounts } from '@/domain/reconciliation'

describe('reconcileAccount (SPEC §7 reconciliation)', () => {
  it('ledger + unsent payouts = Stripe available + pending: no drift, per currency, case-insensitive', () => {
    const r = reconcileAccount({
      ledger: [
        { currency: 'EUR', amount: 8500 },
        { currency: 'EUR', amount: -3000 },
        { currency: 'USD', amount: 1000 },
      ],
      unsentPayouts: [{ currency: 'EUR', amount: 3000 }],
      stripe: { available: [{ currency: 'eur', amount: 2000 }, { currency: 'usd', amount: 1000 }], pending: [{ currency: 'eur', amount: 6500 }, { currency: 'usd', amount: 0 }] },
    })
    expect(r.drift).toEqual([])
    expect(r.checks).toEqual([
      { currency: 'EUR', ledger: 5500, unsentPayouts: 3000, ours: 8500, stripeAvailable: 2000, stripePending: 6500, stripe: 8500, difference: 0 },
      { currency: 'USD', ledger: 1000, unsentPayouts: 0, ours: 1000, stripeAvailable: 1000, stripePending: 0, stripe: 1000, difference: 0 },
    ])
  })

  it('a difference either way is drift with the figures; a currency only one side knows is compared to zero', () => {
    const r = reconcileAccount({
      ledger: [{ currency: 'EUR', amount: 9000 }],
      unsentPayouts: [],
      stripe: { available: [{ currency: 'eur', amount: 8500 }, { currency: 'gbp', amount: 100 }], pending: [] },
    })
    expect(r.drift).toEqual([
      { currency: 'EUR', ledger: 9000, unsentPayouts: 0, ours: 9000, stripeAvailable: 8500, stripePending: 0, stripe: 8500, difference: 500 },
      { currency: 'GBP', ledger: 0, unsentPayouts: 0, ours: 0, stripeAvailable: 100, stripePending: 0, stripe: 100, difference: -100 },
    ])
  })

  it('an account with nothing anywhere but Stripe’s zero line checks one currency and drifts nowhere', () => {
    const r = reconcileAccount({ ledger: [], unsentPayouts: [], stripe: { available: [{ currency: 'eur', amount: 0 }], pending: [{ currency: 'eur', amount: 0 }] } })
    expect(r.checks).toHaveLength(1)
    expect(r.drift).toEqual([])
  })

  it('refuses fractional amounts', () => {
    expect(() => reconcileAccount({ ledger: [{ currency: 'EUR', amount: 1.5 }], unsentPayouts: [], stripe: { available: [], pending: [] } })).toThrow(RangeError)
  })

  it('property: difference = ledger + unsent − available − pending, and drift is exactly the non-zero differences', () => {
    const line = fc.record({ currency: fc.constantFrom('EUR', 'USD', 'chf'), amount: fc.integer({ min: -1_000_000, max: 1_000_000 }) })
    fc.assert(
      fc.property(fc.array(line), fc.array(line), fc.array(line), fc.array(line), (ledger, unsent, available, pending) => {
        const r = reconcileAccount({ ledger, unsentPayouts: unsent, stripe: { available, pending } })
        const total = (lines: typeof ledger) => lines.reduce((n, l) => n + l.amount, 0)
        expect(r.checks.reduce((n, c) => n + c.difference, 0)).toBe(total(ledger) + total(unsent) - total(available) - total(pending))
        expect(r.drift).toEqual(r.checks.filter((c) => c.difference !== 0))
      }),
    )
  })
})

describe('reconciliationCounts', () => {
  it('counts accounts, pairs checked, drifting pairs; failed = drifting or unreachable accounts', () => {
    const ok = reconcileAccount({ ledger: [{ currency: 'EUR', amount: 1 }], unsentPayouts: [], stripe: { available: [{ currency: 'eur', amount: 1 }], pending: [] } })
    const bad = reconcileAccount({
      ledger: [{ currency: 'EUR', amount: 2 }, { currency: 'USD', amount: 3 }],
      unsentPayouts: [],
      stripe: { available: [], pending: [] },
    })
    expect(reconciliationCounts([ok, bad, null])).toEqual({ accounts: 3, checked: 3, drift: 2, unreachable: 1, failed: 2 })
    expect(reconciliationCounts([])).toEqual({ accounts: 0, checked: 0, drift: 0, unreachable: 0, failed: 0 })
  })
})
