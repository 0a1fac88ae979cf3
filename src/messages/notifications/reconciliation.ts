/**
 * The daily reconciliation's alert to admins: one connected account whose Stripe balance differs
 * from our ledger, with the figures per currency (minor units, formatted in the admin's language).
 */
import { money } from '@/domain/money'
import { formatMoney } from '@/i18n/format'
import type { Locale } from '@/i18n/locale'

import { notification } from './template'

type Line = { currency: string; ours: number; stripe: number; difference: number }

const lines = (d: { drift: Line[] }, locale: Locale, words: { ours: string; stripe: string; difference: string }) =>
  d.drift
    .map((l) => {
      const m = (amount: number) => formatMoney(money(amount, l.currency), locale)
      return `${l.currency}: ${words.ours} ${m(l.ours)}, ${words.stripe} ${m(l.stripe)}, ${words.difference} ${m(l.difference)}`
    })
    .join('; ')

export const RECONCILIATION_NOTIFICATIONS = {
  'system.reconciliation_drift': notification({
    type: 'system',
    sample: { creator: 'Lea Martin', account: 'acct_1', drift: [{ currency: 'EUR', ours: 12000, stripe: 11500, difference: 500 }] },
    en: (d) => ({
      title: 'The ledger does not match Stripe',
      body: `Reconciliation found a difference for ${d.creator} (${d.account}). ${lines(d, 'en', { ours: 'our ledger', stripe: 'Stripe', difference: 'difference' })}.`,
    }),
    fr: (d) => ({
      title: 'Le registre ne correspond pas à Stripe',
      body: `Le rapprochement a trouvé un écart pour ${d.creator} (${d.account}). ${lines(d, 'fr', { ours: 'notre registre', stripe: 'Stripe', difference: 'écart' })}.`,
    }),
  }),
}
