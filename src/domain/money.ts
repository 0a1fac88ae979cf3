/**
 * Money: integer minor units + ISO currency, and the only arithmetic allowed on it. No floats touch
 * an amount; fees round half-up on the minor unit and fee + creator share = price, always.
 */
import { minorDigits } from './currencies'

export type Money = { readonly amount: number; readonly currency: string }

export class MoneyError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MoneyError'
  }
}

const CURRENCY = /^[A-Z]{3}$/

export const money = (amount: number, currency: string): Money => {
  if (!Number.isSafeInteger(amount)) throw new MoneyError(`Amount must be a whole number of minor units, got ${amount}.`)
  const code = currency.toUpperCase()
  if (!CURRENCY.test(code)) throw new MoneyError(`"${currency}" is not an ISO 4217 currency code.`)
  return Object.freeze({ amount, currency: code })
}

const sameCurrency = (a: Money, b: Money): void => {
  if (a.currency !== b.currency) throw new MoneyError(`Cannot combine ${a.currency} and ${b.currency}.`)
}

export const add = (a: Money, b: Money): Money => (sameCurrency(a, b), money(a.amount + b.amount, a.currency))
export const subtract = (a: Money, b: Money): Money => (sameCurrency(a, b), money(a.amount - b.amount, a.currency))
export const compare = (a: Money, b: Money): -1 | 0 | 1 => (sameCurrency(a, b), a.amount < b.amount ? -1 : a.amount > b.amount ? 1 : 0)
export const sum = (items: Money[], currency: string): Money => items.reduce((total, m) => add(total, m), money(0, currency))

/** round(value × numerator / denominator) half-up, for non-negative integers, exact (BigInt). */
export const mulDivHalfUp = (value: number, numerator: number, denominator: number): number => {
  if (value < 0 || numerator < 0 || denominator <= 0) throw new MoneyError('mulDivHalfUp works on non-negative integers.')
  const product = BigInt(value) * BigInt(numerator)
  const d = BigInt(denominator)
  return Number((product * 2n + d) / (2n * d))
}

export type FeeSettings = { feeBps: number; fixedFee: number }
export type FeeSplit = { price: Money; platformFee: Money; creatorAmount: Money; feeBps: number; fixedFee: number }

/**
 * Platform fee = half-up(price × bps / 10 000) + fixed fee, never more than the price, never
 * negative; the creator gets the rest. 100.00 at 15 % → fee 15.00, creator 85.00.
 */
export const splitFee = (price: Money, { feeBps, fixedFee }: FeeSettings): FeeSplit => {
  if (price.amount < 0) throw new MoneyError('A price cannot be negative.')
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > 10_000) throw new MoneyError(`Fee rate must be 0–10000 basis points, got ${feeBps}.`)
  if (!Number.isSafeInteger(fixedFee) || fixedFee < 0) throw new MoneyError(`Fixed fee must be a non-negative whole number, got ${fixedFee}.`)
  const fee = Math.min(price.amount, mulDivHalfUp(price.amount, feeBps, 10_000) + fixedFee)
  return {
    price,
    platformFee: money(fee, price.currency),
    creatorAmount: money(price.amount - fee, price.currency),
    feeBps,
    fixedFee,
  }
}

/** "12.34" (major units, as typed by a person) → 1234 minor units; refuses extra decimals. */
export const parseMajor = (text: string, currency: string): Money => {
  const digits = minorDigits(currency)
  const match = text.trim().replace(/[\s']/g, '').replace(',', '.').match(/^(-)?(\d+)(?:\.(\d+))?$/)
  if (!match) throw new MoneyError(`"${text}" is not an amount.`)
  const [, sign, whole, fraction = ''] = match
  if (fraction.length > digits) throw new MoneyError(`${currency} has ${digits} decimal${digits === 1 ? '' : 's'}; "${text}" has more.`)
  const amount = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0')
  return money(sign ? -amount : amount, currency)
}

/** The amount as a decimal string in major units ("12.34", "-0.05", "1200" for JPY). */
export const toMajorString = (m: Money): string => {
  const digits = minorDigits(m.currency)
  const abs = Math.abs(m.amount).toString().padStart(digits + 1, '0')
  const major = digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs
  return m.amount < 0 ? `-${major}` : major
}

/** One NumberFormat per locale and currency: building one costs far more than using it (pages format dozens of prices). */
const currencyFormats = new Map<string, Intl.NumberFormat>()

/** Formatted for people in `locale` ("85,00 €" in fr, "€85.00" in en). */
export const formatMoney = (m: Money, locale = 'en'): string => {
  const key = `${locale}|${m.currency}`
  let format = currencyFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: m.currency,
      minimumFractionDigits: minorDigits(m.currency),
      maximumFractionDigits: minorDigits(m.currency),
    })
    currencyFormats.set(key, format)
  }
  return format.format(Number(toMajorString(m)))
}
