import Link from 'next/link'
import type { Payload } from 'payload'
import React, { Suspense } from 'react'

import { t, type Locale } from '@/i18n'
import type { User } from '@/payload-types'

import { HeaderMenu } from './HeaderMenu'
import { LocaleSwitch } from './LocaleSwitch'
import { LogoutButton } from './LogoutButton'
import { NotificationBell } from './NotificationBell'

/** The storefront header: brand, creators, account or log in / sign up, bell, language. */
export async function SiteHeader({ locale, user, payload }: { locale: Locale; user: User | null; payload: Payload }) {
  const unread = user
    ? (await payload.count({ collection: 'notifications', where: { read: { equals: false } }, overrideAccess: false, user })).totalDocs
    : 0
  return (
    <header className="site-header">
      <div className="bar">
        <Link href={`/${locale}`} className="logo">
          Callastar
        </Link>
        <nav className="site-nav" aria-label={t(locale, 'nav.main')}>
          <Link href={`/${locale}/creators`} className="nav-wide">
            {t(locale, 'nav.creators')}
          </Link>
          {user ? (
            <>
              <Link href={`/${locale}/account`} data-testid="nav-account">
                {t(locale, 'nav.account')}
              </Link>
              <NotificationBell href={`/${locale}/account/notifications`} initial={unread} label={t(locale, 'nav.notifications')} labelUnread={t(locale, 'nav.notificationsUnread')} />
            </>
          ) : (
            <>
              <Link href={`/${locale}/login`} data-testid="nav-login">
                {t(locale, 'nav.login')}
              </Link>
              <Link href={`/${locale}/signup`} className="button small" data-testid="nav-signup">
                {t(locale, 'nav.signup')}
              </Link>
            </>
          )}
          <HeaderMenu label={t(locale, 'nav.menu')}>
            {/* On phones the creators link moves into the menu (the row keeps the account or log in / sign up). */}
            <Link href={`/${locale}/creators`} className="nav-narrow">
              {t(locale, 'nav.creators')}
            </Link>
            {/* The admin panel is another app (its own root layout): a full page load. */}
            {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
            {user && user.role !== 'fan' ? <a href="/admin">{t(locale, 'nav.dashboard')}</a> : null}
            {user ? <LogoutButton label={t(locale, 'nav.logout')} home={`/${locale}`} /> : null}
            <Suspense fallback={null}>
              <LocaleSwitch locale={locale} label={t(locale, 'nav.language')} />
            </Suspense>
          </HeaderMenu>
        </nav>
      </div>
    </header>
  )
}
