/**
 * Every notification text (in-app, and the email that carries it): services name a message and
 * pass its data, never sentences. Keys are `<notification type>` or `<notification type>.<variant>`
 * (one type can read differently for the fan and the creator, or for different system events).
 * Each area keeps its templates in its own file; this is the one catalogue they form.
 */
import { BACKOFFICE_NOTIFICATIONS } from './backoffice'
import { BOOKING_NOTIFICATIONS } from './bookings'
import { CALL_NOTIFICATIONS } from './calls'
import { CALL_REQUEST_NOTIFICATIONS } from './callRequests'
import { RECONCILIATION_NOTIFICATIONS } from './reconciliation'
import type { MessageContext, NotificationTemplate, NotificationText } from './template'

export type { MessageContext, NotificationTemplate, NotificationText } from './template'

export const NOTIFICATIONS = {
  ...BOOKING_NOTIFICATIONS,
  ...CALL_REQUEST_NOTIFICATIONS,
  ...CALL_NOTIFICATIONS,
  ...BACKOFFICE_NOTIFICATIONS,
  ...RECONCILIATION_NOTIFICATIONS,
}

export type NotificationMessage = keyof typeof NOTIFICATIONS
export type NotificationData<M extends NotificationMessage> = (typeof NOTIFICATIONS)[M] extends NotificationTemplate<infer D> ? D : never

/** The title and body of `message` for one recipient, with its notification type. */
export const renderNotification = <M extends NotificationMessage>(
  message: M,
  data: NotificationData<M>,
  ctx: MessageContext,
): NotificationText & { type: (typeof NOTIFICATIONS)[M]['type'] } => {
  const template = NOTIFICATIONS[message] as unknown as NotificationTemplate<NotificationData<M>>
  return { type: template.type, ...template[ctx.locale](data, ctx) }
}

/** What a stored notification keeps: the message key and its data (rows from before keys were stored have neither), and the text written then. */
export type StoredNotification = { message?: string | null; data?: unknown; title: string; body?: string | null }

export const isNotificationMessage = (value: unknown): value is NotificationMessage => typeof value === 'string' && Object.hasOwn(NOTIFICATIONS, value)

/**
 * A stored notification's text in the reader's language and zone, rendered again from its message
 * key and data; the text written at the time when the row has no key (older rows) or its data no
 * longer fits the template.
 */
export const renderStoredNotification = (stored: StoredNotification, ctx: MessageContext): NotificationText => {
  const fallback = { title: stored.title, body: stored.body ?? '' }
  if (!isNotificationMessage(stored.message) || stored.data === null || typeof stored.data !== 'object') return fallback
  try {
    const template = NOTIFICATIONS[stored.message] as unknown as NotificationTemplate<unknown>
    const text = template[ctx.locale](stored.data, ctx)
    return typeof text.title === 'string' && text.title && !/undefined|NaN/.test(`${text.title} ${text.body}`) ? text : fallback
  } catch {
    return fallback
  }
}
