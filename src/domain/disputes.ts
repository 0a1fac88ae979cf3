/**
 * Disputes (SPEC §7): what a Stripe dispute means for the creator's money. Pure: the service reads
 * the payment, the dispute object and the ledger, and asks these rules.
 *
 * Stripe debits the disputed amount from the platform; the platform recovers the creator's share
 * with a transfer reversal when the funds are withdrawn and gives it back when they are reinstated.
 * Both are decided from the dispute object itself (its balance transactions), not from which event
 * carried it, so the events may arrive in any order and any number of times.
 */
import { mulDivHalfUp } from './money'
import { Refusal } from './refusal'
import type { DisputeStatus } from './transitions'

export const CLOSED_DISPUTE_STATUSES: readonly DisputeStatus[] = ['won', 'lost', 'warning_closed']

export const isClosedDispute = (status: DisputeStatus): boolean => CLOSED_DISPUTE_STATUSES.includes(status)

/** `payments.dispute_status` for a dispute in `status` (an inquiry closed without chargeback leaves none). */
export const paymentDisputeStatus = (status: DisputeStatus): 'open' | 'won' | 'lost' | 'none' =>
  status === 'won' ? 'won' : status === 'lost' ? 'lost' : status === 'warning_closed' ? 'none' : 'open'

/** The dispute's outcome once closed (an inquiry closed without chargeback counts as won). */
export const disputeOutcome = (status: DisputeStatus): 'won' | 'lost' | null =>
  status === 'lost' ? 'lost' : status === 'won' || status === 'warning_closed' ? 'won' : null

export type DisputeFunds = { withdrawn: boolean; reinstated: boolean }

/**
 * Where the money of a dispute stands: withdrawn once Stripe took it (a negative balance
 * transaction, the `funds_withdrawn` event, or a lost chargeback), reinstated once Stripe gave it
 * back (a positive balance transaction or `funds_reinstated`). Reinstated implies withdrawn.
 */
export const disputeFunds = (input: {
  eventType: string
  status: DisputeStatus
  balanceTransactionAmounts: readonly number[]
}): DisputeFunds => {
  const reinstated = input.eventType === 'charge.dispute.funds_reinstated' || input.balanceTransactionAmounts.some((a) => a > 0)
  const withdrawn =
    reinstated || input.eventType === 'charge.dispute.funds_withdrawn' || input.status === 'lost' || input.balanceTransactionAmounts.some((a) => a < 0)
  return { withdrawn, reinstated }
}

/**
 * The creator's share of a dispute, in minor units: their amount in proportion to the disputed part
 * of the payment (half-up), never more than what was not already taken back from them by refunds.
 */
export const disputeCreatorShare = (p: { paymentAmount: number; creatorAmount: number; disputeAmount: number; alreadyRecovered: number }): number => {
  if (p.paymentAmount <= 0 || p.creatorAmount <= 0 || p.disputeAmount <= 0) return 0
  const disputed = Math.min(p.disputeAmount, p.paymentAmount)
  const proportional = mulDivHalfUp(p.creatorAmount, disputed, p.paymentAmount)
  return Math.max(0, Math.min(proportional, p.creatorAmount - Math.max(0, p.alreadyRecovered)))
}

/** Where a dispute's evidence stands, from its row: what the admin panel shows. */
export type EvidenceState = 'none' | 'sending' | 'saved' | 'submitting' | 'submitted' | 'failed'

export const evidenceState = (e: { version: number; sentVersion: number; submitRequested: boolean; submittedAt: unknown; error: string | null }): EvidenceState => {
  if (e.submittedAt) return 'submitted'
  if (e.error) return 'failed'
  if (e.version <= 0) return 'none'
  if (e.submitRequested) return 'submitting'
  return e.sentVersion >= e.version ? 'saved' : 'sending'
}

/** Evidence was sent to the bank (our record, or Stripe's status says so). */
const SUBMITTED_STATUSES: readonly DisputeStatus[] = ['under_review', 'warning_under_review']

/**
 * Whether an admin may save (or submit) evidence now: not once the dispute is closed, and not once
 * evidence was submitted or its submission is under way — Stripe takes evidence once.
 */
export const evidenceRefusal = (d: { status: DisputeStatus; submitRequested: boolean; submittedAt: unknown }): Refusal | null => {
  if (isClosedDispute(d.status)) return new Refusal(409, 'DISPUTE_CLOSED', `This dispute is closed (${d.status}): evidence can no longer be sent.`)
  if (d.submittedAt || SUBMITTED_STATUSES.includes(d.status)) return new Refusal(409, 'EVIDENCE_ALREADY_SUBMITTED', 'Evidence for this dispute was already submitted to Stripe: it can be submitted only once.')
  if (d.submitRequested) return new Refusal(409, 'EVIDENCE_ALREADY_SUBMITTED', 'The evidence is being submitted to Stripe: it can no longer be changed.')
  return null
}
