import { sql } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import { ValidationError } from 'payload'

import type { SupportedCurrency } from '@/domain/currencies'
import type { Role } from '@/domain/roles'
import { CALL_REQUEST_TRANSITIONS } from '@/domain/transitions'
import type { Locale } from '@/emails/layout'
import { now } from '@/lib/clock'
import { query } from '@/lib/db'
import { canMoveTo } from '@/lib/sqlStatus'
import { withTransaction, type TxRun } from '@/lib/transaction'

import { logSystem } from './logs'
import { notify } from './notifications'

/** SPEC §9: an unanswered request expires at its proposed start − 2 h. */
export const EXPIRE_HOURS_BEFORE_START = 2

/** The fan's call requests in the storefront (status, the creator's reason). */
const REQUESTS_PAGE = { en: '/en/account/requests', fr: '/fr/account/requests' }

export class CallRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message)
    this.name = 'CallRequestError'
  }
}

export type Answerer = { userId: number; role: Role | null }

type RequestFacts = {
  id: number
  status: string
  fan_id: number
  creator_id: number
  creator_user_id: number
  creator_name: string
  creator_locale: string | null
  charges_enabled: boolean | null
  proposed_start: Date
  duration_minutes: string
  proposed_price: string
  currency: string
  message: string
  fan_name: string
  fan_timezone: string | null
}

export type AcceptResult = {
  callRequest: { id: number; status: 'accepted'; respondedAt: string; resultingOffer: number }
  offer: { id: number; title: string; startsAt: string; durationMinutes: number; price: number; currency: string; status: 'available'; reservedFor: number }
}

export type RejectResult = { callRequest: { id: number; status: 'rejected'; respondedAt: string; response: string | null } }

const factsOf = async (payload: Payload, id: number): Promise<RequestFacts | undefined> =>
  (
    await query<RequestFacts>(
      payload,
      `SELECT cr.id, cr.status, cr.fan_id, cr.creator_id, c.user_id AS creator_user_id, c.display_name AS creator_name, cu.locale AS creator_locale,
              c.charges_enabled, cr.proposed_start, cr.duration_minutes, cr.proposed_price, cr.currency, cr.message,
              fu.name AS fan_name, fu.timezone AS fan_timezone
         FROM call_requests cr
         JOIN creators c ON c.id = cr.creator_id
         JOIN users cu ON cu.id = c.user_id
         JOIN users fu ON fu.id = cr.fan_id
        WHERE cr.id = $1`,
      [id],
    )
  )[0]

const expiresAt = (proposedStart: Date): Date => new Date(new Date(proposedStart).getTime() - EXPIRE_HOURS_BEFORE_START * 3_600_000)

/** "Friday 5 June 2026 at 14:00" in the fan's language and time zone. */
const when = (at: Date, locale: Locale, timeZone: string | null): string => {
  try {
    return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: timeZone || 'UTC' }).format(at)
  } catch {
    return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' }).format(at)
  }
}

const firstName = (name: string): string => name.trim().split(/\s+/)[0] || ''

/**
 * The guard of an answer: the request's id if it may move to `to` and no other answer holds it
 * right now. SKIP LOCKED makes a concurrent second answer fail at once (409) instead of queueing
 * behind the first one with a pooled connection.
 */
const claim = (id: number, to: 'accepted' | 'rejected') =>
  sql`(SELECT id FROM call_requests WHERE id = ${id} AND ${canMoveTo(CALL_REQUEST_TRANSITIONS, to)} FOR UPDATE SKIP LOCKED)`

/** Why a claim failed: already answered, or another answer is being written at this moment. */
const currentStatus = async (run: TxRun, id: number): Promise<string> =>
  (await run<{ status: string }>(sql`SELECT status FROM call_requests WHERE id = ${id}`))[0]?.status ?? 'gone'

const notPending = (status: string): CallRequestError =>
  new CallRequestError(
    409,
    'CALL_REQUEST_NOT_PENDING',
    status === 'pending' ? 'This call request is being answered right now.' : `This call request has already been answered (it is ${status}).`,
  )

/**
 * Who may answer, and whether the request can still be answered. Only the creator the request was
 * sent to answers it: admins run the money side and do not commit a creator's time for them.
 */
