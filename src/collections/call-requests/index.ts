import type { CollectionConfig } from 'payload'

import { adminOnly, adminOnlyField, adminOrParticipant } from '@/access'
import { currencyOptions } from '@/domain/currencies'
import { CALL_REQUEST_STATUSES, options } from '@/domain/statuses'
import { acceptCallRequestEndpoint, rejectCallRequestEndpoint } from '@/endpoints/callRequests'
import { validateIntegerRange, validateLength } from '@/lib/validators'

import { checkCallRequest, notifyCreatorOfRequest } from './hooks'
import { moneyField } from '@/collections/shared/money'
import { titleField } from '@/collections/shared/presentation'
import { FIELD_NAMES } from '@/messages/panel'

export const CallRequests: CollectionConfig = {
  slug: 'call-requests',
  labels: { singular: { en: 'Call request', fr: 'Demande d’appel' }, plural: { en: 'Call requests', fr: 'Demandes d’appel' } },
  admin: {
    // "Léa Martin → Jane Doe · 2 Dec 17:00 CET": fan, creator and the proposed start in the creator's zone (kept by a database trigger).
    useAsTitle: 'title',
    defaultColumns: ['title', 'proposedStart', 'durationMinutes', 'proposedPrice', 'status'],
    listSearchableFields: ['title'],
    group: { en: 'Calls', fr: 'Appels' },
  },
  // Accept / reject go through their endpoints (they create the reserved offer atomically).
  access: { read: adminOrParticipant('fan', 'creator'), create: ({ req }) => Boolean(req.user), update: adminOnly, delete: adminOnly },
  indexes: [{ fields: ['creator', 'status', 'proposedStart'] }],
  endpoints: [acceptCallRequestEndpoint, rejectCallRequestEndpoint],
  hooks: { beforeValidate: [checkCallRequest], afterChange: [notifyCreatorOfRequest] },
  fields: [
    titleField(),
    { name: 'fan', type: 'relationship', relationTo: 'users', required: true, index: true, access: { update: adminOnlyField }, admin: { readOnly: true } },
    { name: 'creator', type: 'relationship', relationTo: 'creators', required: true, index: true, access: { update: adminOnlyField } },
    { name: 'proposedStart', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'durationMinutes', type: 'number', required: true, validate: validateIntegerRange(FIELD_NAMES.durationMinutes, 5, 240) },
    moneyField({ name: 'proposedPrice', label: { en: 'Proposed price', fr: 'Prix proposé' }, required: true, min: 100, max: 1_000_000 }),
    { name: 'currency', type: 'select', options: currencyOptions, access: { update: adminOnlyField }, admin: { readOnly: true } },
    { name: 'message', type: 'textarea', required: true, validate: validateLength(FIELD_NAMES.message, 10, 500) },
    { name: 'status', type: 'select', required: true, defaultValue: 'pending', index: true, options: options(CALL_REQUEST_STATUSES), access: { create: adminOnlyField }, admin: { position: 'sidebar' } },
    // No column: the creator's Accept / Decline buttons (they call the endpoints above).
    { name: 'answer', type: 'ui', admin: { position: 'sidebar', components: { Field: '@/components/admin/CallRequestActions#CallRequestActions' } } },
    { name: 'response', type: 'textarea', maxLength: 500, access: { create: adminOnlyField } },
    { name: 'respondedAt', type: 'date', access: { create: adminOnlyField } },
    { name: 'resultingOffer', type: 'relationship', relationTo: 'offers', access: { create: adminOnlyField } },
  ],
}
