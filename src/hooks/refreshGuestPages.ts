import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionConfig, GlobalAfterChangeHook } from 'payload'

import { bumpPageGeneration } from '@/lib/pageCache'

/** Collections whose documents guests' cached pages show (src/lib/guestPages.ts). */
const GUEST_VISIBLE_COLLECTIONS = ['creators', 'offers', 'reviews', 'media']

const afterChange: CollectionAfterChangeHook = ({ doc }) => {
  bumpPageGeneration()
  return doc
}
const afterDelete: CollectionAfterDeleteHook = () => {
  bumpPageGeneration()
}
/** Platform settings (booking cut-off, fees) change what guests can book. */
export const refreshGuestPagesOnSettings: GlobalAfterChangeHook = ({ doc }) => {
  bumpPageGeneration()
  return doc
}

/** Any write to what guests see drops the cached pages rendered before it. */
export const withGuestPageRefresh = (collections: CollectionConfig[]): CollectionConfig[] =>
  collections.map((c) =>
    GUEST_VISIBLE_COLLECTIONS.includes(c.slug)
      ? { ...c, hooks: { ...c.hooks, afterChange: [...(c.hooks?.afterChange ?? []), afterChange], afterDelete: [...(c.hooks?.afterDelete ?? []), afterDelete] } }
      : c,
  )
