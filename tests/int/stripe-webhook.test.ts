import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { stripeClient } from '@/integrations/stripe/client'
import type { StripeEmulator } from '../../emulators/stripe'
import { advanceClock, resetClock } from '@/lib/clock'
import { expireHolds } from '@/services/payments'

import { api, apiBase, settleStripe, startPaymentsWorld, stopPaymentsWorld, type Actor, type Actors, query } from './harness'

const SECRET = 'whsec_test_webhook_secret'
const HOUR = 3_600_000
let slot = 100

describe('Stripe webhook and payment outcomes', () => {
  let payload: Payload
  let actors: Actors
  let stripe: StripeEmulator

  const newOffer = async () =>
    (await payload.create({ collection: 'offers', data: { creator: actors.creatorA.creatorId!, title: 'Coaching', startsAt: new Date(Date.now() + (slot += 2) * HOUR).toISOString(), durationMinutes: 30, price: 10000, currency: 'EUR', status: 'available' } as never })).id

  const startCheckout = async (fan: Actor) => {
    const offerId = await newOffer()
    const res = await api<{ booking: { id: number }; payment: { id: number } }>('POST', '/bookings/checkout', { token: fan.token, body: { offerId } })
    expect(res.status).toBe(201)
    const payment = await payload.findByID({ collection: 'payments', id: res.body.payment.id })
    return { offerId, bookingId: res.body.booking.id, paymentId: payment.id, intentId: payment.stripePaymentIntentId! }
  }

  const pay = async (intentId: string, method = 'pm_card_visa') => {
    try {
      await stripeClient().paymentIntents.confirm(intentId, { payment_method: method })
    } catch {
      // a declined card: the failure arrives as an event
    }
  }

  /** Lets the emulator deliver every queued event, then runs the jobs they queued (twice: jobs queue jobs). */
  const settle = () => settleStripe(payload, stripe)

  const state = async (c: { bookingId: number; paymentId: number; offerId: number }) => ({
    booking: (await payload.findByID({ collection: 'bookings', id: c.bookingId })).status,
    payment: (await payload.findByID({ collection: 'payments', id: c.paymentId })).status,
    offer: (await payload.findByID({ collection: 'offers', id: c.offerId })).status,
    earnings: await query<{ amount: string; available_at: Date }>(payload, `SELECT amount, available_at FROM ledger_entries WHERE source_type = 'payment' AND source_ref = $1`, [String(c.paymentId)]),
  })

  beforeAll(async () => {
    ({ stripe, payload, actors } = await startPaymentsWorld({ webhookSecret: SECRET }))
  })
  afterAll(async () => {
    await stopPaymentsWorld({ stripe })
  })
  afterEach(() => resetClock())

  it('a success delivered 5 times yields one payment, one earning, one confirmation email', async () => {
    const c = await startCheckout(actors.fanA)
    await pay(c.intentId)
    await settle()
    const event = stripe.control.events().find((e) => e.type === 'payment_intent.succeeded' && (e.data.object as { id: string }).id === c.intentId)!
    const body = JSON.stringify(event)
    for (let i = 0; i < 4; i++) {
      const header = stripeClient().webhooks.generateTestHeaderString({ payload: body, secret: SECRET })
      const res = await fetch(`${await apiBase()}/api/stripe/webhook`, { method: 'POST', headers: { 'stripe-signature': header, 'content-type': 'application/json' }, body })
      expect(await res.json()).toEqual({ received: true, duplicate: true })
    }
    await settle()
    const s = await state(c)
    expect(s).toMatchObject({ booking: 'confirmed', payment: 'succeeded', offer: 'booked' })
    expect(s.earnings).toHaveLength(1)
    expect(Number(s.earnings[0].amount)).toBe(8500)
    // Available the holding period (7 days) after the call's scheduled end, never before the call (SPEC §7).
    const endsAt = new Date((await payload.findByID({ collection: 'bookings', id: c.bookingId })).endsAt!)
    expect(endsAt.getTime()).toBeGreaterThan(Date.now())
    expect(new Date(s.earnings[0].available_at).getTime()).toBe(endsAt.getTime() + 7 * 86_400_000)
    const emails = await payload.find({ collection: 'email-logs', where: { idempotencyKey: { like: `booking-confirmed/${c.bookingId}/` } } })
    expect(emails.docs.map((e) => e.to).sort()).toEqual([actors.creatorA.email, actors.fanA.email].sort())
    expect(await payload.count({ collection: 'webhook-events', where: { eventId: { equals: event.id } } })).toMatchObject({ totalDocs: 1 })
    const fanNotes = await api<{ docs: { type: string; title: string }[] }>('GET', '/notifications', { token: actors.fanA.token })
    expect(fanNotes.body.docs.filter((n) => n.type === 'booking_confirmed')).toHaveLength(1)

    // The confirmed call goes into a calendar: for its participants only.
    const ics = await api<string>('GET', `/bookings/${c.bookingId}/ics`, { token: actors.fanA.token })
    expect(ics.status).toBe(200)
    expect(ics.headers.get('content-type')).toMatch(/text\/calendar/)
    expect(ics.body).toContain(`UID:booking-${c.bookingId}@callastar`)
    expect(ics.body).toMatch(/SUMMARY:Callastar call with creatorA Tester: Coaching/)
    expect((await api('GET', `/bookings/${c.bookingId}/ics`, { token: actors.creatorA.token })).status).toBe(200)
    expect((await api('GET', `/bookings/${c.bookingId}/ics`, { token: actors.fanB.token })).status).toBe(404)
    expect((await api('GET', `/bookings/${c.bookingId}/ics`)).status).toBe(401)
  })

  it('a decline then a success, delivered in reverse order, still ends succeeded with one earning', async () => {
    const c = await startCheckout(actors.fanB)
    stripe.control.holdEvents()
    await pay(c.intentId, 'pm_card_chargeDeclined')
    await pay(c.intentId, 'pm_card_visa')
    stripe.control.releaseEvents({ order: 'reverse' })
    await settle()
    const s = await state(c)
    expect(s).toMatchObject({ booking: 'confirmed', payment: 'succeeded', offer: 'booked' })
    expect(s.earnings).toHaveLength(1)
  })

  it('a decline alone marks the payment failed, keeps the hold for a retry and tells the fan', async () => {
    const c = await startCheckout(actors.fanA)
    await pay(c.intentId, 'pm_card_chargeDeclined')
    await settle()
    expect(await state(c)).toMatchObject({ booking: 'pending', payment: 'failed', offer: 'held', earnings: [] })
    expect((await api('GET', `/bookings/${c.bookingId}/ics`, { token: actors.fanA.token })).status).toBe(409)
    const notes = await api<{ docs: { title: string }[] }>('GET', '/notifications', { token: actors.fanA.token })
    expect(notes.body.docs.map((n) => n.title)).toContain('Payment did not go through')
  })

  it('refuses a bad or missing signature with 400, logs it, and changes nothing', async () => {
    const before = (await payload.count({ collection: 'webhook-events' })).totalDocs
    const body = JSON.stringify({ id: 'evt_forged', type: 'payment_intent.succeeded', data: { object: { id: 'pi_x' } } })
    const forged = stripeClient().webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_wrong' })
    for (const headers of [{ 'stripe-signature': forged }, {}] as Record<string, string>[]) {
      const res = await fetch(`${await apiBase()}/api/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })
      expect(res.status).toBe(400)
    }
    expect((await payload.count({ collection: 'webhook-events' })).totalDocs).toBe(before)
    const logs = await payload.find({ collection: 'system-logs', where: { type: { equals: 'stripe.webhook_rejected' } } })
    expect(logs.docs.length).toBeGreaterThanOrEqual(2)
    expect(logs.docs[0].level).toBe('WARNING')
  })

  it('expires a hold past its time: PaymentIntent cancelled, offer free again, fan told', async () => {
    const c = await startCheckout(actors.fanB)
    advanceClock(16 * 60_000)
    // Earlier tests may leave holds of their own; this one must be among those expired.
    expect((await expireHolds(payload)).expired).toBeGreaterThanOrEqual(1)
    expect(await state(c)).toMatchObject({ booking: 'expired', payment: 'canceled', offer: 'available', earnings: [] })
    expect((await stripeClient().paymentIntents.retrieve(c.intentId)).status).toBe('canceled')
    const notes = await api<{ docs: { title: string }[] }>('GET', '/notifications', { token: actors.fanB.token })
    expect(notes.body.docs.map((n) => n.title)).toContain('Your hold has expired')
  })

  it('a success arriving after the hold was released is refunded in full; the creator ledger is unchanged', async () => {
    const c = await startCheckout(actors.fanA)
    stripe.control.holdEvents()
    await pay(c.intentId)
    // The slot was released before the success arrived (what the expiry job does).
    await query(payload, `UPDATE bookings SET status = 'expired' WHERE id = $1`, [c.bookingId])
    await query(payload, `UPDATE offers SET status = 'available' WHERE id = $1`, [c.offerId])
    const ledgerBefore = await query(payload, `SELECT count(*)::int AS n FROM ledger_entries WHERE creator_id = $1`, [actors.creatorA.creatorId])
    stripe.control.releaseEvents()
    await settle()
    expect(await state(c)).toMatchObject({ booking: 'expired', payment: 'refunded', offer: 'available', earnings: [] })
    const refunds = await payload.find({ collection: 'refunds', where: { payment: { equals: c.paymentId } } })
    expect(refunds.docs).toHaveLength(1)
    expect(refunds.docs[0]).toMatchObject({ amount: 10000, status: 'succeeded', policy: 'late_payment' })
    const stripeRefunds = await stripeClient().refunds.list({ payment_intent: c.intentId })
    expect(stripeRefunds.data.map((r) => r.amount)).toEqual([10000])
    expect(await query(payload, `SELECT count(*)::int AS n FROM ledger_entries WHERE creator_id = $1`, [actors.creatorA.creatorId])).toEqual(ledgerBefore)
    const notes = await api<{ docs: { type: string }[] }>('GET', '/notifications', { token: actors.fanA.token })
    expect(notes.body.docs.map((n) => n.type)).toContain('refund_approved')
  })
})
