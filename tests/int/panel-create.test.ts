/**
 * "Create New" in the panel (issue 12): the panel's own permission check — the page's local request
 * with the signed-in user, and its `/api/access` refresh — offers Create only where a person creates
 * by hand (creators: offers and images; admins: people, profiles, offers, images). The REST API keeps
 * each collection's access: a creator still asks another creator for a call from the storefront.
 */
import type { Payload } from 'payload'
import { createLocalReq, getAccessResults } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { api, createActors, getTestPayload, resetDatabase, type Actors } from './harness'

const OURS = [
  'users', 'creators', 'offers', 'bookings', 'payments', 'ledger-entries', 'payouts', 'refunds', 'disputes', 'reviews', 'call-requests', 'notifications',
  'call-events', 'email-logs', 'webhook-events', 'system-logs', 'transaction-logs', 'job-runs', 'media',
] as const

const PANEL_CREATES: Record<'fanA' | 'creatorA' | 'admin', string[]> = {
  fanA: [],
  creatorA: ['offers', 'media'],
  admin: ['users', 'creators', 'offers', 'media'],
}

describe('Create in the panel', () => {
  let payload: Payload
  let actors: Actors

  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    actors = await createActors(payload)
  })

  const creatable = (permissions: { collections?: Record<string, { create?: boolean }> }) => OURS.filter((slug) => permissions.collections?.[slug]?.create === true)

  for (const actor of ['fanA', 'creatorA', 'admin'] as const) {
    it(`${actor}: the panel's pages offer Create only on ${PANEL_CREATES[actor].join(', ') || 'nothing'}`, async () => {
      const user = await payload.findByID({ collection: 'users', id: actors[actor].id, depth: 0 })
      const req = await createLocalReq({ user: { ...user, collection: 'users' } as never }, payload)
      expect(creatable(await getAccessResults({ req }))).toEqual(PANEL_CREATES[actor])
    })

    it(`${actor}: the panel's GET /api/access says the same`, async () => {
      const res = await api<{ collections: Record<string, { create?: boolean }> }>('GET', '/access', { token: actors[actor].token })
      expect(res.status).toBe(200)
      expect(creatable(res.body)).toEqual(PANEL_CREATES[actor])
    })
  }

  it('over REST a creator still asks another creator for a call, and a fan still may (the storefront)', async () => {
    const body = (fan: number) => ({ creator: actors.creatorB.creatorId, fan, proposedStart: new Date(Date.now() + 72 * 3_600_000).toISOString(), durationMinutes: 30, proposedPrice: 4000, message: 'Please talk to me about music' })
    expect((await api('POST', '/call-requests', { token: actors.creatorA.token, body: body(actors.creatorA.id) })).status).toBe(201)
    expect((await api('POST', '/call-requests', { token: actors.fanA.token, body: body(actors.fanA.id) })).status).toBe(201)
  })
})
