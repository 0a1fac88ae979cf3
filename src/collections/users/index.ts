import type { CollectionConfig } from 'payload'

import { adminOnly, adminOnlyField, adminOrSelf, anyone, isAdminReq } from '@/access'
import { EMAIL_PREFERENCES } from '@/domain/notifications'
import { canUseAdminPanel, ROLES } from '@/domain/roles'
import { forgotPasswordEndpoint } from '@/endpoints/users'
import { validateTimeZone } from '@/lib/validators'

import {
  afterUserCreated,
  enforcePasswordPolicy,
  logFailedLogin,
  logLogin,
  logPasswordReset,
  resolveSignupRole,
} from './hooks'

const PREFERENCE_LABELS: Record<(typeof EMAIL_PREFERENCES)[number], { en: string; fr: string }> = {
  reminders: { en: 'Call reminders', fr: 'Rappels d’appel' },
  callRequests: { en: 'Call requests', fr: 'Demandes d’appel' },
  payouts: { en: 'Payouts', fr: 'Versements' },
  product: { en: 'Product news', fr: 'Nouveautés' },
}

export const Users: CollectionConfig = {
  slug: 'users',
  labels: { singular: { en: 'User', fr: 'Utilisateur' }, plural: { en: 'Users', fr: 'Utilisateurs' } },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'role', 'locale', 'createdAt'],
    listSearchableFields: ['email', 'name'],
    group: { en: 'People', fr: 'Personnes' },
    hidden: ({ user }) => user?.role !== 'admin',
  },
  auth: {
    useAPIKey: true,
    maxLoginAttempts: 5,
    lockTime: 10 * 60 * 1000,
    tokenExpiration: 60 * 60 * 24 * 7,
    cookies: { sameSite: 'Lax' },
  },
  access: {
    admin: ({ req }) => canUseAdminPanel((req.user as { role?: (typeof ROLES)[number] } | null)?.role),
    create: anyone,
    read: adminOrSelf('id'),
    update: adminOrSelf('id'),
    delete: adminOnly,
    unlock: adminOnly,
  },
  endpoints: [forgotPasswordEndpoint],
  hooks: {
    beforeOperation: [enforcePasswordPolicy],
    beforeValidate: [resolveSignupRole],
    afterChange: [afterUserCreated],
    afterLogin: [logLogin],
    afterError: [logFailedLogin],
    afterOperation: [logPasswordReset],
  },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120, label: { en: 'Name', fr: 'Nom' } },
    {
      name: 'role',
      type: 'select',
      required: true,
      defaultValue: 'fan',
      index: true,
      options: ROLES.map((r) => ({ label: r, value: r })),
      // Sign-up may ask for `fan` or `creator` (checked in resolveSignupRole); only admins change it later.
      access: { update: adminOnlyField },
      admin: { position: 'sidebar' },
    },
    {
      name: 'locale',
      type: 'select',
      required: true,
      defaultValue: 'en',
      options: [
        { label: 'English', value: 'en' },
        { label: 'Français', value: 'fr' },
      ],
      label: { en: 'Language', fr: 'Langue' },
    },
    {
      name: 'timezone',
      type: 'text',
      required: true,
      defaultValue: 'Europe/Paris',
      validate: validateTimeZone,
      label: { en: 'Time zone', fr: 'Fuseau horaire' },
      admin: { description: 'IANA name, e.g. Europe/Paris or America/New_York.' },
    },
    {
      name: 'emailPreferences',
      type: 'group',
      label: { en: 'Email preferences', fr: 'Préférences e-mail' },
      admin: { description: 'Bookings, money and security emails are always sent.' },
      fields: EMAIL_PREFERENCES.map((key) => ({
        name: key,
        type: 'checkbox' as const,
        defaultValue: key !== 'product',
        label: PREFERENCE_LABELS[key],
      })),
    },
  ],
}

export { isAdminReq }
