import type { CollectionConfig } from 'payload'

import { adminOrParticipant, nobody } from '@/access'
import { currencyOptions } from '@/domain/currencies'
import { REFUND_POLICIES, REFUND_STATUSES, options } from '@/domain/statuses'
import { moneyField } from '@/collections/shared/money'
import { technicalSection, titleField } from '@/collections/shared/presentation'
import { refundEndpoints } from '@/endpoints/refunds'

export const Refunds: CollectionConfig = {
  slug: 'refunds',
  labels: { singular: { en: 'Refund', fr: 'Remboursement' }, plural: { en: 'Refunds', fr: 'Remboursements' } },
  admin: {
    // "€30.00 · Léa Martin · 2 Dec": amount, fan and the call's day in the creator's zone (kept by a database trigger).
    useAsTitle: 'title',
    defaultColumns: ['title', 'booking', 'amount', 'status', 'policy', 'createdAt'],
    listSearchableFields: ['title'],
    group: { en: 'Money', fr: 'Argent' },
  },
  // Requests, approvals and rejections go through their endpoints and jobs (the money moves with the
  // status): no generated create/update for anyone, admins included (the panel shows it read-only).
  access: { read: adminOrParticipant('fan', 'creator'), create: nobody, update: nobody, delete: nobody },
  endpoints: refundEndpoints,
  indexes: [{ fields: ['status', 'createdAt'] }],
  fields: [
    titleField(),
    { name: 'payment', type: 'relationship', relationTo: 'payments', required: true, index: true },
    { name: 'booking', type: 'relationship', relationTo: 'bookings', required: true, index: true },
    { name: 'fan', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'creator', type: 'relationship', relationTo: 'creators', required: true, index: true },
    moneyField({ name: 'amount', label: { en: 'Amount', fr: 'Montant' }, required: true, min: 1, readOnly: true }),
    { name: 'currency', type: 'select', required: true, options: currencyOptions },
    { name: 'reason', type: 'textarea', required: true, maxLength: 1000 },
    { name: 'status', type: 'select', required: true, defaultValue: 'requested', index: true, options: options(REFUND_STATUSES), admin: { position: 'sidebar' } },
    { name: 'decision', type: 'ui', admin: { position: 'sidebar', components: { Field: '@/components/admin/MoneyActions#RefundActions' } } },
    { name: 'policy', type: 'select', options: options(REFUND_POLICIES) },
    { name: 'requestedBy', type: 'relationship', relationTo: 'users' },
    { name: 'decidedBy', type: 'relationship', relationTo: 'users' },
    { name: 'decisionReason', type: 'text', maxLength: 1000 },
    { name: 'decidedAt', type: 'date' },
    { name: 'failureReason', type: 'text', admin: { description: 'Why Stripe could not make the refund.' } },
    technicalSection([
      { name: 'stripeRefundId', type: 'text', unique: true },
      { name: 'stripeTransferReversalId', type: 'text', admin: { description: 'The transfer reversal that took the creator’s share back.' } },
    ]),
  ],
}
