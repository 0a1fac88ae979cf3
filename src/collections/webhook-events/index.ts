import type { CollectionConfig } from 'payload'

import { adminOnly, nobody } from '@/access'
import { WEBHOOK_STATUSES, options } from '@/domain/statuses'

/** Every provider event received, once per (provider, event id) — enforced by a unique index. */
export const WebhookEvents: CollectionConfig = {
  slug: 'webhook-events',
  labels: { singular: { en: 'Webhook event', fr: 'Événement webhook' }, plural: { en: 'Webhook events', fr: 'Événements webhook' } },
  admin: {
    useAsTitle: 'eventId',
    defaultColumns: ['receivedAt', 'provider', 'type', 'eventId', 'status', 'error'],
    listSearchableFields: ['eventId', 'type'],
    group: { en: 'Operations', fr: 'Exploitation' },
    hidden: ({ user }) => user?.role !== 'admin',
  },
  defaultSort: '-receivedAt',
  access: { read: adminOnly, create: nobody, update: adminOnly, delete: nobody },
  indexes: [{ fields: ['provider', 'eventId'], unique: true }, { fields: ['status', 'receivedAt'] }],
  fields: [
    { name: 'provider', type: 'select', required: true, options: options(['stripe', 'daily', 'resend']) },
    { name: 'eventId', type: 'text', required: true },
    { name: 'type', type: 'text', required: true, index: true },
    { name: 'receivedAt', type: 'date', required: true },
    { name: 'processedAt', type: 'date' },
    { name: 'status', type: 'select', required: true, defaultValue: 'received', options: options(WEBHOOK_STATUSES) },
    { name: 'attempts', type: 'number', defaultValue: 0 },
    { name: 'error', type: 'textarea' },
    { name: 'payload', type: 'json' },
  ],
}
