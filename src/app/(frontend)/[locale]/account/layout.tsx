import React from 'react'

import { AccountNav } from '@/components/storefront/AccountNav'
import { localeOrNotFound } from '@/components/storefront/server'
import { t } from '@/i18n'

/** The fan dashboard's frame: title and section tabs. Each page checks the login itself (it knows its own path). */
export default async function AccountLayout({ children, params }: { children: React.ReactNode; params: Promise<{ locale: string }> }) {
  const locale = localeOrNotFound((await params).locale)
  const base = `/${locale}/account`
  return (
    <main id="main" className="store">
      <h1>{t(locale, 'account.heading')}</h1>
      <div className="account">
        <AccountNav
          label={t(locale, 'account.sections')}
          items={[
            { href: base, label: t(locale, 'account.nav.upcoming'), testId: 'account-upcoming' },
            { href: `${base}/history`, label: t(locale, 'account.nav.history'), testId: 'account-history' },
            { href: `${base}/requests`, label: t(locale, 'account.nav.requests'), testId: 'account-requests' },
            { href: `${base}/notifications`, label: t(locale, 'account.nav.notifications'), testId: 'account-notifications' },
            { href: `${base}/settings`, label: t(locale, 'account.nav.settings'), testId: 'account-settings' },
          ]}
        />
        <div>{children}</div>
      </div>
    </main>
  )
}
