/**
 * Who may block or unblock a creator's payouts (SPEC §7, §14), over real HTTP for the six actors of
 * the access matrix: admins only. Refused calls assert the status AND that the block did not
 * change; accepted ones assert the audit log and the creator's notification.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { api, createActors, getTestPayload, query, resetDatabase, type Actors } from './harness'

const ACTORS = ['guest', 'fanA', 'fanB', 'creatorA', 'creatorB', 'admin'] as const
type ActorKey = (typeof ACTORS)[number]
type Errors = { errors: { code: string; field?: string }[] }
type BlockBody = { creator: { id: number; payoutsBlocked: boolean; payoutsBlockedReason: string | null; payoutsBlockedBy: string | null } }

let payload: Payload
let A: Actors
const token = (actor: ActorKey) => (actor === 'guest' ? undefined : A[actor].token)
const call = <T = Errors>(actor: ActorKey, path: string, body: unknown = {}) => api<T & Errors>('POST', path, { token: token(actor), body })

const blockOf = async (creatorId: number) =>
  (await query<{ payouts_blocked: boolean | null; payouts_blocked_reason: string | null; payouts_blocked_by: string | null }>(
    payload,
    'SELECT payouts_blocked, payouts_blocked_reason, payouts_blocked_by FROM creators WHERE id = $1',
    [creatorId],
  ))[0]
const logsOf = (type: string) => query<{ actor: string; actor_id: string | null; metadata: Record<string, unknown> }>(payload, 'SELECT actor, actor_id, metadata FROM system_logs WHERE type = $1 ORDER BY id', [type])
const notificationsOf = async (userId: number, type: string) => (await query(payload, 'SELECT id FROM notifications WHERE user_id = $1 AND type = $2', [userId, type])).length

describe('payout blocks: access for every actor', () => {
  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    A = await createActors(payload)
  })

  it('POST /api/creators/:id/payouts/block: guest 401, fans and creators 403 (their own included), nothing changes', async () => {
    for (const target of ['creatorA', 'creatorB'] as const) {
      const id = A[target].creatorId!
      const before = await blockOf(id)
      for (const actor of ACTORS.filter((a) => a !== 'admin')) {
        const res = await call(actor, `/creators/${id}/payouts/block`, { reason: 'Trying my luck' })
        expect([actor, target, res.status]).toEqual([actor, target, actor === 'guest' ? 401 : 403])
        expect(await blockOf(id)).toEqual(before)
      }
    }
    expect(await logsOf('payouts.blocked')).toEqual([])
  })

  it('admin: reason required (400), unknown creator 404, then blocked with an audit log and the creator told; a second block is 409', async () => {
    const id = A.creatorA.creatorId!
    for (const body of [{}, { reason: '  ' }, { reason: 12 }]) {
      const res = await call('admin', `/creators/${id}/payouts/block`, body)
      expect([res.status, res.body.errors[0].code, res.body.errors[0].field]).toEqual([400, 'INVALID_INPUT', 'reason'])
    }
    expect((await call('admin', '/creators/999999/payouts/block', { reason: 'Identity check' })).status).toBe(404)
    expect((await call('admin', '/creators/not-a-number/payouts/block', { reason: 'Identity check' })).status).toBe(404)
    expect(await blockOf(id)).toEqual({ payouts_blocked: false, payouts_blocked_reason: null, payouts_blocked_by: null })

    const res = await call<BlockBody>('admin', `/creators/${id}/payouts/block`, { reason: 'Identity check' })
    expect(res.status).toBe(200)
    expect(res.body.creator).toEqual({ id, payoutsBlocked: true, payoutsBlockedReason: 'Identity check', payoutsBlockedBy: 'admin' })
    expect(await blockOf(id)).toEqual({ payouts_blocked: true, payouts_blocked_reason: 'Identity check', payouts_blocked_by: 'admin' })
    const [log] = await logsOf('payouts.blocked')
    expect([log.actor, log.actor_id, log.metadata]).toEqual(['ADMIN', String(A.admin.id), expect.objectContaining({ creatorId: id, by: 'admin', from: 'unblocked', to: 'blocked', reason: 'Identity check' })])
    expect(await notificationsOf(A.creatorA.id, 'payouts_blocked')).toBe(1)

    const again = await call('admin', `/creators/${id}/payouts/block`, { reason: 'Again' })
    expect([again.status, again.body.errors[0].code]).toEqual([409, 'PAYOUTS_ALREADY_BLOCKED'])
    // A blocked creator's payout request names the reason.
    await payload.update({ collection: 'creators', id, data: { payoutsEnabled: true } })
    const refused = await api<Errors & { errors: { message: string }[] }>('POST', '/payouts/request', { token: A.creatorA.token, body: {} })
    expect([refused.status, refused.body.errors[0].code, refused.body.errors[0].message]).toEqual([422, 'PAYOUTS_BLOCKED', 'Payouts are blocked on your account: Identity check'])
  })

  it('POST /api/creators/:id/payouts/unblock: guest 401, fans and creators 403; admin lifts it (reason optional) with an audit log; a second unblock is 409', async () => {
    const id = A.creatorA.creatorId!
    for (const actor of ACTORS.filter((a) => a !== 'admin')) {
      const res = await call(actor, `/creators/${id}/payouts/unblock`, {})
      expect([actor, res.status]).toEqual([actor, actor === 'guest' ? 401 : 403])
      expect((await blockOf(id)).payouts_blocked).toBe(true)
    }
    const res = await call<BlockBody>('admin', `/creators/${id}/payouts/unblock`, { reason: 'Documents received' })
    expect(res.status).toBe(200)
    expect(res.body.creator).toEqual({ id, payoutsBlocked: false, payoutsBlockedReason: null, payoutsBlockedBy: null })
    expect(await blockOf(id)).toEqual({ payouts_blocked: false, payouts_blocked_reason: null, payouts_blocked_by: null })
    const [log] = await logsOf('payouts.unblocked')
    expect([log.actor, log.metadata]).toEqual(['ADMIN', expect.objectContaining({ creatorId: id, by: 'admin', to: 'unblocked', reason: 'Documents received', previousReason: 'Identity check' })])
    expect(await notificationsOf(A.creatorA.id, 'payouts_unblocked')).toBe(1)
    const again = await call('admin', `/creators/${id}/payouts/unblock`, {})
    expect([again.status, again.body.errors[0].code]).toEqual([409, 'PAYOUTS_NOT_BLOCKED'])
    // Without a reason too.
    await call('admin', `/creators/${id}/payouts/block`, { reason: 'Second look' })
    expect((await call('admin', `/creators/${id}/payouts/unblock`)).status).toBe(200)
  })

  it('the block fields cannot be changed through the generated API, admins included', async () => {
    const id = A.creatorB.creatorId!
    for (const actor of ['admin', 'creatorB'] as const) {
      const res = await api('PATCH', `/creators/${id}`, { token: A[actor].token, body: { payoutsBlocked: true, payoutsBlockedReason: 'by PATCH', payoutsBlockedBy: 'admin' } })
      expect([actor, res.status]).toEqual([actor, 200])
      expect(await blockOf(id)).toEqual({ payouts_blocked: false, payouts_blocked_reason: null, payouts_blocked_by: null })
    }
  })
})
