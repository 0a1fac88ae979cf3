/** Field validators shared by collections. Each returns `true` or a message naming the problem. */
import { minorDigits } from '@/domain/currencies'
import { money, MoneyError, parseMajor, toMajorString } from '@/domain/money'
import { formatMoneyForTag, validTimeZone } from '@/i18n/format'
import { localeOf, type Locale } from '@/i18n/locale'
import { MONEY_FIELD } from '@/messages/admin'

export const isValidTimeZone = (tz: string): boolean => validTimeZone(tz) !== null

export const validateTimeZone = (value: unknown): true | string =>
  typeof value === 'string' && isValidTimeZone(value) ? true : `"${String(value)}" is not an IANA time zone (e.g. Europe/Paris).`

export const validateMinorUnits =
  (label: string, { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) =>
  (value: unknown): true | string => {
    if (value === null || value === undefined) return true
    if (typeof value !== 'number' || !Number.isInteger(value)) return `${label} must be a whole number of minor units (cents), e.g. 1500 for 15.00.`
    if (value < min) return `${label} must be at least ${min}.`
    if (value > max) return `${label} must be at most ${max}.`
    return true
  }

/** A field label, plain or per language (`{ en: 'Price', fr: 'Prix' }`). */
export type FieldLabel = string | Partial<Record<Locale, string>>
export const labelIn = (label: FieldLabel, locale: Locale): string => (typeof label === 'string' ? label : (label[locale] ?? label.en ?? ''))

export type MoneyRule = {
  min?: number
  max?: number
  required?: boolean
  /** The currency of every value (a per-currency setting), or … */
  currency?: string
  /** … the sibling field that holds it (default `currency`). */
  currencyField?: string
}

/** An amount in currency units for a message: "€1.00" with a known currency, "1.00" without. */
export const unitsFor = (amount: number, currency: string | null | undefined, locale: Locale): string =>
  currency ? formatMoneyForTag(money(amount, currency), locale) : toMajorString(money(amount, 'XXX'))

/**
 * What is wrong with a money value, in currency units ("Price must be at least €1.00."), or null.
 * Values are integer minor units (the API's contract); a string is text the admin's money field
 * could not read as an amount. Shared by the Payload validator (server) and the field (browser).
 */
export const moneyProblem = (
  value: unknown,
  { label, currency, locale = 'en', min = 0, max = Number.MAX_SAFE_INTEGER, required = false }: MoneyRule & { label: FieldLabel; locale?: Locale },
): string | null => {
  const t = MONEY_FIELD[locale]
  const name = labelIn(label, locale)
  if (value === null || value === undefined || value === '') return required ? t.required(name) : null
  if (typeof value === 'string') {
    const code = currency ?? 'XXX'
    try {
      return moneyProblem(parseMajor(value, code).amount, { label, currency, locale, min, max, required })
    } catch (error) {
      if (error instanceof MoneyError && /decimal/.test(error.message)) return t.tooManyDecimals(name, code, minorDigits(code))
      return t.notAnAmount(name, value, toMajorString(money(2550, code)))
    }
  }
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) return t.wholeMinorUnits(name)
  if (value < min) return t.atLeast(name, unitsFor(min, currency, locale))
  if (value > max) return t.atMost(name, unitsFor(max, currency, locale))
  return null
}

type ValidateOptions = { siblingData?: unknown; data?: unknown; req?: { i18n?: { language?: string } } }

/** Payload `validate` for a money field: the currency comes from the rule or the sibling field; messages in the admin's language. */
export const validateMoney =
  (label: FieldLabel, rule: MoneyRule = {}) =>
  (value: unknown, options?: ValidateOptions): true | string => {
    const sibling = (options?.siblingData ?? options?.data) as Record<string, unknown> | undefined
    const fromSibling = sibling?.[rule.currencyField ?? 'currency']
    const currency = rule.currency ?? (typeof fromSibling === 'string' && /^[A-Za-z]{3}$/.test(fromSibling) ? fromSibling.toUpperCase() : undefined)
    return moneyProblem(value, { ...rule, label, currency, locale: localeOf(options?.req?.i18n?.language) }) ?? true
  }

export const validateIntegerRange =
  (label: string, min: number, max: number) =>
  (value: unknown): true | string => {
    if (value === null || value === undefined) return true
    if (typeof value !== 'number' || !Number.isInteger(value)) return `${label} must be a whole number.`
    return value >= min && value <= max ? true : `${label} must be between ${min} and ${max}.`
  }

export const validateLength =
  (label: string, min: number, max: number) =>
  (value: unknown): true | string => {
    if (value === null || value === undefined || value === '') return min > 0 ? `${label} is required.` : true
    const length = String(value).trim().length
    if (length < min) return `${label} must be at least ${min} characters (got ${length}).`
    if (length > max) return `${label} must be at most ${max} characters (got ${length}).`
    return true
  }

export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'creator'
