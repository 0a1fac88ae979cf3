/**
 * Storefront messages: English and French only (SPEC §12). `t(locale, key, vars)` looks a key up
 * and fills `{name}` placeholders; a key missing in French falls back to English.
 */
import en from './en.json'
import fr from './fr.json'

import { type Locale } from './locale'

export { intlLocale, isLocale, localeOf, LOCALES, type Locale } from './locale'
export type MessageKey = keyof typeof en

const messages: Record<Locale, Record<string, string>> = { en, fr }

export const t = (locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string => {
  const template = messages[locale]?.[key] ?? en[key] ?? key
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}
