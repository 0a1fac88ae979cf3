/**
 * Every notification text (in-app, and the email that carries it): services name a message and
 * pass its data, never sentences. Keys are `<notification type>` or `<notification type>.<variant>`
 * (one type can read differently for the fan and the creator, or for different system events).
 * Each area keeps its templates in its own file; this is the one catalogue they form.
 */
import { BACKOFFICE_NOTIFICATIONS } from './backoffice'
import { BOOKING_NOTIFICATIONS } from './bookings'
import { CALL_REQUEST_NOTIFICATIONS } from './callRequests'
import { CALL_NOTIFICATIONS } from './calls'
import { RECONCILIATION_NOTIFICATIONS } from './reconciliation'
import type { MessageContext, NotificationTemplate, NotificationText } from './template'

export type { MessageContext, NotificationTemplate, NotificationText } from './template'

export const NOTIFICATIONS = {
  ...BOOKING_NOTIFICATIONS,
  ...CALL_REQUEST_NOTIFICATIONS,
  ...BACKOFFICE_NOTIFICATIONS,
  ...RECONCILIATION_NOTIFICATIONS,
  ...CALL_NOTIFICATIONS,
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
