import type { CollectionConfig } from 'payload'

import { adminOnlyField, adminOrOwningCreator, nobody } from '@/access'
import { currencyOptions } from '@/domain/currencies'
import { DISPUTE_STATUSES, options } from '@/domain/statuses'
import { moneyField } from '@/collections/shared/money'
import { forAdminsOnly, titleField } from '@/collections/shared/presentation'
import { disputeEndpoints } from '@/endpoints/disputes'

/** The evidence names the fan (name, email): admins only, not the dispute's creator. */
const evidenceAccess = { read: adminOnlyField }

export const Disputes: CollectionConfig = {
  slug: 'disputes',
  labels: { singular: { en: 'Dispute', fr: 'Litige' }, plural: { en: 'Disputes', fr: 'Litiges' } },
  admin: {
    // "€30.00 · Léa Martin · 2 Dec": amount, fan and the call's day in the creator's zone (kept by a database trigger).
    useAsTitle: 'title',
    defaultColumns: ['title', 'evidenceDueBy', 'status', 'creator', 'amount', 'reason'],
    listSearchableFields: ['title', 'stripeDisputeId'],
    group: { en: 'Money', fr: 'Argent' },
    description: { en: 'Nearest evidence deadline first.', fr: 'Échéance de preuve la plus proche en premier.' },
  },
  // Admins work the nearest evidence deadline first (filter on status for the open ones).
  defaultSort: 'evidenceDueBy',
  // Rows and statuses come from Stripe's dispute webhooks only: no generated create/update for anyone,
  // admins included (the panel shows the dispute read-only).
  access: { read: adminOrOwningCreator('creator'), create: nobody, update: nobody, delete: nobody },
  endpoints: disputeEndpoints,
  fields: [
    titleField(),
    { name: 'payment', type: 'relationship', relationTo: 'payments', required: true, index: true },
    { name: 'booking', type: 'relationship', relationTo: 'bookings', index: true },
    { name: 'creator', type: 'relationship', relationTo: 'creators', required: true, index: true },
    { name: 'stripeDisputeId', type: 'text', required: true, unique: true },
    moneyField({ name: 'amount', label: { en: 'Amount', fr: 'Montant' }, required: true, readOnly: true }),
    { name: 'currency', type: 'select', required: true, options: currencyOptions },
    { name: 'reason', type: 'text' },
    { name: 'status', type: 'select', required: true, index: true, options: options(DISPUTE_STATUSES), admin: { position: 'sidebar' } },
    { name: 'evidenceDueBy', type: 'date', index: true },
    { name: 'outcome', type: 'select', options: options(['won', 'lost']) },
    { name: 'closedAt', type: 'date' },
    // The evidence answering the dispute (SPEC §7): written by POST /api/disputes/:id/evidence and the
    // `send-dispute-evidence` job only; the panel edits it through the Evidence action below.
    { name: 'evidenceAction', type: 'ui', admin: { components: { Field: '@/components/admin/DisputeEvidence#DisputeEvidence' } } },
    {
      type: 'collapsible',
      label: { en: 'Evidence as stored', fr: 'Preuves enregistrées' },
      admin: { initCollapsed: true },
      fields: [
        { name: 'evidenceText', access: evidenceAccess, type: 'textarea', maxLength: 20000, admin: { readOnly: true } },
        { name: 'evidenceVersion', access: evidenceAccess, type: 'number', defaultValue: 0, admin: { readOnly: true, description: 'Each save is one version, sent to Stripe under its own idempotency key.' } },
        { name: 'evidenceSentVersion', access: evidenceAccess, type: 'number', defaultValue: 0, admin: { readOnly: true } },
        { name: 'evidenceSubmitRequested', access: evidenceAccess, type: 'checkbox', defaultValue: false, admin: { readOnly: true } },
        { name: 'evidenceSavedAt', access: evidenceAccess, type: 'date', admin: { readOnly: true } },
        { name: 'evidenceSavedBy', access: evidenceAccess, type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
        { name: 'evidenceSentAt', access: evidenceAccess, type: 'date', admin: { readOnly: true } },
        { name: 'evidenceSubmittedAt', access: evidenceAccess, type: 'date', index: true, admin: { readOnly: true } },
        { name: 'evidenceError', access: evidenceAccess, type: 'text', maxLength: 1000, admin: { readOnly: true } },
      ],
    },
    {
      type: 'collapsible',
      label: { en: 'Creator share at Stripe', fr: 'Part du créateur chez Stripe' },
      admin: { initCollapsed: true, condition: forAdminsOnly },
      fields: [
        { name: 'stripeChargeId', type: 'text' },
        { name: 'stripeReversalId', type: 'text', admin: { description: 'Transfer reversal that recovered the creator’s share when the funds were withdrawn.' } },
        { name: 'stripeReturnTransferId', type: 'text', admin: { description: 'Transfer that gave the share back when the dispute was won.' } },
      ],
    },
  ],
}
