import type { CollectionConfig } from 'payload'

import { adminOnly, adminOrParticipant } from '@/access'
import { CALL_OUTCOMES } from '@/domain/calls'
import { BOOKING_STATUSES, options } from '@/domain/statuses'

import {
  bookingIcsEndpoint,
  bookingStatusEndpoint,
  cancelBookingEndpoint,
  cancellationPreviewEndpoint,
  checkoutEndpoint,
  testCardPaymentEndpoint,
} from '@/endpoints/bookings'

import { denormalizeFromOffer } from './hooks'

export const Bookings: CollectionConfig = {
  slug: 'bookings',
  labels: { singular: { en: 'Booking', fr: 'Réservation' }, plural: { en: 'Bookings', fr: 'Réservations' } },
  admin: {
    useAsTitle: 'id',
    defaultColumns: ['id', 'offer', 'fan', 'creator', 'startsAt', 'status', 'holdExpiresAt'],
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
    { name: 'offer', type: 'relationship', relationTo: 'offers', required: true, index: true },
    { name: 'fan', type: 'relationship', relationTo: 'users', required: true, index: true },
    { name: 'creator', type: 'relationship', relationTo: 'creators', index: true, admin: { readOnly: true, description: 'Copied from the offer.' } },
    { name: 'status', type: 'select', required: true, defaultValue: 'pending', index: true, options: options(BOOKING_STATUSES), admin: { position: 'sidebar' } },
    // Admins' "Refund…" of the booking's payment (POST /api/refunds/request: an admin's refund is approved at once).
    { name: 'refundStart', type: 'ui', admin: { position: 'sidebar', components: { Field: '@/components/admin/StartRefund#StartRefund' } } },
    { name: 'startsAt', type: 'date', index: true, admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'endsAt', type: 'date', admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'holdExpiresAt', type: 'date', admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
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
    { name: 'roomName', type: 'text' },
    {
      name: 'reminders',
      type: 'group',
      fields: [
        { name: 'sent24h', type: 'checkbox', defaultValue: false },
        { name: 'sent15m', type: 'checkbox', defaultValue: false },
      ],
    },
    { name: 'completedAt', type: 'date' },
    {
      // Shared with calls-server (CALLS.md): the room and the call's outcome. calls-server's definition wins at merge.
      name: 'call',
      type: 'group',
      fields: [
        { name: 'provider', type: 'select', options: options(['daily', 'p2p']) },
        { name: 'roomName', type: 'text' },
        { name: 'roomUrl', type: 'text' },
        { name: 'roomStatus', type: 'select', defaultValue: 'none', options: options(['none', 'creating', 'ready', 'failed', 'deleted']) },
        { name: 'roomError', type: 'textarea' },
        { name: 'roomReadyAt', type: 'date' },
        { name: 'roomDeletedAt', type: 'date' },
        { name: 'outcome', type: 'select', options: options(CALL_OUTCOMES) },
        { name: 'outcomeAt', type: 'date' },
        { name: 'needsAdmin', type: 'checkbox', defaultValue: false },
      ],
    },
  ],
}
