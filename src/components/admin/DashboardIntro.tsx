import type { ServerComponentProps } from 'payload'
import React from 'react'

import { localeOf } from '@/i18n/locale'

/** Greets by role and says what this panel is for; money widgets arrive with their features. */
export const DashboardIntro: React.FC<ServerComponentProps> = async ({ user, i18n }) => {
  const role = (user as { role?: string; name?: string } | undefined)?.role
  const name = (user as { name?: string } | undefined)?.name ?? ''
  const fr = localeOf(i18n?.language) === 'fr'
  const text =
    role === 'admin'
      ? fr
        ? 'Back-office : créateurs, réservations, argent, journaux et paramètres de la plateforme.'
        : 'Back office: creators, bookings, money, logs and platform settings.'
      : fr
        ? 'Votre espace créateur : profil, offres, réservations, demandes d’appel et revenus.'
        : 'Your creator space: profile, offers, bookings, call requests and earnings.'
  return (
    <div data-testid="dashboard-intro" style={{ marginBottom: 24 }}>
      <h2 style={{ margin: '0 0 4px' }}>{fr ? `Bonjour ${name}` : `Hello ${name}`}</h2>
      <p style={{ margin: 0, opacity: 0.8 }}>{text}</p>
    </div>
  )
}
