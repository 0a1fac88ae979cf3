import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, GlobalAfterChangeHook } from 'payload'

import { isAdminReq } from '@/access'
import { logSystem } from '@/services/logs'

const IGNORED = new Set(['updatedAt', 'createdAt', 'hash', 'salt', 'password', 'apiKey', 'apiKeyIndex', 'resetPasswordToken', 'resetPasswordExpiration', 'sessions', 'loginAttempts', 'lockUntil'])

/** Top-level fields whose value differs (secrets and timestamps left out). */
const changedFields = (before: Record<string, unknown> | undefined, after: Record<string, unknown>): string[] =>
  Object.keys(after).filter((k) => !IGNORED.has(k) && JSON.stringify(before?.[k] ?? null) !== JSON.stringify(after[k] ?? null))

/** Every change an admin makes in the panel or over REST leaves a system log: who, what, which fields. */
export const auditAdminChange: CollectionAfterChangeHook = async ({ collection, doc, operation, previousDoc, req }) => {
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

export const auditAdminDelete: CollectionAfterDeleteHook = async ({ collection, doc, req }) => {
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

export const auditSettingsChange: GlobalAfterChangeHook = async ({ doc, global, previousDoc, req }) => {
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
