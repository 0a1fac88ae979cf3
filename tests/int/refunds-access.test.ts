/**
 * Who may call the refund endpoints (SPEC §7, §14), over real HTTP for the six actors of the access
 * matrix. Refused calls assert the status AND that nothing changed (the refund's status, the number
 * of refunds). The generated /api/refunds routes are in access-matrix.test.ts; these are the custom
 * endpoints only.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { stripeClient } from '@/integrations/stripe/client'
import type { StripeEmulator } from '../../emulators/stripe'

import { api, drainJobs, query, startPaymentsWorld, stopPaymentsWorld, type Actors } from './harness'

type ActorKey = 'guest' | 'fanA' | 'fanB' | 'creatorA' | 'creatorB' | 'admin'
type Errors = { errors: { code: string }[] }
const HOUR = 3_600_000

let payload: Payload
let A: Actors
let stripe: StripeEmulator
const token = (actor: ActorKey) => (actor === 'guest' ? undefined : A[actor].token)
const call = <T = Errors>(actor: ActorKey, path: string, body: unknown = {}) => api<T>('POST', path, { token: token(actor), body })

const snapshot = async (refundId?: number) => ({
  refund: refundId ? (await query<{ status: string }>(payload, 'SELECT status FROM refunds WHERE id = $1', [refundId]))[0]?.status : undefined,
  refunds: (await query(payload, 'SELECT id FROM refunds')).length,
})

let slot = 2
/** A completed, paid call of fan A with creator A. */
const pastCall = async (): Promise<number> => {
  const offer = await payload.create({
    collection: 'offers',
    data: { creator: A.creatorA.creatorId!, title: 'Coaching', startsAt: new Date(Date.now() + (slot += 2) * HOUR).toISOString(), durationMinutes: 30, price: 10000, currency: 'EUR', status: 'available' } as never,
  })
  const res = await api<{ booking: { id: number }; payment: { id: number } }>('POST', '/bookings/checkout', { token: A.fanA.token, body: { offerId: offer.id } })
  const payment = await payload.findByID({ collection: 'payments', id: res.body.payment.id })
  await stripeClient().paymentIntents.confirm(payment.stripePaymentIntentId!, { payment_method: 'pm_card_visa' })
  await stripe.control.whenIdle(10_000)
  await drainJobs(payload)
  await query(payload, `UPDATE bookings SET status = 'completed' WHERE id = $1`, [res.body.booking.id])
  return res.body.booking.id
}

describe('refund endpoints: access for every actor', () => {
  const refunds: Record<'approve' | 'reject', number> = { approve: 0, reject: 0 }
  let bookingId = 0

  beforeAll(async () => {
    ({ stripe, payload, actors: A } = await startPaymentsWorld({ webhookSecret: 'whsec_test_refunds_access' }))
    bookingId = await pastCall()
    for (const verb of ['approve', 'reject'] as const) {
      // The fan's request waits for an admin (an admin's own refund would be approved at once).
      const res = await call<{ refund: { id: number; status: string } }>('fanA', '/refunds/request', { bookingId: await pastCall(), reason: 'Fixture request', amount: 1000 })
      expect(res.body.refund.status).toBe('requested')
      expect(res.status).toBe(201)
      refunds[verb] = res.body.refund.id
    }
  })
  afterAll(async () => {
    await stopPaymentsWorld({ stripe })
  })

  it('POST /api/refunds/request: guest 401; fan B and both creators 403 (creator A sells the call); the booking’s fan and an admin 201', async () => {
    const body = { bookingId, reason: 'The sound was broken all along.', amount: 1000 }
    const before = await snapshot()
    const expected: Record<Exclude<ActorKey, 'fanA' | 'admin'>, number> = { guest: 401, fanB: 403, creatorA: 403, creatorB: 403 }
    for (const [actor, status] of Object.entries(expected) as [ActorKey, number][]) {
      expect([actor, (await call(actor, '/refunds/request', body)).status]).toEqual([actor, status])
      expect(await snapshot()).toEqual(before)
    }
    expect((await call<{ refund: { status: string } }>('fanA', '/refunds/request', body)).body.refund.status).toBe('requested')
    // An admin's own refund: approved at once (admin-initiated), beside the fan's waiting request.
    const byAdmin = await call<{ refund: { status: string; policy: string } }>('admin', '/refunds/request', body)
    expect([byAdmin.status, byAdmin.body.refund.status, byAdmin.body.refund.policy]).toEqual([201, 'approved', 'manual'])
    expect((await snapshot()).refunds).toBe(before.refunds + 2)
  })

  for (const verb of ['approve', 'reject'] as const) {
    it(`POST /api/refunds/:id/${verb}: admins only; everyone else 401/403 and nothing changes`, async () => {
      const id = refunds[verb]
      const before = await snapshot(id)
      const body = { reason: 'Checked by the support team' }
      for (const actor of ['guest', 'fanA', 'fanB', 'creatorA', 'creatorB'] as const) {
        expect([actor, (await call(actor, `/refunds/${id}/${verb}`, body)).status]).toEqual([actor, actor === 'guest' ? 401 : 403])
        expect(await snapshot(id)).toEqual(before)
      }
      expect((await call('admin', `/refunds/${id}/${verb}`, body)).status).toBe(200)
      expect((await snapshot(id)).refund).toBe(verb === 'approve' ? 'approved' : 'rejected')
      expect((await call('admin', `/refunds/abc/${verb}`, body)).status).toBe(404)
      expect((await call('admin', `/refunds/999999/${verb}`, body)).status).toBe(404)
    })
  }
})
