import { describe, expect, it } from 'vitest'

import { earningBuckets } from '@/domain/earnings'
import { moneyProblem, validateMoney } from '@/lib/validators'

describe('money field validation: messages in currency units', () => {
  const price = validateMoney({ en: 'Price', fr: 'Prix' }, { min: 100, max: 1_000_000, required: true })

  it('accepts integer minor units in range (the API contract is unchanged)', () => {
    expect(price(2550, { siblingData: { currency: 'EUR' } })).toBe(true)
    expect(price(100, { siblingData: { currency: 'EUR' } })).toBe(true)
  })

  it('names the bound in the currency, in the admin’s language', () => {
    expect(price(99, { siblingData: { currency: 'EUR' } })).toBe('Price must be at least €1.00.')
    expect(price(1_000_001, { siblingData: { currency: 'USD' } })).toBe('Price must be at most $10,000.00.')
    expect(price(99, { siblingData: { currency: 'EUR' }, req: { i18n: { language: 'fr' } } })).toMatch(/^Prix doit être d’au moins 1,00\s€\.$/)
    // A per-currency setting names its own currency; without one the figure is still in units.
    expect(validateMoney('Minimum payout CHF', { currency: 'CHF', min: 500 })(400)).toMatch(/at least CHF\s?5\.00/)
    expect(validateMoney('Fixed fee', { min: 1 })(0)).toBe('Fixed fee must be at least 0.01.')
  })

  it('refuses fractions of a minor unit, missing required values and text that is not an amount', () => {
    expect(price(15.5, { siblingData: { currency: 'EUR' } })).toMatch(/whole number of minor units/)
    expect(price(null, {})).toBe('Price is required.')
    expect(validateMoney('Payout minimum')(null)).toBe(true)
    expect(moneyProblem('25,5x', { label: 'Price', currency: 'EUR' })).toBe('Price: "25,5x" is not an amount (e.g. 25.50).')
    expect(moneyProblem('25.555', { label: 'Price', currency: 'EUR' })).toBe('Price: EUR has 2 decimals at most.')
    // Text the field could read is judged as the amount it stands for.
    expect(moneyProblem('0.50', { label: 'Price', currency: 'EUR', min: 100 })).toBe('Price must be at least €1.00.')
    expect(moneyProblem('25.50', { label: 'Price', currency: 'EUR', min: 100 })).toBeNull()
  })
})

describe('earnings chart buckets', () => {
  const now = new Date('2026-06-17T10:00:00Z') // a Wednesday
  const points = [
    { at: '2026-06-17T08:00:00Z', amount: 1000, currency: 'EUR' },
    { at: '2026-06-15T23:59:00Z', amount: 500, currency: 'EUR' }, // Monday
    { at: '2026-06-14T12:00:00Z', amount: 200, currency: 'EUR' }, // Sunday: the week before
    { at: '2026-05-02T12:00:00Z', amount: 300, currency: 'EUR' },
    { at: '2026-06-17T09:00:00Z', amount: 9999, currency: 'USD' },
    { at: '2024-01-01T00:00:00Z', amount: 7777, currency: 'EUR' }, // outside every window
  ]

  it('sums per UTC day over the last 30 days, oldest first', () => {
    const days = earningBuckets(points, 'EUR', 'day', now)
    expect(days).toHaveLength(30)
    expect(days.at(-1)).toEqual({ start: new Date('2026-06-17T00:00:00Z'), amount: 1000 })
    expect(days.at(-3)!.amount).toBe(500)
    expect(days.reduce((s, d) => s + d.amount, 0)).toBe(1700)
  })

  it('weeks start on Monday; months on the 1st', () => {
    const weeks = earningBuckets(points, 'EUR', 'week', now)
    expect(weeks).toHaveLength(12)
    expect(weeks.at(-1)).toEqual({ start: new Date('2026-06-15T00:00:00Z'), amount: 1500 })
    expect(weeks.at(-2)!.amount).toBe(200)
    const months = earningBuckets(points, 'EUR', 'month', now)
    expect(months.map((m) => m.amount).slice(-2)).toEqual([300, 1700])
    expect(months[0]!.start).toEqual(new Date('2025-07-01T00:00:00Z'))
  })

  it('keeps currencies apart', () => {
    expect(earningBuckets(points, 'USD', 'day', now).at(-1)!.amount).toBe(9999)
  })
})
