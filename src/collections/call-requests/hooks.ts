import type { CollectionAfterChangeHook, CollectionBeforeValidateHook } from 'payload'
import { ValidationError } from 'payload'

import { isAdminReq, isSystemOrAdmin, ownCreatorId, userOf } from '@/access'
import { now } from '@/lib/clock'
import { notify } from '@/services/notifications'

export const MIN_REQUEST_NOTICE_HOURS = 24

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
  if (!creator) throw new ValidationError({ collection: 'call-requests', errors: [{ path: 'creator', message: 'Choose an existing creator.' }] })
  if (!isAdminReq(req) && (await ownCreatorId(req)) === creator.id) {
    throw new ValidationError({ collection: 'call-requests', errors: [{ path: 'creator', message: 'You cannot request a call with yourself.' }] })
  }
  const start = new Date(data.proposedStart)
  if (Number.isNaN(start.getTime()) || start.getTime() < now().getTime() + MIN_REQUEST_NOTICE_HOURS * 3_600_000) {
    throw new ValidationError({
      collection: 'call-requests',
      errors: [{ path: 'proposedStart', message: `The proposed start must be at least ${MIN_REQUEST_NOTICE_HOURS} hours from now.` }],
    })
  }
  return { ...data, currency: creator.currency, status: isAdminReq(req) ? (data.status ?? 'pending') : 'pending' }
}

export const notifyCreatorOfRequest: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'create') return doc
  const creator = await req.payload.findByID({ collection: 'creators', id: idOf(doc.creator)!, depth: 0, req, overrideAccess: true })
  await notify(req.payload, {
    req,
    userId: idOf(creator.user)!,
    type: 'call_request_received',
    text: {
      en: { title: 'New call request', body: `A fan proposed a ${doc.durationMinutes}-minute call. Accept or decline it in your dashboard.` },
      fr: { title: 'Nouvelle demande d’appel', body: `Un fan propose un appel de ${doc.durationMinutes} minutes. Acceptez ou refusez-le depuis votre tableau de bord.` },
    },
    link: `/admin/collections/call-requests/${doc.id}`,
    metadata: { callRequestId: doc.id },
    emailKey: `call-request-received/${doc.id}`,
  })
  return doc
}
