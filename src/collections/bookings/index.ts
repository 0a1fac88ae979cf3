import type { CollectionConfig } from 'payload'

import { adminOnly, adminOnlyField, adminOrParticipant } from '@/access'
import { BOOKING_STATUSES, CALL_OUTCOMES, CALL_PROVIDERS, CALL_ROOM_STATUSES, options } from '@/domain/statuses'

import {
  bookingIcsEndpoint,
  bookingStatusEndpoint,
  cancelBookingEndpoint,
  cancellationPreviewEndpoint,
  checkoutEndpoint,
  testCardPaymentEndpoint,
} from '@/endpoints/bookings'

import { technicalSection, titleField } from '@/collections/shared/presentation'

import { denormalizeFromOffer } from './hooks'

export const Bookings: CollectionConfig = {
  slug: 'bookings',
  labels: { singular: { en: 'Booking', fr: 'Réservation' }, plural: { en: 'Bookings', fr: 'Réservations' } },
  admin: {
    // "Léa Martin · 2 Dec 17:00 CET": the fan and the call's start in the creator's zone (kept by a database trigger).
    useAsTitle: 'title',
    defaultColumns: ['title', 'offer', 'creator', 'startsAt', 'status'],
    listSearchableFields: ['title'],
    group: { en: 'Calls', fr: 'Appels' },
  },
  // Bookings are created by checkout and changed by their use cases; the REST surface is read-only but for admins.
  access: {
    read: adminOrParticipant('fan', 'creator'),
    create: adminOnly,
    update: adminOnly,
    delete: adminOnly,
  },
  indexes: [{ fields: ['fan', 'status', 'startsAt'] }, { fields: ['creator', 'status', 'startsAt'] }, { fields: ['status', 'holdExpiresAt'] }],
  endpoints: [checkoutEndpoint, bookingIcsEndpoint, bookingStatusEndpoint, testCardPaymentEndpoint, cancelBookingEndpoint, cancellationPreviewEndpoint],
  hooks: { beforeChange: [denormalizeFromOffer] },
  fields: [
    // The fan, the call's time in the viewer's zone, and what fits: join the call, cancel with the policy stated.
    { name: 'actions', type: 'ui', admin: { components: { Field: '@/components/admin/BookingActions#BookingActions' } } },
    titleField(),
    { name: 'offer', type: 'relationship', relationTo: 'offers', required: true, index: true },
    { name: 'fan', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'creator', type: 'relationship', relationTo: 'creators', index: true, admin: { readOnly: true, description: 'Copied from the offer.' } },
    { name: 'status', type: 'select', required: true, defaultValue: 'pending', index: true, options: options(BOOKING_STATUSES), admin: { position: 'sidebar' } },
    { name: 'startsAt', type: 'date', index: true, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'endsAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    {
      name: 'cancellation',
      type: 'group',
      fields: [
        { name: 'by', type: 'select', options: options(['fan', 'creator', 'admin', 'system']) },
        { name: 'at', type: 'date' },
        { name: 'reason', type: 'textarea', maxLength: 1000 },
      ],
    },
    {
      name: 'noShow',
      type: 'group',
      fields: [
        { name: 'fan', type: 'checkbox', defaultValue: false },
        { name: 'creator', type: 'checkbox', defaultValue: false },
      ],
    },
    // The call as it happened (room, attendance, outcome, timeline) read from GET /api/calls/:id/summary, and the call page's link.
    { name: 'callSummary', type: 'ui', admin: { components: { Field: '@/components/admin/BookingCall#BookingCall' } } },
    // Room, reminders and the checkout hold: internal, for admins (the call summary above says what happened).
    technicalSection([
      { name: 'holdExpiresAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
      {
        // The video call (SPEC §6): its room at the provider, and the outcome decided after the end.
        // Written only by the call jobs and endpoints; admins see everything, participants what the call page needs.
        name: 'call',
        type: 'group',
        label: { en: 'Call', fr: 'Appel' },
        admin: { description: { en: 'The video room and the call outcome (written by the call jobs).', fr: 'La salle vidéo et le résultat de l’appel (écrits par les tâches d’appel).' } },
        fields: [
          { name: 'provider', type: 'select', options: options(CALL_PROVIDERS), admin: { readOnly: true } },
          { name: 'roomName', type: 'text', admin: { readOnly: true } },
          { name: 'roomUrl', type: 'text', admin: { readOnly: true } },
          { name: 'roomStatus', type: 'select', defaultValue: 'none', options: options(CALL_ROOM_STATUSES), admin: { readOnly: true } },
          { name: 'roomError', type: 'textarea', access: { read: adminOnlyField }, admin: { readOnly: true } },
          { name: 'roomReadyAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
          { name: 'roomDeletedAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
          { name: 'outcome', type: 'select', options: options(CALL_OUTCOMES), admin: { readOnly: true } },
          { name: 'outcomeAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
          { name: 'needsAdmin', type: 'checkbox', defaultValue: false, access: { read: adminOnlyField }, admin: { readOnly: true } },
        ],
      },
      {
        name: 'reminders',
        type: 'group',
        fields: [
          { name: 'sent24h', type: 'checkbox', defaultValue: false },
          { name: 'sent15m', type: 'checkbox', defaultValue: false },
        ],
      },
    ]),
    { name: 'completedAt', type: 'date', admin: { readOnly: true } },
  ],
}
