import type { Access, BaseFilter, FieldAccess, PayloadRequest, Where } from 'payload'

import type { Role } from '@/domain/roles'

type WithRole = { id: number | string; role?: Role | null }

export const userOf = (req: PayloadRequest): WithRole | null => (req.user as WithRole | null) ?? null
export const roleOf = (req: PayloadRequest): Role | null => userOf(req)?.role ?? null
export const isAdminReq = (req: PayloadRequest): boolean => roleOf(req) === 'admin'

/** Admins, and our own server code calling the local API without a user (seed, jobs, scripts). */
export const isSystemOrAdmin = (req: PayloadRequest): boolean =>
  isAdminReq(req) || (req.payloadAPI === 'local' && !req.user)

export const anyone: Access = () => true
export const nobody: Access = () => false
export const loggedIn: Access = ({ req }) => Boolean(req.user)
export const adminOnly: Access = ({ req }) => isAdminReq(req)
export const adminOnlyField: FieldAccess = ({ req }) => isAdminReq(req)

const creatorIds = new WeakMap<object, Promise<number | null>>()

/** The `creators` document id owned by the logged-in user (looked up once per request). */
export const ownCreatorId = (req: PayloadRequest): Promise<number | null> => {
  const user = userOf(req)
  if (!user || user.role !== 'creator') return Promise.resolve(null)
  let found = creatorIds.get(user)
  if (!found) {
    found = req.payload
      .find({
        collection: 'creators',
        where: { user: { equals: user.id } },
        limit: 1,
        depth: 0,
        pagination: false,
        select: {},
        req,
      })
      .then((res) => (res.docs[0]?.id as number | undefined) ?? null)
    creatorIds.set(user, found)
  }
  return found
}

/** Admin: everything. Others: rows whose `field` is their own user id. */
export const adminOrSelf =
  (field: string): Access =>
  ({ req }) => {
    const user = userOf(req)
    if (!user) return false
    if (user.role === 'admin') return true
    return { [field]: { equals: user.id } }
  }

/** Admin: everything. Creators: rows whose `field` points at their creator profile. */
export const adminOrOwningCreator =
  (field = 'creator'): Access =>
  async ({ req }) => {
    const user = userOf(req)
    if (!user) return false
    if (user.role === 'admin') return true
    const creatorId = await ownCreatorId(req)
    return creatorId ? { [field]: { equals: creatorId } } : false
  }

/**
 * Admin: everything. Otherwise the rows where the user is the fan (`fanField`) or, for a creator,
 * where their profile is the seller (`creatorField`). A creator can also be a fan of someone else.
 */
export const adminOrParticipant =
  (fanField = 'fan', creatorField = 'creator'): Access =>
  async ({ req }) => {
    const user = userOf(req)
    if (!user) return false
    if (user.role === 'admin') return true
    const mine: Where[] = [{ [fanField]: { equals: user.id } }]
    const creatorId = await ownCreatorId(req)
    if (creatorId) mine.push({ [creatorField]: { equals: creatorId } })
    return mine.length === 1 ? mine[0] : { or: mine }
  }

/**
 * Field read access: admin, or the creator whose profile this document is / belongs to. Payload
 * hands the document over as `doc` when it reads (API, afterRead) but only as `data` (with `id`)
 * when it builds the panel's form: reading `doc` alone left the owner's private fields out of their
 * own edit form, blank although saved.
 */
export const adminOrOwnerOfCreatorDoc =
  (idOf: (doc: Record<string, unknown> | undefined, id: unknown) => unknown): FieldAccess =>
  async ({ req, doc, data, id: docId }) => {
    if (isAdminReq(req)) return true
    const creatorId = await ownCreatorId(req)
    if (!creatorId) return false
    const id = idOf((doc ?? data) as Record<string, unknown> | undefined, docId)
    const value = typeof id === 'object' && id !== null ? (id as { id?: unknown }).id : id
    // The panel may hand the id over as a string (from the URL).
    return value !== undefined && value !== null && Number(value) === creatorId
  }

/**
 * Admin-panel list filter: a creator's lists show their own documents only, even where the
 * public may read more (other creators' profiles, offers, reviews). Admins see everything.
 */
export const ownListForCreators =
  (field: string, of: 'creator' | 'user' = 'creator'): BaseFilter =>
  async ({ req }) => {
    const user = userOf(req)
    if (!user || user.role !== 'creator') return null
    if (of === 'user') return { [field]: { equals: user.id } }
    const creatorId = await ownCreatorId(req)
    return { [field]: { equals: creatorId ?? -1 } }
  }
