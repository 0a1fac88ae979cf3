import type { CollectionConfig } from 'payload'

import { adminOnly, nobody } from '@/access'
import { LOG_ACTORS, LOG_LEVELS } from '@/domain/logs'
import { options } from '@/domain/statuses'

/** Operational log (SPEC §11). Written by services only; removed only by the retention job. */
export const SystemLogs: CollectionConfig = {
  slug: 'system-logs',
  labels: { singular: { en: 'System log', fr: 'Journal système' }, plural: { en: 'System logs', fr: 'Journaux système' } },
  admin: {
    useAsTitle: 'message',
    defaultColumns: ['createdAt', 'level', 'type', 'actor', 'actorId', 'message'],
    listSearchableFields: ['message', 'type'],
    group: { en: 'Operations', fr: 'Exploitation' },
    hidden: ({ user }) => user?.role !== 'admin',
  },
  defaultSort: '-createdAt',
  access: { read: adminOnly, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['level', 'createdAt'] }, { fields: ['type', 'createdAt'] }],
  fields: [
    { name: 'level', type: 'select', required: true, index: true, options: options(LOG_LEVELS) },
    { name: 'type', type: 'text', required: true, index: true },
    { name: 'actor', type: 'select', required: true, defaultValue: 'SYSTEM', options: options(LOG_ACTORS) },
    { name: 'actorId', type: 'text', index: true },
    { name: 'message', type: 'text', required: true },
    { name: 'metadata', type: 'json' },
  ],
}
