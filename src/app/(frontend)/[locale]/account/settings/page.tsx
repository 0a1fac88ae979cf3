import type { Metadata } from 'next'
import React from 'react'

import { PasswordForm, ProfileForm } from '@/components/storefront/SettingsForms'
import { localeOrNotFound, requireViewer } from '@/components/storefront/server'
import { EMAIL_PREFERENCES } from '@/domain/notifications'
import { timeZoneChoices } from '@/domain/timeZones'
import { localeOf, t } from '@/i18n'
import { now } from '@/lib/clock'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ saved?: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeOrNotFound((await params).locale)
  return { title: t(locale, 'account.nav.settings'), robots: { index: false } }
}

const TIME_ZONES = Intl.supportedValuesOf('timeZone')

export default async function SettingsPage({ params, searchParams }: Props) {
  const locale = localeOrNotFound((await params).locale)
  const { user } = await requireViewer(locale, `/${locale}/account/settings`)
  const zones = timeZoneChoices(TIME_ZONES, user.timezone || 'UTC', now())
  return (
    <section aria-labelledby="settings">
      <h2 id="settings">{t(locale, 'account.nav.settings')}</h2>
      {(await searchParams).saved ? (
        <p className="ok" role="status">
          {t(locale, 'settings.saved')}
        </p>
      ) : null}
      <ProfileForm
        locale={locale}
        profile={{
          id: user.id,
          name: user.name,
          email: user.email,
          locale: localeOf(user.locale),
          timezone: user.timezone,
          emailPreferences: (user.emailPreferences ?? {}) as Record<string, boolean>,
        }}
        timeZones={zones}
        preferences={[...EMAIL_PREFERENCES]}
      />
      <PasswordForm locale={locale} userId={user.id} email={user.email} />
    </section>
  )
}
