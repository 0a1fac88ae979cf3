import type { CollectionConfig } from 'payload'

import { adminOnly, nobody } from '@/access'
import { JOB_RUN_STATUSES, options } from '@/domain/statuses'

/**
 * One row per scheduled slot of a job. The unique (job, slot) index is how several worker
 * instances agree that a slot runs once: only the first insert wins.
 */
export const JobRuns: CollectionConfig = {
  slug: 'job-runs',
  labels: { singular: { en: 'Job run', fr: 'Exécution de tâche' }, plural: { en: 'Job runs', fr: 'Exécutions de tâches' } },
  admin: {
    useAsTitle: 'job',
    defaultColumns: ['slot', 'job', 'status', 'startedAt', 'durationMs', 'counts', 'error'],
    group: { en: 'Operations', fr: 'Exploitation' },
    hidden: ({ user }) => user?.role !== 'admin',
  },
  defaultSort: '-slot',
  access: { read: adminOnly, create: nobody, update: nobody, delete: nobody },
  indexes: [{ fields: ['job', 'slot'], unique: true }],
  fields: [
    { name: 'job', type: 'text', required: true, index: true },
    { name: 'slot', type: 'date', required: true, index: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'trigger', type: 'select', defaultValue: 'schedule', options: options(['schedule', 'manual', 'http']) },
    { name: 'status', type: 'select', required: true, defaultValue: 'queued', index: true, options: options(JOB_RUN_STATUSES) },
    { name: 'startedAt', type: 'date' },
    { name: 'finishedAt', type: 'date' },
    { name: 'durationMs', type: 'number' },
    { name: 'attempts', type: 'number', defaultValue: 0 },
    { name: 'counts', type: 'json' },
    { name: 'error', type: 'textarea' },
    { name: 'instance', type: 'text' },
  ],
}
