/**
 * Refunds (SPEC §7) over real HTTP with paid bookings made through the Stripe emulator (destination
 * charges): fan requests and admin decisions, the `execute-refund` job, partial refunds and the
 * creator's shares, the maximum, concurrency, refunds made in the Stripe dashboard (webhooks), and
 * Stripe failing.
 */
import type { Payload } from 'payload'
import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { stripeClient } from '@/integrations/stripe/client'
import { ADMIN_INITIATED_REASON, executeRefund } from '@/services/refunds'
import type { StripeEmulator } from '../../emulators/stripe'

import { api, apiBase, drainJobs, query, startPaymentsWorld, stopPaymentsWorld, type Actor, type Actors } from './harness'

const SECRET = 'whsec_test_refunds_secret'
const HOUR = 3_600_000
const REASON = 'The call was cut after five minutes.'
let slot = 2

type Errors = { errors: { code: string; message: string; field?: string; maximum?: number }[] }
type RefundBody = { refund: { id: number; booking: number; payment: number; amount: number; currency: string; status: string; policy: string | null } }

describe('refunds', () => {
  let payload: Payload
  let actors: Actors
  let stripe: StripeEmulator
  let account: string

  const settle = async () => {
    await stripe.control.whenIdle(10_000)
    await drainJobs(payload)
    await drainJobs(payload)
    await stripe.control.whenIdle(10_000)
    await drainJobs(payload)
  }

  /** A paid, confirmed booking by `fan` starting `hoursAhead` from now (each in its own slot). */
  const paidBooking = async (hoursAhead?: number, fan: Actor = actors.fanA) => {
    const startsAt = new Date(Date.now() + (hoursAhead ?? (slot += 2)) * HOUR)
    const offer = await payload.create({
      collection: 'offers',
      data: { creator: actors.creatorA.creatorId!, title: 'Coaching', startsAt: startsAt.toISOString(), durationMinutes: 30, price: 10000, currency: 'EUR', status: 'available' } as never,
    })
    const res = await api<{ booking: { id: number }; payment: { id: number } }>('POST', '/bookings/checkout', { token: fan.token, body: { offerId: offer.id } })
    expect(res.status).toBe(201)
    const payment = await payload.findByID({ collection: 'payments', id: res.body.payment.id })
    await stripeClient().paymentIntents.confirm(payment.stripePaymentIntentId!, { payment_method: 'pm_card_visa' })
    await settle()
    expect((await payload.findByID({ collection: 'bookings', id: res.body.booking.id })).status).toBe('confirmed')
    return { offerId: offer.id, bookingId: res.body.booking.id, paymentId: payment.id, intentId: payment.stripePaymentIntentId! }
  }
  /** A call that took place (completed). */
  const pastCall = async (fan: Actor = actors.fanA) => {
    const c = await paidBooking(undefined, fan)
    await query(payload, `UPDATE bookings SET status = 'completed' WHERE id = $1`, [c.bookingId])
    return c
  }

  const requestAs = (actor: Actor | undefined, body: unknown) => api<RefundBody & Errors>('POST', '/refunds/request', { token: actor?.token, body })
  const decide = (id: number, verb: 'approve' | 'reject', actor: Actor | undefined = actors.admin, body?: unknown) =>
    api<RefundBody & Errors>('POST', `/refunds/${id}/${verb}`, { token: actor?.token, body })

  const state = async (c: { bookingId: number; paymentId: number; offerId: number }) => {
    const payment = await payload.findByID({ collection: 'payments', id: c.paymentId, depth: 0 })
    return {
      booking: (await payload.findByID({ collection: 'bookings', id: c.bookingId, depth: 0 })).status,
      offer: (await payload.findByID({ collection: 'offers', id: c.offerId, depth: 0 })).status,
      payment: payment.status,
      refundedAmount: payment.refundedAmount,
      refunds: (await payload.find({ collection: 'refunds', where: { payment: { equals: c.paymentId } }, depth: 0, sort: 'id' })).docs,
      ledger: (
        await query<{ type: string; amount: string }>(
          payload,
          `SELECT type, amount FROM ledger_entries WHERE (source_type = 'payment' AND source_ref = $1) OR (source_type = 'refund' AND source_ref IN (SELECT id::text FROM refunds WHERE payment_id = $2)) ORDER BY id`,
          [String(c.paymentId), c.paymentId],
        )
      ).map((e) => [e.type, Number(e.amount)]),
    }
  }

  const connectedBalance = async () => {
    const balance = await stripeClient().balance.retrieve({}, { stripeAccount: account })
    const sum = (lines: { amount: number; currency: string }[]) => lines.filter((l) => l.currency === 'eur').reduce((total, l) => total + l.amount, 0)
    return sum(balance.available) + sum(balance.pending)
  }
  const refundCalls = () => stripe.control.requests().filter((r) => r.method === 'POST' && r.path === '/v1/refunds')
  const reversalCalls = () => stripe.control.requests().filter((r) => r.method === 'POST' && /^\/v1\/transfers\/\w+\/reversals$/.test(r.path))
  const notes = async (actor: Actor, type: string, refundId: number) =>
    (await payload.find({ collection: 'notifications', where: { and: [{ user: { equals: actor.id } }, { type: { equals: type } }] }, limit: 200, depth: 0 })).docs.filter(
      (n) => (n.metadata as { refundId?: number } | null)?.refundId === refundId,
    )

  beforeAll(async () => {
    ({ stripe, payload, actors, account } = await startPaymentsWorld({ webhookSecret: SECRET }))
  })
  afterAll(async () => {
    await stopPaymentsWorld({ stripe })
  })

  it('a fan asks for a refund of a past call → admins told → an admin approves → Stripe refund (reverse_transfer) → payment refunded, creator’s share in the ledger, fan told', async () => {
    const balanceBefore = await connectedBalance()
    const c = await pastCall()
    expect((await connectedBalance()) - balanceBefore).toBe(8500)
    const res = await requestAs(actors.fanA, { bookingId: c.bookingId, reason: REASON })
    expect(res.status).toBe(201)
    expect(res.body.refund).toMatchObject({ booking: c.bookingId, payment: c.paymentId, amount: 10000, currency: 'EUR', status: 'requested', policy: null })
    const id = res.body.refund.id
    expect(await notes(actors.admin, 'refund_requested', id)).toHaveLength(1)
    // A second request by the fan while the first waits: 409.
    const again = await requestAs(actors.fanA, { bookingId: c.bookingId, reason: REASON })
    expect([again.status, again.body.errors[0].code]).toEqual([409, 'REFUND_ALREADY_OPEN'])

    await settle()
    expect(refundCalls().filter((r) => r.idempotencyKey === `refund/${id}`)).toHaveLength(0)
    const approved = await decide(id, 'approve')
    expect(approved.status).toBe(200)
    expect(approved.body.refund).toMatchObject({ id, status: 'approved', policy: 'manual' })
    await settle()

    const stripeRefunds = (await stripeClient().refunds.list({ payment_intent: c.intentId })).data
    expect(stripeRefunds).toHaveLength(1)
    expect(stripeRefunds[0]).toMatchObject({ amount: 10000, status: 'succeeded', metadata: { refundId: String(id) } })
    expect(stripeRefunds[0].transfer_reversal).toBeTruthy()
    expect(refundCalls().filter((r) => r.idempotencyKey === `refund/${id}`).map((r) => r.status)).toEqual([200])
    const s = await state(c)
    expect(s).toMatchObject({ booking: 'completed', payment: 'refunded', refundedAmount: 10000 })
    expect(s.refunds.map((r) => [r.status, r.policy, r.decidedBy, r.stripeRefundId])).toEqual([['succeeded', 'manual', actors.admin.id, stripeRefunds[0].id]])
    expect(s.ledger).toEqual([['earning', 8500], ['refund', -8500]])
    expect((await connectedBalance()) - balanceBefore).toBe(0)
    expect(await notes(actors.fanA, 'refund_approved', id)).toHaveLength(1)
    const logs = await payload.find({ collection: 'transaction-logs', where: { and: [{ entityType: { equals: 'refund' } }, { entityId: { equals: String(id) } }] }, sort: 'createdAt' })
    expect(logs.docs.map((l) => l.type)).toEqual(['refund.requested', 'refund.approved', 'refund.succeeded'])
    // Our own refund's webhooks (charge.refunded, refund.created) counted nothing a second time.
    expect((await state(c)).refunds).toHaveLength(1)
    // Refunded in full: nothing left.
    const more = await requestAs(actors.admin, { bookingId: c.bookingId, reason: 'One more time' })
    expect([more.status, more.body.errors[0].code]).toEqual([409, 'NOTHING_TO_REFUND'])
  })

  it('partial refunds by an admin add up to the full amount: shares sum exactly to the creator amount; over the maximum → 422 naming it', async () => {
    const balanceBefore = await connectedBalance()
    const c = await pastCall()
    const parts = [3333, 3333]
    for (const amount of parts) {
      // An admin's own refund is approved at once (admin-initiated): no second admin approves it.
      const res = await requestAs(actors.admin, { bookingId: c.bookingId, reason: 'Goodwill gesture', amount })
      expect([res.status, res.body.refund.status, res.body.refund.policy]).toEqual([201, 'approved', 'manual'])
      expect((await decide(res.body.refund.id, 'approve')).status).toBe(409)
      await settle()
    }
    const over = await requestAs(actors.admin, { bookingId: c.bookingId, reason: 'Goodwill gesture', amount: 3335 })
    expect(over.status).toBe(422)
    expect(over.body.errors[0]).toMatchObject({ code: 'REFUND_OVER_MAXIMUM', field: 'amount', maximum: 3334 })
    expect(over.body.errors[0].message).toContain('at most €33.34')
    expect((await state(c)).payment).toBe('partially_refunded')
    // No amount: everything left.
    const rest = await requestAs(actors.admin, { bookingId: c.bookingId, reason: 'The rest' })
    expect(rest.body.refund).toMatchObject({ amount: 3334, status: 'approved' })
    await settle()
    const s = await state(c)
    expect(s).toMatchObject({ payment: 'refunded', refundedAmount: 10000 })
    expect(s.refunds.map((r) => [r.status, r.amount])).toEqual([['succeeded', 3333], ['succeeded', 3333], ['succeeded', 3334]])
    const shares = s.ledger.filter(([type]) => type === 'refund').map(([, amount]) => -amount)
    expect(shares).toEqual([2833, 2833, 2834])
    expect(shares.reduce((a, b) => a + (b as number), 0)).toBe(8500)
    // The ledger agrees with Stripe to the cent.
    expect((await connectedBalance()) - balanceBefore).toBe(0)
  })

  it('an admin’s own refunds (admin-initiated) are approved at once and made at Stripe: a partial one, then the rest; shares in the ledger; before the call a full one cancels the booking', async () => {
    const balanceBefore = await connectedBalance()
    const c = await pastCall()
    const partial = await requestAs(actors.admin, { bookingId: c.bookingId, reason: 'Goodwill: the sound dropped', amount: 2550 })
    expect(partial.status).toBe(201)
    expect(partial.body.refund).toMatchObject({ booking: c.bookingId, payment: c.paymentId, amount: 2550, currency: 'EUR', status: 'approved', policy: 'manual' })
    const id = partial.body.refund.id
    // Nobody is asked to approve it.
    expect(await notes(actors.admin, 'refund_requested', id)).toHaveLength(0)
    await settle()
    let s = await state(c)
    expect(s).toMatchObject({ payment: 'partially_refunded', refundedAmount: 2550, booking: 'completed' })
    expect(s.refunds.map((r) => [r.status, r.amount, r.policy, r.requestedBy, r.decidedBy, r.decisionReason, r.reason])).toEqual([
      ['succeeded', 2550, 'manual', actors.admin.id, actors.admin.id, ADMIN_INITIATED_REASON, 'Goodwill: the sound dropped'],
    ])
    // The creator's share: 2550 − halfUp(1500 × 2550 / 10000) = 2550 − 383.
    expect(s.ledger).toEqual([['earning', 8500], ['refund', -2167]])
    expect(refundCalls().filter((r) => r.idempotencyKey === `refund/${id}`).map((r) => r.status)).toEqual([200])
    const logs = await payload.find({ collection: 'transaction-logs', where: { and: [{ entityType: { equals: 'refund' } }, { entityId: { equals: String(id) } }] }, sort: 'createdAt' })
    expect(logs.docs.map((l) => l.type)).toEqual(['refund.approved', 'refund.succeeded'])
    expect(logs.docs[0].metadata).toMatchObject({ requestedBy: 'admin', adminId: actors.admin.id, adminInitiated: true })
    expect(await notes(actors.fanA, 'refund_approved', id)).toHaveLength(1)

    // No amount: everything left, and the shares add up to the creator amount exactly.
    const rest = await requestAs(actors.admin, { bookingId: c.bookingId, reason: 'Refund the rest' })
    expect(rest.body.refund).toMatchObject({ amount: 7450, status: 'approved', policy: 'manual' })
    await settle()
    s = await state(c)
    expect(s).toMatchObject({ payment: 'refunded', refundedAmount: 10000 })
    expect(s.ledger).toEqual([['earning', 8500], ['refund', -2167], ['refund', -6333]])
    expect((await connectedBalance()) - balanceBefore).toBe(0)

    // Before the call: an admin's full refund cancels the booking, as the admin.
    const d = await paidBooking(200 + (slot += 2))
    const full = await requestAs(actors.admin, { bookingId: d.bookingId, reason: 'The creator asked us to refund the fan.' })
    expect(full.body.refund).toMatchObject({ status: 'approved', policy: 'manual', amount: 10000 })
    await settle()
    const t = await state(d)
    expect(t).toMatchObject({ booking: 'cancelled', payment: 'refunded', refundedAmount: 10000 })
    expect(t.ledger).toEqual([['earning', 8500], ['refund', -8500]])
    expect((await payload.findByID({ collection: 'bookings', id: d.bookingId, depth: 0 })).cancellation?.by).toBe('admin')
  })

  it('a fan asking everything back before the free-cancellation end: approved at once, and the booking is cancelled once refunded', async () => {
    const c = await paidBooking(200 + (slot += 2))
    const res = await requestAs(actors.fanA, { bookingId: c.bookingId, reason: 'I cannot make it after all.' })
    expect(res.status).toBe(201)
    expect(res.body.refund).toMatchObject({ status: 'approved', policy: 'fan_early_cancellation', amount: 10000 })
    expect(await notes(actors.admin, 'refund_requested', res.body.refund.id)).toHaveLength(0)
    await settle()
    const s = await state(c)
    expect(s).toMatchObject({ booking: 'cancelled', offer: 'available', payment: 'refunded' })
    expect(s.ledger).toEqual([['earning', 8500], ['refund', -8500]])
    const booking = await payload.findByID({ collection: 'bookings', id: c.bookingId, depth: 0 })
    expect(booking.cancellation?.by).toBe('fan')
  })

  it('refusals: bad amounts 400, missing reason 400, strangers 403, guest 401, open dispute 409, nothing paid 409, unknown booking 404 — nothing written', async () => {
    const c = await pastCall()
    const count = async () => (await payload.count({ collection: 'refunds' })).totalDocs
    const before = await count()
    for (const amount of [0, -100, 12.5, '1000']) {
      const res = await requestAs(actors.admin, { bookingId: c.bookingId, reason: REASON, amount })
      expect([JSON.stringify(amount), res.status, res.body.errors[0].field]).toEqual([JSON.stringify(amount), 400, 'amount'])
    }
    for (const body of [{ bookingId: c.bookingId }, { bookingId: c.bookingId, reason: '  ' }, { bookingId: c.bookingId, reason: 'ok' }, { bookingId: c.bookingId, reason: 'x'.repeat(1001) }]) {
      const res = await requestAs(actors.fanA, body)
      expect([res.status, res.body.errors[0].field]).toEqual([400, 'reason'])
    }
    expect((await requestAs(undefined, { bookingId: c.bookingId, reason: REASON })).status).toBe(401)
    for (const stranger of [actors.fanB, actors.creatorA, actors.creatorB]) {
      const res = await requestAs(stranger, { bookingId: c.bookingId, reason: REASON })
      expect([res.status, res.body.errors[0].code]).toEqual([403, 'FORBIDDEN'])
    }
    expect((await requestAs(actors.fanA, { bookingId: 999_999, reason: REASON })).status).toBe(404)

    // A payment that has or had a dispute is never refunded through the app (open, won, lost).
    for (const status of ['open', 'won', 'lost']) {
      await query(payload, `UPDATE payments SET dispute_status = $2 WHERE id = $1`, [c.paymentId, status])
      for (const who of [actors.fanA, actors.admin]) {
        const disputed = await requestAs(who, { bookingId: c.bookingId, reason: REASON })
        expect([status, disputed.status, disputed.body.errors[0].code]).toEqual([status, 409, 'PAYMENT_DISPUTED'])
      }
    }
    await query(payload, `UPDATE payments SET dispute_status = 'none' WHERE id = $1`, [c.paymentId])

    const offer = await payload.create({
      collection: 'offers',
      data: { creator: actors.creatorA.creatorId!, title: 'Unpaid', startsAt: new Date(Date.now() + (slot += 2) * HOUR).toISOString(), durationMinutes: 30, price: 10000, currency: 'EUR', status: 'available' } as never,
    })
    const hold = await api<{ booking: { id: number } }>('POST', '/bookings/checkout', { token: actors.fanA.token, body: { offerId: offer.id } })
    const unpaid = await requestAs(actors.fanA, { bookingId: hold.body.booking.id, reason: REASON })
    expect([unpaid.status, unpaid.body.errors[0].code]).toEqual([409, 'NOTHING_TO_REFUND'])
    expect(await count()).toBe(before)
  })

  it('10 concurrent approvals of one request: one 200, nine 409 REFUND_NOT_PENDING, one Stripe refund', async () => {
    const c = await pastCall()
    const id = (await requestAs(actors.fanA, { bookingId: c.bookingId, reason: REASON })).body.refund.id
    const results = await Promise.all(Array.from({ length: 10 }, () => decide(id, 'approve')))
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(9).fill(409)])
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.errors[0].code).toBe('REFUND_NOT_PENDING')
    await settle()
    expect(refundCalls().filter((r) => r.idempotencyKey === `refund/${id}`)).toHaveLength(1)
    expect((await stripeClient().refunds.list({ payment_intent: c.intentId })).data).toHaveLength(1)
    expect((await state(c)).ledger).toEqual([['earning', 8500], ['refund', -8500]])
    // Approving or rejecting it again: 409, no second Stripe call.
    expect((await decide(id, 'approve')).status).toBe(409)
    expect((await decide(id, 'reject', actors.admin, { reason: 'Too late' })).status).toBe(409)
    await settle()
    expect(refundCalls().filter((r) => r.idempotencyKey === `refund/${id}`)).toHaveLength(1)
  })

  it('reject: reason required (400), then rejected, the fan told why; no money moves', async () => {
    const c = await pastCall()
    const id = (await requestAs(actors.fanA, { bookingId: c.bookingId, reason: REASON })).body.refund.id
    for (const body of [undefined, {}, { reason: '' }]) {
      const res = await decide(id, 'reject', actors.admin, body)
      expect([res.status, res.body.errors[0].field]).toEqual([400, 'reason'])
    }
    const res = await decide(id, 'reject', actors.admin, { reason: 'The call took place in full.' })
    expect(res.status).toBe(200)
    expect(res.body.refund).toMatchObject({ id, status: 'rejected' })
    const [told] = await notes(actors.fanA, 'refund_rejected', id)
    expect(told.body).toContain('The call took place in full.')
    expect((await decide(id, 'approve')).status).toBe(409)
    await settle()
    const s = await state(c)
    expect(s).toMatchObject({ payment: 'succeeded', refundedAmount: 0 })
    expect(s.refunds.map((r) => [r.status, r.decisionReason])).toEqual([['rejected', 'The call took place in full.']])
    expect(s.ledger).toEqual([['earning', 8500]])
    expect(refundCalls().filter((r) => r.idempotencyKey === `refund/${id}`)).toHaveLength(0)
    // The fan may ask again once the first is decided.
    expect((await requestAs(actors.fanA, { bookingId: c.bookingId, reason: REASON })).status).toBe(201)
  })

  it('a refund made in the Stripe dashboard without reversing the transfer: recorded once, the creator’s share recovered by a transfer reversal; duplicates change nothing', async () => {
    const balanceBefore = await connectedBalance()
    const c = await pastCall()
    const reversalsBefore = reversalCalls().length
    const made = await stripeClient().refunds.create({ payment_intent: c.intentId, amount: 4000 })
    expect(made.transfer_reversal).toBeNull()
    await settle()
    let s = await state(c)
    expect(s).toMatchObject({ payment: 'partially_refunded', refundedAmount: 4000 })
    expect(s.refunds.map((r) => [r.status, r.policy, r.amount, r.stripeRefundId])).toEqual([['succeeded', 'stripe_dashboard', 4000, made.id]])
    expect(s.ledger).toEqual([['earning', 8500], ['refund', -3400]])
    expect(reversalCalls().length - reversalsBefore).toBe(1)
    expect(s.refunds[0].stripeTransferReversalId).toMatch(/^trr_/)
    // The creator gave back exactly their share, as in the ledger (the platform kept its fee).
    expect((await connectedBalance()) - balanceBefore).toBe(8500 - 3400)

    // The same events again, under new event ids (a replay, or Stripe resending): nothing twice.
    const objectId = (e: { data: { object: unknown } }) => (e.data.object as { id: string }).id
    const events = stripe.control.events().filter((e) => (e.type === 'charge.refunded' && objectId(e) === made.charge) || (e.type === 'refund.created' && objectId(e) === made.id))
    expect(events.map((e) => e.type).sort()).toEqual(['charge.refunded', 'refund.created'])
    for (const event of events) {
      const body = JSON.stringify({ ...event, id: `${event.id}_again` })
      const header = stripeClient().webhooks.generateTestHeaderString({ payload: body, secret: SECRET })
      const res = await fetch(`${await apiBase()}/api/stripe/webhook`, { method: 'POST', headers: { 'stripe-signature': header, 'content-type': 'application/json' }, body })
      expect(res.status).toBe(200)
    }
    await settle()
    s = await state(c)
    expect(s.refunds).toHaveLength(1)
    expect(s.ledger).toEqual([['earning', 8500], ['refund', -3400]])
    expect(reversalCalls().length - reversalsBefore).toBe(1)

    // A second dashboard refund, this time reversing the transfer: recorded, no reversal of ours; the last takes the remainder.
    const second = await stripeClient().refunds.create({ payment_intent: c.intentId, reverse_transfer: true, refund_application_fee: true } as Stripe.RefundCreateParams)
    expect(second.amount).toBe(6000)
    await settle()
    s = await state(c)
    expect(s).toMatchObject({ payment: 'refunded', refundedAmount: 10000 })
    expect(s.ledger).toEqual([['earning', 8500], ['refund', -3400], ['refund', -5100]])
    expect(reversalCalls().length - reversalsBefore).toBe(1)
    expect((await connectedBalance()) - balanceBefore).toBe(0)
  })

  it('a fee-returning partial refund after a dashboard refund that did not return the fee: the ledger books what Stripe took, to the cent', async () => {
    const balanceBefore = await connectedBalance()
    const c = await pastCall()
    // 3 without the fee (our reversal recovers 3), then 3 with it: Stripe returns halfUp(1500 × 3 / 10000) = 0 of the fee,
    // so it takes 3 back, where the share on all refunds so far would say 2.
    await stripeClient().refunds.create({ payment_intent: c.intentId, amount: 3 })
    await settle()
    const res = await requestAs(actors.admin, { bookingId: c.bookingId, reason: 'Goodwill gesture', amount: 3 })
    expect(res.body.refund.status).toBe('approved')
    await settle()
    const s = await state(c)
    expect(s.ledger).toEqual([['earning', 8500], ['refund', -3], ['refund', -3]])
    expect((await connectedBalance()) - balanceBefore).toBe(8500 - 6)
  })

  it('a dashboard refund after a won dispute: only what is left of the transfer is reversed and booked; the shortfall is a CRITICAL log and an admin notice', async () => {
    const balanceBefore = await connectedBalance()
    const c = await pastCall()
    const opened = stripe.control.openDispute({ paymentIntent: c.intentId })
    await settle()
    stripe.control.closeDispute(opened.id, 'won')
    await settle()
    // The dispute reversed 8500 of the original transfer (its return came in a new transfer): 1500 are left on it.
    await stripeClient().refunds.create({ payment_intent: c.intentId })
    await settle()
    const s = await state(c)
    expect(s).toMatchObject({ payment: 'refunded', refundedAmount: 10000 })
    expect(s.ledger).toEqual([['earning', 8500], ['refund', -1500]])
    // The ledger follows the money: earning, dispute −8500 and dispute_won +8500, the refund's reversal.
    expect((await connectedBalance()) - balanceBefore).toBe(8500 - 1500)
    const critical = await query<{ message: string }>(payload, `SELECT message FROM system_logs WHERE type = 'refund.reversal_short' AND metadata->>'refundId' = $1`, [String(s.refunds[0].id)])
    expect(critical.map((l) => l.message)).toEqual([expect.stringContaining('only 1500 of the creator')])
    expect(await notes(actors.admin, 'system', s.refunds[0].id)).toHaveLength(1)
    // The app refuses a refund of it (the dispute was ruled on).
    const refused = await requestAs(actors.admin, { bookingId: c.bookingId, reason: REASON })
    expect(refused.status).toBe(409)
  })

  it('a dashboard refund whose events arrive held back and in reverse order (refund.created before charge.refunded): recorded once', async () => {
    const c = await pastCall()
    stripe.control.holdEvents()
    await stripeClient().refunds.create({ payment_intent: c.intentId, amount: 2500 })
    stripe.control.releaseEvents({ order: 'reverse' })
    await settle()
    const s = await state(c)
    expect(s.refunds.map((r) => [r.policy, r.amount])).toEqual([['stripe_dashboard', 2500]])
    expect(s).toMatchObject({ payment: 'partially_refunded', refundedAmount: 2500 })
    expect(s.ledger).toEqual([['earning', 8500], ['refund', -2125]])
  })

  it('Stripe down: retried with the same key, then made once; on the last attempt → failed with the reason, admins told, nothing else written', async () => {
    const c = await pastCall()
    const id = (await requestAs(actors.fanA, { bookingId: c.bookingId, reason: REASON })).body.refund.id
    // Approved without running its job yet: the job is run by hand below, as the worker would.
    await query(payload, `UPDATE refunds SET status = 'approved' WHERE id = $1`, [id])
    // stripe-node retries twice itself: three 500s make the attempt fail, and the job would retry.
    stripe.control.failNext({ count: 3, mode: 'error', pathPrefix: '/v1/refunds', method: 'POST' })
    await expect(executeRefund(payload, id)).rejects.toThrow()
    expect((await state(c)).refunds[0].status).toBe('processing')
    expect(await executeRefund(payload, id)).toBe('refunded')
    expect(refundCalls().filter((r) => r.idempotencyKey === `refund/${id}`).map((r) => r.status)).toEqual([500, 500, 500, 200])
    expect(await executeRefund(payload, id)).toBe('nothing')
    await settle()
    expect((await stripeClient().refunds.list({ payment_intent: c.intentId })).data).toHaveLength(1)
    expect((await state(c)).ledger).toEqual([['earning', 8500], ['refund', -8500]])

    const d = await pastCall()
    const doomed = (await requestAs(actors.fanA, { bookingId: d.bookingId, reason: REASON })).body.refund.id
    await query(payload, `UPDATE refunds SET status = 'approved' WHERE id = $1`, [doomed])
    stripe.control.failNext({ count: 3, mode: 'error', pathPrefix: '/v1/refunds', method: 'POST' })
    // The task as the worker runs it, on its last attempt (five failures in the job's log already).
    const task = payload.config.jobs.tasks!.find((t) => t.slug === 'execute-refund')!
    const log = Array.from({ length: 5 }, () => ({ taskSlug: 'execute-refund', state: 'failed' }))
    await (task.handler as (args: unknown) => Promise<unknown>)({ input: { refundId: doomed }, req: { payload }, job: { log } })
    const s = await state(d)
    expect(s.refunds[0]).toMatchObject({ status: 'failed' })
    expect(s.refunds[0].failureReason).toMatch(/Emulated Stripe failure/)
    expect(s).toMatchObject({ payment: 'succeeded', refundedAmount: 0, booking: 'completed' })
    expect(s.ledger).toEqual([['earning', 8500]])
    expect(await notes(actors.admin, 'system', doomed)).toHaveLength(1)
    expect(await notes(actors.fanA, 'refund_approved', doomed)).toHaveLength(0)
    // Nothing is left "on its way": a new request can be made.
    expect((await requestAs(actors.admin, { bookingId: d.bookingId, reason: 'Try again' })).status).toBe(201)
  })

  describe('the answer of the last attempt lost (Stripe made the refund, the job heard nothing)', () => {
    const savedTimeout = process.env.STRIPE_TIMEOUT_MS
    beforeAll(() => {
      // The SDK gives up on an unanswered request after 1 s (then retries twice itself).
      process.env.STRIPE_TIMEOUT_MS = '1000'
    })
    afterAll(() => {
      if (savedTimeout === undefined) delete process.env.STRIPE_TIMEOUT_MS
      else process.env.STRIPE_TIMEOUT_MS = savedTimeout
    })

    /** An approved refund of a past call, its job not run yet. */
    const approvedRefund = async () => {
      const c = await pastCall()
      const id = (await requestAs(actors.fanA, { bookingId: c.bookingId, reason: REASON })).body.refund.id
      await query(payload, `UPDATE refunds SET status = 'approved' WHERE id = $1`, [id])
      return { c, id }
    }
    /** Runs `execute-refund` as the worker does on its last attempt (five failures in the job's log). */
    const lastAttempt = async (refundId: number) => {
      const task = payload.config.jobs.tasks!.find((t) => t.slug === 'execute-refund')!
      const log = Array.from({ length: 5 }, () => ({ taskSlug: 'execute-refund', state: 'failed' }))
      await (task.handler as (args: unknown) => Promise<unknown>)({ input: { refundId }, req: { payload }, job: { log } })
    }
    /**
     * The refund POST is carried out at Stripe but never answered; once Stripe has made it, the
     * SDK's own retries meet `failures` more 500s (`GETs` too: Stripe down for the lookup as well).
     */
    const loseTheAnswer = async (refundId: number, failures: { count: number; getsToo: boolean }) => {
      stripe.control.failNext({ count: 1, mode: 'lost_response', pathPrefix: '/v1/refunds', method: 'POST' })
      const running = lastAttempt(refundId)
      for (let i = 0; i < 200 && !stripe.control.events().some((e) => e.type === 'refund.created' && (e.data.object as Stripe.Refund).metadata?.refundId === String(refundId)); i++) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      stripe.control.failNext({ count: failures.count, mode: 'error', pathPrefix: '/v1/refunds', method: failures.getsToo ? undefined : 'POST' })
      await running
      stripe.control.failNext({ count: 0 })
    }

    it('the last attempt finds the refund at Stripe (metadata refundId) and records it as made: succeeded once, the creator’s share, the fan told', async () => {
      const { c, id } = await approvedRefund()
      await loseTheAnswer(id, { count: 2, getsToo: false })
      const calls = refundCalls().filter((r) => r.idempotencyKey === `refund/${id}`)
      expect(calls.map((r) => r.status)).toEqual(['no_response', 500, 500])
      const lookups = stripe.control.requests().filter((r) => r.method === 'GET' && r.path === '/v1/refunds')
      expect(lookups.at(-1)).toMatchObject({ status: 200 })
      const s = await state(c)
      const [made] = (await stripeClient().refunds.list({ payment_intent: c.intentId })).data
      expect(s.refunds.map((r) => [r.status, r.stripeRefundId, r.failureReason ?? null])).toEqual([['succeeded', made.id, null]])
      expect(s).toMatchObject({ payment: 'refunded', refundedAmount: 10000 })
      expect(s.ledger).toEqual([['earning', 8500], ['refund', -8500]])
      expect(await notes(actors.fanA, 'refund_approved', id)).toHaveLength(1)
      expect(await notes(actors.admin, 'system', id)).toHaveLength(0)
      expect(await query(payload, `SELECT id FROM system_logs WHERE type = 'refund.answer_lost'`)).toHaveLength(1)
      // Its webhooks (charge.refunded, refund.created) change nothing more.
      await settle()
      const after = await state(c)
      expect(after.refunds).toHaveLength(1)
      expect(after.ledger).toEqual([['earning', 8500], ['refund', -8500]])
      expect(await query(payload, `SELECT id FROM transaction_logs WHERE entity_type = 'refund' AND entity_id = $1 AND type = 'refund.succeeded'`, [String(id)])).toHaveLength(1)
    })

    it('Stripe down for the lookup too: failed, admins told; then its webhook completes it (failed → succeeded), never as a second, outside refund', async () => {
      const { c, id } = await approvedRefund()
      // The webhooks wait until the refund is marked failed (they would otherwise find it processing).
      stripe.control.holdEvents()
      await loseTheAnswer(id, { count: 5, getsToo: true })
      let s = await state(c)
      expect(s.refunds.map((r) => r.status)).toEqual(['failed'])
      expect(s).toMatchObject({ payment: 'succeeded', refundedAmount: 0 })
      expect(await notes(actors.admin, 'system', id)).toHaveLength(1)

      stripe.control.releaseEvents()
      await settle()
      s = await state(c)
      const [made] = (await stripeClient().refunds.list({ payment_intent: c.intentId })).data
      expect(s.refunds.map((r) => [r.id, r.status, r.stripeRefundId])).toEqual([[id, 'succeeded', made.id]])
      expect(s).toMatchObject({ payment: 'refunded', refundedAmount: 10000 })
      expect(s.ledger).toEqual([['earning', 8500], ['refund', -8500]])
      expect(await notes(actors.fanA, 'refund_approved', id)).toHaveLength(1)
      expect(await query(payload, `SELECT id FROM system_logs WHERE type = 'refund.completed_after_failure'`)).toHaveLength(1)
      expect(await query(payload, `SELECT id FROM system_logs WHERE type = 'refund.external' AND metadata->>'stripeRefundId' = $1`, [made.id])).toHaveLength(0)
      // Delivered again: nothing more.
      const events = stripe.control.events().filter((e) => ['charge.refunded', 'refund.created'].includes(e.type) && JSON.stringify(e.data.object).includes(made.id))
      expect(events.length).toBeGreaterThan(0)
      const { onRefundEvent } = await import('@/services/refundEvents')
      for (const e of events) expect(await onRefundEvent(payload, e.type, e.data.object as Stripe.Refund)).toBe('duplicate')
      expect((await state(c)).ledger).toEqual([['earning', 8500], ['refund', -8500]])
    })
  })

  it('the database refuses refunds adding up to more than the payment', async () => {
    const c = await pastCall()
    const insert = (amount: number, status: string) =>
      query(payload, `INSERT INTO refunds (payment_id, booking_id, fan_id, creator_id, amount, currency, reason, status) VALUES ($1, $2, $3, $4, $5, 'EUR', 'fixture', $6)`, [
        c.paymentId,
        c.bookingId,
        actors.fanA.id,
        actors.creatorA.creatorId,
        amount,
        status,
      ])
    await insert(6000, 'approved')
    // Requests hold nothing; rejected and failed refunds gave nothing back.
    await insert(9000, 'requested')
    await insert(9000, 'rejected')
    await expect(insert(4001, 'succeeded')).rejects.toThrow(/refunds of payment/)
    await insert(4000, 'processing')
    await expect(query(payload, `UPDATE refunds SET status = 'approved' WHERE payment_id = $1 AND status = 'requested'`, [c.paymentId])).rejects.toThrow(/refunds of payment/)
  })
})
