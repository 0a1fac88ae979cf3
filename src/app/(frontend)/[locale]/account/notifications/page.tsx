import type { Metadata } from 'next'
import React from 'react'

import { NotificationList } from '@/components/storefront/NotificationList'
import { localeOrNotFound, requireViewer, viewerTimeZone } from '@/components/storefront/server'
import { NOTIFICATION_LOCALE_CONTEXT } from '@/collections/notifications'
import { t } from '@/i18n'
import { formatDateTime } from '@/i18n/format'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeOrNotFound((await params).locale)
  return { title: t(locale, 'account.nav.notifications'), robots: { index: false } }
}

/** Notifications, unread first then newest first (the latest 100), in the page's language (rendered from their message and data). */
export default async function NotificationsPage({ params }: Props) {
  const locale = localeOrNotFound((await params).locale)
  const { payload, user } = await requireViewer(locale, `/${locale}/account/notifications`)
  const timeZone = await viewerTimeZone(user)
  const { docs } = await payload.find({ collection: 'notifications', sort: ['read', '-createdAt'], limit: 100, depth: 0, overrideAccess: false, user, context: { [NOTIFICATION_LOCALE_CONTEXT]: locale } })
  return (
    <section aria-labelledby="notifications">
      <h2 id="notifications">{t(locale, 'account.nav.notifications')}</h2>
      <NotificationList
        locale={locale}
        items={docs.map((n) => ({ id: n.id, title: n.title, body: n.body ?? null, link: n.link ?? null, read: Boolean(n.read), createdAt: n.createdAt, when: formatDateTime(n.createdAt, { locale, timeZone }) }))}
      />
    </section>
  )
}
