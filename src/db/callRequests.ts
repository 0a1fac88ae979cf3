/**
 * SQL of call requests (SPEC §9): the facts an answer is decided on, the claim that lets one answer
 * win, the accept / reject / expire transitions (through moveStatus, guarded by
 * CALL_REQUEST_TRANSITIONS), the requests due to expire, and the per-creator schedule lock.
 */
import { CALL_REQUEST_TRANSITIONS, type CallRequestStatus } from '@/domain/transitions'

import { sql, type Run, type SQL } from './run'
import { canMoveTo, moveStatus } from './status'

export type CallRequestFacts = {
  id: number
  status: string
  fanId: number
  creatorId: number
  creatorUserId: number
  creatorName: string
  creatorLocale: string | null
  chargesEnabled: boolean
  proposedStart: Date
  durationMinutes: number
  proposedPrice: number
  currency: string
  message: string
  fanName: string
}

type FactsRow = {
  id: number
  status: string
  fan_id: number
  creator_id: number
  creator_user_id: number
  creator_name: string
  creator_locale: string | null
  charges_enabled: boolean | null
  proposed_start: Date | string
  duration_minutes: string | number
  proposed_price: string | number
  currency: string
  message: string
  fan_name: string
}

/** The request, its creator (their user, name, language, payability) and its fan's name; undefined when there is none. */
export const callRequestFacts = async (run: Run, id: number): Promise<CallRequestFacts | undefined> => {
  const [r] = await run<FactsRow>(sql`
    SELECT cr.id, cr.status, cr.fan_id, cr.creator_id, c.user_id AS creator_user_id, c.display_name AS creator_name, cu.locale AS creator_locale,
           c.charges_enabled, cr.proposed_start, cr.duration_minutes, cr.proposed_price, cr.currency, cr.message,
           fu.name AS fan_name
      FROM call_requests cr
      JOIN creators c ON c.id = cr.creator_id
      JOIN users cu ON cu.id = c.user_id
      JOIN users fu ON fu.id = cr.fan_id
     WHERE cr.id = ${id}`)
  if (!r) return undefined
  return {
    id: r.id,
    status: r.status,
    fanId: r.fan_id,
    creatorId: r.creator_id,
    creatorUserId: r.creator_user_id,
    creatorName: r.creator_name,
    creatorLocale: r.creator_locale,
    chargesEnabled: Boolean(r.charges_enabled),
    proposedStart: new Date(r.proposed_start),
    durationMinutes: Number(r.duration_minutes),
    proposedPrice: Number(r.proposed_price),
    currency: r.currency,
    message: r.message,
    fanName: r.fan_name,
  }
}

/**
 * The guard of an answer: the request's id if it may move to `to` and no other answer holds it
 * right now. SKIP LOCKED makes a concurrent second answer fail at once (409) instead of queueing
 * behind the first one with a pooled connection.
 */
const claim = (id: number, to: CallRequestStatus): SQL =>
  sql`SELECT id FROM call_requests WHERE id = ${id} AND ${canMoveTo(CALL_REQUEST_TRANSITIONS, to)} FOR UPDATE SKIP LOCKED`

/** pending → accepted if this answer wins the claim; false when it did not move. */
export const markAccepted = async (run: Run, id: number, respondedAt: Date, response: string | null = null): Promise<boolean> =>
  Boolean(
    await moveStatus(run, {
      table: 'call_requests',
      machine: CALL_REQUEST_TRANSITIONS,
      id: claim(id, 'accepted'),
      to: 'accepted',
      set: sql`response = ${response}, responded_at = ${respondedAt.toISOString()}`,
    }),
  )

/** pending → rejected (with the creator's reason) if this answer wins the claim; false when it did not move. */
export const markRejected = async (run: Run, id: number, respondedAt: Date, response: string | null): Promise<boolean> =>
  Boolean(
    await moveStatus(run, {
      table: 'call_requests',
      machine: CALL_REQUEST_TRANSITIONS,
      id: claim(id, 'rejected'),
      to: 'rejected',
      set: sql`response = ${response}, responded_at = ${respondedAt.toISOString()}`,
    }),
  )

export type ExpiredRequest = { fanId: number; proposedStart: Date; creatorName: string }

/** pending → expired (an answer that got there first wins); what the fan is told, or undefined when it did not move. */
export const markExpired = async (run: Run, id: number): Promise<ExpiredRequest | undefined> => {
  const row = await moveStatus<CallRequestStatus, { fan_id: number; proposed_start: Date | string; creator_name: string }>(run, {
    table: 'call_requests',
    machine: CALL_REQUEST_TRANSITIONS,
    id,
    to: 'expired',
    returning: sql`fan_id, proposed_start, (SELECT display_name FROM creators WHERE creators.id = call_requests.creator_id) AS creator_name`,
  })
  return row ? { fanId: row.fan_id, proposedStart: new Date(row.proposed_start), creatorName: row.creator_name } : undefined
}

/** Why a claim failed: already answered, or another answer is being written at this moment ('gone' if deleted). */
export const callRequestStatus = async (run: Run, id: number): Promise<string> =>
  (await run<{ status: string }>(sql`SELECT status FROM call_requests WHERE id = ${id}`))[0]?.status ?? 'gone'

/** Records the offer an accepted request created. */
export const linkResultingOffer = async (run: Run, id: number, offerId: number): Promise<void> => {
  await run(sql`UPDATE call_requests SET resulting_offer_id = ${offerId} WHERE id = ${id}`)
}

/**
 * One accept at a time per creator (until the transaction ends), so two requests for the same
 * hour cannot both pass the offers' overlap check (the second one sees the first one's offer).
 */
export const lockCreatorSchedule = async (run: Run, creatorId: number): Promise<void> => {
  await run(sql`SELECT pg_advisory_xact_lock(hashtext('offers.schedule'), ${creatorId})`)
}

/** Pending requests whose proposed start is at or before `horizon`, soonest first. */
export const callRequestsDueForExpiry = async (run: Run, horizon: Date, limit: number): Promise<number[]> =>
  (
    await run<{ id: number }>(sql`
      SELECT id FROM call_requests WHERE status = 'pending' AND proposed_start <= ${horizon.toISOString()} ORDER BY proposed_start LIMIT ${limit}`)
  ).map((r) => r.id)
