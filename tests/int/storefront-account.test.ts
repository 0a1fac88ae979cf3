import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { now } from '@/lib/clock'
import type { User } from '@/payload-types'
import { findFanHistory } from '@/services/fanHistory'

import { api, paidBooking, query, startPaymentsWorld, stopPaymentsWorld, type PaymentsWorld } from './harness'

const SECRET = 'whsec_storefront_account'

/** The fan's account pages (issue 12): what the history lists. */
describe('fan history', () => {
  let world: PaymentsWorld
  let payload: Payload

  beforeAll(async () => {
    world = await startPaymentsWorld({ webhookSecret: SECRET })
    payload = world.payload
  })
  afterAll(() => stopPaymentsWorld(world))

  /** A checkout opened by fan A and never paid: a pending booking holding a fresh offer. */
  const unpaidCheckout = async (hoursAhead: number): Promise<number> => {
    const offer = await payload.create({
      collection: 'offers',
      data: { creator: world.actors.creatorA.creatorId!, title: 'Never paid', startsAt: new Date(now().getTime() + hoursAhead * 3_600_000).toISOString(), durationMinutes: 30, price: 5000, currency: 'EUR', status: 'available' } as never,
    })
    const res = await api<{ booking: { id: number } }>('POST', '/bookings/checkout', { token: world.actors.fanA.token, body: { offerId: offer.id } })
    expect(res.status).toBe(201)
    return res.body.booking.id
  }

  it('lists calls that happened or were paid then cancelled, never checkouts that were not paid', async () => {
    const { creatorA, fanA } = world.actors
    const completed = await paidBooking(payload, world.stripe, { creatorId: creatorA.creatorId!, fanToken: fanA.token, hoursAhead: 30 })
    const cancelledPaid = await paidBooking(payload, world.stripe, { creatorId: creatorA.creatorId!, fanToken: fanA.token, hoursAhead: 40 })
    const expiredHold = await unpaidCheckout(50)
    const cancelledUnpaid = await unpaidCheckout(60)
    const pendingPast = await unpaidCheckout(70)
    // States as time and the jobs would leave them (the transitions themselves are tested elsewhere).
    await query(payload, `UPDATE bookings SET status = 'completed', starts_at = now() - interval '2 hours', ends_at = now() - interval '90 minutes' WHERE id = $1`, [completed.bookingId])
    await query(payload, `UPDATE bookings SET status = 'cancelled' WHERE id = $1`, [cancelledPaid.bookingId])
    await query(payload, `UPDATE bookings SET status = 'expired' WHERE id = $1`, [expiredHold])
    await query(payload, `UPDATE bookings SET status = 'cancelled' WHERE id = $1`, [cancelledUnpaid])
    await query(payload, `UPDATE bookings SET starts_at = now() - interval '3 hours', ends_at = now() - interval '150 minutes', hold_expires_at = now() - interval '4 hours' WHERE id = $1`, [pendingPast])

    const fan = (await payload.findByID({ collection: 'users', id: fanA.id, depth: 0 })) as User
    const history = await findFanHistory(payload, fan, { at: now(), page: 1, limit: 20 })
    expect(history.docs.map((b) => [b.id, b.status])).toEqual([
      [cancelledPaid.bookingId, 'cancelled'],
      [completed.bookingId, 'completed'],
    ])
    expect(history.totalDocs).toBe(2)
  })
})
