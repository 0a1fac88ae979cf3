import type { CollectionConfig } from 'payload'

import { adminOrOwningCreator, nobody } from '@/access'
import { currencyOptions } from '@/domain/currencies'
import { PAYOUT_STATUSES, options } from '@/domain/statuses'
import { payoutEndpoints } from '@/endpoints/payouts'
import { moneyField } from '@/collections/shared/money'
import { technicalSection, titleField } from '@/collections/shared/presentation'

export const Payouts: CollectionConfig = {
  slug: 'payouts',
  labels: { singular: { en: 'Payout', fr: 'Versement' }, plural: { en: 'Payouts', fr: 'Versements' } },
  admin: {
    // "€120.00 · Jane Doe · 2 Dec": amount, creator and the request's day in the creator's zone (kept by a database trigger).
    useAsTitle: 'title',
    defaultColumns: ['title', 'creator', 'amount', 'status', 'trigger', 'requestedAt'],
    listSearchableFields: ['title'],
    group: { en: 'Money', fr: 'Argent' },
  },
  // Requests, approvals and rejections go through their endpoints and jobs (eligibility and ledger
  // reservation): no generated create/update for anyone, admins included (the panel shows it read-only).
  access: { read: adminOrOwningCreator('creator'), create: nobody, update: nobody, delete: nobody },
  endpoints: payoutEndpoints,
  indexes: [{ fields: ['creator', 'currency', 'status'] }, { fields: ['status', 'requestedAt'] }],
  fields: [
    titleField(),
    { name: 'creator', type: 'relationship', relationTo: 'creators', required: true, index: true },
    moneyField({ name: 'amount', label: { en: 'Amount', fr: 'Montant' }, required: true, min: 1, readOnly: true }),
    { name: 'currency', type: 'select', required: true, options: currencyOptions },
    { name: 'status', type: 'select', required: true, defaultValue: 'requested', index: true, options: options(PAYOUT_STATUSES), admin: { position: 'sidebar' } },
    { name: 'decision', type: 'ui', admin: { position: 'sidebar', components: { Field: '@/components/admin/MoneyActions#PayoutActions' } } },
    { name: 'history', type: 'ui', admin: { components: { Field: '@/components/admin/MoneyActions#AuditTrail' } } },
    { name: 'trigger', type: 'select', required: true, defaultValue: 'requested', options: options(['requested', 'scheduled']) },
    { name: 'requestedAt', type: 'date' },
    { name: 'approvedAt', type: 'date' },
    { name: 'processingAt', type: 'date' },
    { name: 'paidAt', type: 'date' },
    { name: 'rejectedAt', type: 'date' },
    { name: 'failedAt', type: 'date' },
    { name: 'cancelledAt', type: 'date' },
    { name: 'approvedBy', type: 'relationship', relationTo: 'users' },
    { name: 'rejectionReason', type: 'text', maxLength: 1000 },
    { name: 'failureReason', type: 'text', maxLength: 1000 },
    technicalSection([{ name: 'stripePayoutId', type: 'text', index: true }]),
    {
      name: 'auditTrail',
      type: 'array',
      // Shown by the `history` table above (who, when, from → to, why); the raw rows stay in the API.
      admin: { readOnly: true, hidden: true },
      fields: [
        { name: 'at', type: 'date', required: true },
        { name: 'by', type: 'relationship', relationTo: 'users' },
        { name: 'actor', type: 'text' },
        { name: 'from', type: 'text' },
        { name: 'to', type: 'text', required: true },
        { name: 'reason', type: 'text' },
      ],
    },
  ],
}
