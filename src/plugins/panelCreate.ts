/**
 * "Create New" (list views, the dashboard, relationship drawers) only where a person really creates by
 * hand in the panel. Payload shows the button when `access.create` passes for the panel's own
 * permission check: the page's local request with the signed-in user, and the panel's `/api/access`
 * refresh. For those checks each listed collection answers by role (an empty list: nobody); every other
 * request — the storefront's POSTs, the panel's own create forms, the services — keeps the
 * collection's access, so a fan still reviews a call and asks for one from the storefront.
 */
import type { Access, CollectionSlug, Config, PayloadRequest, Plugin } from 'payload'

import { roleOf } from '@/access'
import type { Role } from '@/domain/roles'

import { assertSlugs } from './slugs'

const ACCESS_PATH = /\/api\/(?:[^/]+\/)?access(?:\/[^/]+)?\/?$/

/** The panel asking what it may offer (not a request that creates anything). */
export const isPanelPermissionCheck = (req: PayloadRequest): boolean => {
  if (!req.user) return false
  if (req.payloadAPI === 'local') return true
  try {
    return req.method === 'GET' && ACCESS_PATH.test(new URL(req.url ?? '', 'http://localhost').pathname)
  } catch {
    return false
  }
}

const inPanelOnlyFor =
  (roles: readonly Role[], access: Access | undefined): Access =>
  (args) => {
    if (!isPanelPermissionCheck(args.req)) return access ? access(args) : Boolean(args.req.user)
    const role = roleOf(args.req)
    return Boolean(role && roles.includes(role)) && (access ? access(args) : true)
  }

export type PanelCreateOptions = Partial<Record<CollectionSlug, readonly Role[]>>

export const panelCreatePlugin =
  (options: PanelCreateOptions): Plugin =>
  (config: Config): Config => {
    assertSlugs('panelCreatePlugin', 'collection', Object.keys(options), (config.collections ?? []).map((c) => c.slug))
    return {
      ...config,
      collections: (config.collections ?? []).map((c) => {
        const roles = options[c.slug as CollectionSlug]
        return roles ? { ...c, access: { ...c.access, create: inPanelOnlyFor(roles, c.access?.create) } } : c
      }),
    }
  }
