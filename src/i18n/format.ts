/**
 * The one module of date, number and money formatters (storefront pages, notifications, emails).
 * Intl formats are built once per language, zone and style and reused: building one costs far
 * more than using it.
 */
import { formatMoney as formatMinorUnits, type Money } from '@/domain/money'

import { intlLocale, type Locale } from './locale'

/** Where a text is read: its language and the reader's time zone. */
export type FormatContext = { locale: Locale; timeZone: string }

const dateFormats = new Map<string, Intl.DateTimeFormat>()

const zoneChecks = new Map<string, boolean>()

/** A time zone Intl accepts, or null (each zone checked once: building a DateTimeFormat is slow). */
export const validTimeZone = (value: string | null | undefined): string | null => {
  if (!value) return null
  let valid = zoneChecks.get(value)
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value })
      valid = true
    } catch {
      valid = false
    }
    if (zoneChecks.size > 500) zoneChecks.clear()
    zoneChecks.set(value, valid)
  }
  return valid ? value : null
}

/** One DateTimeFormat per language, zone and style, reused; an unknown zone reads as UTC. */
export const dateFormat = (locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`
  let format = dateFormats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: validTimeZone(timeZone) ?? 'UTC' })
    if (dateFormats.size > 500) dateFormats.clear()
    dateFormats.set(key, format)
  }
  return format
}

/** "Friday 5 June 2026 at 14:00" / "vendredi 5 juin 2026 à 14:00" in the reader's zone. */
export const formatDateTime = (at: Date | string, ctx: FormatContext): string =>
  dateFormat(ctx.locale, ctx.timeZone, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(at))

/** "09:00" in the reader's zone and language. */
export const formatTime = (at: Date | string, ctx: FormatContext): string => dateFormat(ctx.locale, ctx.timeZone, { timeStyle: 'short' }).format(new Date(at))

const EMAIL_DATE_TIME: Intl.DateTimeFormatOptions = {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
}

/** Emails name the zone, as they are read away from the page: "Friday 5 June 2026 at 16:00 CEST". */
export const formatEmailDateTime = (at: Date | string, ctx: FormatContext): string => dateFormat(ctx.locale, ctx.timeZone, EMAIL_DATE_TIME).format(new Date(at))

/** "14:32" as minutes:seconds of a countdown. */
export const formatCountdown = (ms: number): string => {
  const total = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
}

const numberFormats = new Map<string, Intl.NumberFormat>()
/** One NumberFormat per language and style, reused. */
export const numberFormat = (locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat => {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(intlLocale(locale), options)))
  return format
}

/** An amount in minor units, in the reader's language ("€42.00", "42,00 €"). */
export const formatMoney = (m: Money, locale: Locale): string => formatMinorUnits(m, intlLocale(locale))

/**
 * The same with a bare language tag ('en', 'fr'): the admin panel's language and the notification
 * texts, which print "$42.00" where the storefront's en-GB prints "US$42.00".
 */
export const formatMoneyForTag = (m: Money, languageTag: string): string => formatMinorUnits(m, languageTag)
