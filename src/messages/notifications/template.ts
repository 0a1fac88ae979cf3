/**
 * A notification template: its type (SPEC §8), en and fr side by side, and sample data (the i18n
 * unit test renders every template with it and checks both languages carry the same values).
 */
import type { NotificationType } from '@/domain/notifications'
import type { FormatContext } from '@/i18n/format'
import type { Locale } from '@/i18n/locale'

/** The recipient's language and time zone: dates in a text are the recipient's local time. */
export type MessageContext = FormatContext
export type NotificationText = { title: string; body: string }
export type Render<D> = (data: D, ctx: MessageContext) => NotificationText

export type NotificationTemplate<D> = { type: NotificationType; sample: D } & Record<Locale, Render<D>>

/** Declares a template with its data type inferred from `sample`. */
export const notification = <D>(template: NotificationTemplate<D>): NotificationTemplate<D> => template
