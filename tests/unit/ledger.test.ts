import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { balanceIn, balances, earningAvailableAt, type BalanceEntry } from '@/domain/ledger'
import { decidePayout } from '@/domain/payouts'
import { Refusal } from '@/domain/refusal'
import { LEDGER_ENTRY_TYPES } from '@/domain/statuses'
import { canTransition, fromStatuses, PAYOUT_TRANSITIONS } from '@/domain/transitions'

const NOW = new Date('2026-12-01T12:00:00Z')
const DAY = 86_400_000
const at = (days: number) => new Date(NOW.getTime() + days * DAY)

describe('balances (SPEC §7)', () => {
  it('splits earnings into pending and available; payouts reserve while open; debt is what available lacks', () => {
    const entries: BalanceEntry[] = [
      { currency: 'EUR', type: 'earning', amount: 8500, availableAt: at(-3) },
      { currency: 'EUR', type: 'earning', amount: 4250, availableAt: at(5) },
      { currency: 'EUR', type: 'payout', amount: -3000, availableAt: at(-1), payoutOpen: true },
      { currency: 'EUR', type: 'payout', amount: -1000, availableAt: at(-2), payoutOpen: false },
      { currency: 'usd', type: 'earning', amount: 1000, availableAt: at(-10) },
      { currency: 'USD', type: 'dispute', amount: -2500, availableAt: at(-1) },
    ]
    expect(balances(entries, NOW)).toEqual([
      { currency: 'EUR', available: 4500, pending: 4250, reserved: 3000, debt: 0 },
      { currency: 'USD', available: -1500, pending: 0, reserved: 0, debt: 1500 },
    ])
  })

  it('a refund of a pending earning cancels it inside pending, not as debt', () => {
    const entries: BalanceEntry[] = [
      { currency: 'EUR', type: 'earning', amount: 8500, availableAt: at(7) },
      { currency: 'EUR', type: 'refund', amount: -8500, availableAt: at(7) },
    ]
    expect(balances(entries, NOW)).toEqual([{ currency: 'EUR', available: 0, pending: 0, reserved: 0, debt: 0 }])
  })

  it('an admin’s adjustment counts in available at once, either sign: a debit can make a debt, a credit can clear it', () => {
    const earned: BalanceEntry = { currency: 'EUR', type: 'earning', amount: 1000, availableAt: at(-3) }
    const pending: BalanceEntry = { currency: 'EUR', type: 'earning', amount: 500, availableAt: at(4) }
    const debit: BalanceEntry = { currency: 'EUR', type: 'adjustment', amount: -2500, availableAt: NOW }
    expect(balanceIn(balances([earned, pending, debit], NOW), 'EUR')).toEqual({ currency: 'EUR', available: -1500, pending: 500, reserved: 0, debt: 1500 })
    const credit: BalanceEntry = { currency: 'EUR', type: 'adjustment', amount: 1500, availableAt: NOW }
    expect(balanceIn(balances([earned, pending, debit, credit], NOW), 'EUR')).toEqual({ currency: 'EUR', available: 0, pending: 500, reserved: 0, debt: 0 })
  })

  it('an entry is available from its instant on', () => {
    expect(balances([{ currency: 'EUR', type: 'earning', amount: 1, availableAt: NOW }], NOW)[0]).toMatchObject({ available: 1, pending: 0 })
    expect(balanceIn([], 'chf')).toEqual({ currency: 'CHF', available: 0, pending: 0, reserved: 0, debt: 0 })
  })

  it('refuses amounts that are not whole minor units', () => {
    expect(() => balances([{ currency: 'EUR', type: 'earning', amount: 1.5, availableAt: NOW }], NOW)).toThrow(RangeError)
  })

  const entry = fc.record({
    currency: fc.constantFrom('EUR', 'USD', 'CHF'),
    type: fc.constantFrom(...LEDGER_ENTRY_TYPES),
    amount: fc.integer({ min: -1_000_000, max: 1_000_000 }),
    availableAt: fc.integer({ min: -30, max: 30 }).map(at),
    payoutOpen: fc.boolean(),
  })

  it('property: per currency, available + pending = the sum of entries; debt = max(0, −available); reserved = open payouts', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (entries) => {
        const result = balances(entries, NOW)
        for (const b of result) {
          const mine = entries.filter((e) => e.currency === b.currency)
          expect(b.available + b.pending).toBe(mine.reduce((s, e) => s + e.amount, 0))
          expect(b.debt).toBe(Math.max(0, -b.available))
          expect(b.debt).toBeGreaterThanOrEqual(0)
          expect(b.reserved).toBe(mine.filter((e) => e.type === 'payout' && e.payoutOpen).reduce((s, e) => s - e.amount, 0))
        }
        expect(result.map((b) => b.currency)).toEqual([...new Set(entries.map((e) => e.currency))].sort())
      }),
    )
  })

  it('property: the order of entries does not matter', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        expect(balances([...entries].reverse(), NOW)).toEqual(balances(entries, NOW))
      }),
    )
  })
})

