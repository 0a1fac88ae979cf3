/**
 * Who may read the admin money dashboard and download CSV exports (issue 10), over real HTTP for
 * the six actors of the access matrix: `GET /api/admin/dashboard`, the export plugin's
 * `POST /api/exports/download` and `/api/exports/export-preview`, and its import endpoint (closed
 * for everyone). The generated /api/exports and /api/imports routes are in access-matrix.test.ts.
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { api, createActors, getTestPayload, resetDatabase, type Actors } from './harness'

const ACTORS = ['guest', 'fanA', 'fanB', 'creatorA', 'creatorB', 'admin'] as const
type ActorKey = (typeof ACTORS)[number]
type Errors = { errors?: { code?: string; message: string }[] }

let payload: Payload
let A: Actors
const token = (actor: ActorKey) => (actor === 'guest' ? undefined : A[actor].token)
const expected = (actor: ActorKey) => (actor === 'guest' ? 401 : actor === 'admin' ? 200 : 403)

describe('dashboard and export endpoints: access for every actor', () => {
  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    A = await createActors(payload)
  })

  for (const actor of ACTORS) {
    it(`GET /api/admin/dashboard · ${actor} → ${expected(actor)}`, async () => {
      const res = await api<Errors & { currencies?: unknown[] }>('GET', '/admin/dashboard', { token: token(actor) })
      expect(res.status).toBe(expected(actor))
      if (expected(actor) === 200) expect(res.body.currencies).toEqual([])
      else expect(res.body.currencies).toBeUndefined()
    })

    it(`POST /api/exports/download and /export-preview · ${actor} → ${expected(actor)}, no rows unless admin`, async () => {
      const ask = { collectionSlug: 'users', format: 'csv' }
      // The download takes the form as `data`; the preview takes it as the body.
      for (const [path, body] of [['/exports/download', { data: ask }], ['/exports/export-preview', ask]] as const) {
        const res = await api<string | (Errors & { docs?: unknown[] })>('POST', path, { token: token(actor), body })
        expect(res.status, path).toBe(expected(actor))
        const text = typeof res.body === 'string' ? res.body : JSON.stringify(res.body)
        if (expected(actor) !== 200) expect(text, path).not.toMatch(/@test\.local/)
        else expect(text).toMatch(/fana@test\.local/)
      }
      expect((await payload.count({ collection: 'exports' })).totalDocs).toBe(0)
    })

    it(`POST /api/imports/preview-data · ${actor} → 404 (imports are off)`, async () => {
      const res = await api<Errors>('POST', '/imports/preview-data', { token: token(actor), body: { data: { collectionSlug: 'payments' } } })
      expect(res.status).toBe(404)
      expect((await payload.count({ collection: 'imports' })).totalDocs).toBe(0)
    })
  }
})
