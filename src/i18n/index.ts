/**
 * Storefront messages: English and French only (SPEC §12). `t(locale, key, vars)` looks a key up
 * and fills `{name}` placeholders; a key missing in French falls back to English.
 */
import en from './en.json'
import fr from './fr.json'

export const LOCALES = ['en', 'fr'] as const
export type Locale = (typeof LOCALES)[number]
export type MessageKey = keyof typeof en

const messages: Record<Locale, Record<string, string>> = { en, fr }

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value)

export const t = (locale: Locale, key: MessageKey, vars: Record<string, string | number> = {}): string => {
  const template = messages[locale]?.[key] ?? en[key] ?? key
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
}

/** Intl locale tag for formatting money and dates. */
export const intlLocale = (locale: Locale): string => (locale === 'fr' ? 'fr-FR' : 'en-GB')
