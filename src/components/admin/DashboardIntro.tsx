import type { ServerComponentProps } from 'payload'
import Link from 'next/link'
import React from 'react'

import { localeOf } from '@/i18n/locale'
import { DASHBOARD_INTRO } from '@/messages/creatorPanel'

/** Greets by role and says what this panel is for; a creator's own profile is one click away. */
export const DashboardIntro: React.FC<ServerComponentProps> = async ({ user, i18n, payload }) => {
  const role = (user as { role?: string; name?: string } | undefined)?.role
  const name = (user as { name?: string } | undefined)?.name ?? ''
  const t = DASHBOARD_INTRO[localeOf(i18n?.language)]
  // The profile's id is looked up as the system: the profile's `user` link is private to its owner.
  const profile =
    role === 'creator' && user
      ? (await payload.find({ collection: 'creators', where: { user: { equals: user.id } }, limit: 1, depth: 0, pagination: false, select: {} })).docs[0]
      : undefined
  return (
    <div data-testid="dashboard-intro" style={{ marginBottom: 24 }}>
      <h2 style={{ margin: '0 0 4px' }}>{t.hello(name)}</h2>
      <p style={{ margin: 0, opacity: 0.8 }}>{role === 'admin' ? t.admin : t.creator}</p>
      {profile ? (
        <p style={{ margin: '8px 0 0', display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Link href={`/admin/collections/creators/${profile.id}`} data-testid="own-profile-link">
            {t.profile}
          </Link>
          <Link href="/admin/collections/offers/create" data-testid="new-offer-link">
            {t.newOffer}
          </Link>
        </p>
      ) : null}
    </div>
  )
}
