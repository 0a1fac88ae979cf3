import type { CollectionConfig } from 'payload'
import { ValidationError } from 'payload'

import { adminOrParticipant, nobody } from '@/access'
import { currencyOptions } from '@/domain/currencies'
import { PAYMENT_STATUSES, options } from '@/domain/statuses'
import { moneyField } from '@/collections/shared/money'
import { technicalSection, titleField } from '@/collections/shared/presentation'

const MONEY_FIELDS = ['amount', 'currency', 'platformFee', 'creatorAmount', 'feeSnapshot'] as const

export const Payments: CollectionConfig = {
  slug: 'payments',
  labels: { singular: { en: 'Payment', fr: 'Paiement' }, plural: { en: 'Payments', fr: 'Paiements' } },
  admin: {
    // "€30.00 · Léa Martin · 2 Dec": amount, fan and the call's day in the creator's zone (kept by a database trigger).
    useAsTitle: 'title',
    defaultColumns: ['title', 'creator', 'amount', 'platformFee', 'creatorAmount', 'status', 'createdAt'],
    listSearchableFields: ['title', 'stripePaymentIntentId'],
    group: { en: 'Money', fr: 'Argent' },
  },
  // Rows come from checkout and the webhooks, statuses move through their use cases: no generated
  // create/update for anyone, admins included (the panel shows the payment read-only).
  access: { read: adminOrParticipant('fan', 'creator'), create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['creator', 'status'] }, { fields: ['fan', 'createdAt'] }],
  hooks: {
    // Money of a succeeded payment is history: refunds and disputes are separate records.
    beforeChange: [
      ({ data, operation, originalDoc }) => {
        if (operation !== 'update' || originalDoc?.status !== 'succeeded') return data
        const changed = MONEY_FIELDS.filter((f) => f in data && JSON.stringify(data[f]) !== JSON.stringify(originalDoc[f]))
        if (changed.length) {
          throw new ValidationError({
            collection: 'payments',
            errors: changed.map((path) => ({ path, message: 'A succeeded payment’s amounts cannot change.' })),
          })
        }
        return data
      },
    ],
  },
  fields: [
    titleField(),
    { name: 'booking', type: 'relationship', relationTo: 'bookings', required: true, index: true },
    { name: 'fan', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'creator', type: 'relationship', relationTo: 'creators', required: true, index: true },
    moneyField({ name: 'amount', label: { en: 'Amount', fr: 'Montant' }, required: true, readOnly: true }),
    { name: 'currency', type: 'select', required: true, options: currencyOptions },
    moneyField({ name: 'platformFee', label: { en: 'Platform fee', fr: 'Frais de plateforme' }, required: true, readOnly: true }),
    moneyField({ name: 'creatorAmount', label: { en: 'Creator amount', fr: 'Part du créateur' }, required: true, readOnly: true }),
    { name: 'status', type: 'select', required: true, defaultValue: 'requires_payment', index: true, options: options(PAYMENT_STATUSES), admin: { position: 'sidebar' } },
    // Admins' "Refund…" (POST /api/refunds/request: an admin's refund is approved at once).
    { name: 'refundStart', type: 'ui', admin: { position: 'sidebar', components: { Field: '@/components/admin/StartRefund#StartRefund' } } },
    moneyField({ name: 'refundedAmount', label: { en: 'Refunded amount', fr: 'Montant remboursé' }, defaultValue: 0, readOnly: true }),
    { name: 'disputeStatus', type: 'select', defaultValue: 'none', options: options(['none', 'open', 'won', 'lost']) },
    { name: 'paidAt', type: 'date' },
    { name: 'failureReason', type: 'text' },
    technicalSection([
      { name: 'stripePaymentIntentId', type: 'text', unique: true, index: true },
      {
        name: 'feeSnapshot',
        type: 'group',
        admin: { description: 'The fee settings this payment was made with.' },
        fields: [
          { name: 'feeBps', type: 'number', required: true },
          { name: 'fixedFee', type: 'number', required: true },
          { name: 'holdingPeriodDays', type: 'number', required: true },
        ],
      },
    ]),
  ],
}
