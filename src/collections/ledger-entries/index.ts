import type { CollectionConfig } from 'payload'

import { adminOrOwningCreator, nobody } from '@/access'
import { currencyOptions } from '@/domain/currencies'
import { LEDGER_ENTRY_TYPES, options } from '@/domain/statuses'
import { now } from '@/lib/clock'
import { moneyField } from '@/collections/shared/money'
import { technicalSection, titleField } from '@/collections/shared/presentation'
import { ledgerEndpoints } from '@/endpoints/ledger'
import { validateAdjustmentMemo } from '@/lib/validators'

/**
 * Append-only, written only by the money use cases (payments, refunds, disputes, payouts) through
 * `insertLedgerEntry`: nobody (admins included) creates, updates or deletes an entry through the
 * generated API or the panel; corrections are new `adjustment` entries from the admins' adjustment
 * action (`POST /api/ledger-entries/adjust`, the "Adjust balance…" box on a creator): a book entry
 * only, its reason in `memo` and its admin in `createdBy`; it moves no money at Stripe.
 */
export const LedgerEntries: CollectionConfig = {
  slug: 'ledger-entries',
  labels: { singular: { en: 'Ledger entry', fr: 'Écriture' }, plural: { en: 'Ledger', fr: 'Grand livre' } },
  admin: {
    // "+€27.00 · Jane Doe · 2 Dec": signed amount, creator and day in the creator's zone (kept by a database trigger).
    useAsTitle: 'title',
    defaultColumns: ['title', 'createdAt', 'creator', 'type', 'amount', 'availableAt', 'memo'],
    listSearchableFields: ['title', 'memo'],
    group: { en: 'Money', fr: 'Argent' },
  },
  access: { read: adminOrOwningCreator('creator'), create: nobody, update: nobody, delete: nobody },
  endpoints: ledgerEndpoints,
  indexes: [{ fields: ['creator', 'currency', 'availableAt'] }],
  hooks: {
    beforeValidate: [
      ({ data, req }) => {
        if (data && req.user && !data.createdBy) data.createdBy = req.user.id
        return data
      },
    ],
  },
  fields: [
    titleField(),
    { name: 'creator', type: 'relationship', relationTo: 'creators', required: true, index: true },
    { name: 'currency', type: 'select', required: true, options: currencyOptions },
    { name: 'type', type: 'select', required: true, index: true, options: options(LEDGER_ENTRY_TYPES) },
    moneyField({
      name: 'amount',
      label: { en: 'Amount', fr: 'Montant' },
      required: true,
      min: -Number.MAX_SAFE_INTEGER,
      readOnly: true,
      description: { en: 'Signed: + credits the creator, − debits.', fr: 'Signé : + crédite le créateur, − le débite.' },
    }),
    { name: 'availableAt', type: 'date', required: true, index: true, defaultValue: () => now().toISOString() },
    technicalSection([
      {
        name: 'source',
        type: 'group',
        fields: [
          { name: 'type', type: 'select', options: options(['payment', 'refund', 'dispute', 'payout', 'adjustment']) },
          { name: 'ref', type: 'text', admin: { description: 'Id of the payment, refund, dispute or payout.' } },
        ],
      },
    ]),
    {
      name: 'memo',
      type: 'text',
      maxLength: 500,
      validate: validateAdjustmentMemo,
    },
    { name: 'createdBy', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
  ],
}
