import type { CollectionConfig } from 'payload'

import { anyone, ownListForCreators, userOf } from '@/access'

/** Avatars and banners. Local disk (./media) by default. */
export const Media: CollectionConfig = {
  slug: 'media',
  labels: { singular: { en: 'Image', fr: 'Image' }, plural: { en: 'Media', fr: 'Médias' } },
  admin: { useAsTitle: 'alt', group: { en: 'People', fr: 'Personnes' }, baseFilter: ownListForCreators('uploadedBy', 'user') },
  access: {
    read: anyone,
    create: ({ req }) => ['creator', 'admin'].includes(userOf(req)?.role ?? ''),
    update: ({ req }) => {
      const user = userOf(req)
      if (!user) return false
      return user.role === 'admin' ? true : { uploadedBy: { equals: user.id } }
    },
    delete: ({ req }) => {
      const user = userOf(req)
      if (!user) return false
      return user.role === 'admin' ? true : { uploadedBy: { equals: user.id } }
    },
  },
  upload: {
    staticDir: process.env.MEDIA_DIR || 'media',
    mimeTypes: ['image/png', 'image/jpeg', 'image/webp', 'image/avif'],
    imageSizes: [
      { name: 'thumbnail', width: 160, height: 160, position: 'centre' },
      { name: 'banner', width: 1200, height: 400, position: 'centre' },
    ],
  },
  hooks: {
    beforeChange: [
      ({ data, operation, req }) => {
        if (operation === 'create' && req.user) data.uploadedBy = req.user.id
        return data
      },
    ],
  },
  fields: [
    { name: 'alt', type: 'text', required: true, label: { en: 'Alternative text', fr: 'Texte alternatif' } },
    { name: 'uploadedBy', type: 'relationship', relationTo: 'users', access: { update: () => false }, admin: { readOnly: true } },
  ],
}

