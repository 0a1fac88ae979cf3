import type { Payload } from 'payload'
import { ValidationError } from 'payload'

import {
  callRequestFacts,
  callRequestsDueForExpiry,
  callRequestStatus,
  linkResultingOffer,
  lockCreatorSchedule,
  markAccepted,
  markExpired,
  markRejected,
  type CallRequestFacts,
} from '@/db/callRequests'
import { runner, withTransaction } from '@/db/run'
import { answerRefusal, expiryHorizon, notPendingRefusal } from '@/domain/callRequests'
import type { SupportedCurrency } from '@/domain/currencies'
import { Refusal } from '@/domain/refusal'
import type { Role } from '@/domain/roles'
import { localeOf, storefrontPaths } from '@/i18n/locale'
import { now } from '@/lib/clock'
import { requestedCallTitle } from '@/messages/offers'

import { logSystem } from './logs'
import { notify } from './notifications'

/** The fan's call requests in the storefront (status, the creator's reason). */
const REQUESTS_PAGE = storefrontPaths('/account/requests')

export type Answerer = { userId: number; role: Role | null }

export type AcceptResult = {
  callRequest: { id: number; status: 'accepted'; respondedAt: string; response: string | null; resultingOffer: number }
  offer: { id: number; title: string; startsAt: string; durationMinutes: number; price: number; currency: string; status: 'available'; reservedFor: number }
}

export type RejectResult = { callRequest: { id: number; status: 'rejected'; respondedAt: string; response: string | null } }

const firstName = (name: string): string => name.trim().split(/\s+/)[0] || ''

/** The request if `who` may answer it now; otherwise the refusal (an overdue one is expired first). */
const answerable = async (payload: Payload, who: Answerer, id: number, action: 'accept' | 'reject'): Promise<CallRequestFacts> => {
  const request = await callRequestFacts(runner(payload), id)
  const refusal = answerRefusal({
    now: now(),
    action,
    answerer: who,
    request: request && { ...request, creatorChargesEnabled: request.chargesEnabled },
  })
  if (refusal) {
    // Past its answer deadline: expire it now (as the hourly job would) so every view agrees.
    if (refusal.code === 'CALL_REQUEST_EXPIRED') await expireCallRequest(payload, id)
    throw refusal
  }
  return request!
}

/**
 * The creator accepts (SPEC §9), optionally with a message to the fan: in one transaction the request becomes `accepted` (a conditional
 * update, so of two concurrent accepts one wins and the other gets CALL_REQUEST_NOT_PENDING), an
 * offer reserved for the fan is created at the proposed start, duration and price (the offer hooks
 * check cut-off and overlap; a refusal rolls everything back), and the fan is told with a link to
 * the booking page.
 */
