import { sql } from '@payloadcms/db-postgres'
import type { TaskConfig } from 'payload'

import { retentionCutoffs } from '@/domain/logs'
import { now } from '@/lib/clock'
import { expireCallRequests } from '@/services/callRequests'
import { SETTLE_CANCELLATION_TASK, settleCancellation, type SettleCancellationInput } from '@/services/cancellations'
import { attemptDelivery, dueRetries } from '@/services/email'
import { closePastOffers } from '@/services/offers'
import { expireHolds, onPaymentFailed, onPaymentSucceeded, refundLatePayment } from '@/services/payments'
import { onAccountUpdated } from '@/services/stripeAccounts'
import { processStripeEvent } from '@/services/stripeEvents'
import { getSettings } from '@/services/settings'

import { recordRun, type JobCounts } from './runs'

const runInput = [{ name: 'runId', type: 'number' as const, required: true }]

/** Delivers one email. It never throws: the email's own backoff (retry-emails) decides what next. */
export const sendEmailTask: TaskConfig<'send-email'> = {
  slug: 'send-email',
  inputSchema: [{ name: 'emailLogId', type: 'number', required: true }],
  handler: async ({ input, req }) => {
    await attemptDelivery(req.payload, input!.emailLogId)
    return { output: {} }
  },
}

export const retryEmails = async (payload: Parameters<typeof attemptDelivery>[0]): Promise<JobCounts> => {
  const counts: JobCounts = { due: 0, sent: 0, retrying: 0, failed: 0, stored: 0, skipped: 0 }
  const ids = await dueRetries(payload, 200)
  counts.due = ids.length
  for (const id of ids) counts[await attemptDelivery(payload, id)]++
  return counts
}

export const retryEmailsTask: TaskConfig<'retry-emails'> = {
  slug: 'retry-emails',
  inputSchema: runInput,
  retries: { attempts: 2, backoff: { type: 'exponential', delay: 10_000 } },
  handler: async ({ input, req }) => {
    await recordRun(req.payload, input!.runId, () => retryEmails(req.payload))
    return { output: {} }
  },
}

/** Deletes system logs past their level's retention (SPEC §3: INFO 30 d, WARNING 60 d, ERROR 90 d; CRITICAL kept). */
export const applyLogRetention = async (payload: Parameters<typeof getSettings>[0]): Promise<JobCounts> => {
  const { logRetentionDays } = await getSettings(payload)
  const counts: JobCounts = {}
  for (const { level, before } of retentionCutoffs(now(), logRetentionDays)) {
    const result = (await payload.db.drizzle.execute(
      sql`DELETE FROM system_logs WHERE level = ${level} AND created_at < ${before.toISOString()}`,
    )) as unknown as { rowCount?: number }
    counts[`deleted${level[0]}${level.slice(1).toLowerCase()}`] = result.rowCount ?? 0
  }
  return counts
}

export const logRetentionTask: TaskConfig<'log-retention'> = {
  slug: 'log-retention',
  inputSchema: runInput,
  retries: { attempts: 2, backoff: { type: 'exponential', delay: 60_000 } },
  handler: async ({ input, req }) => {
    await recordRun(req.payload, input!.runId, () => applyLogRetention(req.payload))
    return { output: {} }
  },
}

/** Processes one stored Stripe event; retried with backoff, idempotent by our own record ids. */
export const processStripeEventTask: TaskConfig<'process-stripe-event'> = {
  slug: 'process-stripe-event',
  inputSchema: [{ name: 'webhookEventId', type: 'number', required: true }],
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 } },
  handler: async ({ input, req }) => {
    await processStripeEvent(req.payload, input!.webhookEventId, { onPaymentSucceeded, onPaymentFailed, onAccountUpdated })
    return { output: {} }
  },
}

export const refundLatePaymentTask: TaskConfig<'refund-late-payment'> = {
  slug: 'refund-late-payment',
  inputSchema: [{ name: 'paymentId', type: 'number', required: true }],
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 } },
  handler: async ({ input, req }) => {
    await refundLatePayment(req.payload, input!.paymentId)
    return { output: {} }
  },
}

export const expireHoldsTask: TaskConfig<'expire-holds'> = {
  slug: 'expire-holds',
  inputSchema: runInput,
  retries: { attempts: 2, backoff: { type: 'exponential', delay: 5_000 } },
  handler: async ({ input, req }) => {
    await recordRun(req.payload, input!.runId, () => expireHolds(req.payload))
    return { output: {} }
  },
}

/** Pending call requests whose proposed start − 2 h has passed become `expired`; the fan is told in-app. */
export const expireCallRequestsTask: TaskConfig<'expire-call-requests'> = {
  slug: 'expire-call-requests',
  inputSchema: runInput,
  retries: { attempts: 2, backoff: { type: 'exponential', delay: 30_000 } },
  handler: async ({ input, req }) => {
    await recordRun(req.payload, input!.runId, () => expireCallRequests(req.payload))
    return { output: {} }
  },
}

/**
 * Makes Stripe agree with a cancelled booking (queued by cancelBooking in the request's transaction):
 * pays out its approved refund, or cancels the PaymentIntent of a released hold. Idempotent by our
 * refund and booking ids, so retries are safe.
 */
export const settleCancellationTask: TaskConfig<{ input: SettleCancellationInput; output: object }> = {
  slug: SETTLE_CANCELLATION_TASK,
  inputSchema: [
    { name: 'bookingId', type: 'number', required: true },
    { name: 'refundId', type: 'number' },
  ],
  retries: { attempts: 5, backoff: { type: 'exponential', delay: 10_000 } },
  handler: async ({ input, req }) => {
    await settleCancellation(req.payload, input)
    return { output: {} }
  },
}

/** Offers still `available` past their booking cut-off become `cancelled` (SPEC §4: closed automatically). */
export const closePastOffersTask: TaskConfig<'close-past-offers'> = {
  slug: 'close-past-offers',
  inputSchema: runInput,
  retries: { attempts: 2, backoff: { type: 'exponential', delay: 30_000 } },
  handler: async ({ input, req }) => {
    await recordRun(req.payload, input!.runId, () => closePastOffers(req.payload))
    return { output: {} }
  },
}

export const TASKS = [
  sendEmailTask,
  retryEmailsTask,
  logRetentionTask,
  processStripeEventTask,
  refundLatePaymentTask,
  expireHoldsTask,
  expireCallRequestsTask,
  closePastOffersTask,
  settleCancellationTask,
]
