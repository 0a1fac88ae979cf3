/** Currencies creators may sell in (all two-decimal). The money module handles others too. */
export const SUPPORTED_CURRENCIES = ['EUR', 'CHF', 'USD', 'GBP'] as const
export type SupportedCurrency = (typeof SUPPORTED_CURRENCIES)[number]

const ZERO_DECIMAL = new Set([
  'BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF',
])

/** Number of minor-unit digits of an ISO 4217 currency (2 unless zero-decimal). */
export const minorDigits = (currency: string): number => (ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2)

export const currencyOptions = SUPPORTED_CURRENCIES.map((c) => ({ label: c, value: c }))
