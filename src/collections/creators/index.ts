import type { CollectionConfig, FieldAccess } from 'payload'

import { adminOnly, adminOnlyField, adminOrOwnerOfCreatorDoc, anyone, ownListForCreators, userOf } from '@/access'
import { CREATOR_CATEGORIES } from '@/domain/categories'
import { currencyOptions } from '@/domain/currencies'
import { moneyField } from '@/collections/shared/money'
import { forAdminsOnly } from '@/collections/shared/presentation'
import { blockPayoutsEndpoint, ownBalanceEndpoint, ownCreatorEndpoint, stripeDashboardEndpoint, stripeOnboardEndpoint, unblockPayoutsEndpoint } from '@/endpoints/creators'
import { validateHttpsLink, validateSlug } from '@/lib/validators'

/** Private fields (payment account, payout settings, the user link) are visible to the owner and admins only. */
const ownerOrAdmin: FieldAccess = adminOrOwnerOfCreatorDoc((doc, id) => doc?.id ?? id)
const noFieldUpdate: FieldAccess = () => false

export const Creators: CollectionConfig = {
  slug: 'creators',
  labels: { singular: { en: 'Creator', fr: 'Créateur' }, plural: { en: 'Creators', fr: 'Créateurs' } },
  admin: {
    useAsTitle: 'displayName',
    defaultColumns: ['displayName', 'slug', 'category', 'currency', 'stripeAccountStatus', 'payoutsBlocked', 'ratingAverage'],
    listSearchableFields: ['displayName', 'slug'],
    group: { en: 'People', fr: 'Personnes' },
    // By the profile's id, not by `user`: `user` is private (read access needs the document), so a
    // filter on it is refused as an unqueryable path and the creator's list came back empty.
    baseFilter: ownListForCreators('id'),
  },
  access: {
    read: anyone,
    create: adminOnly,
    update: ({ req }) => {
      const user = userOf(req)
      if (!user) return false
      if (user.role === 'admin') return true
      return user.role === 'creator' ? { user: { equals: user.id } } : false
    },
    delete: adminOnly,
  },
  endpoints: [ownCreatorEndpoint, ownBalanceEndpoint, stripeOnboardEndpoint, stripeDashboardEndpoint, blockPayoutsEndpoint, unblockPayoutsEndpoint],
  indexes: [{ fields: ['ratingAverage'] }],
  fields: [
    {
      name: 'user',
      type: 'relationship',
      relationTo: 'users',
      required: true,
      unique: true,
      access: { read: ownerOrAdmin, update: adminOnlyField },
      admin: { position: 'sidebar' },
    },
    { name: 'displayName', type: 'text', required: true, maxLength: 80, label: { en: 'Display name', fr: 'Nom affiché' } },
    {
      name: 'slug',
      type: 'text',
      required: true,
      unique: true,
      index: true,
      validate: validateSlug,
      admin: { position: 'sidebar', description: 'Your page address: /creators/<slug>' },
    },
    { name: 'bio', type: 'textarea', maxLength: 2000, label: { en: 'Bio', fr: 'Biographie' } },
    {
      name: 'category',
      type: 'select',
      index: true,
      options: CREATOR_CATEGORIES.map((c) => ({ label: c[0].toUpperCase() + c.slice(1), value: c })),
      label: { en: 'Category', fr: 'Catégorie' },
    },
    { name: 'expertise', type: 'text', hasMany: true, maxRows: 10, label: { en: 'Expertise', fr: 'Expertise' } },
    { name: 'avatar', type: 'upload', relationTo: 'media' },
    { name: 'banner', type: 'upload', relationTo: 'media' },
    {
      name: 'socialLinks',
      type: 'array',
      maxRows: 8,
      label: { en: 'Social links', fr: 'Réseaux sociaux' },
      fields: [
        {
          name: 'platform',
          type: 'select',
          required: true,
          options: ['instagram', 'youtube', 'tiktok', 'x', 'linkedin', 'twitch', 'website'].map((p) => ({ label: p, value: p })),
        },
        {
          name: 'url',
          type: 'text',
          required: true,
          validate: validateHttpsLink,
        },
      ],
    },
    {
      name: 'currency',
      type: 'select',
      required: true,
      defaultValue: 'EUR',
      options: currencyOptions,
      admin: { position: 'sidebar', description: 'Prices of your offers are in this currency.' },
    },
    { name: 'payoutBlock', type: 'ui', admin: { position: 'sidebar', components: { Field: '@/components/admin/MoneyActions#PayoutBlockActions' } } },
    // Admins' "Adjust balance…" (POST /api/ledger-entries/adjust): a book entry, no money moves at Stripe.
    { name: 'balanceAdjust', type: 'ui', admin: { position: 'sidebar', components: { Field: '@/components/admin/AdjustBalance#AdjustBalance' } } },
    { name: 'featured', type: 'checkbox', defaultValue: false, index: true, access: { update: adminOnlyField }, admin: { position: 'sidebar' } },
    {
      type: 'collapsible',
      label: { en: 'Payment account', fr: 'Compte de paiement' },
      fields: [
        // The Stripe id is for admins' support work; the owner sees the account's status below.
        { name: 'stripeAccountId', type: 'text', index: true, access: { read: ownerOrAdmin, create: adminOnlyField, update: adminOnlyField }, admin: { readOnly: true, condition: forAdminsOnly } },
        {
          name: 'stripeAccountStatus',
          type: 'select',
          defaultValue: 'none',
          options: ['none', 'pending', 'enabled', 'restricted'].map((s) => ({ label: s, value: s })),
          access: { read: ownerOrAdmin, create: adminOnlyField, update: adminOnlyField },
          admin: { readOnly: true },
        },
        { name: 'chargesEnabled', type: 'checkbox', defaultValue: false, access: { read: ownerOrAdmin, create: adminOnlyField, update: adminOnlyField }, admin: { readOnly: true } },
        { name: 'payoutsEnabled', type: 'checkbox', defaultValue: false, access: { read: ownerOrAdmin, create: adminOnlyField, update: adminOnlyField }, admin: { readOnly: true } },
      ],
    },
    {
      type: 'collapsible',
      label: { en: 'Payouts', fr: 'Versements' },
      fields: [
        {
          name: 'payoutSchedule',
          type: 'select',
          defaultValue: 'manual',
          options: ['manual', 'daily', 'weekly', 'monthly'].map((s) => ({ label: s, value: s })),
          access: { read: ownerOrAdmin },
        },
        {
          ...moneyField({
            name: 'payoutMinimum',
            label: { en: 'Payout minimum', fr: 'Versement minimum' },
            description: { en: 'In your currency. The platform minimum applies if higher.', fr: 'Dans votre devise. Le minimum de la plateforme s’applique s’il est plus élevé.' },
          }),
          access: { read: ownerOrAdmin },
        },
        // Blocks change only through POST /api/creators/:id/payouts/block|unblock (audit, notification)
        // and the debt rule: read-only in the generated API and the panel, admins included.
        {
          name: 'payoutsBlocked',
          type: 'checkbox',
          defaultValue: false,
          access: { read: ownerOrAdmin, create: adminOnlyField, update: noFieldUpdate },
          admin: { readOnly: true, description: 'Changed with Block / Unblock payouts (admins), or by the debt rule.' },
        },
        { name: 'payoutsBlockedReason', type: 'text', access: { read: ownerOrAdmin, create: adminOnlyField, update: noFieldUpdate }, admin: { readOnly: true } },
        {
          name: 'payoutsBlockedBy',
          type: 'select',
          options: ['admin', 'debt'].map((s) => ({ label: s, value: s })),
          access: { read: ownerOrAdmin, create: adminOnlyField, update: noFieldUpdate },
          admin: { readOnly: true, description: 'debt: lifted by itself once the debt is cleared; admin: only by an admin.' },
        },
      ],
    },
    { name: 'ratingAverage', type: 'number', defaultValue: 0, min: 0, max: 5, access: { create: adminOnlyField, update: adminOnlyField }, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'ratingCount', type: 'number', defaultValue: 0, min: 0, access: { create: adminOnlyField, update: adminOnlyField }, admin: { readOnly: true, position: 'sidebar' } },
  ],
}
