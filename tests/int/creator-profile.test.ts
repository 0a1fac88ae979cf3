/**
 * Issue 12, "Panel, for creators": a creator finds their own profile in the panel's creators list
 * and reads every field they own with its value (payment account status, payout schedule and
 * minimum); another creator reads none of those private fields.
 */
import type { BaseFilter, Payload, PayloadRequest, Where } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { api, createActors, getTestPayload, resetDatabase, type Actors } from './harness'

let payload: Payload
let A: Actors

const PRIVATE = { stripeAccountStatus: 'enabled', chargesEnabled: true, payoutSchedule: 'weekly', payoutMinimum: 5000, stripeAccountId: 'acct_creatorA' }

beforeAll(async () => {
  payload = await getTestPayload()
  await resetDatabase(payload)
  A = await createActors(payload)
  await payload.update({ collection: 'creators', id: A.creatorA.creatorId!, data: { payoutSchedule: 'weekly', payoutMinimum: 5000 } })
})

/** What the panel's creators list shows a user: the collection's base filter, under their own access. */
const panelList = async (actor: 'creatorA' | 'creatorB') => {
  const user = await payload.findByID({ collection: 'users', id: A[actor].id, depth: 0 })
  const req = { user: { ...user, collection: 'users' }, payload } as unknown as PayloadRequest
  const baseFilter = payload.collections.creators.config.admin.baseFilter as BaseFilter
  const where = (await baseFilter({ limit: 10, page: 1, req, sort: 'displayName' } as Parameters<BaseFilter>[0])) as Where
  return payload.find({ collection: 'creators', where, overrideAccess: false, user: req.user, depth: 0 })
}

describe('a creator’s own profile in the panel', () => {
  it('the creators list holds exactly their own profile, with its private fields', async () => {
    const list = await panelList('creatorA')
    expect(list.docs.map((d) => d.id)).toEqual([A.creatorA.creatorId])
    expect(list.docs[0]).toMatchObject(PRIVATE)
    expect((await panelList('creatorB')).docs.map((d) => d.id)).toEqual([A.creatorB.creatorId])
  })

  it('over HTTP the owner reads the payment and payout fields with their values; another creator and a fan do not', async () => {
    const own = await api<Record<string, unknown>>('GET', `/creators/${A.creatorA.creatorId}?depth=0`, { token: A.creatorA.token })
    expect(own.status).toBe(200)
    expect(own.body).toMatchObject({ ...PRIVATE, user: A.creatorA.id })
    for (const other of [A.creatorB, A.fanA]) {
      const res = await api<Record<string, unknown>>('GET', `/creators/${A.creatorA.creatorId}?depth=0`, { token: other.token })
      expect(res.status).toBe(200)
      expect(res.body.displayName).toBe('creatorA Tester')
      for (const field of [...Object.keys(PRIVATE), 'user', 'payoutsBlocked']) expect(res.body, `${field} hidden from ${other.email}`).not.toHaveProperty(field)
    }
  })

  it('the edit view’s permissions let the owner read those fields (and edit the payout settings), not another creator', async () => {
    const fields = async (token: string) =>
      (await api<{ fields: Record<string, { read?: boolean; update?: boolean }> }>('POST', `/creators/access/${A.creatorA.creatorId}`, { token })).body.fields
    const own = await fields(A.creatorA.token)
    for (const field of ['stripeAccountStatus', 'payoutSchedule', 'payoutMinimum', 'payoutsBlocked']) expect(own[field]?.read, field).toBe(true)
    expect(own.payoutSchedule?.update).toBe(true)
    expect(own.payoutMinimum?.update).toBe(true)
    const other = await fields(A.creatorB.token)
    for (const field of ['stripeAccountStatus', 'payoutSchedule', 'payoutMinimum']) expect(other[field]?.read, field).toBeFalsy()
  })

  it('the panel’s edit form includes those fields for the owner: their read access is asked with the form’s data, not a doc', async () => {
    // How Payload builds a form's state (addFieldStatePromise): access.read({ id, data, req, siblingData }), no `doc`.
    const fields = payload.collections.creators.config.flattenedFields
    const doc = await payload.findByID({ collection: 'creators', id: A.creatorA.creatorId!, depth: 0 })
    const asked = async (actor: 'creatorA' | 'creatorB', name: string) => {
      const user = await payload.findByID({ collection: 'users', id: A[actor].id, depth: 0 })
      const req = { user: { ...user, collection: 'users' }, payload } as unknown as PayloadRequest
      const field = fields.find((f) => f.name === name)!
      return field.access!.read!({ id: String(doc.id), data: doc, siblingData: doc, req } as never)
    }
    for (const name of ['user', 'stripeAccountStatus', 'payoutSchedule', 'payoutMinimum', 'payoutsBlocked']) {
      expect(await asked('creatorA', name), `${name} for its owner`).toBe(true)
      expect(await asked('creatorB', name), `${name} for another creator`).toBe(false)
    }
  })

  it('a creator cannot find out another creator’s user by filtering on the private link', async () => {
    const res = await api<{ errors?: unknown[]; docs?: unknown[] }>('GET', `/creators?where[user][equals]=${A.creatorA.id}`, { token: A.creatorB.token })
    expect(res.status).toBe(400)
  })
})
