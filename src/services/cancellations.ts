import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import {
  cancellerOf,
  creatorShareOfRefund,
  decideCancellation,
  isRefusal,
  previewCancellation,
  type CancellationFacts,
  type CancellationPreview,
  type Canceller,
  type RefundPolicy,
} from '@/domain/cancellation'
import type { SupportedCurrency } from '@/domain/currencies'
import { formatMoney, money } from '@/domain/money'
import type { LogActor } from '@/domain/logs'
import { OFFER_TRANSITIONS, PAYMENT_TRANSITIONS } from '@/domain/transitions'
import { stripeClient } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'
import { query } from '@/lib/db'
import { canMoveTo } from '@/lib/sqlStatus'
import { withTransaction, type TxRun } from '@/lib/transaction'

type SQL = ReturnType<typeof sql>

import { logSystem, logTransaction } from './logs'
import { notify, notifyAdmins } from './notifications'
import { getSettings } from './settings'

/** The job that makes Stripe agree with a cancelled booking (src/jobs/tasks.ts). */
export const SETTLE_CANCELLATION_TASK = 'settle-cancellation' as const
export type SettleCancellationInput = { bookingId: number; refundId?: number | null }

export class CancellationError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'CancellationError'
  }
}

export type Viewer = { userId: number; role: string | null }

export type CancellationResult = {
  booking: { id: number; status: 'cancelled'; cancellation: { by: Canceller; at: string; reason: string } }
  offer: { id: number; status: 'available' | 'cancelled' }
  /** The automatically approved refund, paid out by the `settle-cancellation` job; null when nothing was charged. */
  refund: { id: number; amount: number; currency: string; status: 'approved'; policy: RefundPolicy } | null
}

type BookingFacts = {
  id: number
  status: string
  starts_at: Date
  fan_id: number
  creator_id: number
  offer_id: number
  title: string
  reserved_for_id: number | null
  creator_user_id: number
  creator_name: string
  viewer_creator_id: number | null
  payment_id: number | null
  payment_status: string | null
  amount: string | null
  currency: string | null
  refunded_amount: string | null
  /** Refunds approved but not paid out yet: already promised, so not refundable again. */
  committed_refunds: string
  payment_intent_id: string | null
}

const bookingFacts = (bookingId: number, viewerId: number, lock: boolean) => sql`
  SELECT b.id, b.status, b.starts_at, b.fan_id, o.creator_id, b.offer_id, o.title, o.reserved_for_id,
         c.user_id AS creator_user_id, c.display_name AS creator_name,
         (SELECT id FROM creators WHERE user_id = ${viewerId}) AS viewer_creator_id,
         p.id AS payment_id, p.status AS payment_status, p.amount, p.currency, p.refunded_amount,
         p.stripe_payment_intent_id AS payment_intent_id,
         coalesce((SELECT sum(r.amount) FROM refunds r WHERE r.payment_id = p.id AND r.status IN ('approved', 'processing')), 0) AS committed_refunds
    FROM bookings b
    JOIN offers o ON o.id = b.offer_id
    JOIN creators c ON c.id = o.creator_id
    LEFT JOIN payments p ON p.booking_id = b.id
   WHERE b.id = ${bookingId}
   ${lock ? sql`FOR UPDATE OF b` : sql``}`

/** A read outside any transaction (drizzle on the pool). */
const rowsOf = async <R>(payload: Payload, statement: SQL): Promise<R[]> =>
  ((await payload.db.drizzle.execute(statement)) as unknown as { rows: R[] }).rows

const notFound = () => new CancellationError(404, 'NOT_FOUND', 'This booking does not exist.')

/** Money still refundable on the booking's payment: what was captured, minus refunded or promised. */
const refundableOf = (b: BookingFacts): number =>
  b.payment_status === 'succeeded' || b.payment_status === 'partially_refunded'
    ? Math.max(0, Number(b.amount) - Number(b.refunded_amount ?? 0) - Number(b.committed_refunds))
    : 0

const factsOf = (b: BookingFacts, by: Canceller, settings: { freeCancellationHours: number; bookingCutoffMinutes: number }, at: Date): CancellationFacts => ({
  now: at,
  by,
  booking: { status: b.status, startsAt: new Date(b.starts_at) },
  paymentStatus: b.payment_status,
  refundable: refundableOf(b),
  offerReserved: b.reserved_for_id !== null,
  freeCancellationHours: settings.freeCancellationHours,
  bookingCutoffMinutes: settings.bookingCutoffMinutes,
})

