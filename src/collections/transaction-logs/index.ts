import type { CollectionConfig } from 'payload'

import { adminOnly, nobody } from '@/access'
import { moneyField } from '@/collections/shared/money'
import { currencyOptions } from '@/domain/currencies'

/** Every financial event, immutable for everyone (a database trigger refuses UPDATE and DELETE too). */
export const TransactionLogs: CollectionConfig = {
  slug: 'transaction-logs',
  labels: { singular: { en: 'Transaction log', fr: 'Journal financier' }, plural: { en: 'Transaction logs', fr: 'Journaux financiers' } },
  admin: {
    useAsTitle: 'type',
    defaultColumns: ['createdAt', 'type', 'entityType', 'entityId', 'amount', 'currency', 'status'],
    listSearchableFields: ['type', 'entityId'],
    group: { en: 'Operations', fr: 'Exploitation' },
    hidden: ({ user }) => user?.role !== 'admin',
  },
  defaultSort: '-createdAt',
  access: { read: adminOnly, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['entityType', 'entityId'] }, { fields: ['type', 'createdAt'] }],
  fields: [
    { name: 'type', type: 'text', required: true, index: true },
    { name: 'entityType', type: 'text', required: true },
    { name: 'entityId', type: 'text', required: true },
    // Signed like the movement it logs (a reversal or a debt is negative).
    moneyField({ name: 'amount', label: { en: 'Amount', fr: 'Montant' }, readOnly: true, min: -Number.MAX_SAFE_INTEGER }),
    { name: 'currency', type: 'select', options: currencyOptions },
    { name: 'status', type: 'text', required: true },
    {
      name: 'providerIds',
      type: 'group',
      fields: ['paymentIntent', 'charge', 'refund', 'transfer', 'payout', 'dispute', 'account'].map((name) => ({ name, type: 'text' as const })),
    },
    { name: 'metadata', type: 'json' },
  ],
}
