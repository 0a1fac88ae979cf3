/**
 * The task table: every Payload job task, each one row built by `defineTask`. A task names the
 * service that does the work; scheduled tasks (rows of src/jobs/schedule.ts) take the id of their
 * recorded run and are executed through `recordRun` (status, duration, counts, logs).
 */
import type { Payload, TaskConfig, TypedJobs } from 'payload'

import { completeCalls, sendCallReminders } from '@/services/callJobs'
import { expireCallRequests } from '@/services/callRequests'
import { deleteOldCallSignals } from '@/services/callSignals'
import { SETTLE_CANCELLATION_TASK, settleCancellation } from '@/services/cancellations'
import { attemptDelivery, retryEmails } from '@/services/email'
import { applyLogRetention } from '@/services/logs'
import { closePastOffers } from '@/services/offers'
import { expireHolds, onPaymentFailed, onPaymentSucceeded } from '@/services/payments'
import { onAccountUpdated } from '@/services/stripeAccounts'
import { SEND_DISPUTE_EVIDENCE_TASK, sendDisputeEvidence } from '@/services/disputeEvidence'
import { onDisputeEvent, SETTLE_DISPUTE_TASK, settleDispute } from '@/services/disputes'
import { CREATE_PAYOUT_TASK, onPayoutEvent, runScheduledPayouts, sendPayout } from '@/services/payouts'
import { onRefundEvent, reverseRefundTransfer } from '@/services/refundEvents'
import { EXECUTE_REFUND_TASK, executeRefund, refundLatePayment, REVERSE_REFUND_TRANSFER_TASK } from '@/services/refunds'
import { RECONCILE_TASK, reconcileBalances } from '@/services/reconciliation'
import { processStripeEvent } from '@/services/stripeEvents'
import { CREATE_CALL_ROOM_TASK, createCallRoom, deleteExpiredRooms } from '@/services/calls'
import { PROCESS_DAILY_EVENT_TASK, processDailyEvent } from '@/services/dailyEvents'

import { recordRun, type JobCounts } from './runs'

type TaskSlug = keyof TypedJobs['tasks']
type RetryConfig = Exclude<TaskConfig['retries'], number | undefined>

/** A task's input fields: all numbers (record ids); `number?` may be absent. */
type InputShape = Record<string, 'number' | 'number?'>
type InputOf<S extends InputShape> = { [K in keyof S as S[K] extends 'number' ? K : never]: number } & {
  [K in keyof S as S[K] extends 'number?' ? K : never]?: number | null
}

type Retries = { retries?: RetryConfig }
type TaskSpec<S extends InputShape> = Retries & {
  slug: TaskSlug
  scheduled?: false
  input: S
  /** `attempt.last`: no retry follows if this run throws (the task gives up for good: record the failure). */
  run: (payload: Payload, input: InputOf<S>, attempt: { last: boolean }) => Promise<unknown>
}
/** A row of the schedule: its input is the recorded run's id; `run` returns the counts stored on it. */
type ScheduledSpec = Retries & { slug: TaskSlug; scheduled: true; run: (payload: Payload) => Promise<JobCounts> }

/** Builds one task. Handlers return no output: what a task did is in its records, runs and logs. */
export function defineTask<S extends InputShape>(spec: TaskSpec<S>): TaskConfig
export function defineTask(spec: ScheduledSpec): TaskConfig
export function defineTask(spec: TaskSpec<InputShape> | ScheduledSpec): TaskConfig {
  const input: InputShape = spec.scheduled ? { runId: 'number' } : spec.input
  return {
    slug: spec.slug,
    inputSchema: Object.entries(input).map(([name, type]) => (type === 'number' ? { name, type: 'number', required: true } : { name, type: 'number' })),
    ...(spec.retries ? { retries: spec.retries } : {}),
    handler: async ({ input: given, req, job }) => {
      if (spec.scheduled) await recordRun(req.payload, (given as { runId: number }).runId, () => spec.run(req.payload))
      else {
        // Payload retries a task `attempts` times after its first run; earlier failures are in the job's log.
        const failures = (job.log ?? []).filter((entry) => entry.taskSlug === spec.slug && entry.state === 'failed').length
        await spec.run(req.payload, given as InputOf<InputShape>, { last: failures >= (spec.retries?.attempts ?? 0) })
      }
      return { output: {} }
    },
  }
}

