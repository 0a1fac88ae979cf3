import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { add, formatMoney, money, MoneyError, mulDivHalfUp, parseMajor, splitFee, subtract, sum, toMajorString } from '@/domain/money'

const CURRENCIES = ['EUR', 'CHF', 'USD', 'GBP', 'JPY', 'KRW']

describe('fees', () => {
  it('100.00 EUR at 15 % → platform fee 15.00, creator 85.00', () => {
    const split = splitFee(money(10000, 'EUR'), { feeBps: 1500, fixedFee: 0 })
    expect(split.platformFee).toEqual(money(1500, 'EUR'))
    expect(split.creatorAmount).toEqual(money(8500, 'EUR'))
  })

  it('rounds half-up on the minor unit', () => {
    expect(splitFee(money(10, 'EUR'), { feeBps: 1500, fixedFee: 0 }).platformFee.amount).toBe(2) // 1.5 → 2
    expect(splitFee(money(3, 'EUR'), { feeBps: 1500, fixedFee: 0 }).platformFee.amount).toBe(0) // 0.45 → 0
    expect(splitFee(money(1, 'JPY'), { feeBps: 5000, fixedFee: 0 }).platformFee.amount).toBe(1) // 0.5 → 1
    expect(splitFee(money(333, 'EUR'), { feeBps: 1500, fixedFee: 10 }).platformFee.amount).toBe(60) // 49.95 → 50, + 10
  })

  it('never charges a fee above the price', () => {
    expect(splitFee(money(100, 'EUR'), { feeBps: 1500, fixedFee: 500 })).toMatchObject({ platformFee: { amount: 100 }, creatorAmount: { amount: 0 } })
  })

  it('property: fee + creator amount = price and 0 ≤ fee ≤ price, for every price, rate, fixed fee and currency', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(...CURRENCIES),
        (amount, feeBps, fixedFee, currency) => {
          const { platformFee, creatorAmount } = splitFee(money(amount, currency), { feeBps, fixedFee })
          expect(platformFee.amount + creatorAmount.amount).toBe(amount)
          expect(platformFee.amount).toBeGreaterThanOrEqual(0)
          expect(platformFee.amount).toBeLessThanOrEqual(amount)
          expect(Number.isInteger(platformFee.amount)).toBe(true)
          expect(platformFee.currency).toBe(currency)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('property: the percentage part is the exact half-up rounding (checked against BigInt arithmetic)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 10_000 }), (amount, bps) => {
        const exact = BigInt(amount) * BigInt(bps)
        const floor = exact / 10_000n
        const rest = exact % 10_000n
        const expected = Number(rest >= 5_000n ? floor + 1n : floor)
        expect(mulDivHalfUp(amount, bps, 10_000)).toBe(expected)
      }),
      { numRuns: 2000 },
    )
  })

  it('refuses bad inputs with a message', () => {
    expect(() => splitFee(money(-1, 'EUR'), { feeBps: 1500, fixedFee: 0 })).toThrow(MoneyError)
    expect(() => splitFee(money(100, 'EUR'), { feeBps: 10_001, fixedFee: 0 })).toThrow(/0–10000 basis points/)
    expect(() => money(10.5, 'EUR')).toThrow(/whole number of minor units/)
    expect(() => money(1, 'EURO')).toThrow(/not an ISO 4217/)
  })
})

describe('arithmetic and parsing', () => {
  it('adds and subtracts within one currency only', () => {
    expect(add(money(150, 'EUR'), money(50, 'EUR'))).toEqual(money(200, 'EUR'))
    expect(subtract(money(150, 'EUR'), money(200, 'EUR'))).toEqual(money(-50, 'EUR'))
    expect(sum([money(1, 'CHF'), money(2, 'CHF')], 'CHF')).toEqual(money(3, 'CHF'))
    expect(() => add(money(1, 'EUR'), money(1, 'USD'))).toThrow(/Cannot combine EUR and USD/)
  })

  it('parses what people type, without floats', () => {
    expect(parseMajor('12.34', 'EUR').amount).toBe(1234)
    expect(parseMajor('0,1', 'EUR').amount).toBe(10)
    expect(parseMajor("1'000", 'CHF').amount).toBe(100000)
    expect(parseMajor('1200', 'JPY').amount).toBe(1200)
    expect(() => parseMajor('12.345', 'EUR')).toThrow(/EUR has 2 decimals/)
    expect(() => parseMajor('12.5', 'JPY')).toThrow(/JPY has 0 decimals/)
    expect(() => parseMajor('abc', 'EUR')).toThrow(/not an amount/)
  })

  it('property: parse(format as major string) round-trips every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom(...CURRENCIES), (amount, currency) => {
        expect(parseMajor(toMajorString(money(amount, currency)), currency).amount).toBe(amount)
      }),
    )
  })

  it('formats by locale and currency digits', () => {
    expect(formatMoney(money(8500, 'EUR'), 'en')).toBe('€85.00')
    expect(formatMoney(money(8500, 'EUR'), 'fr').replace(/\s/g, ' ')).toBe('85,00 €')
    expect(formatMoney(money(1200, 'JPY'), 'en')).toBe('¥1,200')
    expect(formatMoney(money(-5, 'USD'), 'en')).toBe('-$0.05')
  })
})
