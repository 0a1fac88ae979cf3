import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { StripeEmulator } from '../../emulators/stripe'
import { advanceClock, resetClock } from '@/lib/clock'

import { api, settleStripe, startPaymentsWorld, stopPaymentsWorld, type Actor, type Actors } from './harness'

const SECRET = 'whsec_storefront_checkout'
const HOUR = 3_600_000
let slot = 300

type PayBody = { status: string; error?: { code: string; message: string } }
type ErrorBody = { errors: { message: string; code: string }[] }
type StatusBody = { booking: string; offer: string; holdExpiresAt: string | null; paymentStatus: string | null }

describe('storefront checkout endpoints: pay-test-card, booking status, offer availability', () => {
  let payload: Payload
  let actors: Actors
  let stripe: StripeEmulator

  const newOffer = async (extra: Record<string, unknown> = {}) =>
    (
      await payload.create({
        collection: 'offers',
        data: { creator: actors.creatorA.creatorId!, title: 'Storefront call', startsAt: new Date(Date.now() + (slot += 2) * HOUR).toISOString(), durationMinutes: 30, price: 4500, currency: 'EUR', status: 'available', ...extra } as never,
      })
    ).id

  const checkout = async (fan: Actor, offerId?: number) => {
    const id = offerId ?? (await newOffer())
    const res = await api<{ booking: { id: number } }>('POST', '/bookings/checkout', { token: fan.token, body: { offerId: id } })
    expect(res.status).toBe(201)
    return { offerId: id, bookingId: res.body.booking.id }
  }

  const payTestCard = (bookingId: number, card: string, token?: string) => api<PayBody & ErrorBody>('POST', `/bookings/${bookingId}/pay-test-card`, { token, body: { card } })

  const settle = () => settleStripe(payload, stripe)

  beforeAll(async () => {
    ({ stripe, payload, actors } = await startPaymentsWorld({ webhookSecret: SECRET }))
  })
  afterAll(async () => {
    await stopPaymentsWorld({ stripe })
  })
  afterEach(() => resetClock())

  it('a decline answers the card error and keeps the hold; 4242 then pays and the webhook confirms', async () => {
    const c = await checkout(actors.fanA)
    const declined = await payTestCard(c.bookingId, '4000 0000 0000 0002', actors.fanA.token)
    expect(declined.status).toBe(200)
    expect(declined.body).toEqual({ status: 'requires_payment_method', error: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' } })
    await settle()
    const afterDecline = await api<StatusBody>('GET', `/bookings/${c.bookingId}/status`, { token: actors.fanA.token })
    expect(afterDecline.status).toBe(200)
    expect(afterDecline.body).toMatchObject({ booking: 'pending', offer: 'held', paymentStatus: 'failed' })
    expect(new Date(afterDecline.body.holdExpiresAt!).getTime()).toBeGreaterThan(Date.now())

    const paid = await payTestCard(c.bookingId, '4242424242424242', actors.fanA.token)
    expect(paid.status).toBe(200)
    expect(paid.body).toEqual({ status: 'succeeded' })
    await settle()
    const confirmed = await api<StatusBody>('GET', `/bookings/${c.bookingId}/status`, { token: actors.fanA.token })
    expect(confirmed.body).toMatchObject({ booking: 'confirmed', offer: 'booked', paymentStatus: 'succeeded' })
    // Paying twice is refused: nothing left to pay.
    const again = await payTestCard(c.bookingId, '4242424242424242', actors.fanA.token)
    expect(again.status).toBe(409)
    expect(again.body.errors[0].code).toBe('BOOKING_NOT_PENDING')
    expect(await api<{ status: string; bookable: boolean }>('GET', `/offers/${c.offerId}/availability`).then((r) => r.body)).toEqual({ status: 'booked', bookable: false })
  })

  it('only the booking’s fan may pay: 401 anonymous, 404 another fan, 403 the creator; a bad number is a 400', async () => {
    const c = await checkout(actors.fanB)
    expect((await payTestCard(c.bookingId, '4242424242424242')).status).toBe(401)
    const other = await payTestCard(c.bookingId, '4242424242424242', actors.fanA.token)
    expect(other.status).toBe(404)
    const creator = await payTestCard(c.bookingId, '4242424242424242', actors.creatorA.token)
    expect(creator.status).toBe(403)
    expect((await payTestCard(999_999, '4242424242424242', actors.fanB.token)).status).toBe(404)
    const bad = await payTestCard(c.bookingId, '4242 4242 4242 4241', actors.fanB.token)
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0]).toMatchObject({ code: 'incorrect_number', message: 'Your card number is incorrect.' })
    const empty = await payTestCard(c.bookingId, '', actors.fanB.token)
    expect(empty.status).toBe(400)
    expect(empty.body.errors[0].code).toBe('INVALID_INPUT')
    // Nothing of that reached the PaymentIntent.
    await settle()
    expect((await api<StatusBody>('GET', `/bookings/${c.bookingId}/status`, { token: actors.fanB.token })).body).toMatchObject({ booking: 'pending', paymentStatus: 'requires_payment' })
  })

  it('refuses once the hold has expired', async () => {
    const c = await checkout(actors.fanA)
    advanceClock(16 * 60_000)
    const res = await payTestCard(c.bookingId, '4242424242424242', actors.fanA.token)
    expect(res.status).toBe(409)
    expect(res.body.errors[0].code).toBe('HOLD_EXPIRED')
  })

  it('does not exist outside emulator mode', async () => {
    const c = await checkout(actors.fanB)
    process.env.STRIPE_SECRET_KEY = 'sk_test_not_the_emulator'
    try {
      const res = await payTestCard(c.bookingId, '4242424242424242', actors.fanB.token)
      expect(res.status).toBe(404)
    } finally {
      delete process.env.STRIPE_SECRET_KEY
    }
  })

  it('booking status is for the booking’s fan only', async () => {
    const c = await checkout(actors.fanB)
    const own = await api<StatusBody>('GET', `/bookings/${c.bookingId}/status`, { token: actors.fanB.token })
    expect(own.status).toBe(200)
    expect(own.headers.get('cache-control')).toMatch(/no-store/)
    expect(own.body).toMatchObject({ booking: 'pending', offer: 'held', paymentStatus: 'requires_payment' })
    expect((await api('GET', `/bookings/${c.bookingId}/status`)).status).toBe(401)
    expect((await api('GET', `/bookings/${c.bookingId}/status`, { token: actors.fanA.token })).status).toBe(404)
    expect((await api('GET', `/bookings/abc/status`, { token: actors.fanB.token })).status).toBe(404)
  })

  it('offer availability is public, turns unbookable once a checkout holds the slot, and hides reserved offers', async () => {
    const offerId = await newOffer()
    const before = await api<{ status: string; bookable: boolean }>('GET', `/offers/${offerId}/availability`)
    expect(before.status).toBe(200)
    expect(before.body).toEqual({ status: 'available', bookable: true })
    await checkout(actors.fanA, offerId)
    expect((await api('GET', `/offers/${offerId}/availability`)).body).toEqual({ status: 'held', bookable: false })
    expect((await api('GET', `/offers/999999/availability`)).status).toBe(404)

    const reserved = await newOffer({ reservedFor: actors.fanA.id })
    expect((await api('GET', `/offers/${reserved}/availability`)).status).toBe(404)
    expect((await api('GET', `/offers/${reserved}/availability`, { token: actors.fanB.token })).status).toBe(404)
    expect((await api('GET', `/offers/${reserved}/availability`, { token: actors.fanA.token })).body).toEqual({ status: 'available', bookable: true })

    // Past the booking cut-off an available offer is no longer bookable.
    const soon = await newOffer()
    advanceClock(slot * HOUR - 10 * 60_000)
    expect((await api('GET', `/offers/${soon}/availability`)).body).toEqual({ status: 'available', bookable: false })
  })
})
