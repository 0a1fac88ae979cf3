/**
 * Who may call the balance and payout endpoints (SPEC §7, §14), over real HTTP for the six actors of
 * the access matrix. Refused calls assert the status AND that nothing changed (the payout's status,
 * its ledger entries, the number of payouts). The generated /api/payouts routes are in
 * access-matrix.test.ts; these are the custom endpoints only.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { api, createActors, getTestPayload, query, resetDatabase, type Actors } from './harness'

const ACTORS = ['guest', 'fanA', 'fanB', 'creatorA', 'creatorB', 'admin'] as const
type ActorKey = (typeof ACTORS)[number]
type Errors = { errors: { code: string }[] }

let payload: Payload
let A: Actors
const token = (actor: ActorKey) => (actor === 'guest' ? undefined : A[actor].token)
const call = <T = Errors>(actor: ActorKey, path: string, method: 'GET' | 'POST' = 'POST', body: unknown = {}) =>
  api<T>(method, path, { token: token(actor), body: method === 'GET' ? undefined : body })

/** Available earnings for a creator in each currency (fixture rows; the ledger only accepts inserts). */
const earn = (creatorId: number, currency: string, amount: number) =>
  query(payload, `INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, source_ref, memo) VALUES ($1, $2, 'earning', $3, now() - interval '1 day', 'payment', $4, 'fixture')`, [
    creatorId,
    currency,
    amount,
    `fixture-${creatorId}-${currency}`,
  ])

/** The payout's status, its ledger entries and the number of payouts: what a refused call must leave alone. */
const snapshot = async (payoutId: number) => ({
  payout: (await query<{ status: string }>(payload, 'SELECT status FROM payouts WHERE id = $1', [payoutId]))[0]?.status,
  ledger: (await query<{ type: string; amount: string }>(payload, `SELECT type, amount FROM ledger_entries WHERE source_type = 'payout' AND source_ref = $1 ORDER BY id`, [String(payoutId)])).map((e) => [e.type, Number(e.amount)]),
  payouts: (await query(payload, 'SELECT id FROM payouts')).length,
})

const requestAs = async (currency: string, amount: number) => {
  const res = await api<{ payout: { id: number } }>('POST', '/payouts/request', { token: A.creatorA.token, body: { currency, amount } })
  expect(res.status).toBe(201)
  return res.body.payout.id
}