/** Who the viewer is to this booking, or 404 (a booking one cannot see does not exist for them). */
const cancellerFor = (b: BookingFacts | undefined, viewer: Viewer): Canceller => {
  const by = b && cancellerOf({ userId: viewer.userId, role: viewer.role, ownCreatorId: b.viewer_creator_id }, { fanId: b.fan_id, creatorId: b.creator_id })
  if (!b || !by) throw notFound()
  return by
}

/** GET /api/bookings/:id/cancellation: whether the viewer may cancel now and what the fan would get back. */
export const cancellationPreview = async (payload: Payload, viewer: Viewer, bookingId: number): Promise<CancellationPreview> => {
  const [b] = await rowsOf<BookingFacts>(payload, bookingFacts(bookingId, viewer.userId, false))
  const by = cancellerFor(b, viewer)
  return previewCancellation(factsOf(b!, by, await getSettings(payload), now()))
}

const logActorOf = (role: string | null): LogActor => (role === 'admin' ? 'ADMIN' : role === 'creator' ? 'CREATOR' : 'USER')

/**
 * POST /api/bookings/:id/cancel (SPEC §5). In one transaction: the booking is cancelled (who, when,
 * why) by a conditional update, so of two concurrent cancels exactly one wins; the offer is freed or
 * closed (see `offerAfterCancellation`); a full refund is recorded as approved; the other party is
 * told; and the `settle-cancellation` job is queued with the same transaction, to do the Stripe side
 * (refund, or cancel the PaymentIntent of a released hold). Nothing here calls Stripe.
 */
export const cancelBooking = async (payload: Payload, viewer: Viewer, bookingId: number, reason: string): Promise<CancellationResult> => {
  const settings = await getSettings(payload)
  return withTransaction(payload, async (req, run) => {
    const [b] = await run<BookingFacts>(bookingFacts(bookingId, viewer.userId, true))
    const by = cancellerFor(b, viewer)
    const booking = b!
    const at = now()
    const decision = decideCancellation(factsOf(booking, by, settings, at))
    if (isRefusal(decision)) throw new CancellationError(decision.status, decision.code, decision.message)

    const cancelled = await run(sql`
      UPDATE bookings SET status = 'cancelled', cancellation_by = ${by}, cancellation_at = ${at.toISOString()},
             cancellation_reason = ${reason}, updated_at = now()
       WHERE id = ${booking.id} AND status = ${booking.status}
       RETURNING id`)
    if (!cancelled.length) throw new CancellationError(409, 'BOOKING_NOT_CANCELLABLE', 'This booking was just cancelled.')
    await run(sql`UPDATE offers SET status = ${decision.offer}, updated_at = now()
      WHERE id = ${booking.offer_id} AND ${canMoveTo(OFFER_TRANSITIONS, decision.offer)}`)

    let refund: CancellationResult['refund'] = null
    if (decision.refund === 'full' && decision.policy) {
      const amount = refundableOf(booking)
      const created = await payload.create({
        collection: 'refunds',
        data: {
          payment: booking.payment_id!,
          booking: booking.id,
          fan: booking.fan_id,
          creator: booking.creator_id,
          amount,
          currency: booking.currency as SupportedCurrency,
          reason: `Booking cancelled by the ${by}: ${reason}`,
          status: 'approved',
          policy: decision.policy,
          requestedBy: viewer.userId,
          decisionReason: `Approved automatically under the cancellation policy (${by} cancellation).`,
          decidedAt: at.toISOString(),
        },
        req,
        overrideAccess: true,
        depth: 0,
      })
      refund = { id: created.id, amount, currency: booking.currency!, status: 'approved', policy: decision.policy }
      await logTransaction(payload, {
        req,
        type: 'refund.approved',
        entityType: 'refund',
        entityId: created.id,
        amount,
        currency: booking.currency,
        status: 'approved',
        providerIds: booking.payment_intent_id ? { paymentIntent: booking.payment_intent_id } : undefined,
        metadata: { bookingId: booking.id, paymentId: booking.payment_id, policy: decision.policy, cancelledBy: by, userId: viewer.userId },
      })
    }
    // A released hold still has a PaymentIntent the fan could pay: the job cancels it.
    const releaseIntent = decision.kind === 'release_hold' && booking.payment_intent_id !== null
    if (refund || releaseIntent) await queueSettlement(payload, req, { bookingId: booking.id, refundId: refund?.id ?? null })

    await tellOtherParties(payload, req, booking, by, decision.kind, reason, refund !== null)
    await logSystem(payload, {
      req,
      level: 'INFO',
      type: 'booking.cancelled',
      actor: logActorOf(viewer.role),
      actorId: viewer.userId,
      message: `Booking ${booking.id} (${booking.status}) cancelled by the ${by}; offer ${decision.offer}${refund ? `; full refund ${refund.id} approved` : ''}`,
      metadata: { bookingId: booking.id, from: booking.status, offerId: booking.offer_id, offer: decision.offer, refundId: refund?.id, policy: decision.policy },
    })
    return {
      booking: { id: booking.id, status: 'cancelled', cancellation: { by, at: at.toISOString(), reason } },
      offer: { id: booking.offer_id, status: decision.offer },
      refund,
    }
  })
}

