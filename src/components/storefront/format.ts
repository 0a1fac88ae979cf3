/** Formatting shared by storefront server and client components. */
import { intlLocale, type Locale } from '@/i18n'

const formats = new Map<string, Intl.DateTimeFormat>()
/** One DateTimeFormat per language, zone and style, reused: building one costs far more than using it. */
export const dateFormat = (locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone })
    if (formats.size > 500) formats.clear()
    formats.set(key, format)
  }
  return format
}

/** "Sunday 22 November 2026, 09:00" in `timeZone` (the viewer's), in the page's language. */
export const formatDateTime = (iso: string, locale: Locale, timeZone: string): string =>
  dateFormat(locale, timeZone, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso))

/** "14:32" as minutes:seconds of a countdown. */
export const formatCountdown = (ms: number): string => {
  const total = Math.max(0, Math.ceil(ms / 1000))
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`
}

/** A time zone Intl accepts, or null. */
export const validTimeZone = (value: string | null | undefined): string | null => {
  if (!value) return null
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return value
  } catch {
    return null
  }
}

/** "09:00" in `timeZone`, in the page's language. */
export const formatTime = (iso: string, locale: Locale, timeZone: string): string =>
  dateFormat(locale, timeZone, { timeStyle: 'short' }).format(new Date(iso))

const numberFormats = new Map<string, Intl.NumberFormat>()
/** One NumberFormat per language and style, reused. */
export const numberFormat = (locale: Locale, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat => {
  const key = `${locale}|${JSON.stringify(options)}`
  let format = numberFormats.get(key)
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(intlLocale(locale), options)))
  return format
}
