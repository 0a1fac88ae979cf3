/**
 * Transitional: the formatters live in src/i18n/format.ts. Kept only for the files not yet moved
 * to it (CancelBooking, CheckoutPanel, the creator page); delete with their last import.
 */
import { formatDateTime as formatAt } from '@/i18n/format'
import type { Locale } from '@/i18n/locale'

export { dateFormat, formatCountdown } from '@/i18n/format'

/** @deprecated Use `formatDateTime(at, { locale, timeZone })` from `@/i18n/format`. */
export const formatDateTime = (iso: string, locale: Locale, timeZone: string): string => formatAt(iso, { locale, timeZone })