/** Queued with the request's transaction (committed or rolled back with the cancellation). */
const queueSettlement = (payload: Payload, req: PayloadRequest, input: SettleCancellationInput) =>
  payload.jobs.queue({ task: SETTLE_CANCELLATION_TASK, input, req })

const FAN_BOOKINGS = { en: '/en/account', fr: '/fr/account' }

/** booking_cancelled (SPEC §8) to whoever did not cancel; a fan releasing their own hold tells nobody. */
const tellOtherParties = async (
  payload: Payload,
  req: PayloadRequest,
  b: BookingFacts,
  by: Canceller,
  kind: 'release_hold' | 'cancel_confirmed',
  reason: string,
  refunded: boolean,
): Promise<void> => {
  const metadata = { bookingId: b.id, cancelledBy: by }
  if (by !== 'fan') {
    const who = by === 'creator' ? { en: b.creator_name, fr: b.creator_name } : { en: 'Callastar', fr: 'Callastar' }
    const money = refunded
      ? { en: 'You will be refunded in full.', fr: 'Vous serez intégralement remboursé.' }
      : { en: 'Nothing was charged.', fr: 'Rien n’a été débité.' }
    await notify(payload, {
      req,
      userId: b.fan_id,
      type: 'booking_cancelled',
      text: {
        en: { title: 'Your call was cancelled', body: `${who.en} cancelled “${b.title}”. ${money.en} Reason: ${reason}` },
        fr: { title: 'Votre appel est annulé', body: `${who.fr} a annulé « ${b.title} ». ${money.fr} Motif : ${reason}` },
      },
      link: FAN_BOOKINGS,
      metadata,
      emailKey: `booking-cancelled/${b.id}/fan`,
    })
  }
  // The creator was never told about a hold that did not turn into a booking.
  if (by !== 'creator' && kind === 'cancel_confirmed') {
    const who = by === 'fan' ? { en: 'The fan', fr: 'Le fan' } : { en: 'Callastar', fr: 'Callastar' }
    await notify(payload, {
      req,
      userId: b.creator_user_id,
      type: 'booking_cancelled',
      text: {
        en: { title: 'A booking was cancelled', body: `${who.en} cancelled “${b.title}”.${refunded ? ' The fan is refunded in full.' : ''} Reason: ${reason}` },
        fr: { title: 'Une réservation a été annulée', body: `${who.fr} a annulé « ${b.title} ».${refunded ? ' Le fan est intégralement remboursé.' : ''} Motif : ${reason}` },
      },
      link: `/admin/collections/bookings/${b.id}`,
      metadata,
      emailKey: `booking-cancelled/${b.id}/creator`,
    })
  }
}

// ---------------------------------------------------------------------------------------------
// The job side: the only place cancellation talks to Stripe.

export type SettlementOutcome = 'refunded' | 'refund_failed' | 'released' | 'paid_meanwhile' | 'nothing'

/** The `settle-cancellation` job: pays out the approved refund, or cancels a released hold's PaymentIntent. */
export const settleCancellation = async (payload: Payload, input: SettleCancellationInput): Promise<SettlementOutcome> =>
  input.refundId ? executeRefund(payload, input.refundId) : releaseHoldIntent(payload, input.bookingId)

type RefundRow = {
  id: number
  status: string
  amount: string
  currency: string
  policy: RefundPolicy | null
  booking_id: number
  fan_id: number
  creator_id: number
  payment_id: number
  title: string
  payment_intent_id: string | null
}

const isPermanentStripeError = (error: unknown): boolean =>
  (error as { type?: string } | null)?.type === 'StripeInvalidRequestError'

/**
 * Pays out one approved refund: Stripe refund with `reverse_transfer` and `refund_application_fee`
 * (creator and platform each give back their share) under an idempotency key from our refund id,
 * then in one transaction: refund succeeded, payment refunded, ledger `refund` entry for the
 * creator's share, transaction log, the fan told. Retries (job) repeat the same Stripe request and
 * get the same refund back; the conditional updates and the ledger's one-entry-per-source index
 * make a repeat write nothing twice.
 */
