import type { CollectionConfig } from 'payload'

import { adminOnly, adminOrParticipant, nobody } from '@/access'
import { CALL_EVENT_TYPES, options } from '@/domain/statuses'
import { now } from '@/lib/clock'

/** What happened during a call, from the browsers (client) and, authoritatively, the video provider. */
export const CallEvents: CollectionConfig = {
  slug: 'call-events',
  labels: { singular: { en: 'Call event', fr: 'Événement d’appel' }, plural: { en: 'Call events', fr: 'Événements d’appel' } },
  admin: {
    useAsTitle: 'type',
    defaultColumns: ['at', 'booking', 'type', 'actor', 'source'],
    group: { en: 'Calls', fr: 'Appels' },
    hidden: ({ user }) => user?.role !== 'admin',
  },
  access: { read: adminOrParticipant('fan', 'creator'), create: adminOnly, update: nobody, delete: nobody },
  indexes: [{ fields: ['booking', 'at'] }],
  fields: [
    { name: 'booking', type: 'relationship', relationTo: 'bookings', required: true, index: true },
    { name: 'fan', type: 'relationship', relationTo: 'users', admin: { readOnly: true } },
    { name: 'creator', type: 'relationship', relationTo: 'creators', admin: { readOnly: true } },
    { name: 'actor', type: 'relationship', relationTo: 'users' },
    { name: 'type', type: 'select', required: true, options: options(CALL_EVENT_TYPES) },
    { name: 'at', type: 'date', required: true, defaultValue: () => now().toISOString() },
    { name: 'source', type: 'select', required: true, defaultValue: 'client', options: options(['client', 'provider']) },
    { name: 'metadata', type: 'json' },
  ],
}