describe('earning availability', () => {
  it('is the holding period after the later of payment and call end', () => {
    const paid = new Date('2026-12-01T10:00:00Z')
    expect(earningAvailableAt(paid, new Date('2026-12-08T10:30:00Z'), 7)).toEqual(new Date('2026-12-15T10:30:00Z'))
    expect(earningAvailableAt(paid, new Date('2026-11-30T10:30:00Z'), 7)).toEqual(new Date('2026-12-08T10:00:00Z'))
    expect(earningAvailableAt(paid, null, 0)).toEqual(paid)
  })
})

describe('payout eligibility (SPEC §7)', () => {
  const ok = {
    payoutsEnabled: true,
    hasStripeAccount: true,
    payoutsBlocked: false,
    creatorMinimum: null,
    platformMinimum: 1000,
    balance: { currency: 'EUR', available: 8500, pending: 0, reserved: 0, debt: 0 },
    openPayoutId: null,
  }
  const refusal = (over: Partial<Parameters<typeof decidePayout>[0]>) => {
    try {
      decidePayout({ ...ok, ...over })
    } catch (error) {
      return error instanceof Refusal ? [error.status, error.code, error.message] : error
    }
    return 'granted'
  }

  it('pays everything available by default, or the amount asked for', () => {
    expect(decidePayout(ok)).toBe(8500)
    expect(decidePayout({ ...ok, amount: 2000 })).toBe(2000)
  })
  it('refuses with a specific code and the figures', () => {
    expect(refusal({ payoutsEnabled: false })).toEqual([422, 'PAYOUTS_NOT_ENABLED', expect.any(String)])
    expect(refusal({ hasStripeAccount: false })).toEqual([422, 'PAYOUTS_NOT_ENABLED', expect.any(String)])
    expect(refusal({ payoutsBlocked: true, blockedReason: 'Open dispute' })).toEqual([422, 'PAYOUTS_BLOCKED', 'Payouts are blocked on your account: Open dispute'])
    expect(refusal({ openPayoutId: 4 })).toEqual([409, 'PAYOUT_ALREADY_OPEN', expect.stringContaining('Payout 4')])
    expect(refusal({ balance: { ...ok.balance, available: -1200, debt: 1200 } })).toEqual([422, 'CREATOR_IN_DEBT', expect.stringContaining('-€12.00')])
    expect(refusal({ balance: { ...ok.balance, available: 999 } })).toEqual([422, 'BELOW_MINIMUM', 'Available €9.99 is below the minimum payout of €10.00.'])
    expect(refusal({ creatorMinimum: 9000 })).toEqual([422, 'BELOW_MINIMUM', 'Available €85.00 is below the minimum payout of €90.00.'])
    expect(refusal({ amount: 8501 })).toEqual([422, 'AMOUNT_OVER_AVAILABLE', 'You asked for €85.01 but only €85.00 is available.'])
    expect(refusal({ amount: 500 })).toEqual([422, 'BELOW_MINIMUM', expect.stringContaining('at least €10.00')])
    for (const amount of [0, -5, 12.5]) expect(refusal({ amount })).toEqual([400, 'INVALID_INPUT', expect.stringContaining('amount')])
  })
  it('nothing available and no minimum: refused, never a payout of 0 (the property found it)', () => {
    const balance = { currency: 'EUR', available: 0, pending: 0, reserved: 0, debt: 0 }
    expect(() => decidePayout({ ...ok, balance, platformMinimum: 0, creatorMinimum: 0 })).toThrow('Nothing is available to pay out in EUR yet.')
  })
  it('property: a granted payout never exceeds what is available, nor falls below the minimum', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5000, max: 50_000 }), fc.option(fc.integer({ min: 1, max: 60_000 }), { nil: undefined }), fc.integer({ min: 0, max: 5000 }), (available, amount, minimum) => {
        const balance = { currency: 'EUR', available, pending: 0, reserved: 0, debt: Math.max(0, -available) }
        let granted: number
        try {
          granted = decidePayout({ ...ok, balance, amount, platformMinimum: minimum })
        } catch (error) {
          expect(error).toBeInstanceOf(Refusal)
          return
        }
        expect(granted).toBeGreaterThan(0)
        expect(granted).toBeLessThanOrEqual(available)
        expect(granted).toBeGreaterThanOrEqual(minimum)
      }),
    )
  })
  it('payout machine: paid can still fail; rejected, failed and cancelled are final', () => {
    expect(canTransition(PAYOUT_TRANSITIONS, 'paid', 'failed')).toBe(true)
    expect(canTransition(PAYOUT_TRANSITIONS, 'requested', 'processing')).toBe(false)
    expect(fromStatuses(PAYOUT_TRANSITIONS, 'cancelled').sort()).toEqual(['approved', 'processing', 'requested'])
    for (const end of ['rejected', 'failed', 'cancelled'] as const) expect(PAYOUT_TRANSITIONS[end]).toEqual([])
  })
})