export const executeRefund = async (payload: Payload, refundId: number): Promise<SettlementOutcome> => {
  const [r] = await query<RefundRow>(
    payload,
    `SELECT r.id, r.status, r.amount, r.currency, r.policy, r.booking_id, r.fan_id, p.creator_id, r.payment_id, o.title,
            p.stripe_payment_intent_id AS payment_intent_id
       FROM refunds r JOIN payments p ON p.id = r.payment_id JOIN bookings b ON b.id = r.booking_id JOIN offers o ON o.id = b.offer_id
      WHERE r.id = $1`,
    [refundId],
  )
  if (!r || !['approved', 'processing'].includes(r.status) || !r.payment_intent_id) return 'nothing'
  await query(payload, `UPDATE refunds SET status = 'processing', updated_at = now() WHERE id = $1 AND status = 'approved'`, [refundId])
  const amount = Number(r.amount)

  let stripeRefundId: string
  try {
    const refund = await stripeClient().refunds.create(
      {
        payment_intent: r.payment_intent_id,
        amount,
        reverse_transfer: true,
        refund_application_fee: true,
        metadata: { refundId: String(r.id), bookingId: String(r.booking_id), paymentId: String(r.payment_id), policy: r.policy ?? '' },
      },
      { idempotencyKey: `refund/${r.id}` },
    )
    stripeRefundId = refund.id
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (!isPermanentStripeError(error)) {
      await logSystem(payload, { level: 'WARNING', type: 'refund.stripe_retry', message: `Refund ${r.id} not made yet at Stripe (will retry): ${message}`, metadata: { refundId: r.id, bookingId: r.booking_id } })
      throw error
    }
    // Stripe refuses the request itself (e.g. the charge is disputed): retrying cannot help; an admin must look.
    await markRefundFailed(payload, r, message)
    return 'refund_failed'
  }

  return withTransaction(payload, async (req, run) => {
    const done = await run(sql`UPDATE refunds SET status = 'succeeded', stripe_refund_id = ${stripeRefundId}, updated_at = now()
      WHERE id = ${r.id} AND status IN ('approved', 'processing') RETURNING id`)
    if (!done.length) return 'nothing'
    const creatorShare = await applyRefundToPayment(run, r, stripeRefundId)
    await logTransaction(payload, {
      req,
      type: 'refund.succeeded',
      entityType: 'refund',
      entityId: r.id,
      amount,
      currency: r.currency,
      status: 'succeeded',
      providerIds: { paymentIntent: r.payment_intent_id!, refund: stripeRefundId },
      metadata: { bookingId: r.booking_id, paymentId: r.payment_id, policy: r.policy, creatorShare: creatorShare.amount, reverseTransfer: true, refundApplicationFee: true },
    })
    await notify(payload, {
      req,
      userId: r.fan_id,
      type: 'refund_approved',
      text: {
        en: { title: 'You have been refunded', body: `We refunded ${formatMoney(money(amount, r.currency), 'en')} for “${r.title}”. It can take 5–10 days to show on your statement.` },
        fr: { title: 'Vous avez été remboursé', body: `Nous avons remboursé ${formatMoney(money(amount, r.currency), 'fr')} pour « ${r.title} ». Le montant peut mettre 5 à 10 jours à apparaître sur votre relevé.` },
      },
      link: FAN_BOOKINGS,
      metadata: { refundId: r.id, bookingId: r.booking_id, paymentId: r.payment_id },
      emailKey: `refund-approved/${r.id}`,
    })
    return 'refunded'
  })
}

/**
 * The payment's refunded amount and status, and the creator's ledger `refund` entry (negative: their
 * share, as Stripe reversed it). The entry becomes available when the earning it cancels does, so a
 * refund of a still-pending earning cancels it out in the pending balance instead of showing as debt.
 */
