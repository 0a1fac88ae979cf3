/**
 * Guests' cached storefront pages (src/lib/pageCache.ts) are redrawn after any change they could
 * show: a Payload write to the collections and globals named in payload.config.ts, and every
 * committed service write (the after-commit callback of src/db/run.ts).
 */
import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionSlug, Config, GlobalAfterChangeHook, GlobalSlug, Plugin } from 'payload'

import { onCommitted } from '@/db/run'
import { bumpPageGeneration } from '@/lib/pageCache'

import { assertSlugs } from './slugs'

const afterChange: CollectionAfterChangeHook = ({ doc }) => {
  bumpPageGeneration()
  return doc
}
const afterDelete: CollectionAfterDeleteHook = () => {
  bumpPageGeneration()
}
const afterGlobalChange: GlobalAfterChangeHook = ({ doc }) => {
  bumpPageGeneration()
  return doc
}
const afterCommit = (): void => bumpPageGeneration()

export type GuestPageRefreshOptions = { collections: CollectionSlug[]; globals: GlobalSlug[] }

export const guestPageRefreshPlugin =
  (options: GuestPageRefreshOptions): Plugin =>
  (config: Config): Config => {
    assertSlugs('guestPageRefreshPlugin', 'collection', options.collections, (config.collections ?? []).map((c) => c.slug))
    assertSlugs('guestPageRefreshPlugin', 'global', options.globals, (config.globals ?? []).map((g) => g.slug))
    // Registered when the config is built, not in onInit: every bundle that builds the config (web
    // routes, the worker) then has it on its own copy of db/run, whichever one initialised Payload.
    onCommitted(afterCommit)
    return {
      ...config,
      collections: (config.collections ?? []).map((c) =>
        (options.collections as string[]).includes(c.slug)
          ? { ...c, hooks: { ...c.hooks, afterChange: [...(c.hooks?.afterChange ?? []), afterChange], afterDelete: [...(c.hooks?.afterDelete ?? []), afterDelete] } }
          : c,
      ),
      globals: (config.globals ?? []).map((g) =>
        (options.globals as string[]).includes(g.slug) ? { ...g, hooks: { ...g.hooks, afterChange: [...(g.hooks?.afterChange ?? []), afterGlobalChange] } } : g,
      ),
    }
  }
