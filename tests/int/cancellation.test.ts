/**
 * POST /api/bookings/:id/cancel and GET /api/bookings/:id/cancellation (SPEC §5, §7, §14) over real
 * HTTP, with confirmed paid bookings made through the Stripe emulator (destination charges), and the
 * `settle-cancellation` job run explicitly, as the worker would.
 */
import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { stripeClient } from '@/integrations/stripe/client'
import type { StripeEmulator } from '../../emulators/stripe'
import { advanceClock, resetClock } from '@/lib/clock'
import { settleCancellation } from '@/services/cancellations'

import { api, settleStripe, startPaymentsWorld, stopPaymentsWorld, type Actor, type Actors, query } from './harness'

const SECRET = 'whsec_test_cancellation_secret'
const HOUR = 3_600_000
const REASON = 'Something came up at work, sorry.'
/** Each offer gets its own 2-hour slot (a creator's offers may not overlap): early ones from 2 h, late ones from 100 h. */
let soonSlot = 0
let laterSlot = 100

type Errors = { errors: { code: string; message: string; field?: string }[] }
type CancelBody = {
  booking: { id: number; status: string; cancellation: { by: string; at: string; reason: string } }
  offer: { id: number; status: string }
  refund: { id: number; amount: number; currency: string; status: string; policy: string } | null
}
type Preview = { cancellable: boolean; refund: 'full' | 'none'; reasonCode?: string; freeUntil: string }