export const acceptCallRequest = async (payload: Payload, who: Answerer, id: number, message?: string | null): Promise<AcceptResult> => {
  const r = await answerable(payload, who, id, 'accept')
  const response = message?.trim() ? message.trim() : null
  const respondedAt = now()
  const title = requestedCallTitle(localeOf(r.creatorLocale), firstName(r.fanName))
  try {
    return await withTransaction(payload, async (req, run) => {
      if (!(await markAccepted(run, id, respondedAt, response))) throw notPendingRefusal(await callRequestStatus(run, id))
      await lockCreatorSchedule(run, r.creatorId)
      const offer = await payload.create({
        collection: 'offers',
        data: {
          creator: r.creatorId,
          title,
          description: r.message,
          startsAt: r.proposedStart.toISOString(),
          durationMinutes: r.durationMinutes,
          price: r.proposedPrice,
          currency: r.currency as SupportedCurrency,
          status: 'available',
          reservedFor: r.fanId,
        },
        req,
        overrideAccess: true,
        depth: 0,
      })
      await linkResultingOffer(run, id, offer.id)

      await notify(payload, {
        req,
        userId: r.fanId,
        message: 'call_request_accepted',
        data: { creator: r.creatorName, durationMinutes: offer.durationMinutes, proposedStart: r.proposedStart.toISOString(), message: response },
        link: storefrontPaths(`/book/${offer.id}`),
        metadata: { callRequestId: id, offerId: offer.id },
        emailKey: `call-request-accepted/${id}`,
      })
      await logSystem(payload, {
        req,
        level: 'INFO',
        type: 'call_request.accepted',
        actor: 'CREATOR',
        actorId: who.userId,
        message: `Call request ${id} accepted; offer ${offer.id} reserved for user ${r.fanId}`,
        metadata: { callRequestId: id, offerId: offer.id, fanId: r.fanId, creatorId: r.creatorId },
      })
      return {
        callRequest: { id, status: 'accepted', respondedAt: respondedAt.toISOString(), response, resultingOffer: offer.id },
        offer: {
          id: offer.id,
          title: offer.title,
          startsAt: offer.startsAt,
          durationMinutes: offer.durationMinutes,
          price: offer.price,
          currency: offer.currency,
          status: 'available',
          reservedFor: r.fanId,
        },
      }
    })
  } catch (error) {
    // The offer hooks refused the slot (overlap with another offer, past the booking cut-off):
    // nothing was written, the request is still pending, the creator reads why.
    if (error instanceof ValidationError) {
      const first = error.data.errors[0]
      throw new Refusal(409, 'SLOT_UNAVAILABLE', first?.message ?? error.message, first?.path)
    }
    throw error
  }
}

/** The creator declines, optionally saying why; the fan is told (with the reason). */
export const rejectCallRequest = async (payload: Payload, who: Answerer, id: number, reason?: string | null): Promise<RejectResult> => {
  const r = await answerable(payload, who, id, 'reject')
  const response = reason?.trim() ? reason.trim() : null
  const respondedAt = now()
  return withTransaction(payload, async (req, run) => {
    if (!(await markRejected(run, id, respondedAt, response))) throw notPendingRefusal(await callRequestStatus(run, id))
    await notify(payload, {
      req,
      userId: r.fanId,
      message: 'call_request_rejected',
      data: { creator: r.creatorName, reason: response },
      link: REQUESTS_PAGE,
      metadata: { callRequestId: id, reason: response },
      emailKey: `call-request-rejected/${id}`,
    })
    await logSystem(payload, {
      req,
      level: 'INFO',
      type: 'call_request.rejected',
      actor: 'CREATOR',
      actorId: who.userId,
      message: `Call request ${id} declined`,
      metadata: { callRequestId: id, fanId: r.fanId, creatorId: r.creatorId, reason: response },
    })
    return { callRequest: { id, status: 'rejected', respondedAt: respondedAt.toISOString(), response } }
  })
}

/** Expires one pending request (conditional: an answer that got there first wins) and tells the fan in-app. */
export const expireCallRequest = async (payload: Payload, id: number): Promise<boolean> =>
  withTransaction(payload, async (req, run) => {
    const expired = await markExpired(run, id)
    if (!expired) return false
    // No email: there is no starred type for this (SPEC §8); `system` is in-app only.
    await notify(payload, {
      req,
      userId: expired.fanId,
      message: 'system.call_request_expired',
      data: { creator: expired.creatorName, proposedStart: expired.proposedStart.toISOString() },
      link: REQUESTS_PAGE,
      metadata: { callRequestId: id },
    })
    return true
  })

/** Hourly job: every pending request whose proposed start − 2 h has passed becomes `expired`. */
export const expireCallRequests = async (payload: Payload, limit = 500): Promise<{ due: number; expired: number; failed: number }> => {
  const due = await callRequestsDueForExpiry(runner(payload), expiryHorizon(now()), limit)
  const counts = { due: due.length, expired: 0, failed: 0 }
  for (const id of due) {
    try {
      if (await expireCallRequest(payload, id)) counts.expired++
    } catch (error) {
      counts.failed++
      await logSystem(payload, {
        level: 'ERROR',
        type: 'call_request.expire_failed',
        message: `Could not expire call request ${id}`,
        metadata: { callRequestId: id, error: error instanceof Error ? error.message : String(error) },
      })
    }
  }
  return counts
}