const backoff = (attempts: number, delay: number): RetryConfig => ({ attempts, backoff: { type: 'exponential', delay } })

export const TASKS: TaskConfig[] = [
  /** Delivers one email. It never throws: the email's own backoff (retry-emails) decides what next. */
  defineTask({ slug: 'send-email', input: { emailLogId: 'number' }, run: (payload, { emailLogId }) => attemptDelivery(payload, emailLogId) }),
  defineTask({ slug: 'retry-emails', scheduled: true, retries: backoff(2, 10_000), run: retryEmails }),
  /** Deletes system logs past their level's retention (CRITICAL kept), and peer-to-peer signals a day after their call ended. */
  defineTask({
    slug: 'log-retention',
    scheduled: true,
    retries: backoff(2, 60_000),
    run: async (payload) => ({ ...(await applyLogRetention(payload)), deletedCallSignals: await deleteOldCallSignals(payload) }),
  }),
  /** Processes one stored Stripe event; retried with backoff, idempotent by our own record ids. */
  defineTask({
    slug: 'process-stripe-event',
    input: { webhookEventId: 'number' },
    retries: backoff(5, 5_000),
    run: (payload, { webhookEventId }) =>
      processStripeEvent(payload, webhookEventId, { onPaymentSucceeded, onPaymentFailed, onAccountUpdated, onPayoutEvent, onRefundEvent, onDisputeEvent }),
  }),
  /**
   * Creates an approved payout on the creator's connected account (idempotency key from our payout
   * id, so retries get the same Stripe payout); on the last failed attempt the payout is `failed`,
   * its amount back in the balance and admins told.
   */
  defineTask({
    slug: CREATE_PAYOUT_TASK,
    input: { payoutId: 'number' },
    retries: backoff(5, 10_000),
    run: (payload, { payoutId }, attempt) => sendPayout(payload, payoutId, { lastAttempt: attempt.last }),
  }),
  /** Pays out the refund of a payment that arrived after its booking released the slot (approved with the payment). */
  defineTask({
    slug: 'refund-late-payment',
    input: { paymentId: 'number' },
    retries: backoff(5, 10_000),
    run: (payload, { paymentId }, attempt) => refundLatePayment(payload, paymentId, { lastAttempt: attempt.last }),
  }),
  /**
   * Pays out one approved refund at Stripe (idempotency key from our refund id, so retries get the
   * same Stripe refund); on the last failed attempt the refund is `failed` and admins told.
   */
  defineTask({
    slug: EXECUTE_REFUND_TASK,
    input: { refundId: 'number' },
    retries: backoff(5, 10_000),
    run: (payload, { refundId }, attempt) => executeRefund(payload, refundId, { lastAttempt: attempt.last }),
  }),
  /** Recovers the creator's share of a refund made in the Stripe dashboard without reversing the transfer. */
  defineTask({
    slug: REVERSE_REFUND_TRANSFER_TASK,
    input: { refundId: 'number' },
    retries: backoff(5, 10_000),
    run: (payload, { refundId }, attempt) => reverseRefundTransfer(payload, refundId, { lastAttempt: attempt.last }),
  }),
  /**
   * Daily 03:00 UTC: the debt rule for creators blocked for debt, then a payout of everything
   * available for creators whose schedule is due (daily; weekly on Mondays; monthly on the 1st),
   * through the same request path as a creator's own, approved automatically unless the platform
   * setting asks for an admin.
   */
  defineTask({ slug: 'scheduled-payouts', scheduled: true, retries: backoff(2, 60_000), run: runScheduledPayouts }),
  /**
   * Makes Stripe agree with a dispute's ledger entries: reverses the creator's share from the
   * charge's transfer once the funds are withdrawn, transfers it back once they are reinstated
   * (idempotency keys from our dispute id); the last failed attempt is a CRITICAL log and admins told.
   */
  defineTask({
    slug: SETTLE_DISPUTE_TASK,
    input: { disputeId: 'number' },
    retries: backoff(5, 10_000),
    run: (payload, { disputeId }, attempt) => settleDispute(payload, disputeId, { lastAttempt: attempt.last }),
  }),
  /**
   * Sends a dispute's latest saved evidence to Stripe, staged or submitted as the admin asked
   * (idempotency key from our dispute id and the evidence version); the last failed attempt keeps
   * the reason on the dispute and tells admins.
   */
  defineTask({
    slug: SEND_DISPUTE_EVIDENCE_TASK,
    input: { disputeId: 'number' },
    retries: backoff(5, 10_000),
    run: (payload, { disputeId }, attempt) => sendDisputeEvidence(payload, disputeId, { lastAttempt: attempt.last }),
  }),
  defineTask({ slug: 'expire-holds', scheduled: true, retries: backoff(2, 5_000), run: expireHolds }),
  /** Reminders 24 h (bookings made ≥ 24 h ahead) and 15 min before a confirmed call, to fan and creator, each once (flag claimed with the notifications). */
  defineTask({ slug: 'call-reminders', scheduled: true, retries: backoff(2, 10_000), run: (payload) => sendCallReminders(payload) }),
  /** Decides each ended call once from the provider's attendance: completed, creator no-show (refunded), fan no-show (paid), nobody (admin). */
  defineTask({ slug: 'complete-calls', scheduled: true, retries: backoff(2, 30_000), run: (payload) => completeCalls(payload) }),
  /** Pending call requests whose proposed start − 2 h has passed become `expired`; the fan is told in-app. */
  defineTask({ slug: 'expire-call-requests', scheduled: true, retries: backoff(2, 30_000), run: expireCallRequests }),
  /** Offers still `available` past their booking cut-off become `cancelled` (SPEC §4: closed automatically). */
  defineTask({ slug: 'close-past-offers', scheduled: true, retries: backoff(2, 30_000), run: closePastOffers }),
  /**
   * Every connected account and currency: ledger + payouts not yet at Stripe = Stripe's balance; drift
   * is a CRITICAL log and an admin notification (a drift is a result, not an error: only a failing database retries).
   */
  defineTask({ slug: RECONCILE_TASK, scheduled: true, retries: backoff(2, 60_000), run: reconcileBalances }),
  /**
   * Makes Stripe agree with a cancelled booking (queued by cancelBooking in the request's transaction):
   * pays out its approved refund, or cancels the PaymentIntent of a released hold. Idempotent by our
   * refund and booking ids, so retries are safe.
   */
  defineTask({
    slug: SETTLE_CANCELLATION_TASK,
    input: { bookingId: 'number', refundId: 'number?' },
    retries: backoff(5, 10_000),
    run: (payload, input, attempt) => settleCancellation(payload, input, { lastAttempt: attempt.last }),
  }),
  /**
   * Creates a confirmed booking's Daily room (queued in the confirming transaction): stable name per
   * booking, so a retry finds the room an earlier attempt made; after the last attempt the room is
   * `failed`, logged and admins told (the booking stays confirmed).
   */
  defineTask({
    slug: CREATE_CALL_ROOM_TASK,
    input: { bookingId: 'number' },
    retries: backoff(5, 5_000),
    run: (payload, { bookingId }, attempt) => createCallRoom(payload, bookingId, { lastAttempt: attempt.last }),
  }),
  /** Processes one stored Daily event into provider call events (attendance); idempotent by the webhook row. */
  defineTask({
    slug: PROCESS_DAILY_EVENT_TASK,
    input: { webhookEventId: 'number' },
    retries: backoff(5, 5_000),
    run: (payload, { webhookEventId }) => processDailyEvent(payload, webhookEventId),
  }),
  /** Deletes Daily rooms past their expiry (end + 10 min) or of cancelled bookings, at most 2 per second. */
  defineTask({ slug: 'delete-call-rooms', scheduled: true, retries: backoff(2, 60_000), run: (payload) => deleteExpiredRooms(payload) }),
]