const applyRefundToPayment = async (run: TxRun, r: RefundRow, stripeRefundId: string) => {
  const [p] = await run<{ amount: string; platform_fee: string; refunded_amount: string | null; currency: string; earning_available_at: Date | null }>(sql`
    SELECT p.amount, p.platform_fee, p.refunded_amount, p.currency,
           (SELECT e.available_at FROM ledger_entries e WHERE e.type = 'earning' AND e.source_type = 'payment' AND e.source_ref = p.id::text LIMIT 1) AS earning_available_at
      FROM payments p WHERE p.id = ${r.payment_id} FOR UPDATE`)
  const paid = money(Number(p.amount), p.currency)
  const before = money(Number(p.refunded_amount ?? 0), p.currency)
  const refund = money(Number(r.amount), r.currency)
  const creatorShare = creatorShareOfRefund({ amount: paid, platformFee: money(Number(p.platform_fee), p.currency) }, before, refund)
  const after = before.amount + refund.amount
  const status = after >= paid.amount ? 'refunded' : 'partially_refunded'
  await run(sql`UPDATE payments SET refunded_amount = ${after}, status = ${status}, updated_at = now()
    WHERE id = ${r.payment_id} AND ${canMoveTo(PAYMENT_TRANSITIONS, status)}`)
  const at = now()
  const earningAt = p.earning_available_at ? new Date(p.earning_available_at) : null
  const availableAt = earningAt && earningAt > at ? earningAt : at
  if (creatorShare.amount > 0) {
    await run(sql`
      INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, source_ref, memo, updated_at, created_at)
      VALUES (${r.creator_id}, ${r.currency}::enum_ledger_entries_currency, 'refund', ${-creatorShare.amount}, ${availableAt.toISOString()},
              'refund', ${String(r.id)}, ${`Refund of booking ${r.booking_id}: ${r.title} (${r.policy ?? 'refund'}, ${stripeRefundId})`.slice(0, 500)}, now(), now())
      ON CONFLICT DO NOTHING`)
  }
  return creatorShare
}

const markRefundFailed = async (payload: Payload, r: RefundRow, message: string): Promise<void> => {
  await withTransaction(payload, async (req, run) => {
    const moved = await run(sql`UPDATE refunds SET status = 'failed', updated_at = now() WHERE id = ${r.id} AND status IN ('approved', 'processing') RETURNING id`)
    if (!moved.length) return
    await logTransaction(payload, {
      req,
      type: 'refund.failed',
      entityType: 'refund',
      entityId: r.id,
      amount: Number(r.amount),
      currency: r.currency,
      status: 'failed',
      providerIds: { paymentIntent: r.payment_intent_id! },
      metadata: { bookingId: r.booking_id, paymentId: r.payment_id, error: message },
    })
    await logSystem(payload, { req, level: 'ERROR', type: 'refund.failed', message: `Stripe refused refund ${r.id} of booking ${r.booking_id}: ${message}`, metadata: { refundId: r.id, bookingId: r.booking_id } })
    await notifyAdmins(payload, {
      req,
      type: 'system',
      text: {
        en: { title: 'A refund failed', body: `Stripe refused refund ${r.id} (booking ${r.booking_id}): ${message}` },
        fr: { title: 'Un remboursement a échoué', body: `Stripe a refusé le remboursement ${r.id} (réservation ${r.booking_id}) : ${message}` },
      },
      link: `/admin/collections/refunds/${r.id}`,
      metadata: { refundId: r.id, bookingId: r.booking_id },
    })
  })
}

/**
 * A released hold's PaymentIntent is cancelled so the fan cannot pay for a slot they gave up, as
 * hold expiry does. If the fan paid meanwhile, the success webhook finds the booking no longer
 * pending and refunds the payment automatically (refund-late-payment): never charged without a call.
 */
const releaseHoldIntent = async (payload: Payload, bookingId: number): Promise<SettlementOutcome> => {
  const [b] = await query<{ status: string; payment_id: number; payment_status: string; payment_intent_id: string | null }>(
    payload,
    `SELECT b.status, p.id AS payment_id, p.status AS payment_status, p.stripe_payment_intent_id AS payment_intent_id
       FROM bookings b JOIN payments p ON p.booking_id = b.id WHERE b.id = $1`,
    [bookingId],
  )
  if (!b || b.status !== 'cancelled' || !b.payment_intent_id || !['requires_payment', 'failed', 'processing'].includes(b.payment_status)) return 'nothing'
  const intent = await stripeClient().paymentIntents.retrieve(b.payment_intent_id)
  if (intent.status === 'succeeded') return 'paid_meanwhile'
  if (intent.status === 'processing') throw new Error(`PaymentIntent ${intent.id} is processing; its outcome decides (retrying).`)
  if (intent.status !== 'canceled') await stripeClient().paymentIntents.cancel(intent.id, {}, { idempotencyKey: `cancel-booking/booking-${bookingId}` })
  await payload.db.drizzle.execute(sql`UPDATE payments SET status = 'canceled', updated_at = now() WHERE id = ${b.payment_id} AND ${canMoveTo(PAYMENT_TRANSITIONS, 'canceled')}`)
  return 'released'
}
