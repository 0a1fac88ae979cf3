import type { Payload, PayloadRequest } from 'payload'

import { shouldEmail, type NotificationType } from '@/domain/notifications'
import type { Locale } from '@/emails/layout'
import { now } from '@/lib/clock'

import { sendEmail } from './email'

export type LocalizedText = Record<Locale, { title: string; body: string }>

export type NotifyInput = {
  req?: PayloadRequest
  userId: number
  type: NotificationType
  text: LocalizedText
  /** One link, or one per language (storefront pages live under /en/… and /fr/…). */
  link?: string | Record<Locale, string>
  metadata?: Record<string, unknown>
  /** Makes the email idempotent (e.g. `booking-confirmed/42`). */
  emailKey?: string
}

/**
 * In-app notification in the recipient's language, plus an email when the type is one that emails
 * (SPEC §8) and the user has not opted out of that category.
 */
export const notify = async (payload: Payload, input: NotifyInput): Promise<number> => {
  const user = await payload.findByID({ collection: 'users', id: input.userId, depth: 0, req: input.req, overrideAccess: true })
  const locale: Locale = user.locale === 'fr' ? 'fr' : 'en'
  const { title, body } = input.text[locale]
  const link = typeof input.link === 'string' ? input.link : input.link?.[locale]
  const created = await payload.create({
    collection: 'notifications',
    data: { user: user.id, type: input.type, title, body, link, read: false, metadata: input.metadata ?? {} },
    req: input.req,
    overrideAccess: true,
    depth: 0,
  })
  if (shouldEmail(input.type, user.emailPreferences)) {
    await sendEmail(payload, {
      req: input.req,
      template: 'notification',
      to: { email: user.email, userId: user.id, locale, timezone: user.timezone },
      data: { title, body, link: link ?? null },
      idempotencyKey: input.emailKey,
    })
  }
  return created.id
}

/** Same notification to every admin (payout requests, refund requests, disputes…). */
export const notifyAdmins = async (payload: Payload, input: Omit<NotifyInput, 'userId'>): Promise<void> => {
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
