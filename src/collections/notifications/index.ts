import type { CollectionConfig } from 'payload'

import { adminOnly, userOf } from '@/access'
import { NOTIFICATION_TYPE_NAMES } from '@/domain/notifications'
import { options } from '@/domain/statuses'
import { readAllEndpoint } from '@/endpoints/notifications'
import { now } from '@/lib/clock'

/** Each user sees and changes only their own notifications, admins included. */
const ownOnly = ({ req }: { req: Parameters<typeof userOf>[0] }) => {
  const user = userOf(req)
  return user ? { user: { equals: user.id } } : false
}

export const Notifications: CollectionConfig = {
  slug: 'notifications',
  labels: { singular: { en: 'Notification', fr: 'Notification' }, plural: { en: 'Notifications', fr: 'Notifications' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'type', 'read', 'createdAt'],
    group: { en: 'Account', fr: 'Compte' },
    pagination: { defaultLimit: 25 },
  },
  defaultSort: '-createdAt',
  access: { read: ownOnly, create: adminOnly, update: ownOnly, delete: ownOnly },
  indexes: [{ fields: ['user', 'read', 'createdAt'] }],
  endpoints: [readAllEndpoint],
  hooks: {
    beforeChange: [
      ({ data, originalDoc, operation }) => {
        if (operation === 'update' && data.read === true && !originalDoc?.read) data.readAt = now().toISOString()
        if (operation === 'update' && data.read === false) data.readAt = null
        return data
      },
    ],
  },
  fields: [
    // Only `read` is changeable by the owner; the rest is written by the system.
    { name: 'user', type: 'relationship', relationTo: 'users', required: true, index: true, access: { update: () => false }, admin: { readOnly: true } },
    { name: 'type', type: 'select', required: true, options: options(NOTIFICATION_TYPE_NAMES), access: { update: () => false } },
    { name: 'title', type: 'text', required: true, access: { update: () => false } },
    { name: 'body', type: 'textarea', access: { update: () => false } },
    { name: 'link', type: 'text', access: { update: () => false } },
    { name: 'read', type: 'checkbox', defaultValue: false, index: true },
    { name: 'readAt', type: 'date', access: { update: () => false }, admin: { readOnly: true } },
    { name: 'metadata', type: 'json', access: { update: () => false } },
  ],
}
