/**
 * The one refund path (SPEC §7). Every refund is a `refunds` row: requested by a fan or an admin
 * (`POST /api/refunds/request`), approved at once under a policy (cancellations, late payments, the
 * fan's early request, a creator's no-show) or by an admin, then paid out at Stripe by one job
 * (`executeRefund`: `reverse_transfer` + `refund_application_fee`, idempotency key `refund/<id>`),
 * which writes the payment's refunded amount, the creator's `refund` ledger entry (their share,
 * `creatorShareOfRefund`), the transaction log and the fan's notification in one transaction, and
 * cancels the booking when a full refund comes before the call. Refunds made outside the app (the
 * Stripe dashboard) are in ./refundEvents.ts.
 */
import type { Payload, PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { cancelBooking as cancelBookingRow, moveOfferAfterCancellation } from '@/db/bookings'
import { insertLedgerEntry } from '@/db/ledger'
import { lockPaymentForRefund, setRefundedAmount } from '@/db/payments'
import { approveRefundRow, committedRefunds, insertRefund, bookingStatusOf, latePaymentRefundId, lockBooking, lockPayment, otherSucceededRefunds, refundById, refundFailed, refundRequestRow, refundSucceeded, rejectRefundRow, startRefund, type RefundRow } from '@/db/refunds'
import { runner, withTransaction, type Run } from '@/db/run'
import { offerAfterCancellation, type Canceller, type RefundPolicy } from '@/domain/cancellation'
import { logActorOf } from '@/domain/logs'
import { money } from '@/domain/money'
import { cancelsBooking, creatorShareOfRefund, decideRefundRequest, disputeRefusal, feeRefundOf, refundableOf, type RefundRequester } from '@/domain/refunds'
import { Refusal } from '@/domain/refusal'
import type { RefundStatus } from '@/domain/transitions'
import { formatMoneyForTag } from '@/i18n/format'
import { storefrontPaths } from '@/i18n/locale'
import { stripeClient } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'

import { reviewDebtBlock } from './blocks'
import { logSystem, logTransaction } from './logs'
import { notify, notifyAdmins } from './notifications'
import { getSettings } from './settings'

/** The job that pays out an approved refund at Stripe (src/jobs/tasks.ts). */
export const EXECUTE_REFUND_TASK = 'execute-refund' as const
/** The job that recovers the creator's share of a dashboard refund Stripe did not reverse. */
export const REVERSE_REFUND_TRANSFER_TASK = 'reverse-refund-transfer' as const

export type RefundSummary = { id: number; booking: number; payment: number; amount: number; currency: string; status: RefundStatus; policy: RefundPolicy | null }

type Viewer = { userId: number; role: string | null }

export const FAN_BOOKINGS = storefrontPaths('/account')
export const refundLink = (id: number) => `/admin/collections/refunds/${id}`
const POLICY_REASON: Partial<Record<RefundPolicy, string>> = {
  fan_early_cancellation: 'Approved automatically: requested before the free-cancellation deadline (cancellation policy).',
  creator_no_show: 'Approved automatically: the creator did not attend the call.',
}
/** The decision reason of an admin's own refund (policy `manual`, decided by that admin). */
export const ADMIN_INITIATED_REASON = 'Admin-initiated refund: approved at once by the admin who made it.'

const notFound = () => new Refusal(404, 'NOT_FOUND', 'This booking does not exist.')

// ---------------------------------------------------------------------------------------------
// Requests and decisions.

/**
 * `POST /api/refunds/request {bookingId, reason, amount?}` by the booking's fan or an admin. Under
 * the booking's and the payment's locks: the decider says how much and whether it is approved at
 * once — a policy case, or an admin's own refund (admin-initiated: policy `manual`, decided by that
 * admin) — then the `execute-refund` job is queued in the same transaction; otherwise the request
 * waits and admins are told.
 */
export const requestRefund = async (payload: Payload, viewer: Viewer, input: { bookingId: number; reason: string; amount?: number }): Promise<{ refund: RefundSummary }> => {
  const settings = await getSettings(payload)
  return withTransaction(payload, async (req, run) => {
    const refund = await openRefund(payload, req, run, settings.freeCancellationHours, { viewer }, input)
    if (refund instanceof Refusal) throw refund
    return { refund }
  })
}

/**
 * The same path for the platform itself, inside the caller's transaction (the call completion job:
 * a creator's no-show is refunded in full at once under `creator_no_show`; a call nobody attended
 * opens a request an admin decides). The refusal (nothing to refund, a disputed payment…) is
 * returned, not thrown: the caller records what it could not do.
 */
export const requestSystemRefund = async (payload: Payload, req: PayloadRequest, run: Run, input: { bookingId: number; reason: string }): Promise<RefundSummary | Refusal> => {
  const settings = await getSettings(payload, req)
  return openRefund(payload, req, run, settings.freeCancellationHours, { system: true }, input)
}

type Requester = { viewer: Viewer } | { system: true }

const openRefund = async (
  payload: Payload,
  req: PayloadRequest,
  run: Run,
  freeCancellationHours: number,
  requester: Requester,
  input: { bookingId: number; reason: string; amount?: number },
): Promise<RefundSummary | Refusal> => {
  const viewer = 'viewer' in requester ? requester.viewer : null
  let row = await refundRequestRow(run, input.bookingId)
  if (!row) return notFound()
  const by: RefundRequester | null = !viewer ? 'system' : row.fan_id === viewer.userId ? 'fan' : viewer.role === 'admin' ? 'admin' : null
  if (!by) return new Refusal(403, 'FORBIDDEN', 'Only the fan who booked this call, or an admin, can request a refund for it.')
  if (row.payment_id) {
    await lockPayment(run, row.payment_id)
    row = (await refundRequestRow(run, input.bookingId))!
  }
  if (by === 'fan' && Number(row.open_requests) > 0) {
    return new Refusal(409, 'REFUND_ALREADY_OPEN', 'Your refund request for this booking is already waiting for a decision.')
  }
  const at = now()
  const decision = decideRefundRequest({
    now: at,
    by,
    booking: { status: row.booking_status, startsAt: new Date(row.starts_at), creatorNoShow: Boolean(row.no_show_creator), fanNoShow: Boolean(row.no_show_fan) },
    payment:
      row.payment_id === null
        ? null
        : {
            status: row.payment_status!,
            amount: Number(row.amount),
            refunded: Number(row.refunded_amount ?? 0),
            committed: Number(row.committed),
            currency: row.currency!,
            disputeStatus: row.dispute_status,
          },
    amount: input.amount,
    freeCancellationHours,
  })
  if (decision instanceof Refusal) return decision
  const currency = row.currency!
  const byAdmin = by === 'admin' && decision.status === 'approved'
  const id = await insertRefund(run, {
    paymentId: row.payment_id!,
    bookingId: row.booking_id,
    fanId: row.fan_id,
    creatorId: row.creator_id,
    amount: decision.amount,
    currency,
    reason: input.reason,
    status: decision.status,
    policy: decision.policy,
    requestedBy: viewer?.userId ?? null,
    decidedBy: byAdmin ? viewer!.userId : null,
    decisionReason: byAdmin ? ADMIN_INITIATED_REASON : decision.policy ? POLICY_REASON[decision.policy] : null,
    decidedAt: decision.status === 'approved' ? at : null,
  })
  await logTransaction(payload, {
    req,
    type: decision.status === 'approved' ? 'refund.approved' : 'refund.requested',
    entityType: 'refund',
    entityId: id,
    amount: decision.amount,
    currency,
    status: decision.status,
    providerIds: row.payment_intent_id ? { paymentIntent: row.payment_intent_id } : undefined,
    metadata: { bookingId: row.booking_id, paymentId: row.payment_id, policy: decision.policy, requestedBy: by, userId: viewer?.userId ?? null, ...(byAdmin ? { adminId: viewer!.userId, adminInitiated: true } : {}) },
  })
  if (decision.status === 'approved') await queueRefund(payload, req, id)
  else {
    await notifyAdmins(payload, {
      req,
      message: 'refund_requested',
      data: { title: row.title, amount: decision.amount, currency, refundId: id },
      link: refundLink(id),
      metadata: { refundId: id, bookingId: row.booking_id, paymentId: row.payment_id },
      emailKey: `refund-requested/${id}`,
    })
  }
  await logSystem(payload, {
    req,
    level: 'INFO',
    type: 'refund.requested',
    actor: viewer ? logActorOf(viewer.role) : 'SYSTEM',
    actorId: viewer?.userId,
    message: `Refund ${id} of ${decision.amount} ${currency} for booking ${row.booking_id} ${byAdmin ? 'made (admin-initiated, approved at once)' : decision.status === 'approved' ? `approved under ${decision.policy}` : 'requested'} by the ${by}`,
    metadata: { refundId: id, bookingId: row.booking_id, policy: decision.policy, adminInitiated: byAdmin, reason: input.reason },
  })
  return { id, booking: row.booking_id, payment: row.payment_id!, amount: decision.amount, currency, status: decision.status, policy: decision.policy }
}

const queueRefund = (payload: Payload, req: PayloadRequest, refundId: number) => payload.jobs.queue({ task: EXECUTE_REFUND_TASK, input: { refundId }, req })

export type PolicyRefund = {
  paymentId: number
  bookingId: number
  fanId: number
  creatorId: number
  amount: number
  currency: string
  reason: string
  policy: RefundPolicy
  requestedBy: number | null
  decisionReason: string
  at: Date
  paymentIntentId: string | null
  metadata: Record<string, unknown>
}

/**
 * A refund approved by policy inside the caller's transaction (a cancellation, a late payment): the
 * row and its transaction log. The caller queues the job that pays it out (cancellations through
 * `settle-cancellation`, which also releases holds; late payments through `refund-late-payment`).
 */
export const approvePolicyRefund = async (payload: Payload, req: PayloadRequest, run: Run, r: PolicyRefund): Promise<number> => {
  const id = await insertRefund(run, {
    paymentId: r.paymentId,
    bookingId: r.bookingId,
    fanId: r.fanId,
    creatorId: r.creatorId,
    amount: r.amount,
    currency: r.currency,
    reason: r.reason,
    status: 'approved',
    policy: r.policy,
    requestedBy: r.requestedBy,
    decisionReason: r.decisionReason,
    decidedAt: r.at,
  })
  await logTransaction(payload, {
    req,
    type: 'refund.approved',
    entityType: 'refund',
    entityId: id,
    amount: r.amount,
    currency: r.currency,
    status: 'approved',
    providerIds: r.paymentIntentId ? { paymentIntent: r.paymentIntentId } : undefined,
    metadata: { bookingId: r.bookingId, paymentId: r.paymentId, policy: r.policy, ...r.metadata },
  })
  return id
}

const lockedRefund = async (run: Run, refundId: number): Promise<RefundRow> => {
  const r = await refundById(run, refundId, true)
  if (!r) throw new Refusal(404, 'NOT_FOUND', `Refund ${refundId} not found.`)
  return r
}

const notPending = (r: Pick<RefundRow, 'id' | 'status'>) =>
  new Refusal(409, 'REFUND_NOT_PENDING', `Refund ${r.id} is ${r.status}, not requested: it can no longer be approved or rejected.`)

const summaryOf = (r: RefundRow, status: RefundStatus, policy: RefundPolicy | null = r.policy): RefundSummary => ({
  id: r.id,
  booking: r.booking_id,
  payment: r.payment_id,
  amount: Number(r.amount),
  currency: r.currency,
  status,
  policy,
})

/**
 * `POST /api/refunds/:id/approve` (admin): requested → approved if it still fits in what is left of
 * the payment and its payment has no dispute (open, won or lost: `disputeRefusal`); the `execute-refund` job is queued in the same transaction.
 * Of concurrent approvals exactly one moves the row; the others get 409 and queue nothing.
 */
export const approveRefund = async (payload: Payload, input: { refundId: number; adminId: number }): Promise<{ refund: RefundSummary }> =>
  withTransaction(payload, async (req, run) => {
    const r = await lockedRefund(run, input.refundId)
    if (r.status !== 'requested') throw notPending(r)
    const disputed = disputeRefusal(r.dispute_status)
    if (disputed) throw disputed
    const maximum = refundableOf({ status: r.payment_status, amount: Number(r.payment_amount), refunded: Number(r.refunded_amount ?? 0), committed: await committedRefunds(run, r.payment_id, r.id) })
    if (Number(r.amount) > maximum) {
      throw new Refusal(422, 'REFUND_OVER_MAXIMUM', `This refund is more than what is left to refund: at most ${formatMoneyForTag(money(maximum, r.currency), 'en')}. Reject it and ask for a new one.`, undefined, {
        maximum,
        currency: r.currency,
      })
    }
    if (!(await approveRefundRow(run, r.id, input.adminId, now()))) throw notPending(r)
    await logTransaction(payload, {
      req,
      type: 'refund.approved',
      entityType: 'refund',
      entityId: r.id,
      amount: Number(r.amount),
      currency: r.currency,
      status: 'approved',
      providerIds: r.payment_intent_id ? { paymentIntent: r.payment_intent_id } : undefined,
      metadata: { bookingId: r.booking_id, paymentId: r.payment_id, adminId: input.adminId },
    })
    await queueRefund(payload, req, r.id)
    return { refund: summaryOf(r, 'approved', r.policy ?? 'manual') }
  })

/** `POST /api/refunds/:id/reject {reason}` (admin): requested → rejected, the fan told why. */
export const rejectRefund = async (payload: Payload, input: { refundId: number; adminId: number; reason: string }): Promise<{ refund: RefundSummary }> =>
  withTransaction(payload, async (req, run) => {
    const r = await lockedRefund(run, input.refundId)
    if (r.status !== 'requested' || !(await rejectRefundRow(run, r.id, input.adminId, input.reason, now()))) throw notPending(r)
    await logTransaction(payload, {
      req,
      type: 'refund.rejected',
      entityType: 'refund',
      entityId: r.id,
      amount: Number(r.amount),
      currency: r.currency,
      status: 'rejected',
      metadata: { bookingId: r.booking_id, paymentId: r.payment_id, adminId: input.adminId, reason: input.reason },
    })
    await notify(payload, {
      req,
      userId: r.fan_id,
      message: 'refund_rejected',
      data: { title: r.title, reason: input.reason },
      link: FAN_BOOKINGS,
      metadata: { refundId: r.id, bookingId: r.booking_id },
      emailKey: `refund-rejected/${r.id}`,
    })
    return { refund: summaryOf(r, 'rejected') }
  })

// ---------------------------------------------------------------------------------------------
// The job side: the only place refunds talk to Stripe.

export type RefundOutcome = 'refunded' | 'refund_failed' | 'nothing'

export const isPermanentStripeError = (error: unknown): boolean => (error as { type?: string } | null)?.type === 'StripeInvalidRequestError'

/**
 * The `execute-refund` job (and the refund half of `settle-cancellation` and `refund-late-payment`):
 * the Stripe refund under the idempotency key `refund/<id>` (a retry gets the same refund back),
 * then in one transaction: refund succeeded, payment refunded, the creator's `refund` ledger entry,
 * the booking cancelled when a full refund comes before the call, the transaction log, the fan
 * told. Stripe failing is retried by the job; Stripe refusing the request, or the last attempt,
 * marks the refund `failed` with the reason and tells admins: nothing else is written.
 */
export const executeRefund = async (payload: Payload, refundId: number, { lastAttempt = false }: { lastAttempt?: boolean } = {}): Promise<RefundOutcome> => {
  const run = runner(payload)
  const r = await refundById(run, refundId)
  if (!r || !['approved', 'processing'].includes(r.status) || !r.payment_intent_id) return 'nothing'
  await startRefund(run, refundId)
  const amount = Number(r.amount)

  let stripeRefund: Stripe.Refund
  try {
    stripeRefund = await stripeClient().refunds.create(
      {
        payment_intent: r.payment_intent_id,
        amount,
        reverse_transfer: true,
        refund_application_fee: true,
        metadata: { refundId: String(r.id), bookingId: String(r.booking_id), paymentId: String(r.payment_id), policy: r.policy ?? '' },
      },
      { idempotencyKey: `refund/${r.id}` },
    )
    if (stripeRefund.status === 'failed' || stripeRefund.status === 'canceled') {
      throw Object.assign(new Error(`Stripe refund ${stripeRefund.id} is ${stripeRefund.status}${stripeRefund.failure_reason ? `: ${stripeRefund.failure_reason}` : ''}.`), {
        type: 'StripeInvalidRequestError',
      })
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (!isPermanentStripeError(error) && !lastAttempt) {
      await logSystem(payload, { level: 'WARNING', type: 'refund.stripe_retry', message: `Refund ${r.id} not made yet at Stripe (will retry): ${message}`, metadata: { refundId: r.id, bookingId: r.booking_id } })
      throw error
    }
    // The last attempt failed without Stripe refusing it: the refund may have been made and only the
    // answer lost (a timeout). Stripe's list of the payment's refunds says; found, it carries on as made.
    const made = isPermanentStripeError(error) ? null : await refundMadeAtStripe(r)
    if (!made) {
      // Stripe refuses the request itself (e.g. the charge is disputed), or we gave up: an admin must look.
      await markRefundFailed(payload, r, message, lastAttempt)
      return 'refund_failed'
    }
    await logSystem(payload, {
      level: 'WARNING',
      type: 'refund.answer_lost',
      message: `Refund ${r.id}: the last attempt got no answer (${message}) but Stripe made refund ${made.id}; recorded as made`,
      metadata: { refundId: r.id, bookingId: r.booking_id, stripeRefundId: made.id },
    })
    stripeRefund = made
  }

  // What Stripe took back from the creator: read before the transaction (a failure is retried; the refund is idempotent).
  let taken: StripeTakeBack
  try {
    taken = await stripeTakeBack(payload, r.payment_id, r.id, stripeRefund, true)
  } catch (error) {
    if (!isPermanentStripeError(error) && !lastAttempt) throw error
    await markRefundFailed(payload, r, error instanceof Error ? error.message : String(error), lastAttempt)
    return 'refund_failed'
  }

  return recordRefundMade(payload, r, stripeRefund, taken)
}

/**
 * Our refund as Stripe made it, found by the `refundId` of its metadata among the payment's refunds
 * (null when there is none, or when Stripe cannot be asked either). Only a succeeded or pending
 * refund counts: a failed or canceled one gave nothing back.
 */
const refundMadeAtStripe = async (r: Pick<RefundRow, 'id' | 'payment_intent_id'>): Promise<Stripe.Refund | null> => {
  try {
    for await (const refund of stripeClient().refunds.list({ payment_intent: r.payment_intent_id!, limit: 100 })) {
      if (refund.metadata?.refundId === String(r.id)) return refund.status === 'succeeded' || refund.status === 'pending' ? refund : null
    }
  } catch {
    // Stripe still not answering: the refund stays unknown (its webhook completes it if it was made).
  }
  return null
}

/**
 * Records a refund Stripe made, in one transaction: refund succeeded (from `from`: the job's
 * approved/processing, or `failed` when the webhook shows that a refund we gave up on was made),
 * payment refunded, the creator's `refund` ledger entry, the debt rule, the transaction log, the fan
 * told, the booking cancelled when a full refund comes before the call. `nothing` when the refund
 * had already moved on (recorded by someone else).
 */
export const recordRefundMade = async (
  payload: Payload,
  r: RefundRow,
  stripeRefund: Stripe.Refund,
  taken: StripeTakeBack,
  from: readonly RefundStatus[] = ['approved', 'processing'],
): Promise<'refunded' | 'nothing'> => {
  const amount = Number(r.amount)
  return withTransaction(payload, async (req, run) => {
    await lockBooking(run, r.booking_id)
    if (!(await refundSucceeded(run, r.id, stripeRefund.id, idOf(stripeRefund.transfer_reversal), from))) {
      return 'nothing'
    }
    const applied = await applyRefundToPayment(run, r, stripeRefund.id, taken)
    await logShareDifference(payload, req, r, applied)
    // A refund can leave the creator in debt above the threshold: the debt rule may block payouts.
    if (applied.creatorShare > 0) await reviewDebtBlock(payload, r.creator_id, { req, run })
    await logTransaction(payload, {
      req,
      type: 'refund.succeeded',
      entityType: 'refund',
      entityId: r.id,
      amount,
      currency: r.currency,
      status: 'succeeded',
      providerIds: { paymentIntent: r.payment_intent_id!, refund: stripeRefund.id },
      metadata: {
        bookingId: r.booking_id,
        paymentId: r.payment_id,
        policy: r.policy,
        creatorShare: applied.creatorShare,
        expectedShare: applied.expectedShare,
        reverseTransfer: true,
        refundApplicationFee: true,
        ...(from.includes('failed') ? { afterFailure: true } : {}),
      },
    })
    if (r.policy === 'late_payment') {
      await notify(payload, { req, userId: r.fan_id, message: 'refund_approved.late_payment', data: {}, metadata: { paymentId: r.payment_id, bookingId: r.booking_id }, emailKey: `late-refund/${r.payment_id}` })
    } else {
      await notify(payload, {
        req,
        userId: r.fan_id,
        message: 'refund_approved.paid_out',
        data: { title: r.title, amount, currency: r.currency },
        link: FAN_BOOKINGS,
        metadata: { refundId: r.id, bookingId: r.booking_id, paymentId: r.payment_id },
        emailKey: `refund-approved/${r.id}`,
      })
    }
    if (applied.full) await cancelBookingAfterFullRefund(payload, req, run, r, applied)
    return 'refunded'
  })
}

/** A Stripe id, whether the field holds the id or the expanded object. */
export const idOf = (value: string | { id: string } | null | undefined): string | null => (typeof value === 'string' ? value : (value?.id ?? null))

/** What Stripe took back from the creator's account for a refund: its transfer reversal, and the fee-returning refunds before it. */
export type StripeTakeBack = { reversed: number; returnsFee: boolean; feeReturnedBefore: number } | null

/**
 * Reads what Stripe did for a refund: the amount of its transfer reversal (none: 0), and how much of
 * the payment was refunded before by refunds that returned the application fee (ours always do;
 * a dashboard refund did when Stripe reversed the transfer with it). Null for a dashboard refund
 * without a reversal: nothing was taken from the creator (the recovery job books what it reverses).
 */
export const stripeTakeBack = async (payload: Payload, paymentId: number, refundId: number | null, refund: Stripe.Refund, ours: boolean): Promise<StripeTakeBack> => {
  const stripe = stripeClient()
  const reversalId = idOf(refund.transfer_reversal)
  if (!ours && !reversalId) return null
  let reversed = 0
  if (reversalId) {
    const charge = await stripe.charges.retrieve(idOf(refund.charge)!)
    reversed = (await stripe.transfers.retrieveReversal(idOf(charge.transfer)!, reversalId)).amount
  }
  let feeReturnedBefore = 0
  for (const other of await otherSucceededRefunds(runner(payload), paymentId, refundId)) {
    if (other.policy !== 'stripe_dashboard') feeReturnedBefore += other.amount
    else if (other.stripe_refund_id && idOf((await stripe.refunds.retrieve(other.stripe_refund_id)).transfer_reversal)) feeReturnedBefore += other.amount
  }
  return { reversed, returnsFee: true, feeReturnedBefore }
}

/**
 * The payment's refunded amount and status, and the creator's ledger `refund` entry (negative): what
 * Stripe actually took back from the creator's account — the refund's transfer reversal minus the
 * application fee it returned (`feeRefundOf`) — not the expected share (`creatorShareOfRefund`,
 * returned as `expectedShare` so a difference can be logged). No entry when Stripe took nothing
 * (`taken` null: a dashboard refund without a reversal, booked by the recovery job). The entry
 * becomes available when the earning it cancels does, so a refund of a still-pending earning cancels
 * it out in the pending balance instead of showing as debt. A payment that never earned the creator
 * anything (a late payment) writes no entry.
 */
export const applyRefundToPayment = async (run: Run, r: Pick<RefundRow, 'id' | 'payment_id' | 'amount' | 'currency' | 'creator_id' | 'booking_id' | 'title' | 'policy'>, stripeRefundId: string, taken: StripeTakeBack) => {
  const p = (await lockPaymentForRefund(run, r.payment_id))!
  const paid = money(Number(p.amount), p.currency)
  const before = money(Number(p.refunded_amount ?? 0), p.currency)
  const refund = money(Number(r.amount), r.currency)
  const expected = creatorShareOfRefund({ amount: paid, platformFee: money(Number(p.platform_fee), p.currency) }, before, refund)
  const creatorShare = taken === null ? null : taken.reversed - (taken.returnsFee ? feeRefundOf({ amount: paid.amount, platformFee: Number(p.platform_fee) }, taken.feeReturnedBefore, refund.amount) : 0)
  const after = before.amount + refund.amount
  const full = after >= paid.amount
  await setRefundedAmount(run, r.payment_id, after, full ? 'refunded' : 'partially_refunded')
  const earningAt = p.earning_available_at ? new Date(p.earning_available_at) : null
  if (creatorShare && earningAt) {
    await insertLedgerEntry(run, {
      creatorId: r.creator_id,
      currency: r.currency,
      type: 'refund',
      amount: -creatorShare,
      availableAt: refundAvailableAt(earningAt),
      sourceType: 'refund',
      sourceRef: String(r.id),
      memo: `Refund of booking ${r.booking_id}: ${r.title} (${r.policy ?? 'refund'}, ${stripeRefundId})`.slice(0, 500),
    })
  }
  return { creatorShare: earningAt ? (creatorShare ?? 0) : 0, expectedShare: earningAt ? expected.amount : 0, stripeTook: creatorShare, full, paid: paid.amount, refundedAfter: after, booked: Boolean(earningAt) }
}

export const refundAvailableAt = (earningAt: Date): Date => {
  const at = now()
  return earningAt > at ? earningAt : at
}

/** Stripe took back a different amount than the expected share: the ledger follows Stripe; say so. */
export const logShareDifference = async (payload: Payload, req: PayloadRequest, r: Pick<RefundRow, 'id' | 'booking_id' | 'currency'>, applied: { creatorShare: number; expectedShare: number; stripeTook: number | null; booked: boolean }) => {
  if (!applied.booked || applied.stripeTook === null || applied.stripeTook === applied.expectedShare) return
  await logSystem(payload, {
    req,
    level: 'WARNING',
    type: 'refund.share_differs',
    message: `Refund ${r.id} (booking ${r.booking_id}): Stripe took ${applied.stripeTook} ${r.currency} back from the creator, expected ${applied.expectedShare}; the ledger follows Stripe`,
    metadata: { refundId: r.id, expected: applied.expectedShare, stripe: applied.stripeTook },
  })
}

/**
 * A full refund before the call cancels the booking (SPEC §7): confirmed and not started →
 * cancelled by whoever asked for the refund (an admin for refunds made in the Stripe dashboard),
 * the offer freed or closed as a cancellation would, the creator told.
 */
export const cancelBookingAfterFullRefund = async (payload: Payload, req: PayloadRequest, run: Run, r: RefundRow, amounts: { paid: number; refundedAfter: number }): Promise<void> => {
  const at = now()
  const startsAt = new Date(r.starts_at)
  const status = await bookingStatusOf(run, r.booking_id)
  if (!status || !cancelsBooking({ now: at, booking: { status, startsAt }, ...amounts })) return
  const by: Canceller = r.requester_role !== 'admin' && r.requested_by_id === r.fan_id ? 'fan' : 'admin'
  const reason = `Refunded in full: ${r.reason}`.slice(0, 1000)
  if (!(await cancelBookingRow(run, { bookingId: r.booking_id, from: 'confirmed', by, at, reason }))) return
  const settings = await getSettings(payload, req)
  const offer = offerAfterCancellation({ now: at, by, booking: { status: 'confirmed', startsAt }, offerReserved: r.reserved_for_id !== null, bookingCutoffMinutes: settings.bookingCutoffMinutes })
  await moveOfferAfterCancellation(run, r.offer_id, offer)
  await notify(payload, {
    req,
    userId: r.creator_user_id,
    message: 'booking_cancelled.creator',
    data: { title: r.title, by: by === 'fan' ? 'fan' : 'admin', refunded: true, reason },
    link: `/admin/collections/bookings/${r.booking_id}`,
    metadata: { bookingId: r.booking_id, cancelledBy: by, refundId: r.id },
    emailKey: `booking-cancelled/${r.booking_id}/creator`,
  })
  await logSystem(payload, {
    req,
    level: 'INFO',
    type: 'booking.cancelled',
    actor: 'SYSTEM',
    message: `Booking ${r.booking_id} cancelled by its full refund ${r.id}; offer ${offer}`,
    metadata: { bookingId: r.booking_id, refundId: r.id, offer },
  })
}

const markRefundFailed = async (payload: Payload, r: RefundRow, message: string, gaveUp: boolean): Promise<void> => {
  await withTransaction(payload, async (req, run) => {
    if (!(await refundFailed(run, r.id, message))) return
    await logTransaction(payload, {
      req,
      type: 'refund.failed',
      entityType: 'refund',
      entityId: r.id,
      amount: Number(r.amount),
      currency: r.currency,
      status: 'failed',
      providerIds: { paymentIntent: r.payment_intent_id! },
      metadata: { bookingId: r.booking_id, paymentId: r.payment_id, error: message, lastAttempt: gaveUp },
    })
    await logSystem(payload, {
      req,
      level: 'ERROR',
      type: 'refund.failed',
      message: `${gaveUp ? 'Gave up on' : 'Stripe refused'} refund ${r.id} of booking ${r.booking_id}: ${message}`,
      metadata: { refundId: r.id, bookingId: r.booking_id },
    })
    await notifyAdmins(payload, {
      req,
      message: 'system.refund_failed',
      data: { refundId: r.id, bookingId: r.booking_id, error: message },
      link: refundLink(r.id),
      metadata: { refundId: r.id, bookingId: r.booking_id },
    })
  })
}

/** The `refund-late-payment` job: pays out the late payment's refund (approved when the payment arrived). */
export const refundLatePayment = async (payload: Payload, paymentId: number, attempt: { lastAttempt?: boolean } = {}): Promise<RefundOutcome> => {
  const id = await latePaymentRefundId(runner(payload), paymentId)
  return id ? executeRefund(payload, id, attempt) : 'nothing'
}

// ---------------------------------------------------------------------------------------------
// Refunds made outside the app: `charge.refunded` and `refund.*` webhooks.
