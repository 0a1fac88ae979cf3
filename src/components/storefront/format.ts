/** Formatting shared by storefront server and client components. */
import { intlLocale, type Locale } from '@/i18n'

/** "Sunday 22 November 2026, 09:00" in `timeZone` (the viewer's), in the page's language. */
export const formatDateTime = (iso: string, locale: Locale, timeZone: string): string =>
  new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(iso))

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
  new Intl.DateTimeFormat(intlLocale(locale), { timeStyle: 'short', timeZone }).format(new Date(iso))
