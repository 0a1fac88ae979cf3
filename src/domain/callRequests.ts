/**
 * Call requests (SPEC §9): who may propose one, who may answer it and until when. Pure: the
 * service and the hooks supply the facts, these functions say whether (and why not).
 */
import { Refusal } from './refusal'
import type { Role } from './roles'

/** A fan proposes a call at least this far ahead. */
export const MIN_REQUEST_NOTICE_HOURS = 24

/** SPEC §9: an unanswered request expires at its proposed start − 2 h. */
export const EXPIRE_HOURS_BEFORE_START = 2

const HOUR = 3_600_000

/** The last moment a request can be answered: its proposed start − 2 h (answering at that instant is too late). */
export const answerDeadline = (proposedStart: Date): Date => new Date(proposedStart.getTime() - EXPIRE_HOURS_BEFORE_START * HOUR)

export const isPastAnswerDeadline = (proposedStart: Date, now: Date): boolean => now.getTime() >= answerDeadline(proposedStart).getTime()

/** Pending requests whose proposed start is at or before this are due to expire at `now`. */
export const expiryHorizon = (now: Date): Date => new Date(now.getTime() + EXPIRE_HOURS_BEFORE_START * HOUR)


/** A request that is no longer `pending` (or is being answered by someone else at this moment). */
export const notPendingRefusal = (status: string): Refusal =>
  new Refusal(
    409,
    'CALL_REQUEST_NOT_PENDING',
    status === 'pending' ? 'This call request is being answered right now.' : `This call request has already been answered (it is ${status}).`,
  )

export type AnswerFacts = {
  now: Date
  action: 'accept' | 'reject'
  answerer: { userId: number; role: Role | null }
  /** Undefined when no such request exists. */
  request?: { status: string; fanId: number; creatorUserId: number; proposedStart: Date; creatorChargesEnabled: boolean }
}

/**
 * Whether the answerer may answer the request now, or why not. Only the creator the request was
 * sent to answers it: admins run the money side and do not commit a creator's time for them.
 * CALL_REQUEST_EXPIRED means the deadline passed while it was still pending (the service expires
 * it then, as the hourly job would).
 */
export const answerRefusal = ({ now, action, answerer, request }: AnswerFacts): Refusal | null => {
  if (!request) return new Refusal(404, 'NOT_FOUND', 'This call request does not exist.')
  if (request.creatorUserId !== answerer.userId) {
    const message =
      answerer.role === 'admin'
        ? 'Only the creator this request was sent to can accept or decline it; admins cannot answer for them.'
        : request.fanId === answerer.userId
          ? 'You sent this call request: only the creator can accept or decline it.'
          : 'Only the creator this request was sent to can accept or decline it.'
    return new Refusal(403, 'FORBIDDEN', message)
  }
  if (request.status !== 'pending') return notPendingRefusal(request.status)
  if (isPastAnswerDeadline(request.proposedStart, now)) {
    return new Refusal(
      409,
      'CALL_REQUEST_EXPIRED',
      `This call request expired: requests must be answered at least ${EXPIRE_HOURS_BEFORE_START} hours before the proposed start.`,
    )
  }
  if (action === 'accept' && !request.creatorChargesEnabled) {
    return new Refusal(409, 'CREATOR_NOT_PAYABLE', 'Connect your payment account before accepting: the fan could not pay for this call yet.')
  }
  return null
}

export type ProposalFacts = {
  now: Date
  /** Null when the chosen creator does not exist. */
  creatorId: number | null
  /** The proposer's own creator profile (null for fans; ignored for admins). */
  ownCreatorId: number | null
  isAdmin: boolean
  proposedStart: Date
}

/** The earliest proposed start a new request may have at `now` (SPEC §9: 24 h notice). */
export const earliestRequestStart = (now: Date): Date => new Date(now.getTime() + MIN_REQUEST_NOTICE_HOURS * HOUR)

/**
 * Whether a new call request may be sent: an existing creator, not oneself, at least 24 h ahead.
 * A refusal is a 400 naming the field (the hook gives it as Payload's ValidationError).
 */
export const proposalRefusal = (f: ProposalFacts): Refusal | null => {
  const invalid = (field: 'creator' | 'proposedStart', message: string) => new Refusal(400, 'INVALID_INPUT', message, field)
  if (f.creatorId === null) return invalid('creator', 'Choose an existing creator.')
  if (!f.isAdmin && f.ownCreatorId === f.creatorId) return invalid('creator', 'You cannot request a call with yourself.')
  const start = f.proposedStart.getTime()
  if (Number.isNaN(start) || start < earliestRequestStart(f.now).getTime()) {
    return invalid('proposedStart', `The proposed start must be at least ${MIN_REQUEST_NOTICE_HOURS} hours from now.`)
  }
  return null
}
