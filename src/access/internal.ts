import type { Access, SanitizedConfig } from 'payload'

import { canUseAdminPanel } from '@/domain/roles'

import { userOf } from '.'

const panelUser: Access = ({ req }) => canUseAdminPanel(userOf(req)?.role)

/** Admin: every lock; creators: their own locks; fans and guests: none. */
const ownLock: Access = ({ req }) => {
  const user = userOf(req)
  if (!user || !canUseAdminPanel(user.role)) return false
  return user.role === 'admin' ? true : { 'user.value': { equals: user.id } }
}

/**
 * Payload adds `payload-locked-documents` (edit locks) with "any logged-in user" access. Only people
 * who can use the admin panel need locks, and a creator may only touch their own.
 */
export const restrictInternalCollections = (config: SanitizedConfig): SanitizedConfig => {
  const locks = config.collections.find((c) => c.slug === 'payload-locked-documents')
  if (locks) locks.access = { ...locks.access, read: panelUser, create: panelUser, update: ownLock, delete: ownLock }
  return config
}
