import type { CollectionConfig, FieldAccess, Where } from 'payload'

import { adminOnly, adminOnlyField, isAdminReq, ownCreatorId, ownListForCreators, userOf } from '@/access'
import { titleField } from '@/collections/shared/presentation'
import { validateIntegerRange, validateLength } from '@/lib/validators'
import { FIELDS } from '@/messages/panel'

import { checkReviewAllowed, refreshRatingAndNotify } from './hooks'

const authorOrAdmin: FieldAccess = async ({ req, doc }) => {
  if (isAdminReq(req)) return true
  const user = userOf(req)
  if (!user || !doc) return false
  const fan = typeof doc.fan === 'object' ? doc.fan?.id : doc.fan
  if (fan === user.id) return true
  const creatorId = await ownCreatorId(req)
  const creator = typeof doc.creator === 'object' ? doc.creator?.id : doc.creator
  return Boolean(creatorId && creator === creatorId)
}

export const Reviews: CollectionConfig = {
  slug: 'reviews',
  labels: { singular: { en: 'Review', fr: 'Avis' }, plural: { en: 'Reviews', fr: 'Avis' } },
  admin: {
    // "4★ · Léa · Jane Doe": rating, the author's public first name and the creator (kept by a database trigger; reviews are public).
    useAsTitle: 'title',
    defaultColumns: ['title', 'creator', 'rating', 'comment', 'hidden', 'createdAt'],
    group: { en: 'Calls', fr: 'Appels' },
    baseFilter: ownListForCreators('creator'),
  },
  access: {
    // Everyone sees visible reviews; the author, the reviewed creator and admins also see hidden ones.
    read: async ({ req }) => {
      const user = userOf(req)
      if (user?.role === 'admin') return true
      const visible: Where[] = [{ hidden: { not_equals: true } }]
      if (user) visible.push({ fan: { equals: user.id } })
      const creatorId = await ownCreatorId(req)
      if (creatorId) visible.push({ creator: { equals: creatorId } })
      return { or: visible }
    },
    create: ({ req }) => Boolean(req.user),
    update: adminOnly,
    delete: adminOnly,
  },
  indexes: [{ fields: ['creator', 'hidden', 'createdAt'] }],
  hooks: { beforeValidate: [checkReviewAllowed], afterChange: [refreshRatingAndNotify] },
  fields: [
    titleField(),
    { name: 'booking', type: 'relationship', relationTo: 'bookings', required: true, unique: true, access: { read: authorOrAdmin, update: adminOnlyField } },
    { name: 'fan', type: 'relationship', relationTo: 'users', required: true, index: true, access: { read: authorOrAdmin, update: adminOnlyField }, admin: { readOnly: true } },
    { name: 'creator', type: 'relationship', relationTo: 'creators', required: true, index: true, access: { update: adminOnlyField }, admin: { readOnly: true } },
    { name: 'authorName', type: 'text', access: { update: adminOnlyField }, admin: { readOnly: true, description: 'First name shown publicly.' } },
    { name: 'rating', type: 'number', required: true, min: 1, max: 5, validate: validateIntegerRange(FIELDS.reviews.rating, 1, 5) },
    { name: 'comment', type: 'textarea', maxLength: 1000, validate: validateLength(FIELDS.reviews.comment, 0, 1000) },
    { name: 'hidden', type: 'checkbox', defaultValue: false, index: true, access: { create: adminOnlyField, update: adminOnlyField }, admin: { position: 'sidebar', description: 'Hidden reviews disappear from the storefront and the rating.' } },
  ],
}
