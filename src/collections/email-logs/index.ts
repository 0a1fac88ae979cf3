import type { CollectionConfig } from 'payload'

import { adminOnly, nobody } from '@/access'
import { EMAIL_STATUSES, options } from '@/domain/statuses'
import { resendEndpoint } from '@/endpoints/emailLogs'
import { TEMPLATE_NAMES } from '@/messages/emails/templates'

/** Every email the platform sends or would send; the rendered HTML is viewable by admins. */
export const EmailLogs: CollectionConfig = {
  slug: 'email-logs',
  labels: { singular: { en: 'Email', fr: 'E-mail' }, plural: { en: 'Email logs', fr: 'Journal des e-mails' } },
  admin: {
    useAsTitle: 'subject',
    defaultColumns: ['createdAt', 'to', 'template', 'subject', 'status', 'attempts', 'lastError'],
    listSearchableFields: ['to', 'subject'],
    group: { en: 'Operations', fr: 'Exploitation' },
    hidden: ({ user }) => user?.role !== 'admin',
    components: { edit: { beforeDocumentControls: ['@/components/admin/ResendEmailButton#ResendEmailButton'] } },
  },
  defaultSort: '-createdAt',
  access: { read: adminOnly, create: nobody, update: nobody, delete: adminOnly },
  indexes: [{ fields: ['status', 'nextAttemptAt'] }],
  endpoints: [resendEndpoint],
  fields: [
    { name: 'to', type: 'text', required: true, index: true },
    { name: 'user', type: 'relationship', relationTo: 'users' },
    { name: 'template', type: 'select', required: true, options: options([...TEMPLATE_NAMES, 'raw']) },
    { name: 'locale', type: 'select', options: options(['en', 'fr']) },
    { name: 'subject', type: 'text', required: true },
    { name: 'status', type: 'select', required: true, index: true, options: options(EMAIL_STATUSES), admin: { position: 'sidebar' } },
    { name: 'attempts', type: 'number', defaultValue: 0, admin: { position: 'sidebar' } },
    { name: 'nextAttemptAt', type: 'date', admin: { position: 'sidebar' } },
    { name: 'providerId', type: 'text' },
    { name: 'lastError', type: 'textarea' },
    { name: 'sentAt', type: 'date' },
    { name: 'idempotencyKey', type: 'text', unique: true },
    { name: 'preview', type: 'ui', admin: { components: { Field: '@/components/admin/EmailPreview#EmailPreview' } } },
    // A plain textarea: the code editor loads Monaco from a CDN, which offline machines cannot reach.
    { name: 'html', type: 'textarea', admin: { readOnly: true, rows: 12 } },
    { name: 'text', type: 'textarea', admin: { readOnly: true } },
    // Files sent with the email (e.g. a call's .ics): [{ filename, contentType, content }] with text content.
    { name: 'attachments', type: 'json', admin: { readOnly: true } },
  ],
}
