/**
 * Small helpers shared by every resource: ids, time, cloning, currencies, HTML escaping.
 */
import { randomBytes } from 'node:crypto'

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
export const randomId = (length: number): string => {
  const bytes = randomBytes(length)
  let out = ''
  for (const byte of bytes) out += ID_ALPHABET[byte % ID_ALPHABET.length]
  return out
}
export const newId = (prefix: string, length = 24): string => `${prefix}_${randomId(length)}`
export const nowSeconds = (): number => Math.floor(Date.now() / 1000)
export const clone = <T>(value: T): T => structuredClone(value)

const ZERO_DECIMAL = new Set(['bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg', 'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'])
export const MINIMUM_CHARGE: Record<string, number> = { usd: 50, eur: 50, chf: 50, gbp: 30, cad: 50, aud: 50, jpy: 50 }
export const formatAmount = (amount: number, currency: string): string =>
  ZERO_DECIMAL.has(currency) ? `${amount} ${currency}` : `${(amount / 100).toFixed(2)} ${currency}`

const COUNTRY_CURRENCY: Record<string, string> = { US: 'usd', GB: 'gbp', CH: 'chf', CA: 'cad', AU: 'aud', JP: 'jpy', SE: 'sek', NO: 'nok', DK: 'dkk', PL: 'pln' }
export const currencyOfCountry = (country: string): string => COUNTRY_CURRENCY[country] ?? 'eur'

export const PLATFORM = 'platform'
export const APPLICATION_ID = 'ca_emulator'

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char)

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
