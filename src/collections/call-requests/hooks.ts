import type { CollectionAfterChangeHook, CollectionBeforeValidateHook } from 'payload'
import { ValidationError } from 'payload'

import { isAdminReq, isSystemOrAdmin, ownCreatorId, userOf } from '@/access'
import { proposalRefusal } from '@/domain/callRequests'
import { now } from '@/lib/clock'
import { notify } from '@/services/notifications'

const idOf = (v: unknown): number | undefined => (typeof v === 'object' && v !== null ? (v as { id?: number }).id : (v as number | undefined))

/** The requester is the fan; the start is ≥ 24 h ahead; a creator cannot request their own calls. */
export const checkCallRequest: CollectionBeforeValidateHook = async ({ data, operation, req }) => {
  if (operation !== 'create' || !data) return data
  const user = userOf(req)
  if (!isSystemOrAdmin(req) && user) data.fan = user.id
  const creatorId = idOf(data.creator)
  const creator = creatorId
    ? await req.payload.findByID({ collection: 'creators', id: creatorId, depth: 0, req, overrideAccess: true, disableErrors: true })
    : null
  const isAdmin = isAdminReq(req)
  const refusal = proposalRefusal({
    now: now(),
    creatorId: creator?.id ?? null,
    ownCreatorId: creator && !isAdmin ? await ownCreatorId(req) : null,
    isAdmin,
    proposedStart: new Date(data.proposedStart),
  })
  if (refusal) throw new ValidationError({ collection: 'call-requests', errors: [{ path: refusal.field ?? 'creator', message: refusal.message }] })
  return { ...data, currency: creator!.currency, status: isAdmin ? (data.status ?? 'pending') : 'pending' }
}

export const notifyCreatorOfRequest: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const creator = await req.payload.findByID({ collection: 'creators', id: idOf(doc.creator)!, depth: 0, req, overrideAccess: true })
  await notify(req.payload, {
    req,
    userId: idOf(creator.user)!,
    message: 'call_request_received',
    data: { durationMinutes: doc.durationMinutes },
    link: `/admin/collections/call-requests/${doc.id}`,
    metadata: { callRequestId: doc.id },
    emailKey: `call-request-received/${doc.id}`,
  })
  return doc
}