describe('payout endpoints: access for every actor', () => {
  const payouts: Record<'cancel' | 'approve' | 'reject', number> = { cancel: 0, approve: 0, reject: 0 }

  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    A = await createActors(payload)
    for (const who of ['creatorA', 'creatorB'] as const) {
      await payload.update({ collection: 'creators', id: A[who].creatorId!, data: { payoutsEnabled: true } })
      for (const currency of ['EUR', 'USD', 'CHF', 'GBP']) await earn(A[who].creatorId!, currency, who === 'creatorA' ? 20000 : 7000)
    }
    // One open payout per currency: one to cancel, one to approve, one to reject.
    payouts.cancel = await requestAs('EUR', 5000)
    payouts.approve = await requestAs('USD', 5000)
    payouts.reject = await requestAs('CHF', 5000)
  })

  it('GET /api/creators/me/balance: guest 401, fans and admin 403, each creator their own figures', async () => {
    const expected: Record<ActorKey, number> = { guest: 401, fanA: 403, fanB: 403, creatorA: 200, creatorB: 200, admin: 403 }
    for (const actor of ACTORS) expect([actor, (await call(actor, '/creators/me/balance', 'GET')).status]).toEqual([actor, expected[actor]])
    const mine = await call<{ currency: string; available: number; reserved: number }[]>('creatorA', '/creators/me/balance', 'GET')
    expect(mine.body.find((b) => b.currency === 'EUR')).toMatchObject({ available: 15000, reserved: 5000 })
    const theirs = await call<{ currency: string; available: number; reserved: number }[]>('creatorB', '/creators/me/balance', 'GET')
    expect(theirs.body.map((b) => [b.currency, b.available, b.reserved])).toEqual([['CHF', 7000, 0], ['EUR', 7000, 0], ['GBP', 7000, 0], ['USD', 7000, 0]])
  })

  it('POST /api/payouts/request: guest 401, fans and admin 403; a creator only from their own balance', async () => {
    const before = (await query(payload, 'SELECT id FROM payouts')).length
    for (const actor of ['guest', 'fanA', 'fanB', 'admin'] as const) {
      const res = await call(actor, '/payouts/request', 'POST', { currency: 'GBP', amount: 1000 })
      expect([actor, res.status]).toEqual([actor, actor === 'guest' ? 401 : 403])
    }
    const forOther = await call('creatorA', '/payouts/request', 'POST', { currency: 'GBP', amount: 1000, creator: A.creatorB.creatorId })
    expect([forOther.status, forOther.body.errors[0].code]).toEqual([403, 'FORBIDDEN'])
    expect((await query(payload, 'SELECT id FROM payouts')).length).toBe(before)
    const own = await call<{ payout: { creator: number } }>('creatorB', '/payouts/request', 'POST', { currency: 'GBP', amount: 1000, creator: A.creatorB.creatorId })
    expect([own.status, own.body.payout.creator]).toEqual([201, A.creatorB.creatorId])
  })

  it('POST /api/payouts/:id/cancel: only the creator who asked; others 401/403/404 and nothing changes', async () => {
    const id = payouts.cancel
    const before = await snapshot(id)
    const expected: Record<Exclude<ActorKey, 'creatorA'>, number> = { guest: 401, fanA: 403, fanB: 403, creatorB: 404, admin: 403 }
    for (const [actor, status] of Object.entries(expected) as [ActorKey, number][]) {
      expect([actor, (await call(actor, `/payouts/${id}/cancel`)).status]).toEqual([actor, status])
      expect(await snapshot(id)).toEqual(before)
    }
    expect((await call('creatorA', `/payouts/${id}/cancel`)).status).toBe(200)
    expect((await snapshot(id)).payout).toBe('cancelled')
  })

  for (const verb of ['approve', 'reject'] as const) {
    it(`POST /api/payouts/:id/${verb}: admins only; everyone else 401/403 and nothing changes`, async () => {
      const id = payouts[verb]
      const before = await snapshot(id)
      const body = { reason: 'Checked by the finance team' }
      for (const actor of ['guest', 'fanA', 'fanB', 'creatorA', 'creatorB'] as const) {
        expect([actor, (await call(actor, `/payouts/${id}/${verb}`, 'POST', body)).status]).toEqual([actor, actor === 'guest' ? 401 : 403])
        expect(await snapshot(id)).toEqual(before)
      }
      expect((await call('admin', `/payouts/${id}/${verb}`, 'POST', body)).status).toBe(200)
      expect((await snapshot(id)).payout).toBe(verb === 'approve' ? 'approved' : 'rejected')
      expect((await call('admin', `/payouts/abc/${verb}`, 'POST', body)).status).toBe(404)
    })
  }
})

describe('POST /api/creators/me/stripe/dashboard', () => {
  it('guest 401, fans and admin 403; a creator gets a link to their Express dashboard, 409 without a payment account', async () => {
    const expected: Record<ActorKey, number> = { guest: 401, fanA: 403, fanB: 403, creatorA: 200, creatorB: 200, admin: 403 }
    for (const actor of ACTORS) expect([actor, (await call(actor, '/creators/me/stripe/dashboard')).status]).toEqual([actor, expected[actor]])
    // The tests run against the emulator, which has no dashboard: Stripe's own Express sign-in page.
    expect((await call<{ url: string }>('creatorA', '/creators/me/stripe/dashboard')).body.url).toBe('https://connect.stripe.com/express_login')
    await query(payload, 'UPDATE creators SET stripe_account_id = NULL WHERE id = $1', [A.creatorB.creatorId])
    const none = await call('creatorB', '/creators/me/stripe/dashboard')
    expect([none.status, none.body.errors[0].code]).toEqual([409, 'PAYOUTS_NOT_ENABLED'])
  })
})
