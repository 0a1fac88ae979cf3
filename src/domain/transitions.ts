/**
 * State machines as data (DESIGN.md): for each status field, which statuses a record may move to.
 * `moveStatus` (src/db/status.ts) turns a transition into a conditional update
 * (`WHERE status IN fromStatuses(...)`), so two concurrent actors can never both apply one.
 */
import type {
  BOOKING_STATUSES,
  CALL_REQUEST_STATUSES,
  DISPUTE_STATUSES,
  EMAIL_STATUSES,
  JOB_RUN_STATUSES,
  OFFER_STATUSES,
  PAYMENT_STATUSES,
  PAYOUT_STATUSES,
  REFUND_STATUSES,
  WEBHOOK_STATUSES,
} from './statuses'

export type Machine<S extends string> = Record<S, readonly S[]>

export type OfferStatus = (typeof OFFER_STATUSES)[number]
export type BookingStatus = (typeof BOOKING_STATUSES)[number]
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number]
export type CallRequestStatus = (typeof CALL_REQUEST_STATUSES)[number]
export type RefundStatus = (typeof REFUND_STATUSES)[number]
export type EmailStatus = (typeof EMAIL_STATUSES)[number]
export type WebhookStatus = (typeof WEBHOOK_STATUSES)[number]
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number]
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number]
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number]

export const OFFER_TRANSITIONS: Machine<OfferStatus> = {
  available: ['held', 'cancelled', 'completed'],
  held: ['available', 'booked', 'cancelled'],
  booked: ['completed', 'cancelled', 'available'],
  completed: [],
  cancelled: [],
}

export const BOOKING_TRANSITIONS: Machine<BookingStatus> = {
  pending: ['confirmed', 'expired', 'cancelled'],
  confirmed: ['completed', 'cancelled'],
  completed: [],
  expired: [],
  cancelled: [],
}

export const PAYMENT_TRANSITIONS: Machine<PaymentStatus> = {
  requires_payment: ['processing', 'succeeded', 'failed', 'canceled'],
  processing: ['succeeded', 'failed', 'canceled'],
  // A failed attempt can still be followed by a successful retry within the hold.
  failed: ['processing', 'succeeded', 'failed', 'canceled'],
  succeeded: ['refunded', 'partially_refunded'],
  partially_refunded: ['partially_refunded', 'refunded'],
  canceled: [],
  refunded: [],
}

/** A call request is answered once: accepted or rejected by its creator, expired by the job, cancelled by an admin. */
export const CALL_REQUEST_TRANSITIONS: Machine<CallRequestStatus> = {
  pending: ['accepted', 'rejected', 'expired', 'cancelled'],
  accepted: [],
  rejected: [],
  expired: [],
  cancelled: [],
}

export class TransitionError extends Error {
  constructor(
    readonly entity: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(`A ${entity} cannot go from "${from}" to "${to}".`)
    this.name = 'TransitionError'
  }
}

export const canTransition = <S extends string>(machine: Machine<S>, from: S, to: S): boolean => machine[from]?.includes(to) ?? false

/** Every status from which `to` may be reached: the WHERE clause of a conditional update. */
export const fromStatuses = <S extends string>(machine: Machine<S>, to: S): S[] =>
  (Object.keys(machine) as S[]).filter((from) => machine[from].includes(to))

export const assertTransition = <S extends string>(entity: string, machine: Machine<S>, from: S, to: S): void => {
  if (!canTransition(machine, from, to)) throw new TransitionError(entity, from, to)
}

/**
 * Refunds (SPEC §6): requested → approved/rejected by an admin (or approved at once by policy), then
 * paid out at Stripe. failed → succeeded: the job gave up without an answer, but Stripe had made the
 * refund (its webhook carries our refund id) — the refund is completed, not recorded a second time.
 */
export const REFUND_TRANSITIONS: Machine<RefundStatus> = {
  requested: ['approved', 'rejected'],
  approved: ['processing', 'succeeded', 'failed'],
  processing: ['succeeded', 'failed'],
  rejected: [],
  succeeded: [],
  failed: ['processing', 'succeeded'],
}

/**
 * Emails: claimed for sending (`queued`/`retrying` → `sending`), then sent, retried or failed;
 * `stored` when no provider is configured. An admin's resend puts any email back in the queue.
 */
export const EMAIL_TRANSITIONS: Machine<EmailStatus> = {
  queued: ['sending', 'stored', 'queued'],
  // A send that never finished (a worker died mid-send) stays `sending` until an admin resends it.
  sending: ['sent', 'retrying', 'failed', 'stored', 'queued'],
  retrying: ['sending', 'queued', 'stored'],
  sent: ['queued', 'stored'],
  failed: ['queued', 'stored'],
  stored: ['queued', 'stored'],
}

/** Stored webhook events: claimed for processing, then processed, ignored or failed (failed ones are retried). */
export const WEBHOOK_TRANSITIONS: Machine<WebhookStatus> = {
  received: ['processing'],
  processing: ['processed', 'ignored', 'failed', 'processing'],
  failed: ['processing'],
  processed: [],
  ignored: [],
}

/** Scheduled job runs: claimed by one worker, then succeeded or failed (a failed run may be retried). */
export const JOB_RUN_TRANSITIONS: Machine<JobRunStatus> = {
  queued: ['running'],
  running: ['succeeded', 'failed'],
  failed: ['running'],
  succeeded: [],
}

/**
 * Payouts (SPEC §7): requested → approved (admin) → processing (created at Stripe) → paid; or
 * rejected (admin), cancelled (creator while requested, or Stripe's `payout.canceled`), failed
 * (Stripe refused it or reported it failed). Stripe may report a paid payout failed days later, so
 * paid → failed is allowed. A webhook can overtake the job's own record of the Stripe payout, so
 * an approved payout may go straight to paid, failed or cancelled.
 */
export const PAYOUT_TRANSITIONS: Machine<PayoutStatus> = {
  requested: ['approved', 'rejected', 'cancelled'],
  approved: ['processing', 'paid', 'failed', 'cancelled'],
  processing: ['paid', 'failed', 'cancelled'],
  paid: ['failed'],
  rejected: [],
  failed: [],
  cancelled: [],
}

/** Open payouts hold money reserved in the ledger; no second payout in that currency meanwhile. */
export const OPEN_PAYOUT_STATUSES: readonly PayoutStatus[] = ['requested', 'approved', 'processing']

/**
 * Disputes (SPEC §7), mirroring Stripe's dispute status: an inquiry (`warning_*`) may be answered,
 * closed or escalated to a chargeback; a chargeback (`needs_response` → `under_review`) ends won or
 * lost. Stripe's events can arrive in any order: a stale status (e.g. `needs_response` after
 * `under_review`, anything after `won`) is not a transition, so the guarded move ignores it.
 */
export const DISPUTE_TRANSITIONS: Machine<DisputeStatus> = {
  warning_needs_response: ['warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost'],
  warning_under_review: ['warning_closed', 'needs_response', 'under_review', 'won', 'lost'],
  warning_closed: ['needs_response', 'under_review', 'won', 'lost'],
  needs_response: ['under_review', 'won', 'lost'],
  under_review: ['won', 'lost'],
  won: [],
  lost: [],
}