const answerable = async (payload: Payload, who: Answerer, id: number): Promise<RequestFacts> => {
  const r = await factsOf(payload, id)
  if (!r) throw new CallRequestError(404, 'NOT_FOUND', 'This call request does not exist.')
  if (r.creator_user_id !== who.userId) {
    const message =
      who.role === 'admin'
        ? 'Only the creator this request was sent to can accept or decline it; admins cannot answer for them.'
        : r.fan_id === who.userId
          ? 'You sent this call request: only the creator can accept or decline it.'
          : 'Only the creator this request was sent to can accept or decline it.'
    throw new CallRequestError(403, 'FORBIDDEN', message)
  }
  if (r.status !== 'pending') throw notPending(r.status)
  if (now().getTime() >= expiresAt(r.proposed_start).getTime()) {
    // Past its answer deadline: expire it now (as the hourly job would) so every view agrees.
    await expireCallRequest(payload, id)
    throw new CallRequestError(
      409,
      'CALL_REQUEST_EXPIRED',
      `This call request expired: requests must be answered at least ${EXPIRE_HOURS_BEFORE_START} hours before the proposed start.`,
    )
  }
  return r
}

/**
 * The creator accepts (SPEC §9): in one transaction the request becomes `accepted` (a conditional
 * update, so of two concurrent accepts one wins and the other gets CALL_REQUEST_NOT_PENDING), an
 * offer reserved for the fan is created at the proposed start, duration and price (the offer hooks
 * check cut-off and overlap; a refusal rolls everything back), and the fan is told with a link to
 * the booking page.
 */
export const acceptCallRequest = async (payload: Payload, who: Answerer, id: number): Promise<AcceptResult> => {
  const r = await answerable(payload, who, id)
  if (!r.charges_enabled) {
    throw new CallRequestError(409, 'CREATOR_NOT_PAYABLE', 'Connect your payment account before accepting: the fan could not pay for this call yet.')
  }
  const respondedAt = now()
  const creatorFr = r.creator_locale === 'fr'
  const fan = firstName(r.fan_name)
  const title = (fan ? (creatorFr ? `Appel avec ${fan}` : `Call with ${fan}`) : creatorFr ? 'Appel sur demande' : 'Requested call').slice(0, 120)
  try {
    return await withTransaction(payload, async (req, run) => {
      const moved = await run(sql`
        UPDATE call_requests SET status = 'accepted', responded_at = ${respondedAt.toISOString()}, updated_at = now()
         WHERE id = ${claim(id, 'accepted')} RETURNING id`)
      if (!moved.length) throw notPending(await currentStatus(run, id))
      // One accept at a time per creator, so two requests for the same hour cannot both pass the
      // offers' overlap check (the second one sees the first one's offer).
      await run(sql`SELECT pg_advisory_xact_lock(hashtext('offers.schedule'), ${r.creator_id})`)
      const offer = await payload.create({
        collection: 'offers',
        data: {
          creator: r.creator_id,
          title,
          description: r.message,
          startsAt: new Date(r.proposed_start).toISOString(),
          durationMinutes: Number(r.duration_minutes),
          price: Number(r.proposed_price),
          currency: r.currency as SupportedCurrency,
          status: 'available',
          reservedFor: r.fan_id,
        },
        req,
        overrideAccess: true,
        depth: 0,
      })
      await run(sql`UPDATE call_requests SET resulting_offer_id = ${offer.id} WHERE id = ${id}`)

      const start = new Date(r.proposed_start)
      await notify(payload, {
        req,
        userId: r.fan_id,
        type: 'call_request_accepted',
        text: {
          en: {
            title: 'Your call request was accepted',
            body: `${r.creator_name} accepted your ${offer.durationMinutes}-minute call on ${when(start, 'en', r.fan_timezone)}. The slot is reserved for you: book and pay to confirm it.`,
          },
          fr: {
            title: 'Votre demande d’appel est acceptée',
            body: `${r.creator_name} a accepté votre appel de ${offer.durationMinutes} minutes le ${when(start, 'fr', r.fan_timezone)}. Le créneau vous est réservé : réservez et payez pour le confirmer.`,
          },
        },
        link: { en: `/en/book/${offer.id}`, fr: `/fr/book/${offer.id}` },
        metadata: { callRequestId: id, offerId: offer.id },
        emailKey: `call-request-accepted/${id}`,
      })
      await logSystem(payload, {
        req,
        level: 'INFO',
        type: 'call_request.accepted',
        actor: 'CREATOR',
        actorId: who.userId,
        message: `Call request ${id} accepted; offer ${offer.id} reserved for user ${r.fan_id}`,
        metadata: { callRequestId: id, offerId: offer.id, fanId: r.fan_id, creatorId: r.creator_id },
      })
      return {
        callRequest: { id, status: 'accepted', respondedAt: respondedAt.toISOString(), resultingOffer: offer.id },
        offer: {
          id: offer.id,
          title: offer.title,
          startsAt: offer.startsAt,
          durationMinutes: offer.durationMinutes,
          price: offer.price,
          currency: offer.currency,
          status: 'available',
          reservedFor: r.fan_id,
        },
      }
    })
  } catch (error) {
    // The offer hooks refused the slot (overlap with another offer, past the booking cut-off):
    // nothing was written, the request is still pending, the creator reads why.
    if (error instanceof ValidationError) {
      const first = error.data.errors[0]
      throw new CallRequestError(409, 'SLOT_UNAVAILABLE', first?.message ?? error.message, first?.path)
    }
    throw error
  }
}

