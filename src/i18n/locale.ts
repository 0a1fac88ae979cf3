/** The product's languages (SPEC §12): one `Locale` type and one way to read a stored preference. */
export const LOCALES = ['en', 'fr'] as const
export type Locale = (typeof LOCALES)[number]

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value)

/** A user's or a request's language: French when it says so, English otherwise. */
export const localeOf = (value: unknown): Locale => (value === 'fr' ? 'fr' : 'en')

/** Intl locale tag for formatting money and dates. */
export const intlLocale = (locale: Locale): string => (locale === 'fr' ? 'fr-FR' : 'en-GB')

/** A storefront path in every language (`/account` → `{ en: '/en/account', fr: '/fr/account' }`): links in notifications. */
export const storefrontPaths = (path: string): Record<Locale, string> =>
  Object.fromEntries(LOCALES.map((locale) => [locale, `/${locale}${path}`])) as Record<Locale, string>

/** A booking's call page in every language (`/en/call/42`): the join link of reminders and calendar files. */
export const callPaths = (bookingId: number): Record<Locale, string> => storefrontPaths(`/call/${bookingId}`)
