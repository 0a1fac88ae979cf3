import type { CollectionAfterReadHook, CollectionConfig } from 'payload'

import { adminOnly, userOf } from '@/access'
import { NOTIFICATION_TYPE_NAMES } from '@/domain/notifications'
import { options } from '@/domain/statuses'
import { readAllEndpoint } from '@/endpoints/notifications'
import { validTimeZone } from '@/i18n/format'
import { isLocale, localeOf, type Locale } from '@/i18n/locale'
import { now } from '@/lib/clock'
import { renderStoredNotification } from '@/messages/notifications'

/** Each user sees and changes only their own notifications, admins included. */
const ownOnly = ({ req }: { req: Parameters<typeof userOf>[0] }) => {
  const user = userOf(req)
  return user ? { user: { equals: user.id } } : false
}

/** Set by a page that shows notifications in its own language (the storefront: the URL's). */
export const NOTIFICATION_LOCALE_CONTEXT = 'notificationLocale'

/**
 * The reader's language: the page's when it says so; over HTTP (admin panel, REST), the language the
 * request names (Payload's language cookie, or an Accept-Language listing en or fr: the panel shows
 * itself in it); otherwise the reader's saved one.
 */
const readerLocale = (req: Parameters<CollectionAfterReadHook>[0]['req'], context: Record<string, unknown>): Locale => {
  const asked = context[NOTIFICATION_LOCALE_CONTEXT]
  if (isLocale(asked)) return asked
  const named = /-lng=/.test(req.headers?.get?.('cookie') ?? '') || /(^|,)\s*(en|fr)\b/i.test(req.headers?.get?.('accept-language') ?? '')
  if (named && isLocale(req.i18n?.language)) return req.i18n.language
  return localeOf((req.user as { locale?: unknown } | null)?.locale)
}

/** Title and body in the reader's current language, from the stored message key and data (stored text for older rows). */
const renderForReader: CollectionAfterReadHook = ({ doc, req, context }) => {
  if (!doc || typeof doc.title !== 'string') return doc
  const timeZone = validTimeZone((req.user as { timezone?: string } | null)?.timezone) ?? 'UTC'
  const locale = readerLocale(req, context)
  const text = renderStoredNotification(doc, { locale, timeZone })
  // Storefront links were written in the recipient's language then: they follow the reader's now.
  const link = typeof doc.link === 'string' ? doc.link.replace(/^\/(en|fr)(?=\/|$)/, `/${locale}`) : doc.link
  return { ...doc, title: text.title, body: text.body || doc.body, link }
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
    afterRead: [renderForReader],
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
    // The catalogue message (src/messages/notifications) and its data: the text is rendered on read in the
    // reader's language. Title and body keep the text as first written (rows from before, and a fallback).
    { name: 'message', type: 'text', index: true, access: { update: () => false }, admin: { hidden: true } },
    { name: 'data', type: 'json', access: { update: () => false }, admin: { hidden: true } },
  ],
}