/** The creator declines, optionally saying why; the fan is told (with the reason). */
export const rejectCallRequest = async (payload: Payload, who: Answerer, id: number, reason?: string | null): Promise<RejectResult> => {
  const r = await answerable(payload, who, id)
  const response = reason?.trim() ? reason.trim() : null
  const respondedAt = now()
  return withTransaction(payload, async (req, run) => {
    const moved = await run(sql`
      UPDATE call_requests SET status = 'rejected', response = ${response}, responded_at = ${respondedAt.toISOString()}, updated_at = now()
       WHERE id = ${claim(id, 'rejected')} RETURNING id`)
    if (!moved.length) throw notPending(await currentStatus(run, id))
    await notify(payload, {
      req,
      userId: r.fan_id,
      type: 'call_request_rejected',
      text: {
        en: {
          title: 'Your call request was declined',
          body: `${r.creator_name} declined your call request.${response ? ` Their message: “${response}”` : ''}`,
        },
        fr: {
          title: 'Votre demande d’appel est refusée',
          body: `${r.creator_name} a refusé votre demande d’appel.${response ? ` Son message : « ${response} »` : ''}`,
        },
      },
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
      metadata: { callRequestId: id, fanId: r.fan_id, creatorId: r.creator_id, reason: response },
    })
    return { callRequest: { id, status: 'rejected', respondedAt: respondedAt.toISOString(), response } }
  })
}

/** Expires one pending request (conditional: an answer that got there first wins) and tells the fan in-app. */
export const expireCallRequest = async (payload: Payload, id: number): Promise<boolean> =>
  withTransaction(payload, async (req, run) => {
    const [row] = await run<{ fan_id: number; proposed_start: string; creator_name: string; timezone: string | null }>(sql`
      UPDATE call_requests SET status = 'expired', updated_at = now()
       WHERE id = ${id} AND ${canMoveTo(CALL_REQUEST_TRANSITIONS, 'expired')}
       RETURNING fan_id, proposed_start,
                 (SELECT display_name FROM creators WHERE creators.id = call_requests.creator_id) AS creator_name,
                 (SELECT timezone FROM users WHERE users.id = call_requests.fan_id) AS timezone`)
    if (!row) return false
    const start = new Date(row.proposed_start)
    // No email: there is no starred type for this (SPEC §8); `system` is in-app only.
    await notify(payload, {
      req,
      userId: row.fan_id,
      type: 'system',
      text: {
        en: { title: 'Your call request expired', body: `${row.creator_name} did not answer your request for ${when(start, 'en', row.timezone)} in time. You can send a new one.` },
        fr: { title: 'Votre demande d’appel a expiré', body: `${row.creator_name} n’a pas répondu à temps à votre demande pour le ${when(start, 'fr', row.timezone)}. Vous pouvez en envoyer une nouvelle.` },
      },
      link: REQUESTS_PAGE,
      metadata: { callRequestId: id },
    })
    return true
  })

/** Hourly job: every pending request whose proposed start − 2 h has passed becomes `expired`. */
export const expireCallRequests = async (payload: Payload, limit = 500): Promise<{ due: number; expired: number; failed: number }> => {
  const deadline = new Date(now().getTime() + EXPIRE_HOURS_BEFORE_START * 3_600_000)
  const due = await query<{ id: number }>(
    payload,
    `SELECT id FROM call_requests WHERE status = 'pending' AND proposed_start <= $1 ORDER BY proposed_start LIMIT $2`,
    [deadline.toISOString(), limit],
  )
  const counts = { due: due.length, expired: 0, failed: 0 }
  for (const { id } of due) {
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
