import type { Payload, PayloadRequest } from 'payload'

import type { EmailAttachment } from '@/domain/email'
import { shouldEmail } from '@/domain/notifications'
import { validTimeZone } from '@/i18n/format'
import { localeOf, type Locale } from '@/i18n/locale'
import { now } from '@/lib/clock'
import { renderNotification, type NotificationData, type NotificationMessage } from '@/messages/notifications'

import { sendEmail } from './email'

/** A message of the catalogue (src/messages/notifications) and its data: services pass data, never sentences. */
export type MessageOf<M extends NotificationMessage = NotificationMessage> = { message: M; data: NotificationData<M> }

export type NotifyInput<M extends NotificationMessage = NotificationMessage> = MessageOf<M> & {
  req?: PayloadRequest
  userId: number
  /** One link, or one per language (storefront pages live under /en/… and /fr/…). */
  link?: string | Record<Locale, string>
  metadata?: Record<string, unknown>
  /** Makes the email idempotent (e.g. `booking-confirmed/42`). */
  emailKey?: string
  /** Files sent with the email, built in the recipient's language (e.g. a call's .ics). */
  attachments?: (locale: Locale) => EmailAttachment[]
}

/**
 * In-app notification in the recipient's language, plus an email when the type is one that emails
 * (SPEC §8) and the user has not opted out of that category.
 */
export const notify = async <M extends NotificationMessage>(payload: Payload, input: NotifyInput<M>): Promise<number> => {
  const user = await payload.findByID({ collection: 'users', id: input.userId, depth: 0, req: input.req, overrideAccess: true })
  const locale = localeOf(user.locale)
  const { type, title, body } = renderNotification(input.message, input.data, { locale, timeZone: validTimeZone(user.timezone) ?? 'UTC' })
  const link = typeof input.link === 'string' ? input.link : input.link?.[locale]
  const created = await payload.create({
    collection: 'notifications',
    data: { user: user.id, type, title, body, link, read: false, metadata: input.metadata ?? {}, message: input.message, data: input.data as Record<string, unknown> },
    req: input.req,
    overrideAccess: true,
    depth: 0,
  })
  if (shouldEmail(type, user.emailPreferences)) {
    await sendEmail(payload, {
      req: input.req,
      template: 'notification',
      to: { email: user.email, userId: user.id, locale, timezone: user.timezone },
      data: { title, body, link: link ?? null },
      idempotencyKey: input.emailKey,
      attachments: input.attachments?.(locale),
    })
  }
  return created.id
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never

/** Same notification to every admin (payout requests, refund requests, disputes…). */
export const notifyAdmins = async <M extends NotificationMessage>(payload: Payload, input: DistributiveOmit<NotifyInput<M>, 'userId'>): Promise<void> => {
  const admins = await payload.find({
    collection: 'users',
    where: { role: { equals: 'admin' } },
    depth: 0,
    pagination: false,
    select: {},
    req: input.req,
  })
  for (const admin of admins.docs) {
    await notify(payload, { ...input, userId: admin.id, emailKey: input.emailKey ? `${input.emailKey}/admin-${admin.id}` : undefined })
  }
}

/** Marks every unread notification of `userId` read; returns how many changed. */
export const markAllRead = async (payload: Payload, userId: number): Promise<number> => {
  const result = await payload.update({
    collection: 'notifications',
    where: { and: [{ user: { equals: userId } }, { read: { equals: false } }] },
    data: { read: true, readAt: now().toISOString() },
    depth: 0,
    overrideAccess: true,
  })
  return result.docs.length
}