describe('booking cancellation', () => {
  let payload: Payload
  let actors: Actors
  let stripe: StripeEmulator
  let account: string

  const offerAt = async (hoursAhead: number) =>
    (
      await payload.create({
        collection: 'offers',
        data: { creator: actors.creatorA.creatorId!, title: 'Coaching', startsAt: new Date(Date.now() + hoursAhead * HOUR).toISOString(), durationMinutes: 30, price: 10000, currency: 'EUR', status: 'available' } as never,
      })
    ).id

  /** Lets the emulator deliver its events, then runs the jobs they queued (twice: jobs queue jobs). */
  const settle = () => settleStripe(payload, stripe)

  const checkoutAs = async (fan: Actor, offerId: number) => {
    const res = await api<{ booking: { id: number }; payment: { id: number } }>('POST', '/bookings/checkout', { token: fan.token, body: { offerId } })
    expect(res.status).toBe(201)
    const payment = await payload.findByID({ collection: 'payments', id: res.body.payment.id })
    return { offerId, bookingId: res.body.booking.id, paymentId: payment.id, intentId: payment.stripePaymentIntentId! }
  }

  /** A paid, confirmed booking by `fan`, starting `when` (soon: a few hours ahead; later: days ahead). */
  const confirmedBooking = async (when: 'soon' | 'later', fan: Actor = actors.fanA) => {
    const c = await checkoutAs(fan, await offerAt(when === 'soon' ? (soonSlot += 2) : (laterSlot += 2)))
    await stripeClient().paymentIntents.confirm(c.intentId, { payment_method: 'pm_card_visa' })
    await settle()
    expect((await payload.findByID({ collection: 'bookings', id: c.bookingId })).status).toBe('confirmed')
    return c
  }

  const cancel = (bookingId: number, actor?: Actor, body: unknown = { reason: REASON }) =>
    api<CancelBody & Errors>('POST', `/bookings/${bookingId}/cancel`, { token: actor?.token, body })

  const state = async (c: { bookingId: number; paymentId: number; offerId: number }) => {
    const booking = await payload.findByID({ collection: 'bookings', id: c.bookingId })
    const payment = await payload.findByID({ collection: 'payments', id: c.paymentId })
    return {
      booking: booking.status,
      cancellation: booking.cancellation,
      offer: (await payload.findByID({ collection: 'offers', id: c.offerId })).status,
      payment: payment.status,
      refundedAmount: payment.refundedAmount,
      refunds: (await payload.find({ collection: 'refunds', where: { booking: { equals: c.bookingId } }, depth: 0 })).docs,
      ledger: await query<{ type: string; amount: string; source_type: string; source_ref: string; available_at: Date }>(
        payload,
        `SELECT type, amount, source_type, source_ref, available_at FROM ledger_entries
          WHERE (source_type = 'payment' AND source_ref = $1) OR (source_type = 'refund' AND source_ref IN (SELECT id::text FROM refunds WHERE booking_id = $2))
          ORDER BY id`,
        [String(c.paymentId), c.bookingId],
      ),
    }
  }

  const connectedBalance = async () => {
    const balance = await stripeClient().balance.retrieve({}, { stripeAccount: account })
    const sum = (lines: { amount: number; currency: string }[]) => lines.filter((l) => l.currency === 'eur').reduce((total, l) => total + l.amount, 0)
    return sum(balance.available) + sum(balance.pending)
  }

  /** What `actor` was told about this booking after it was confirmed. */
  const notificationsOf = async (actor: Actor, bookingId: number) =>
    (await payload.find({ collection: 'notifications', where: { user: { equals: actor.id } }, limit: 200, depth: 0, sort: 'createdAt' })).docs.filter(
      (n) => n.type !== 'booking_confirmed' && (n.metadata as { bookingId?: number } | null)?.bookingId === bookingId,
    )

  const jobCount = async () => (await payload.count({ collection: 'payload-jobs' })).totalDocs

  beforeAll(async () => {
    ({ stripe, payload, actors, account } = await startPaymentsWorld({ webhookSecret: SECRET }))
  })
  afterAll(async () => {
    await stopPaymentsWorld({ stripe })
  })
  afterEach(() => resetClock())

  it('fan, ≥ 24 h ahead: cancelled, full refund with reverse_transfer by the job, creator ledger and Stripe balance back to 0, both told', async () => {
    const c = await confirmedBooking('later')
    expect(await connectedBalance()).toBe(8500)

    const preview = await api<Preview>('GET', `/bookings/${c.bookingId}/cancellation`, { token: actors.fanA.token })
    expect(preview.status).toBe(200)
    const startsAt = new Date((await payload.findByID({ collection: 'bookings', id: c.bookingId })).startsAt!)
    expect(preview.body).toEqual({ cancellable: true, refund: 'full', freeUntil: new Date(startsAt.getTime() - 24 * HOUR).toISOString() })

    const res = await cancel(c.bookingId, actors.fanA)
    expect(res.status).toBe(200)
    expect(res.body.booking).toMatchObject({ id: c.bookingId, status: 'cancelled', cancellation: { by: 'fan', reason: REASON } })
    // The slot is days ahead: it is offered again.
    expect(res.body.offer).toEqual({ id: c.offerId, status: 'available' })
    expect(res.body.refund).toMatchObject({ amount: 10000, currency: 'EUR', status: 'approved', policy: 'fan_early_cancellation' })

    // The request itself never calls Stripe: the refund is approved and waits for its job.
    expect((await stripeClient().refunds.list({ payment_intent: c.intentId })).data).toEqual([])
    let s = await state(c)
    expect(s).toMatchObject({ booking: 'cancelled', offer: 'available', payment: 'succeeded', cancellation: { by: 'fan', reason: REASON } })
    expect(s.refunds.map((r) => [r.status, r.policy, r.amount, r.requestedBy])).toEqual([['approved', 'fan_early_cancellation', 10000, actors.fanA.id]])

    await settle()
    const refundId = res.body.refund!.id
    const stripeRefunds = (await stripeClient().refunds.list({ payment_intent: c.intentId })).data
    expect(stripeRefunds).toHaveLength(1)
    expect(stripeRefunds[0]).toMatchObject({ amount: 10000, status: 'succeeded', metadata: { refundId: String(refundId), bookingId: String(c.bookingId) } })
    expect(stripeRefunds[0].transfer_reversal).toBeTruthy()
    const refundCall = stripe.control.requests().find((r) => r.method === 'POST' && r.path === '/v1/refunds' && r.idempotencyKey === `refund/${refundId}`)
    expect(refundCall?.status).toBe(200)
    // reverse_transfer + refund_application_fee: the creator gives back exactly their 85.00.
    expect(await connectedBalance()).toBe(0)

    s = await state(c)
    expect(s).toMatchObject({ payment: 'refunded', refundedAmount: 10000 })
    expect(s.refunds[0]).toMatchObject({ status: 'succeeded', stripeRefundId: stripeRefunds[0].id })
    expect(s.ledger.map((e) => [e.type, Number(e.amount)])).toEqual([['earning', 8500], ['refund', -8500]])
    expect(s.ledger[1]).toMatchObject({ source_type: 'refund', source_ref: String(refundId) })
    // The earning was still in its holding period: the refund reverses it there (not as debt today).
    expect(new Date(s.ledger[1].available_at)).toEqual(new Date(s.ledger[0].available_at))
    expect(s.ledger.reduce((total, e) => total + Number(e.amount), 0)).toBe(0)

    // charge.refunded came back from Stripe and counted nothing a second time.
    const refundedEvents = await query<{ status: string }>(payload, `SELECT status FROM webhook_events WHERE type = 'charge.refunded'`)
    expect(refundedEvents.length).toBeGreaterThanOrEqual(1)
    expect(refundedEvents.every((e) => e.status === 'ignored' || e.status === 'processed')).toBe(true)
    // The job again (a retry after a crash) changes nothing.
    expect(await settleCancellation(payload, { bookingId: c.bookingId, refundId })).toBe('nothing')
    expect((await state(c)).ledger).toHaveLength(2)

    expect((await notificationsOf(actors.creatorA, c.bookingId)).map((n) => n.type)).toEqual(['booking_cancelled'])
    expect((await notificationsOf(actors.fanA, c.bookingId)).map((n) => n.type)).toContain('refund_approved')
    expect((await notificationsOf(actors.fanA, c.bookingId)).map((n) => n.type)).not.toContain('booking_cancelled')
    const emails = await payload.find({ collection: 'email-logs', where: { idempotencyKey: { in: [`booking-cancelled/${c.bookingId}/creator`, `refund-approved/${refundId}`] } } })
    expect(emails.docs.map((e) => [e.idempotencyKey, e.to]).sort()).toEqual(
      [[`booking-cancelled/${c.bookingId}/creator`, actors.creatorA.email], [`refund-approved/${refundId}`, actors.fanA.email]].sort(),
    )
    const logs = await payload.find({ collection: 'transaction-logs', where: { and: [{ entityType: { equals: 'refund' } }, { entityId: { equals: String(refundId) } }] }, sort: 'createdAt' })
    expect(logs.docs.map((l) => l.type)).toEqual(['refund.approved', 'refund.succeeded'])

    // The freed slot can be booked by someone else.
    expect((await api('POST', '/bookings/checkout', { token: actors.fanB.token, body: { offerId: c.offerId } })).status).toBe(201)
  })

  it('fan, < 24 h ahead: 409 CANCELLATION_WINDOW_PASSED pointing to a refund request, and nothing changes', async () => {
    const c = await confirmedBooking('soon')
    const before = { state: await state(c), jobs: await jobCount(), notes: (await notificationsOf(actors.creatorA, c.bookingId)).length }

    const preview = await api<Preview>('GET', `/bookings/${c.bookingId}/cancellation`, { token: actors.fanA.token })
    expect(preview.body).toMatchObject({ cancellable: false, refund: 'none', reasonCode: 'CANCELLATION_WINDOW_PASSED' })

    const res = await cancel(c.bookingId, actors.fanA)
    expect(res.status).toBe(409)
    expect(res.body.errors[0].code).toBe('CANCELLATION_WINDOW_PASSED')
    expect(res.body.errors[0].message).toMatch(/refund request/)
    expect(await state(c)).toEqual(before.state)
    expect(before.state).toMatchObject({ booking: 'confirmed', offer: 'booked', payment: 'succeeded', refunds: [] })
    expect(await jobCount()).toBe(before.jobs)
    expect((await notificationsOf(actors.creatorA, c.bookingId)).length).toBe(before.notes)
  })

  it('creator, a few hours ahead: cancelled, the slot closed, the fan told and refunded in full', async () => {
    const c = await confirmedBooking('soon', actors.fanB)
    const preview = await api<Preview>('GET', `/bookings/${c.bookingId}/cancellation`, { token: actors.creatorA.token })
    expect(preview.body).toMatchObject({ cancellable: true, refund: 'full' })

    const res = await cancel(c.bookingId, actors.creatorA, { reason: 'I am ill, so sorry.' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ booking: { cancellation: { by: 'creator' } }, offer: { status: 'cancelled' }, refund: { policy: 'creator_cancellation', amount: 10000 } })
    const told = await notificationsOf(actors.fanB, c.bookingId)
    expect(told.map((n) => n.type)).toEqual(['booking_cancelled'])
    expect(told[0].body).toContain('I am ill, so sorry.')
    expect(await payload.count({ collection: 'email-logs', where: { idempotencyKey: { equals: `booking-cancelled/${c.bookingId}/fan` } } })).toMatchObject({ totalDocs: 1 })

    await settle()
    const s = await state(c)
    expect(s).toMatchObject({ booking: 'cancelled', offer: 'cancelled', payment: 'refunded', refundedAmount: 10000 })
    expect(s.refunds[0]).toMatchObject({ status: 'succeeded', policy: 'creator_cancellation' })
    expect(s.ledger.map((e) => Number(e.amount))).toEqual([8500, -8500])
    expect((await stripeClient().refunds.list({ payment_intent: c.intentId })).data.map((r) => r.amount)).toEqual([10000])
    expect((await notificationsOf(actors.fanB, c.bookingId)).map((n) => n.type).sort()).toEqual(['booking_cancelled', 'refund_approved'])
  })

  it('a booking whose payment has or had a dispute: cancelled as usual (slot, both told) but nothing refunded through the app', async () => {
    for (const disputeStatus of ['open', 'won', 'lost']) {
      const c = await confirmedBooking('soon', actors.fanB)
      await query(payload, `UPDATE payments SET dispute_status = $2 WHERE id = $1`, [c.paymentId, disputeStatus])
      const preview = await api<Preview>('GET', `/bookings/${c.bookingId}/cancellation`, { token: actors.creatorA.token })
      expect([disputeStatus, preview.body]).toMatchObject([disputeStatus, { cancellable: true, refund: 'none' }])
      const res = await cancel(c.bookingId, actors.creatorA, { reason: 'I am ill, so sorry.' })
      expect([disputeStatus, res.status]).toEqual([disputeStatus, 200])
      expect(res.body).toMatchObject({ booking: { cancellation: { by: 'creator' } }, offer: { status: 'cancelled' }, refund: null })
      await settle()
      const s = await state(c)
      expect(s).toMatchObject({ booking: 'cancelled', offer: 'cancelled', payment: 'succeeded', refunds: [] })
      expect(s.ledger.map((e) => Number(e.amount))).toEqual([8500])
      expect((await stripeClient().refunds.list({ payment_intent: c.intentId })).data).toEqual([])
      expect((await notificationsOf(actors.fanB, c.bookingId)).map((n) => n.type)).toEqual(['booking_cancelled'])
    }
  })

  it('guest 401; another fan or another creator 404; bad ids 404; nothing changes', async () => {
    const c = await confirmedBooking('later')
    const before = await state(c)
    expect((await cancel(c.bookingId)).status).toBe(401)
    expect((await api('GET', `/bookings/${c.bookingId}/cancellation`)).status).toBe(401)
    for (const stranger of [actors.fanB, actors.creatorB]) {
      const res = await cancel(c.bookingId, stranger)
      expect(res.status).toBe(404)
      expect(res.body.errors[0].code).toBe('NOT_FOUND')
      expect((await api('GET', `/bookings/${c.bookingId}/cancellation`, { token: stranger.token })).status).toBe(404)
    }
    expect((await cancel(999_999, actors.fanA)).status).toBe(404)
    expect((await cancel(Number.NaN, actors.fanA)).status).toBe(404)
    expect(await state(c)).toEqual(before)
  })

  it('reason missing, blank or longer than 500 characters: 400 naming `reason`, nothing changes', async () => {
    const c = await confirmedBooking('later')
    const before = await state(c)
    for (const body of [{}, { reason: '' }, { reason: '   ' }, { reason: 42 }, { reason: 'x'.repeat(501) }]) {
      const res = await cancel(c.bookingId, actors.fanA, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.errors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'reason' })
      expect(res.body.errors[0].message).toMatch(/^reason: /)
    }
    expect(await state(c)).toEqual(before)
    expect((await cancel(c.bookingId, actors.fanA, { reason: 'y'.repeat(500) })).status).toBe(200)
  })

  it('an admin cancels any time before start: full refund (manual policy), fan and creator told', async () => {
    const c = await confirmedBooking('soon')
    const res = await cancel(c.bookingId, actors.admin, { reason: 'Reported by support.' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ booking: { cancellation: { by: 'admin' } }, offer: { status: 'cancelled' }, refund: { policy: 'manual' } })
    expect((await notificationsOf(actors.fanA, c.bookingId)).map((n) => n.type)).toEqual(['booking_cancelled'])
    expect((await notificationsOf(actors.creatorA, c.bookingId)).map((n) => n.type)).toContain('booking_cancelled')
    await settle()
    expect(await state(c)).toMatchObject({ payment: 'refunded', refundedAmount: 10000 })
  })

  it('12 concurrent cancels by the fan, the creator and an admin: one cancellation, one refund, one ledger entry', async () => {
    const c = await confirmedBooking('later')
    const who = [actors.fanA, actors.creatorA, actors.admin]
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => cancel(c.bookingId, who[i % 3], { reason: `Attempt ${i}` })))
    const statuses = results.map((r) => r.status).sort()
    expect(statuses).toEqual([200, ...Array(11).fill(409)])
    for (const r of results.filter((x) => x.status === 409)) expect(r.body.errors[0].code).toBe('BOOKING_NOT_CANCELLABLE')
    await settle()
    const s = await state(c)
    expect(s.refunds).toHaveLength(1)
    expect(s.refunds[0].status).toBe('succeeded')
    expect(s.ledger.filter((e) => e.type === 'refund')).toHaveLength(1)
    expect(s).toMatchObject({ booking: 'cancelled', payment: 'refunded', refundedAmount: 10000 })
    expect((await stripeClient().refunds.list({ payment_intent: c.intentId })).data).toHaveLength(1)
    // Once cancelled, it stays cancelled.
    const again = await cancel(c.bookingId, actors.fanA)
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toBe('This booking is already cancelled and cannot be cancelled.')
  })

  it('after the start: 409 BOOKING_STARTED, for the creator too', async () => {
    const c = await confirmedBooking('soon')
    advanceClock((soonSlot + 1) * HOUR)
    for (const actor of [actors.fanA, actors.creatorA, actors.admin]) {
      const res = await cancel(c.bookingId, actor)
      expect(res.status).toBe(409)
      expect(res.body.errors[0].code).toBe('BOOKING_STARTED')
    }
    expect(await state(c)).toMatchObject({ booking: 'confirmed', offer: 'booked', refunds: [] })
  })

  it('a pending hold: its fan releases it at once (slot available, PaymentIntent cancelled by the job, nothing charged, nobody told)', async () => {
    const c = await checkoutAs(actors.fanB, await offerAt((laterSlot += 2)))
    const preview = await api<Preview>('GET', `/bookings/${c.bookingId}/cancellation`, { token: actors.fanB.token })
    expect(preview.body).toMatchObject({ cancellable: true, refund: 'none', reasonCode: 'NOTHING_TO_REFUND' })
    const res = await cancel(c.bookingId, actors.fanB, { reason: 'Changed my mind.' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ booking: { status: 'cancelled' }, offer: { status: 'available' }, refund: null })
    await settle()
    expect(await state(c)).toMatchObject({ booking: 'cancelled', offer: 'available', payment: 'canceled', refunds: [], ledger: [] })
    expect((await stripeClient().paymentIntents.retrieve(c.intentId)).status).toBe('canceled')
    expect(await notificationsOf(actors.creatorA, c.bookingId)).toEqual([])
  })

  it('a pending hold paid just as it is cancelled: the late payment is refunded in full, no earning', async () => {
    const c = await checkoutAs(actors.fanA, await offerAt((laterSlot += 2)))
    expect((await cancel(c.bookingId, actors.fanA, { reason: 'Wrong slot.' })).status).toBe(200)
    // The fan's browser still confirms the PaymentIntent before the job could cancel it.
    await stripeClient().paymentIntents.confirm(c.intentId, { payment_method: 'pm_card_visa' })
    await settle()
    const s = await state(c)
    expect(s).toMatchObject({ booking: 'cancelled', payment: 'refunded', ledger: [] })
    expect(s.refunds.map((r) => [r.policy, r.status, r.amount])).toEqual([['late_payment', 'succeeded', 10000]])
    expect((await stripeClient().refunds.list({ payment_intent: c.intentId })).data.map((r) => r.amount)).toEqual([10000])
  })

  it('expired, completed or already cancelled bookings: 409 BOOKING_NOT_CANCELLABLE', async () => {
    const c = await checkoutAs(actors.fanB, await offerAt((laterSlot += 2)))
    await query(payload, `UPDATE bookings SET status = 'expired' WHERE id = $1`, [c.bookingId])
    const res = await cancel(c.bookingId, actors.fanB)
    expect(res.status).toBe(409)
    expect(res.body.errors[0]).toMatchObject({ code: 'BOOKING_NOT_CANCELLABLE', message: 'This booking is an expired hold and cannot be cancelled.' })
  })
})
