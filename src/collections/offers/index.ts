import type { CollectionConfig, Where } from 'payload'

import { adminOnlyField, adminOrOwningCreator, ownCreatorId, ownListForCreators, userOf } from '@/access'
import { currencyOptions } from '@/domain/currencies'
import { offerAvailabilityEndpoint } from '@/endpoints/offers'
import { OFFER_STATUSES } from '@/domain/statuses'
import { moneyField } from '@/collections/shared/money'
import { titleField } from '@/collections/shared/presentation'
import { validateIntegerRange } from '@/lib/validators'
import { FIELD_NAMES } from '@/messages/panel'

import { assignOwnerAndCurrency, checkSchedule, explainOverlap, refuseDeleteWhenBooked } from './hooks'

export const Offers: CollectionConfig = {
  slug: 'offers',
  labels: { singular: { en: 'Offer', fr: 'Offre' }, plural: { en: 'Offers', fr: 'Offres' } },
  admin: {
    // "Intro call · 2 Dec 17:00 CET": title and start in the creator's zone (kept by a database trigger).
    useAsTitle: 'label',
    defaultColumns: ['label', 'creator', 'startsAt', 'durationMinutes', 'price', 'status'],
    listSearchableFields: ['title', 'label'],
    group: { en: 'Calls', fr: 'Appels' },
    baseFilter: ownListForCreators('creator'),
  },
  access: {
    // Offers reserved for one fan (accepted call requests) are visible to that fan, the creator and admins only.
    read: async ({ req }) => {
      const user = userOf(req)
      if (user?.role === 'admin') return true
      const visible: Where[] = [{ reservedFor: { exists: false } }]
      if (user) visible.push({ reservedFor: { equals: user.id } })
      const creatorId = await ownCreatorId(req)
      if (creatorId) visible.push({ creator: { equals: creatorId } })
      return { or: visible }
    },
    create: ({ req }) => ['creator', 'admin'].includes(userOf(req)?.role ?? ''),
    update: adminOrOwningCreator('creator'),
    delete: adminOrOwningCreator('creator'),
  },
  indexes: [{ fields: ['creator', 'startsAt'] }, { fields: ['status', 'startsAt'] }],
  endpoints: [offerAvailabilityEndpoint],
  hooks: {
    beforeValidate: [assignOwnerAndCurrency],
    beforeChange: [checkSchedule],
    beforeDelete: [refuseDeleteWhenBooked],
    afterError: [explainOverlap],
  },
  fields: [
    titleField('label', { en: 'Offer', fr: 'Offre' }),
    {
      name: 'creator',
      type: 'relationship',
      relationTo: 'creators',
      required: true,
      index: true,
      access: { update: adminOnlyField },
      admin: { position: 'sidebar', description: 'Set automatically to your profile.' },
    },
    { name: 'title', type: 'text', required: true, maxLength: 120, label: { en: 'Title', fr: 'Titre' } },
    { name: 'description', type: 'textarea', maxLength: 2000, label: { en: 'Description', fr: 'Description' } },
    {
      name: 'startsAt',
      type: 'date',
      required: true,
      index: true,
      label: { en: 'Starts at', fr: 'Début' },
      // Picked in the creator's own zone, named next to the field (5-minute steps, 24-hour times); stored in UTC.
      admin: {
        date: { pickerAppearance: 'dayAndTime', timeIntervals: 5, timeFormat: 'HH:mm' },
        description: 'Stored in UTC, shown in your time zone.',
        components: { Field: '@/components/admin/OfferStartField#OfferStartField' },
      },
    },
    {
      name: 'durationMinutes',
      type: 'number',
      required: true,
      defaultValue: 30,
      min: 5,
      max: 240,
      validate: validateIntegerRange(FIELD_NAMES.durationMinutes, 5, 240),
      label: { en: 'Duration (minutes)', fr: 'Durée (minutes)' },
    },
    { name: 'endsAt', type: 'date', index: true, admin: { readOnly: true, hidden: true } },
    moneyField({
      name: 'price',
      label: { en: 'Price', fr: 'Prix' },
      required: true,
      min: 100,
      max: 1_000_000,
      description: { en: 'From 1.00 to 10,000.00 in the offer’s currency.', fr: 'De 1,00 à 10 000,00 dans la devise de l’offre.' },
    }),
    { name: 'currency', type: 'select', required: true, options: currencyOptions, access: { update: adminOnlyField }, admin: { readOnly: true, position: 'sidebar' } },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'available',
      index: true,
      options: OFFER_STATUSES.map((s) => ({ label: s, value: s })),
      access: { create: adminOnlyField, update: adminOnlyField },
      admin: { position: 'sidebar', readOnly: true },
    },
    {
      name: 'reservedFor',
      type: 'relationship',
      relationTo: 'users',
      index: true,
      access: { create: adminOnlyField, update: adminOnlyField },
      admin: { position: 'sidebar', readOnly: true, description: 'Only this fan can book (accepted call request).' },
    },
  ],
}
