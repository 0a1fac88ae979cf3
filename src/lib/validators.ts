/** Field validators shared by collections. Each returns `true` or a message naming the problem. */
import { minorDigits } from '@/domain/currencies'
import { money, MoneyError, parseMajor, toMajorString } from '@/domain/money'
import { formatMoneyForTag, validTimeZone } from '@/i18n/format'
import { localeOf, type Locale } from '@/i18n/locale'
import { FIELD_CHECKS, MONEY_FIELD } from '@/messages/admin'

export const isValidTimeZone = (tz: string): boolean => validTimeZone(tz) !== null

type ValidateOptions = { siblingData?: unknown; data?: unknown; req?: { i18n?: { language?: string } } }

/** The language of the request a validator answers (Payload's i18n: the panel's language, the API's Accept-Language). */
const checksFor = (options?: ValidateOptions) => FIELD_CHECKS[localeOf(options?.req?.i18n?.language)]
const readerOf = (options?: ValidateOptions): Locale => localeOf(options?.req?.i18n?.language)

export const validateTimeZone = (value: unknown, options?: ValidateOptions): true | string =>
  typeof value === 'string' && isValidTimeZone(value) ? true : checksFor(options).timeZone(String(value))

/** A creator page's address: lowercase letters, digits and dashes, at most 60 characters. */
export const validateSlug = (value: unknown, options?: ValidateOptions): true | string =>
  typeof value === 'string' && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value) && value.length <= 60 ? true : checksFor(options).slug

export const validateHttpsLink = (value: unknown, options?: ValidateOptions): true | string => (typeof value === 'string' && /^https:\/\/\S+$/.test(value) ? true : checksFor(options).httpsLink)

/** A ledger adjustment's memo says why (at least 3 characters); other entries need none. */
export const validateAdjustmentMemo = (value: unknown, options?: ValidateOptions): true | string =>
  (options?.siblingData as Record<string, unknown> | undefined)?.type === 'adjustment' && !(typeof value === 'string' && value.trim().length >= 3) ? checksFor(options).adjustmentReason : true

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
  (label: FieldLabel, min: number, max: number) =>
  (value: unknown, options?: ValidateOptions): true | string => {
    if (value === null || value === undefined) return true
    const t = checksFor(options)
    const name = labelIn(label, readerOf(options))
    if (typeof value !== 'number' || !Number.isInteger(value)) return t.wholeNumber(name)
    return value >= min && value <= max ? true : t.between(name, min, max)
  }

export const validateLength =
  (label: FieldLabel, min: number, max: number) =>
  (value: unknown, options?: ValidateOptions): true | string => {
    const t = checksFor(options)
    const name = labelIn(label, readerOf(options))
    if (value === null || value === undefined || value === '') return min > 0 ? t.required(name) : true
    const length = String(value).trim().length
    if (length < min) return t.tooShort(name, min, length)
    if (length > max) return t.tooLong(name, max, length)
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
