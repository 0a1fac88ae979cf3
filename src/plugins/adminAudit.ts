/**
 * Every change an admin makes in the panel or over REST leaves a system log: who, what, which
 * fields. Applied to the collections and globals named in payload.config.ts (the logs themselves
 * are left out).
 */
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionSlug,
  Config,
  GlobalAfterChangeHook,
  GlobalSlug,
  Plugin,
} from 'payload'

import { isAdminReq } from '@/access'
import { logSystem } from '@/services/logs'

import { assertSlugs } from './slugs'

const IGNORED = new Set(['updatedAt', 'createdAt', 'hash', 'salt', 'password', 'apiKey', 'apiKeyIndex', 'resetPasswordToken', 'resetPasswordExpiration', 'sessions', 'loginAttempts', 'lockUntil'])

/** Top-level fields whose value differs (secrets and timestamps left out). */
const changedFields = (before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] =>
  Object.keys(after).filter((k) => !IGNORED.has(k) && JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after[k] ?? null))

const auditChange: CollectionAfterChangeHook = async ({ collection, doc, operation, previousDoc, req }) => {
  if (!isAdminReq(req) || req.payloadAPI === 'local') return doc
  const fields = operation === 'update' ? changedFields(previousDoc, doc) : []
  await logSystem(req.payload, {
    req,
    level: fields.includes('role') ? 'WARNING' : 'INFO',
    type: `admin.${collection.slug}.${operation}`,
    actor: 'ADMIN',
    actorId: req.user?.id,
    message: `Admin ${req.user?.id} ${operation === 'create' ? 'created' : 'updated'} ${collection.slug} ${doc.id}${fields.length ? ` (${fields.join(', ')})` : ''}`,
    metadata: { collection: collection.slug, id: doc.id, fields, ...(fields.includes('role') ? { from: previousDoc?.role, to: doc.role } : {}) },
  })
  return doc
}

const auditDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
  if (!isAdminReq(req) || req.payloadAPI === 'local') return
  await logSystem(req.payload, {
    req,
    level: 'WARNING',
    type: `admin.${collection.slug}.delete`,
    actor: 'ADMIN',
    actorId: req.user?.id,
    message: `Admin ${req.user?.id} deleted ${collection.slug} ${doc.id}`,
    metadata: { collection: collection.slug, id: doc.id },
  })
}

/** Settings changes are logged whoever makes them (a changed fee or cut-off matters either way). */
const auditGlobalChange: GlobalAfterChangeHook = async ({ doc, global, previousDoc, req }) => {
  const fields = changedFields(previousDoc, doc)
  await logSystem(req.payload, {
    req,
    level: 'WARNING',
    type: `admin.${global.slug}.update`,
    actor: isAdminReq(req) ? 'ADMIN' : 'SYSTEM',
    actorId: req.user?.id,
    message: `Platform settings changed: ${fields.join(', ') || 'no field'}`,
    metadata: { fields, before: Object.fromEntries(fields.map((f) => [f, previousDoc?.[f]])), after: Object.fromEntries(fields.map((f) => [f, doc[f]])) },
  })
  return doc
}

export type AdminAuditOptions = { collections: CollectionSlug[]; globals: GlobalSlug[] }

export const adminAuditPlugin =
  (options: AdminAuditOptions): Plugin =>
  (config: Config): Config => {
    assertSlugs('adminAuditPlugin', 'collection', options.collections, (config.collections ?? []).map((c) => c.slug))
    assertSlugs('adminAuditPlugin', 'global', options.globals, (config.globals ?? []).map((g) => g.slug))
    return {
      ...config,
      collections: (config.collections ?? []).map((c) =>
        (options.collections as string[]).includes(c.slug)
          ? {
              ...c,
              hooks: {
                ...c.hooks,
                afterChange: [...(c.hooks?.afterChange ?? []), auditChange],
                afterDelete: [...(c.hooks?.afterDelete ?? []), auditDelete],
              },
            }
          : c,
      ),
      globals: (config.globals ?? []).map((g) =>
        (options.globals as string[]).includes(g.slug) ? { ...g, hooks: { ...g.hooks, afterChange: [...(g.hooks?.afterChange ?? []), auditGlobalChange] } } : g,
      ),
    }
  }
