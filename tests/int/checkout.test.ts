import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import type { StripeEmulator } from '../../emulators/stripe'
import { stripeClient } from '@/integrations/stripe/client'
import { checkout } from '@/services/checkout'

import { api, startPaymentsWorld, stopPaymentsWorld, type Actors, query } from './harness'

const HOUR = 3_600_000
let slot = 10
const nextStart = () => new Date(Date.now() + (slot += 2) * HOUR).toISOString()

describe('checkout', () => {
  let payload: Payload
  let actors: Actors
  let stripe: StripeEmulator
  let account: string

  const offerFor = async (creatorId: number, data: Record<string, unknown> = {}) =>
    (await payload.create({ collection: 'offers', data: { creator: creatorId, title: 'Call', startsAt: nextStart(), durationMinutes: 30, price: 10000, currency: 'EUR', status: 'available', ...data } as never })).id

  beforeAll(async () => {
    ({ stripe, payload, actors, account } = await startPaymentsWorld())
  })
  afterAll(async () => {
    await stopPaymentsWorld({ stripe })
  })
  beforeEach(async () => {
    await payload.updateGlobal({ slug: 'platform-settings', data: { feeBps: 1500, fixedFee: 0 } })
  })

  it('100.00 EUR at 15 %: fee 15.00, creator 85.00, a destination charge with application_fee_amount 1500; the snapshot survives a settings change', async () => {
    const offerId = await offerFor(actors.creatorA.creatorId!)
    const res = await api<{ booking: { id: number; holdExpiresAt: string }; payment: { id: number; clientSecret: string; mode: string; platformFee: number; creatorAmount: number } }>(
      'POST', '/bookings/checkout', { token: actors.fanA.token, body: { offerId } },
    )
    expect(res.status).toBe(201)
    expect(res.body.payment).toMatchObject({ mode: 'emulator', platformFee: 1500, creatorAmount: 8500 })
    expect(new Date(res.body.booking.holdExpiresAt).getTime() - Date.now()).toBeGreaterThan(14 * 60_000)
    const payment = await payload.findByID({ collection: 'payments', id: res.body.payment.id })
    expect(payment).toMatchObject({ amount: 10000, platformFee: 1500, creatorAmount: 8500, status: 'requires_payment', feeSnapshot: { feeBps: 1500, fixedFee: 0, holdingPeriodDays: 7 } })
    const intent = await stripeClient().paymentIntents.retrieve(payment.stripePaymentIntentId!)
    expect(intent).toMatchObject({ amount: 10000, currency: 'eur', application_fee_amount: 1500, transfer_data: { destination: account } })
    expect(intent.metadata).toMatchObject({ bookingId: String(res.body.booking.id), offerId: String(offerId), fanId: String(actors.fanA.id), creatorId: String(actors.creatorA.creatorId) })
    expect(res.body.payment.clientSecret).toBe(intent.client_secret)
    const offer = await payload.findByID({ collection: 'offers', id: offerId })
    expect(offer.status).toBe('held')

    await payload.updateGlobal({ slug: 'platform-settings', data: { feeBps: 2000 } })
    expect(await payload.findByID({ collection: 'payments', id: payment.id })).toMatchObject({ platformFee: 1500, creatorAmount: 8500, feeSnapshot: { feeBps: 1500 } })
  })

  it('returns the same booking and client secret when the same fan checks out again during the hold', async () => {
    const offerId = await offerFor(actors.creatorA.creatorId!)
    const first = await api<{ booking: { id: number }; payment: { clientSecret: string } }>('POST', '/bookings/checkout', { token: actors.fanB.token, body: { offerId } })
    const again = await api<{ booking: { id: number }; payment: { clientSecret: string }; resumed: boolean }>('POST', '/bookings/checkout', { token: actors.fanB.token, body: { offerId } })
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect(again.body).toMatchObject({ booking: { id: first.body.booking.id }, payment: { clientSecret: first.body.payment.clientSecret }, resumed: true })
    const other = await api<{ errors: { code: string; message: string }[] }>('POST', '/bookings/checkout', { token: actors.fanA.token, body: { offerId } })
    expect(other.status).toBe(409)
    expect(other.body.errors[0]).toEqual({ code: 'OFFER_UNAVAILABLE', message: 'This slot was just booked by someone else.' })
  })

  it('50 concurrent checkouts of one offer by 50 fans: exactly one pending booking, 49 × OFFER_UNAVAILABLE', async () => {
    const offerId = await offerFor(actors.creatorA.creatorId!)
    const fans = await query<{ id: number }>(
      payload,
      `INSERT INTO users (name, role, locale, timezone, email, updated_at, created_at)
       SELECT 'Racer ' || n, 'fan', 'en', 'UTC', 'racer' || n || '-' || $1 || '@test.local', now(), now() FROM generate_series(1, 50) n
       RETURNING id`,
      [offerId],
    )
    const results = await Promise.allSettled(fans.map((f) => checkout(payload, { userId: f.id }, offerId)))
    const won = results.filter((r) => r.status === 'fulfilled')
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(49)
    for (const r of lost) expect(r.reason).toMatchObject({ status: 409, code: 'OFFER_UNAVAILABLE' })
    const bookings = await query<{ status: string }>(payload, `SELECT status FROM bookings WHERE offer_id = $1`, [offerId])
    expect(bookings).toEqual([{ status: 'pending' }])
    expect(await query(payload, `SELECT id FROM payments WHERE booking_id IN (SELECT id FROM bookings WHERE offer_id = $1)`, [offerId])).toHaveLength(1)
  })

  it('refuses with a reason: own offer, reserved for someone else, past the cut-off, unpayable creator, unknown offer, admin, guest, bad body', async () => {
    const reserved = await offerFor(actors.creatorA.creatorId!, { reservedFor: actors.fanA.id })
    const soon = await offerFor(actors.creatorA.creatorId!)
    await query(payload, `UPDATE offers SET starts_at = now() + interval '10 minutes', ends_at = now() + interval '40 minutes' WHERE id = $1`, [soon])
    const unpayable = await offerFor(actors.creatorB.creatorId!)
    await payload.update({ collection: 'creators', id: actors.creatorB.creatorId!, data: { chargesEnabled: false } })
    const own = await offerFor(actors.creatorA.creatorId!)
    const cases: [string | undefined, unknown, number, string][] = [
      [actors.creatorA.token, { offerId: own }, 403, 'OWN_OFFER'],
      [actors.fanB.token, { offerId: reserved }, 403, 'OFFER_RESERVED'],
      [actors.fanB.token, { offerId: soon }, 409, 'BOOKING_CLOSED'],
      [actors.fanB.token, { offerId: unpayable }, 409, 'CREATOR_NOT_PAYABLE'],
      [actors.fanB.token, { offerId: 999999 }, 404, 'OFFER_NOT_FOUND'],
      [actors.admin.token, { offerId: own }, 403, 'FORBIDDEN'],
      [undefined, { offerId: own }, 401, 'UNAUTHORIZED'],
      [actors.fanB.token, { offerId: 'abc' }, 400, 'INVALID_INPUT'],
    ]
    for (const [token, body, status, code] of cases) {
      const res = await api<{ errors: { code: string }[] }>('POST', '/bookings/checkout', { token, body })
      expect([res.status, res.body.errors?.[0]?.code], JSON.stringify(body)).toEqual([status, code])
    }
    // The fan it is reserved for can book it.
    expect((await api('POST', '/bookings/checkout', { token: actors.fanA.token, body: { offerId: reserved } })).status).toBe(201)
    await payload.update({ collection: 'creators', id: actors.creatorB.creatorId!, data: { chargesEnabled: true } })
  })

  it('survives the provider failing twice (SDK retries, one PaymentIntent), and releases the hold with a 502 when it stays down', async () => {
    const offerId = await offerFor(actors.creatorA.creatorId!)
    const before = stripe.control.events().filter((e) => e.type === 'payment_intent.created').length
    stripe.control.failNext({ count: 2, mode: 'error', pathPrefix: '/v1/payment_intents' })
    const ok = await api<{ payment: { id: number } }>('POST', '/bookings/checkout', { token: actors.fanA.token, body: { offerId } })
    expect(ok.status, JSON.stringify([ok.body, stripe.control.requests().filter((r) => r.path.startsWith('/v1/payment_intents')).slice(-4)])).toBe(201)
    expect(stripe.control.events().filter((e) => e.type === 'payment_intent.created').length).toBe(before + 1)

    const down = await offerFor(actors.creatorA.creatorId!)
    stripe.control.failNext({ count: 3, mode: 'error', pathPrefix: '/v1/payment_intents' })
    const failed = await api<{ errors: { code: string; message: string }[] }>('POST', '/bookings/checkout', { token: actors.fanA.token, body: { offerId: down } })
    expect(failed.status).toBe(502)
    expect(failed.body.errors[0].code).toBe('PAYMENT_PROVIDER_UNAVAILABLE')
    expect(failed.body.errors[0].message).toMatch(/Nothing was charged and the slot is free again/)
    expect((await payload.findByID({ collection: 'offers', id: down })).status).toBe('available')
    const [booking] = await query<{ status: string }>(payload, `SELECT status FROM bookings WHERE offer_id = $1`, [down])
    expect(booking.status).toBe('cancelled')
    // And the slot can be booked again right away.
    expect((await api('POST', '/bookings/checkout', { token: actors.fanB.token, body: { offerId: down } })).status).toBe(201)
  })

  it('never leaves an offer held without its booking when the database refuses a second active booking', async () => {
    const offerId = await offerFor(actors.creatorA.creatorId!)
    expect((await api('POST', '/bookings/checkout', { token: actors.fanA.token, body: { offerId } })).status).toBe(201)
    // Someone set the offer back to available by hand while the booking still holds it.
    await query(payload, `UPDATE offers SET status = 'available' WHERE id = $1`, [offerId])
    const res = await api<{ errors: { code: string }[] }>('POST', '/bookings/checkout', { token: actors.fanB.token, body: { offerId } })
    expect([res.status, res.body.errors[0].code]).toEqual([409, 'OFFER_UNAVAILABLE'])
    expect((await payload.findByID({ collection: 'offers', id: offerId })).status).toBe('available')
    expect(await query(payload, `SELECT status FROM bookings WHERE offer_id = $1`, [offerId])).toEqual([{ status: 'pending' }])
  })
})
