/**
 * The access-control matrix (SPEC §1, §2, §8, §13, §14), over real HTTP as an attacker would see it.
 *
 * Every collection × operation × actor (guest, fan A, fan B, creator A, creator B, admin) is one
 * named case. Lists assert exactly which documents come back; refused writes assert the status AND
 * that the stored row did not change (read back with the local API). Any loosened rule fails a case.
 */
import { rmSync } from 'node:fs'
import type { CollectionSlug, Payload, Where } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'

import { resetClock, setClock } from '@/lib/clock'

import { api, apiBase, createActors, getTestPayload, query, resetDatabase, type Actors, type ApiResponse } from './harness'

// Uploads go to a throwaway directory (read by the media collection config when it is imported;
// Payload creates it on the first upload, afterAll removes it).
const mediaDir = await vi.hoisted(async () => {
  const { tmpdir } = await import('node:os')
  const { join } = await import('node:path')
  const dir = join(tmpdir(), `callastar-media-${process.pid}-${Date.now()}`)
  process.env.MEDIA_DIR = dir
  return dir
})

// ---------------------------------------------------------------------------------------------
// Actors and fixtures
// ---------------------------------------------------------------------------------------------

const ACTORS = ['guest', 'fanA', 'fanB', 'creatorA', 'creatorB', 'admin'] as const
type ActorKey = (typeof ACTORS)[number]
type Doc = Record<string, unknown> & { id: number }

let payload: Payload
let A: Actors
/** Fixture ids by key, e.g. `offer.A1`, `booking.B`, `notification.fanA`. */
const F: Record<string, number> = {}
const id = (key: string): number => {
  if (!(key in F)) throw new Error(`unknown fixture ${key}`)
  return F[key]
}

const userId = (actor: Exclude<ActorKey, 'guest'>): number => A[actor].id
const creatorId = (actor: 'creatorA' | 'creatorB'): number => A[actor].creatorId!
const tokenOf = (actor: ActorKey): string | undefined => (actor === 'guest' ? undefined : A[actor].token)
const emailsOfOthers = (actor: ActorKey): string[] =>
  (['fanA', 'fanB', 'creatorA', 'creatorB', 'admin'] as const).filter((a) => a !== actor).map((a) => A[a].email)

const call = <T = Record<string, unknown>>(actor: ActorKey, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
  api<T>(method, path, { token: tokenOf(actor), body })

const at = (hours: number): string => new Date(Date.now() + hours * 3_600_000).toISOString()
let slotHours = 40
/** A start time no other test offer uses (each fresh offer gets its own 2-hour slot). */
const freshSlot = (): string => at((slotHours += 2))

let png: Buffer
const upload = async (actor: ActorKey, alt: string): Promise<ApiResponse> => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), `${alt.replace(/\W+/g, '-')}.png`)
  form.append('_payload', JSON.stringify({ alt }))
  const token = tokenOf(actor)
  const res = await fetch(`${await apiBase()}/api/media`, { method: 'POST', body: form, headers: token ? { authorization: `JWT ${token}` } : {} })
  const text = await res.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // keep the text
  }
  return { status: res.status, body: body as Record<string, unknown>, headers: res.headers }
}

// Local API (trusted system: no user, access skipped) ------------------------------------------

const snap = async (collection: CollectionSlug, docId: number): Promise<Doc | null> =>
  (await payload.findByID({ collection, id: docId, depth: 0, overrideAccess: true, showHiddenFields: true, disableErrors: true })) as Doc | null

const dbIds = async (collection: CollectionSlug, where?: Where): Promise<number[]> => {
  const res = await payload.find({ collection, where, depth: 0, pagination: false, overrideAccess: true, select: {} })
  return res.docs.map((d) => d.id as number)
}

const dbCount = async (collection: CollectionSlug, where?: Where): Promise<number> =>
  (await payload.count({ collection, where, overrideAccess: true })).totalDocs

const remove = async (collection: CollectionSlug, docId: number): Promise<void> => {
  await payload.delete({ collection, id: docId, overrideAccess: true })
}

const makeUser = async (tag: string, role: 'fan' | 'creator' | 'admin' = 'fan'): Promise<number> => {
  const user = await payload.create({
    collection: 'users',
    data: { email: `${tag}-${Date.now()}-${Math.round(Math.random() * 1e6)}@test.local`, password: 'correct-horse-battery', name: `${tag} Throwaway`, role, locale: 'en', timezone: 'UTC' },
  })
  return user.id
}

const makeOffer = async (creator: number, startsAt: string, extra: Record<string, unknown> = {}): Promise<number> => {
  const offer = await payload.create({
    collection: 'offers',
    data: { creator, title: `Offer at ${startsAt}`, startsAt, durationMinutes: 30, price: 2500, currency: 'EUR', status: 'available', ...extra },
    context: { allowPastStart: true },
    depth: 0,
  })
  return offer.id
}

const makeNotification = async (user: number, title: string): Promise<number> =>
  (await payload.create({ collection: 'notifications', data: { user, type: 'system', title, body: 'Fixture', read: false }, depth: 0 })).id

const makeMedia = async (owner: number, alt: string): Promise<number> =>
  (
    await payload.create({
      collection: 'media',
      data: { alt, uploadedBy: owner },
      file: { data: png, mimetype: 'image/png', name: `${alt}-${Date.now()}.png`, size: png.length },
      depth: 0,
    })
  ).id

const queueJob = async (): Promise<number> => {
  const job = await payload.jobs.queue({ task: 'send-email', input: { emailLogId: id('emailLog.fixture') } })
  return job.id as number
}

const seed = async (): Promise<void> => {
  const cA = creatorId('creatorA')
  const cB = creatorId('creatorB')
  const { fanA, fanB, creatorA, admin } = A

  F['user.fanA'] = fanA.id
  F['user.fanB'] = A.fanB.id
  F['user.creatorA'] = creatorA.id
  F['user.creatorB'] = A.creatorB.id
  F['user.admin'] = admin.id
  F['creator.A'] = cA
  F['creator.B'] = cB

  // Offers: three public and one reserved per creator, 2 h apart, all ≥ 3 h ahead.
  F['offer.A1'] = await makeOffer(cA, at(3), { status: 'completed' })
  F['offer.A2'] = await makeOffer(cA, at(5), { status: 'completed' })
  F['offer.A3'] = await makeOffer(cA, at(7))
  F['offer.AR'] = await makeOffer(cA, at(9), { reservedFor: fanA.id })
  F['offer.B1'] = await makeOffer(cB, at(3), { status: 'completed' })
  F['offer.B2'] = await makeOffer(cB, at(5))
  F['offer.B3'] = await makeOffer(cB, at(7), { status: 'booked' })
  F['offer.BR'] = await makeOffer(cB, at(9), { reservedFor: fanB.id })

  // Bookings: fan A twice with creator A (one reviewed, one not yet), fan B with creator B, and
  // creator A booking creator B as a fan (a creator can also be a fan of someone else).
  const booking = async (offer: string, fan: number, status: 'confirmed' | 'completed') =>
    (await payload.create({ collection: 'bookings', data: { offer: id(offer), fan, status, call: { provider: 'p2p', roomName: `room-${offer}`, roomStatus: 'ready' } }, depth: 0 })).id
  F['booking.A'] = await booking('offer.A1', fanA.id, 'completed')
  F['booking.A2'] = await booking('offer.A2', fanA.id, 'completed')
  F['booking.B'] = await booking('offer.B1', fanB.id, 'completed')
  F['booking.X'] = await booking('offer.B3', creatorA.id, 'confirmed')

  const feeSnapshot = { feeBps: 1500, fixedFee: 0, holdingPeriodDays: 7 }
  const payment = async (key: string, bookingKey: string, fan: number, creator: number) =>
    (
      await payload.create({
        collection: 'payments',
        data: {
          booking: id(bookingKey), fan, creator, stripePaymentIntentId: `pi_${key}`, amount: 2500, currency: 'EUR',
          platformFee: 375, creatorAmount: 2125, feeSnapshot, status: 'succeeded', paidAt: new Date().toISOString(),
        },
        depth: 0,
      })
    ).id
  F['payment.A'] = await payment('A', 'booking.A', fanA.id, cA)
  F['payment.B'] = await payment('B', 'booking.B', fanB.id, cB)
  F['payment.X'] = await payment('X', 'booking.X', creatorA.id, cB)

  const ledger = async (creator: number, paymentKey: string) =>
    (
      await payload.create({
        collection: 'ledger-entries',
        data: { creator, currency: 'EUR', type: 'earning', amount: 2125, availableAt: at(24 * 7), source: { type: 'payment', ref: String(id(paymentKey)) } },
        depth: 0,
      })
    ).id
  F['ledger.A'] = await ledger(cA, 'payment.A')
  F['ledger.B'] = await ledger(cB, 'payment.B')

  const payout = async (creator: number) =>
    (await payload.create({ collection: 'payouts', data: { creator, amount: 1000, currency: 'EUR', status: 'requested', trigger: 'requested', requestedAt: new Date().toISOString() }, depth: 0 })).id
  F['payout.A'] = await payout(cA)
  F['payout.B'] = await payout(cB)

  const refund = async (paymentKey: string, bookingKey: string, fan: number, creator: number) =>
    (
      await payload.create({
        collection: 'refunds',
        data: { payment: id(paymentKey), booking: id(bookingKey), fan, creator, amount: 500, currency: 'EUR', reason: 'Fixture refund request', status: 'requested', requestedBy: fan },
        depth: 0,
      })
    ).id
  F['refund.A'] = await refund('payment.A', 'booking.A', fanA.id, cA)
  F['refund.B'] = await refund('payment.B', 'booking.B', fanB.id, cB)

  const dispute = async (key: string, paymentKey: string, creator: number) =>
    (
      await payload.create({
        collection: 'disputes',
        data: { payment: id(paymentKey), creator, stripeDisputeId: `dp_${key}`, amount: 2500, currency: 'EUR', reason: 'fraudulent', status: 'needs_response', evidenceDueBy: at(24 * 5) },
        depth: 0,
      })
    ).id
  F['dispute.A'] = await dispute('A', 'payment.A', cA)
  F['dispute.B'] = await dispute('B', 'payment.B', cB)

  // Reviews: fan A's is visible, fan B's is hidden by moderation.
  F['review.A'] = (await payload.create({ collection: 'reviews', data: { booking: id('booking.A'), rating: 5, comment: 'Great call', fan: fanA.id, creator: cA }, depth: 0 })).id
  F['review.B'] = (await payload.create({ collection: 'reviews', data: { booking: id('booking.B'), rating: 1, comment: 'Moderated', hidden: true, fan: fanB.id, creator: cB }, depth: 0 })).id

  const callRequest = async (fan: number, creator: number) =>
    (
      await payload.create({
        collection: 'call-requests',
        data: { fan, creator, proposedStart: at(48), durationMinutes: 30, proposedPrice: 3000, message: 'Could we talk about my project?', status: 'pending' },
        depth: 0,
      })
    ).id
  F['callRequest.A'] = await callRequest(fanA.id, cA)
  F['callRequest.B'] = await callRequest(fanB.id, cB)
  F['callRequest.X'] = await callRequest(creatorA.id, cB)

  for (const actor of ['fanA', 'fanB', 'creatorA', 'creatorB', 'admin'] as const) {
    F[`notification.${actor}`] = await makeNotification(A[actor].id, `For ${actor}`)
  }

  const callEvent = async (bookingKey: string, fan: number, creator: number) =>
    (await payload.create({ collection: 'call-events', data: { booking: id(bookingKey), fan, creator, actor: fan, type: 'joined', source: 'client', at: new Date().toISOString() }, depth: 0 })).id
  F['callEvent.A'] = await callEvent('booking.A', fanA.id, cA)
  F['callEvent.B'] = await callEvent('booking.B', fanB.id, cB)

  F['emailLog.fixture'] = (
    await payload.create({ collection: 'email-logs', data: { to: fanA.email, user: fanA.id, template: 'notification', subject: 'Fixture email', status: 'failed', attempts: 5, lastError: 'boom' }, depth: 0 })
  ).id
  F['webhook.1'] = (
    await payload.create({ collection: 'webhook-events', data: { provider: 'stripe', eventId: 'evt_fixture', type: 'payment_intent.succeeded', receivedAt: new Date().toISOString(), status: 'received' }, depth: 0 })
  ).id
  F['systemLog.1'] = (await payload.create({ collection: 'system-logs', data: { level: 'INFO', type: 'test.fixture', actor: 'SYSTEM', message: 'Fixture log' }, depth: 0 })).id
  F['txLog.1'] = (
    await payload.create({
      collection: 'transaction-logs',
      data: { type: 'payment.succeeded', entityType: 'payment', entityId: String(id('payment.A')), amount: 2500, currency: 'EUR', status: 'succeeded', providerIds: { paymentIntent: 'pi_A' } },
      depth: 0,
    })
  ).id
  F['jobRun.1'] = (await payload.create({ collection: 'job-runs', data: { job: 'retry-emails', slot: '2020-01-01T00:00:00.000Z', trigger: 'schedule', status: 'succeeded' }, depth: 0 })).id
  F['job.1'] = await queueJob()
  F['media.A'] = await makeMedia(creatorA.id, 'avatar-a')
  F['media.B'] = await makeMedia(A.creatorB.id, 'avatar-b')

  // plugin-import-export's collections: no path stores a row (exports are downloaded, imports are off), so SQL fixtures.
  F['export.1'] = (await query<{ id: number }>(payload, `INSERT INTO exports (name, format, collection_slug) VALUES ('fixture', 'csv', 'payments') RETURNING id`))[0].id
  F['import.1'] = (await query<{ id: number }>(payload, `INSERT INTO imports (collection_slug) VALUES ('payments') RETURNING id`))[0].id
}

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

type Slug = CollectionSlug
type PerActor<T> = Record<ActorKey, T>
/** A list expectation: 403, the exact fixture keys, or ids computed from the database for the actor. */
type ListExpect = 403 | string[] | ((actor: ActorKey) => Promise<number[]>)
type Body = Record<string, unknown> | ((actor: ActorKey) => Record<string, unknown> | Promise<Record<string, unknown>>)

type Case = { name: string; run: () => Promise<void> }
const cases: Case[] = []
const add = (collection: string, op: string, actor: ActorKey, target: string, outcome: string, run: () => Promise<void>): void => {
  cases.push({ name: `${collection} · ${op} · ${actor} (${target}) → ${outcome}`, run })
}

const ALL = (collection: Slug) => () => dbIds(collection)
const OWN_NOTIFICATIONS = async (actor: ActorKey) => dbIds('notifications', { user: { equals: userId(actor as Exclude<ActorKey, 'guest'>) } })

const sorted = (ids: number[]): number[] => [...ids].sort((a, b) => a - b)

/** GET /api/<slug>: exactly the expected documents, or 403 with nothing. */
const listRows = (collection: Slug, expected: PerActor<ListExpect>, check?: (docs: Doc[], actor: ActorKey) => void): void => {
  for (const actor of ACTORS) {
    const exp = expected[actor]
    const outcome = exp === 403 ? '403' : Array.isArray(exp) ? (exp.length ? `only ${exp.join(', ')}` : 'nothing') : 'exactly the allowed set'
    add(collection, 'list', actor, 'all', outcome, async () => {
      const res = await call<{ docs?: Doc[]; totalDocs?: number }>(actor, 'GET', `/${collection}?limit=1000&depth=0`)
      if (exp === 403) {
        expect(res.status).toBe(403)
        expect(res.body.docs).toBeUndefined()
        return
      }
      expect(res.status).toBe(200)
      const want = Array.isArray(exp) ? exp.map(id) : await exp(actor)
      expect(sorted(res.body.docs!.map((d) => d.id))).toEqual(sorted(want))
      expect(res.body.totalDocs).toBe(want.length)
      check?.(res.body.docs!, actor)
    })
  }
}

/** GET /api/<slug>/<id>. */
const readRows = (collection: Slug, target: string, expected: PerActor<200 | 403 | 404>, check?: (doc: Doc, actor: ActorKey) => void): void => {
  for (const actor of ACTORS) {
    const exp = expected[actor]
    add(collection, 'read', actor, target, String(exp), async () => {
      const res = await call<Doc>(actor, 'GET', `/${collection}/${id(target)}?depth=0`)
      expect(res.status).toBe(exp)
      if (exp === 200) {
        expect(res.body.id).toBe(id(target))
        check?.(res.body, actor)
      } else {
        expect(res.body.id).toBeUndefined()
      }
    })
  }
}

/**
 * POST /api/<slug>. Refused: the status, and the collection holds exactly as many rows as before.
 * Allowed: 201, `check` on the stored row, then the row is removed again (unless append-only).
 */
const createRows = (
  collection: Slug,
  body: Body,
  expected: PerActor<number>,
  opts: { check?: (stored: Doc, actor: ActorKey) => void | Promise<void>; keep?: boolean } = {},
): void => {
  for (const actor of ACTORS) {
    const exp = expected[actor]
    add(collection, 'create', actor, 'new', exp === 201 ? '201' : `${exp}, nothing created`, async () => {
      const data = typeof body === 'function' ? await body(actor) : body
      const before = await dbCount(collection)
      const res = await call<{ doc?: Doc }>(actor, 'POST', `/${collection}?depth=0`, data)
      expect(res.status, JSON.stringify(res.body)).toBe(exp)
      if (exp !== 201) {
        expect(res.body.doc).toBeUndefined()
        expect(await dbCount(collection)).toBe(before)
        return
      }
      const stored = await snap(collection, res.body.doc!.id)
      expect(stored).not.toBeNull()
      await opts.check?.(stored!, actor)
      if (!opts.keep) await remove(collection, stored!.id)
    })
  }
}

/**
 * PATCH /api/<slug>/<id>. Refused: the status and the stored row deep-equal to before.
 * Allowed: 200 and every field of the body stored (or `check`).
 */
const updateRows = (
  collection: Slug,
  target: string,
  body: Record<string, unknown>,
  expected: PerActor<number>,
  check?: (after: Doc, before: Doc, actor: ActorKey) => void,
): void => {
  for (const actor of ACTORS) {
    const exp = expected[actor]
    add(collection, 'update', actor, target, exp === 200 ? '200' : `${exp}, unchanged`, async () => {
      const before = await snap(collection, id(target))
      const res = await call(actor, 'PATCH', `/${collection}/${id(target)}?depth=0`, body)
      expect(res.status, JSON.stringify(res.body)).toBe(exp)
      const after = await snap(collection, id(target))
      if (exp !== 200) {
        expect(after).toEqual(before)
        return
      }
      if (check) check(after!, before!, actor)
      else for (const [key, value] of Object.entries(body)) expect(after![key]).toEqual(value)
    })
  }
}

/**
 * DELETE /api/<slug>/<id>. Refused: the status and the fixture row still there, unchanged.
 * Allowed (200): a fresh row standing in the same relation to the actor as the fixture is deleted.
 */
const deleteRows = (collection: Slug, target: string, expected: PerActor<number>, fresh?: (actor: ActorKey) => Promise<number>): void => {
  for (const actor of ACTORS) {
    const exp = expected[actor]
    const allowed = exp === 200
    add(collection, 'delete', actor, allowed ? `a fresh doc like ${target}` : target, allowed ? '200, gone' : `${exp}, still there`, async () => {
      const docId = allowed ? await fresh!(actor) : id(target)
      const before = await snap(collection, docId)
      expect(before).not.toBeNull()
      const res = await call(actor, 'DELETE', `/${collection}/${docId}`)
      expect(res.status, JSON.stringify(res.body)).toBe(exp)
      const after = await snap(collection, docId)
      if (allowed) expect(after).toBeNull()
      else expect(after).toEqual(before)
    })
  }
}

const all = <T>(value: T): PerActor<T> => ({ guest: value, fanA: value, fanB: value, creatorA: value, creatorB: value, admin: value })
const adminOnly = (admin: number, others = 403): PerActor<number> => ({ ...all(others), admin })

// Field allowlists for public reads.
const PUBLIC_CREATOR_FIELDS = ['id', 'displayName', 'slug', 'bio', 'category', 'expertise', 'avatar', 'banner', 'socialLinks', 'currency', 'featured', 'ratingAverage', 'ratingCount', 'createdAt', 'updatedAt']
const PRIVATE_CREATOR_FIELDS = ['user', 'stripeAccountId', 'stripeAccountStatus', 'chargesEnabled', 'payoutsEnabled', 'payoutSchedule', 'payoutMinimum', 'payoutsBlocked', 'payoutsBlockedReason', 'payoutsBlockedBy']
const expectPublicCreator = (doc: Doc): void => {
  for (const key of Object.keys(doc)) expect(PUBLIC_CREATOR_FIELDS, `creator field "${key}" is not public`).toContain(key)
}
/** No email address, Stripe id or payout setting anywhere in a response (populated relations included). */
const expectNoPrivateData = (body: unknown): void => {
  const text = JSON.stringify(body)
  expect(text).not.toMatch(/@test\.local/)
  expect(text).not.toMatch(/acct_/)
  for (const key of PRIVATE_CREATOR_FIELDS) expect(text).not.toContain(`"${key}"`)
}
const isOwnerOrAdmin = (actor: ActorKey, owner: ActorKey): boolean => actor === owner || actor === 'admin'

// ---------------------------------------------------------------------------------------------
// users (SPEC §1: sign-up as fan or creator, nobody grants themselves admin, users see only themselves)
// ---------------------------------------------------------------------------------------------

listRows('users', { guest: 403, fanA: ['user.fanA'], fanB: ['user.fanB'], creatorA: ['user.creatorA'], creatorB: ['user.creatorB'], admin: ALL('users') })
readRows('users', 'user.fanB', { guest: 403, fanA: 404, fanB: 200, creatorA: 404, creatorB: 404, admin: 200 })
readRows('users', 'user.admin', { guest: 403, fanA: 404, fanB: 404, creatorA: 404, creatorB: 404, admin: 200 })
updateRows('users', 'user.fanB', { name: 'Renamed Fan B' }, { guest: 403, fanA: 403, fanB: 200, creatorA: 403, creatorB: 403, admin: 200 })
deleteRows('users', 'user.fanB', adminOnly(200), () => makeUser('doomed'))

for (const actor of ACTORS) {
  const exp = actor === 'admin' ? 201 : 403
  add('users', 'create', actor, 'role: "admin"', exp === 201 ? '201, an admin (admins may create admins)' : '403, no admin created', async () => {
    const admins = await dbCount('users', { role: { equals: 'admin' } })
    const users = await dbCount('users')
    const email = `escalate-${actor}@test.local`
    const res = await call<{ doc?: Doc }>(actor, 'POST', '/users', { email, password: 'correct-horse-battery', name: 'Mallory', role: 'admin' })
    expect(res.status, JSON.stringify(res.body)).toBe(exp)
    if (exp === 403) {
      expect(await dbCount('users', { role: { equals: 'admin' } })).toBe(admins)
      expect(await dbCount('users')).toBe(users)
      expect(await dbCount('users', { email: { equals: email } })).toBe(0)
    } else {
      expect((await snap('users', res.body.doc!.id))!.role).toBe('admin')
      await remove('users', res.body.doc!.id)
    }
  })
}

add('users', 'create', 'guest', 'sign-up, no role', '201, a fan', async () => {
  const res = await call<{ doc: Doc }>('guest', 'POST', '/users', { email: 'plain-signup@test.local', password: 'correct-horse-battery', name: 'Plain Signup' })
  expect(res.status).toBe(201)
  expect((await snap('users', res.body.doc.id))!.role).toBe('fan')
  expect(await dbCount('creators', { user: { equals: res.body.doc.id } })).toBe(0)
})

add('users', 'create', 'guest', 'sign-up as creator', '201, a creator owning exactly one creators document', async () => {
  const res = await call<{ doc: Doc }>('guest', 'POST', '/users', { email: 'new-creator@test.local', password: 'correct-horse-battery', name: 'New Creator', role: 'creator' })
  expect(res.status).toBe(201)
  expect((await snap('users', res.body.doc.id))!.role).toBe('creator')
  const profiles = await payload.find({ collection: 'creators', where: { user: { equals: res.body.doc.id } }, depth: 0, overrideAccess: true })
  expect(profiles.totalDocs).toBe(1)
  expect(profiles.docs[0].chargesEnabled).toBe(false)
})

for (const actor of ['fanA', 'creatorA'] as const) {
  add('users', 'update', actor, 'self, role: "admin"', '200, role silently kept', async () => {
    const before = await snap('users', userId(actor))
    const res = await call(actor, 'PATCH', `/users/${userId(actor)}`, { role: 'admin' })
    expect(res.status).toBe(200)
    expect((await snap('users', userId(actor)))!.role).toBe(before!.role)
    expect(await dbCount('users', { role: { equals: 'admin' } })).toBe(1)
  })
}

add('users', 'update', 'fanA', "fan B's email", '403, unchanged', async () => {
  const before = await snap('users', id('user.fanB'))
  const res = await call('fanA', 'PATCH', `/users/${id('user.fanB')}`, { email: 'stolen@test.local' })
  expect(res.status).toBe(403)
  expect(await snap('users', id('user.fanB'))).toEqual(before)
})

add('users', 'update', 'fanA', "the admin's role", '403, unchanged', async () => {
  const before = await snap('users', id('user.admin'))
  const res = await call('fanA', 'PATCH', `/users/${id('user.admin')}`, { role: 'fan' })
  expect(res.status).toBe(403)
  expect(await snap('users', id('user.admin'))).toEqual(before)
})

add('users', 'create', 'guest', 'POST /users/first-register with role admin', '403, no admin created', async () => {
  const admins = await dbCount('users', { role: { equals: 'admin' } })
  const res = await call('guest', 'POST', '/users/first-register', { email: 'first@test.local', password: 'correct-horse-battery', name: 'First', role: 'admin' })
  expect(res.status).toBe(403)
  expect(await dbCount('users', { role: { equals: 'admin' } })).toBe(admins)
  expect(await dbCount('users', { email: { equals: 'first@test.local' } })).toBe(0)
})

add('users', 'me', 'fanA', 'GET /users/me', '200, themselves', async () => {
  const res = await call<{ user: Doc }>('fanA', 'GET', '/users/me')
  expect(res.status).toBe(200)
  expect(res.body.user.id).toBe(userId('fanA'))
})

add('users', 'me', 'guest', 'GET /users/me', '200, no user', async () => {
  const res = await call<{ user: Doc | null }>('guest', 'GET', '/users/me')
  expect(res.status).toBe(200)
  expect(res.body.user).toBeNull()
})

// ---------------------------------------------------------------------------------------------
// creators (public read of public fields only; the owner edits their profile, not the money fields)
// ---------------------------------------------------------------------------------------------

listRows('creators', all(ALL('creators')), (docs, actor) => {
  for (const doc of docs) {
    const own = (actor === 'creatorA' && doc.id === creatorId('creatorA')) || (actor === 'creatorB' && doc.id === creatorId('creatorB'))
    if (actor === 'admin') expect(doc.user).toEqual(expect.any(Number))
    else if (!own) expectPublicCreator(doc)
  }
})
readRows('creators', 'creator.A', all(200), (doc, actor) => {
  if (isOwnerOrAdmin(actor, 'creatorA')) {
    expect(doc.stripeAccountId).toBe('acct_creatorA')
    expect(doc.user).toBe(userId('creatorA'))
    expect(doc.payoutSchedule).toBe('manual')
  } else {
    expectPublicCreator(doc)
    expectNoPrivateData(doc)
  }
})
for (const actor of ['guest', 'fanA', 'creatorB'] as const) {
  add('creators', 'list', actor, 'depth=2', 'public fields only, no email, Stripe id or payout setting', async () => {
    const res = await call<{ docs: Doc[] }>(actor, 'GET', '/creators?depth=2&limit=100')
    expect(res.status).toBe(200)
    for (const doc of res.body.docs) if (!(actor === 'creatorB' && doc.id === creatorId('creatorB'))) expectPublicCreator(doc)
    expectNoPrivateData(res.body.docs.filter((d) => !(actor === 'creatorB' && d.id === creatorId('creatorB'))))
  })
}
for (const [field, value] of [
  ['stripeAccountId', 'acct_creatorA'],
  ['payoutsBlocked', 'false'],
  ['user.email', 'creatora@test.local'],
] as const) {
  add('creators', 'list', 'guest', `where[${field}]`, 'refused: a private field cannot be queried', async () => {
    const res = await call<{ docs?: Doc[] }>('guest', 'GET', `/creators?where[${field}][equals]=${encodeURIComponent(value)}`)
    expect(res.status).toBe(400)
    expect(res.body.docs).toBeUndefined()
  })
}
createRows(
  'creators',
  async (actor) => ({ user: actor === 'admin' ? await makeUser('profile') : userId('fanA'), displayName: 'Impostor', slug: `impostor-${actor.toLowerCase()}`, currency: 'EUR' }),
  adminOnly(201),
)
updateRows('creators', 'creator.A', { bio: 'Updated bio' }, { guest: 403, fanA: 403, fanB: 403, creatorA: 200, creatorB: 403, admin: 200 })
deleteRows('creators', 'creator.B', adminOnly(200), async () => {
  const user = await makeUser('doomed-creator', 'creator')
  return (await payload.find({ collection: 'creators', where: { user: { equals: user } }, depth: 0, overrideAccess: true })).docs[0].id
})

const FORBIDDEN_PROFILE_CHANGES = {
  user: 0,
  chargesEnabled: false,
  payoutsEnabled: true,
  stripeAccountId: 'acct_hijacked',
  stripeAccountStatus: 'restricted',
  payoutsBlocked: true,
  payoutsBlockedReason: 'self-inflicted',
  payoutsBlockedBy: 'admin',
  featured: true,
  ratingAverage: 1,
  ratingCount: 999,
}
for (const field of Object.keys(FORBIDDEN_PROFILE_CHANGES) as (keyof typeof FORBIDDEN_PROFILE_CHANGES)[]) {
  add('creators', 'update', 'creatorA', `own profile, ${field}`, '200, field silently dropped', async () => {
    const before = await snap('creators', creatorId('creatorA'))
    const value = field === 'user' ? userId('fanA') : FORBIDDEN_PROFILE_CHANGES[field]
    const res = await call('creatorA', 'PATCH', `/creators/${creatorId('creatorA')}`, { [field]: value, bio: `tried ${field}` })
    expect(res.status).toBe(200)
    const after = await snap('creators', creatorId('creatorA'))
    expect(after!.bio).toBe(`tried ${field}`)
    expect(after![field]).toEqual(before![field])
  })
}
add('creators', 'update', 'creatorA', 'own profile, payoutSchedule', '200, changed (owner setting)', async () => {
  const res = await call('creatorA', 'PATCH', `/creators/${creatorId('creatorA')}`, { payoutSchedule: 'weekly' })
  expect(res.status).toBe(200)
  expect((await snap('creators', creatorId('creatorA')))!.payoutSchedule).toBe('weekly')
  await payload.update({ collection: 'creators', id: creatorId('creatorA'), data: { payoutSchedule: 'manual' } })
})
add('creators', 'update', 'admin', "creator A's featured; payoutsBlocked only through the block endpoint", '200, featured changed, block dropped', async () => {
  const res = await call('admin', 'PATCH', `/creators/${creatorId('creatorA')}`, { featured: true, payoutsBlocked: true, payoutsBlockedReason: 'by PATCH', payoutsBlockedBy: 'admin' })
  expect(res.status).toBe(200)
  const after = await snap('creators', creatorId('creatorA'))
  expect([after!.featured, after!.payoutsBlocked, after!.payoutsBlockedReason ?? null]).toEqual([true, false, null])
  await payload.update({ collection: 'creators', id: creatorId('creatorA'), data: { featured: false } })
})

// ---------------------------------------------------------------------------------------------
// offers (public, except offers reserved for one fan; creators write only their own)
// ---------------------------------------------------------------------------------------------

const PUBLIC_OFFERS = ['offer.A1', 'offer.A2', 'offer.A3', 'offer.B1', 'offer.B2', 'offer.B3']
listRows('offers', {
  guest: PUBLIC_OFFERS,
  fanA: [...PUBLIC_OFFERS, 'offer.AR'],
  fanB: [...PUBLIC_OFFERS, 'offer.BR'],
  creatorA: [...PUBLIC_OFFERS, 'offer.AR'],
  creatorB: [...PUBLIC_OFFERS, 'offer.BR'],
  admin: ALL('offers'),
})
readRows('offers', 'offer.AR', { guest: 404, fanA: 200, fanB: 404, creatorA: 200, creatorB: 404, admin: 200 })
readRows('offers', 'offer.B2', all(200))
add('offers', 'list', 'guest', 'depth=2', 'no email, Stripe id or payout setting in populated creators', async () => {
  const res = await call<{ docs: Doc[] }>('guest', 'GET', '/offers?depth=2&limit=100')
  expect(res.status).toBe(200)
  expect(res.body.docs.length).toBe(PUBLIC_OFFERS.length)
  for (const doc of res.body.docs) expectPublicCreator(doc.creator as Doc)
  expectNoPrivateData(res.body)
})
createRows(
  'offers',
  () => ({ title: 'New slot', startsAt: freshSlot(), durationMinutes: 30, price: 2500, creator: creatorId('creatorB') }),
  { guest: 403, fanA: 403, fanB: 403, creatorA: 201, creatorB: 201, admin: 201 },
  {
    check: (stored, actor) => {
      // A creator's offer is always their own, whatever the body says; admins choose.
      expect(stored.creator).toBe(actor === 'creatorA' ? creatorId('creatorA') : creatorId('creatorB'))
      expect(stored.status).toBe('available')
    },
  },
)
add('offers', 'create', 'creatorA', "status booked, reservedFor fan B, creator B's id", '201, own, available, not reserved', async () => {
  const res = await call<{ doc: Doc }>('creatorA', 'POST', '/offers', {
    title: 'Sneaky', startsAt: freshSlot(), durationMinutes: 30, price: 2500, creator: creatorId('creatorB'), status: 'booked', reservedFor: userId('fanB'), currency: 'USD',
  })
  expect(res.status).toBe(201)
  const stored = await snap('offers', res.body.doc.id)
  expect([stored!.creator, stored!.status, stored!.reservedFor ?? null, stored!.currency]).toEqual([creatorId('creatorA'), 'available', null, 'EUR'])
  await remove('offers', stored!.id)
})
updateRows('offers', 'offer.B2', { title: 'Hijacked title' }, { guest: 403, fanA: 403, fanB: 403, creatorA: 403, creatorB: 200, admin: 200 })
updateRows('offers', 'offer.AR', { price: 100 }, { guest: 403, fanA: 403, fanB: 403, creatorA: 200, creatorB: 403, admin: 200 })
add('offers', 'update', 'creatorA', 'own offer A3: creator, status, reservedFor, currency', '200, those fields silently kept', async () => {
  const before = await snap('offers', id('offer.A3'))
  const res = await call('creatorA', 'PATCH', `/offers/${id('offer.A3')}`, {
    creator: creatorId('creatorB'), status: 'cancelled', reservedFor: userId('fanB'), currency: 'GBP', description: 'Still mine',
  })
  expect(res.status).toBe(200)
  const after = await snap('offers', id('offer.A3'))
  expect(after!.description).toBe('Still mine')
  expect([after!.creator, after!.status, after!.reservedFor ?? null, after!.currency]).toEqual([before!.creator, before!.status, before!.reservedFor ?? null, before!.currency])
})
add('offers', 'update', 'creatorA', "bulk PATCH /offers?where[id]=B2 (creator B's)", '200 with no docs, unchanged', async () => {
  const before = await snap('offers', id('offer.B2'))
  const res = await call<{ docs?: Doc[] }>('creatorA', 'PATCH', `/offers?where[id][equals]=${id('offer.B2')}`, { title: 'Bulk hijack' })
  expect(res.status).toBe(200)
  expect(res.body.docs).toEqual([])
  expect(await snap('offers', id('offer.B2'))).toEqual(before)
})
deleteRows('offers', 'offer.B2', { guest: 403, fanA: 403, fanB: 403, creatorA: 403, creatorB: 200, admin: 200 }, () => makeOffer(creatorId('creatorB'), freshSlot()))
add('offers', 'delete', 'creatorA', 'own offer A1 with a booking', '409, still there', async () => {
  const res = await call('creatorA', 'DELETE', `/offers/${id('offer.A1')}`)
  expect(res.status).toBe(409)
  expect(await snap('offers', id('offer.A1'))).not.toBeNull()
})

// ---------------------------------------------------------------------------------------------
// bookings (participants read; writes go through the use-case endpoints, so admin only here)
// ---------------------------------------------------------------------------------------------

listRows('bookings', {
  guest: 403,
  fanA: ['booking.A', 'booking.A2'],
  fanB: ['booking.B'],
  creatorA: ['booking.A', 'booking.A2', 'booking.X'],
  creatorB: ['booking.B', 'booking.X'],
  admin: ALL('bookings'),
})
readRows('bookings', 'booking.B', { guest: 403, fanA: 404, fanB: 200, creatorA: 404, creatorB: 200, admin: 200 })
readRows('bookings', 'booking.X', { guest: 403, fanA: 404, fanB: 404, creatorA: 200, creatorB: 200, admin: 200 })
for (const actor of ['fanA', 'creatorA'] as const) {
  add('bookings', 'list', actor, 'depth=2', "no Stripe id, payout setting or other users' email in populated relations", async () => {
    const res = await call<{ docs: Doc[] }>(actor, 'GET', '/bookings?depth=2&limit=100')
    expect(res.status).toBe(200)
    const text = JSON.stringify(res.body)
    for (const email of emailsOfOthers(actor)) expect(text).not.toContain(email)
    // Creator A sees their own Stripe account id on their own profile, nobody else's.
    expect(text).not.toMatch(actor === 'creatorA' ? /acct_(?!creatorA")/ : /acct_/)
    for (const doc of res.body.docs) {
      const creator = doc.creator as Doc
      if (!(actor === 'creatorA' && creator.id === creatorId('creatorA'))) expectPublicCreator(creator)
    }
  })
}
for (const collection of ['bookings', 'payments', 'call-requests'] as const) {
  add(collection, 'list', 'creatorA', "where[fan.email]=fan A's email", "200, nothing: a customer's email is not an oracle", async () => {
    const res = await call<{ docs: Doc[] }>('creatorA', 'GET', `/${collection}?where[fan.email][equals]=${encodeURIComponent(A.fanA.email)}`)
    expect(res.status).toBe(200)
    expect(res.body.docs).toEqual([])
  })
}
add('bookings', 'count', 'fanA', 'GET /bookings/count', 'only own (2)', async () => {
  const res = await call<{ totalDocs: number }>('fanA', 'GET', '/bookings/count')
  expect(res.status).toBe(200)
  expect(res.body.totalDocs).toBe(2)
})
createRows('bookings', () => ({ offer: id('offer.B2'), fan: userId('fanA'), status: 'confirmed' }), adminOnly(201))
updateRows('bookings', 'booking.A', { call: { roomName: 'hijacked-room' } }, adminOnly(200), (after) => expect((after.call as Record<string, unknown>).roomName).toBe('hijacked-room'))
add('bookings', 'update', 'fanA', 'bulk PATCH /bookings?where[id]=own booking A', '403, unchanged', async () => {
  const before = await snap('bookings', id('booking.A'))
  const res = await call('fanA', 'PATCH', `/bookings?where[id][equals]=${id('booking.A')}`, { status: 'cancelled' })
  expect(res.status).toBe(403)
  expect(await snap('bookings', id('booking.A'))).toEqual(before)
})
deleteRows('bookings', 'booking.A', adminOnly(200), async () =>
  (await payload.create({ collection: 'bookings', data: { offer: id('offer.B2'), fan: userId('fanB'), status: 'pending' }, depth: 0 })).id,
)

// ---------------------------------------------------------------------------------------------
// payments (participants read; rows and statuses only through checkout and the webhooks: nobody,
// admins included, creates, updates or deletes one through the generated API; a succeeded payment's
// money never changes)
// ---------------------------------------------------------------------------------------------

listRows('payments', {
  guest: 403,
  fanA: ['payment.A'],
  fanB: ['payment.B'],
  creatorA: ['payment.A', 'payment.X'],
  creatorB: ['payment.B', 'payment.X'],
  admin: ALL('payments'),
})
readRows('payments', 'payment.B', { guest: 403, fanA: 404, fanB: 200, creatorA: 404, creatorB: 200, admin: 200 })
createRows(
  'payments',
  (actor) => ({
    booking: id('booking.A2'), fan: userId('fanA'), creator: creatorId('creatorA'), stripePaymentIntentId: `pi_new_${actor}`, amount: 2500, currency: 'EUR',
    platformFee: 375, creatorAmount: 2125, feeSnapshot: { feeBps: 1500, fixedFee: 0, holdingPeriodDays: 7 }, status: 'requires_payment',
  }),
  all(403),
)
updateRows('payments', 'payment.A', { failureReason: 'edited' }, all(403))
add('payments', 'update', 'admin', 'succeeded payment A: amount', '403, money unchanged (and the local API refuses it too)', async () => {
  const before = await snap('payments', id('payment.A'))
  const res = await call('admin', 'PATCH', `/payments/${id('payment.A')}`, { amount: 1, platformFee: 0, creatorAmount: 1 })
  expect(res.status).toBe(403)
  expect(await snap('payments', id('payment.A'))).toEqual(before)
  // Server code (local API, access skipped) still cannot rewrite a succeeded payment's money.
  await expect(payload.update({ collection: 'payments', id: id('payment.A'), data: { amount: 1, platformFee: 0, creatorAmount: 1 } })).rejects.toMatchObject({
    status: 400,
    data: { errors: expect.arrayContaining([expect.objectContaining({ path: 'amount', message: expect.stringMatching(/cannot change/) })]) },
  })
  expect(await snap('payments', id('payment.A'))).toEqual(before)
})
deleteRows('payments', 'payment.A', all(403))

// ---------------------------------------------------------------------------------------------
// ledger-entries (owning creator reads; append-only, written only by the money use cases: nobody,
// admins included, creates, updates or deletes an entry through the generated API)
// ---------------------------------------------------------------------------------------------

listRows('ledger-entries', { guest: 403, fanA: 403, fanB: 403, creatorA: ['ledger.A'], creatorB: ['ledger.B'], admin: ALL('ledger-entries') })
readRows('ledger-entries', 'ledger.B', { guest: 403, fanA: 403, fanB: 403, creatorA: 404, creatorB: 200, admin: 200 })
updateRows('ledger-entries', 'ledger.A', { memo: 'rewritten history', amount: 1 }, all(403))
deleteRows('ledger-entries', 'ledger.A', all(403))
add('ledger-entries', 'delete', 'admin', 'bulk DELETE /ledger-entries?where[id][exists]=true', '403, every entry still there', async () => {
  const before = await dbCount('ledger-entries')
  const res = await call('admin', 'DELETE', '/ledger-entries?where[id][exists]=true')
  expect(res.status).toBe(403)
  expect(await dbCount('ledger-entries')).toBe(before)
})
// Not even an admin adjustment: corrections come from the adjustment action (POST /ledger-entries/adjust), not the generated create.
createRows(
  'ledger-entries',
  () => ({ creator: creatorId('creatorB'), currency: 'EUR', type: 'adjustment', amount: -100, memo: 'Manual correction' }),
  all(403),
)
// POST /api/ledger-entries/adjust: admins only; a creator cannot adjust even their own balance.
for (const actor of ['guest', 'fanA', 'fanB', 'creatorA', 'creatorB'] as const) {
  add('ledger-entries', 'adjust', actor, 'POST /ledger-entries/adjust +1000 EUR for creator A and creator B (their own included)', `${actor === 'guest' ? 401 : 403}, no entry written`, async () => {
    const before = await dbCount('ledger-entries')
    for (const target of ['creatorA', 'creatorB'] as const) {
      const res = await call(actor, 'POST', '/ledger-entries/adjust', { creator: creatorId(target), currency: 'EUR', amount: 1000, reason: 'Give me money' })
      expect([target, res.status]).toEqual([target, actor === 'guest' ? 401 : 403])
    }
    expect(await dbCount('ledger-entries')).toBe(before)
    expect(await dbCount('ledger-entries', { type: { equals: 'adjustment' } })).toBe(0)
  })
}
add('ledger-entries', 'adjust', 'admin', 'POST /ledger-entries/adjust −250 EUR for a throwaway creator', '201, one adjustment entry with the admin and the reason', async () => {
  const user = await makeUser('adjusted-creator', 'creator')
  const creator = (await payload.find({ collection: 'creators', where: { user: { equals: user } }, depth: 0, overrideAccess: true })).docs[0].id
  const before = await dbCount('ledger-entries')
  const res = await call<{ entry: { id: number } }>('admin', 'POST', '/ledger-entries/adjust', { creator, currency: 'EUR', amount: -250, reason: 'Access matrix correction' })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  expect(await dbCount('ledger-entries')).toBe(before + 1)
  const stored = await snap('ledger-entries', res.body.entry.id)
  expect([stored!.creator, stored!.type, stored!.amount, stored!.memo, stored!.createdBy]).toEqual([creator, 'adjustment', -250, 'Access matrix correction', userId('admin')])
})

// ---------------------------------------------------------------------------------------------
// payouts, refunds, disputes (owners read; rows and statuses only through their endpoints, jobs and
// webhooks: nobody, admins included, creates, updates or deletes one through the generated API)
// ---------------------------------------------------------------------------------------------

listRows('payouts', { guest: 403, fanA: 403, fanB: 403, creatorA: ['payout.A'], creatorB: ['payout.B'], admin: ALL('payouts') })
readRows('payouts', 'payout.B', { guest: 403, fanA: 403, fanB: 403, creatorA: 404, creatorB: 200, admin: 200 })
createRows('payouts', () => ({ creator: creatorId('creatorA'), amount: 500, currency: 'EUR' }), all(403))
updateRows('payouts', 'payout.A', { status: 'approved' }, all(403))
deleteRows('payouts', 'payout.A', all(403))

listRows('refunds', { guest: 403, fanA: ['refund.A'], fanB: ['refund.B'], creatorA: ['refund.A'], creatorB: ['refund.B'], admin: ALL('refunds') })
readRows('refunds', 'refund.B', { guest: 403, fanA: 404, fanB: 200, creatorA: 404, creatorB: 200, admin: 200 })
createRows(
  'refunds',
  () => ({ payment: id('payment.A'), booking: id('booking.A'), fan: userId('fanA'), creator: creatorId('creatorA'), amount: 100, currency: 'EUR', reason: 'I want my money' }),
  all(403),
)
updateRows('refunds', 'refund.A', { status: 'approved' }, all(403))
deleteRows('refunds', 'refund.A', all(403))

listRows('disputes', { guest: 403, fanA: 403, fanB: 403, creatorA: ['dispute.A'], creatorB: ['dispute.B'], admin: ALL('disputes') })
readRows('disputes', 'dispute.B', { guest: 403, fanA: 403, fanB: 403, creatorA: 404, creatorB: 200, admin: 200 })
createRows(
  'disputes',
  (actor) => ({ payment: id('payment.A'), creator: creatorId('creatorA'), stripeDisputeId: `dp_new_${actor}`, amount: 100, currency: 'EUR', status: 'needs_response' }),
  all(403),
)
updateRows('disputes', 'dispute.A', { status: 'won' }, all(403))
deleteRows('disputes', 'dispute.A', all(403))

// GET · POST /disputes/:id/evidence: admins only (the dispute's own creator included in the refusal:
// the evidence names the fan); the evidence fields of a dispute are not readable by its creator.
const EVIDENCE: PerActor<number> = { guest: 401, fanA: 403, fanB: 403, creatorA: 403, creatorB: 403, admin: 200 }
for (const actor of ACTORS) {
  const exp = EVIDENCE[actor]
  add('disputes', 'evidence', actor, 'GET /disputes/:id/evidence (dispute A)', exp === 200 ? '200, the summary generated from the booking' : String(exp), async () => {
    const res = await call<{ text?: string; state?: string; errors?: { code: string }[] }>(actor, 'GET', `/disputes/${id('dispute.A')}/evidence`)
    expect(res.status, JSON.stringify(res.body)).toBe(exp)
    if (exp !== 200) return void expect(res.body.errors?.[0].code).toBe(exp === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN')
    expect(res.body.state).toBe('none')
    expect(res.body.text).toMatch(/^Service: .*\n[\s\S]*\nAttendance:\n/)
  })
  add('disputes', 'evidence', actor, 'POST /disputes/:id/evidence {text} (dispute B, draft)', exp === 200 ? '200, stored as a draft version' : `${exp}, nothing stored`, async () => {
    const before = await snap('disputes', id('dispute.B'))
    const res = await call<{ state?: string; errors?: { code: string }[] }>(actor, 'POST', `/disputes/${id('dispute.B')}/evidence`, { text: `Evidence by ${actor}` })
    expect(res.status, JSON.stringify(res.body)).toBe(exp)
    const after = await snap('disputes', id('dispute.B'))
    if (exp !== 200) {
      expect(res.body.errors?.[0].code).toBe(exp === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN')
      return void expect(after).toEqual(before)
    }
    expect(res.body.state).toBe('sending')
    expect([after!.evidenceText, after!.evidenceSubmitRequested, after!.evidenceSavedBy]).toEqual([`Evidence by ${actor}`, false, userId('admin')])
    // Its creator reads the dispute, not the evidence.
    const own = await call<Doc>('creatorB', 'GET', `/disputes/${id('dispute.B')}?depth=0`)
    expect(own.status).toBe(200)
    expect(Object.keys(own.body).filter((key) => key.startsWith('evidence') && key !== 'evidenceDueBy')).toEqual([])
  })
}
add('disputes', 'evidence', 'admin', 'POST /disputes/:id/evidence with an empty text; an unknown dispute', '400 naming text; 404', async () => {
  const empty = await call<{ errors?: { code: string; field?: string }[] }>('admin', 'POST', `/disputes/${id('dispute.A')}/evidence`, { text: '   ', submit: true })
  expect([empty.status, empty.body.errors?.[0].code, empty.body.errors?.[0].field]).toEqual([400, 'INVALID_INPUT', 'text'])
  const missing = await call<{ errors?: { code: string }[] }>('admin', 'POST', '/disputes/999999/evidence', { text: 'Evidence' })
  expect([missing.status, missing.body.errors?.[0].code]).toEqual([404, 'NOT_FOUND'])
})

// The examples: an admin cannot mint a paid payout nor flip a refund's status by hand.
add('payouts', 'create', 'admin', '{ creator A, amount: 1000000, status: "paid" } (nothing available)', '403, nothing stored', async () => {
  const before = await dbCount('payouts')
  const res = await call<{ doc?: Doc }>('admin', 'POST', '/payouts', { creator: creatorId('creatorA'), amount: 1_000_000, currency: 'EUR', status: 'paid' })
  expect(res.status, JSON.stringify(res.body)).toBe(403)
  expect(res.body.doc).toBeUndefined()
  expect(await dbCount('payouts')).toBe(before)
  expect(await dbCount('payouts', { amount: { equals: 1_000_000 } })).toBe(0)
  expect(await dbCount('payouts', { status: { equals: 'paid' } })).toBe(0)
})
add('refunds', 'update', 'admin', 'refund A: status requested → approved, then an approved one back to requested', '403 both, unchanged', async () => {
  const before = await snap('refunds', id('refund.A'))
  expect(before!.status).toBe('requested')
  const approve = await call('admin', 'PATCH', `/refunds/${id('refund.A')}`, { status: 'approved' })
  expect(approve.status, JSON.stringify(approve.body)).toBe(403)
  expect(await snap('refunds', id('refund.A'))).toEqual(before)
  // An approved refund cannot be flipped back either (set up through the local API, then restored).
  await payload.update({ collection: 'refunds', id: id('refund.A'), data: { status: 'approved' } })
  try {
    const approved = await snap('refunds', id('refund.A'))
    const back = await call('admin', 'PATCH', `/refunds/${id('refund.A')}`, { status: 'requested' })
    expect(back.status, JSON.stringify(back.body)).toBe(403)
    expect(await snap('refunds', id('refund.A'))).toEqual(approved)
  } finally {
    await payload.update({ collection: 'refunds', id: id('refund.A'), data: { status: 'requested' } })
  }
})
for (const [collection, target, body] of [
  ['payments', 'payment.A', { status: 'refunded' }],
  ['payouts', 'payout.A', { status: 'paid' }],
  ['refunds', 'refund.A', { status: 'succeeded' }],
  ['disputes', 'dispute.A', { status: 'won' }],
  ['ledger-entries', 'ledger.A', { amount: 1_000_000 }],
] as const) {
  add(collection, 'update', 'admin', `bulk PATCH /${collection}?where[id]=${target}`, '403, unchanged', async () => {
    const before = await snap(collection, id(target))
    const res = await call('admin', 'PATCH', `/${collection}?where[id][equals]=${id(target)}`, body)
    expect(res.status, JSON.stringify(res.body)).toBe(403)
    expect(await snap(collection, id(target))).toEqual(before)
  })
}

// ---------------------------------------------------------------------------------------------
// reviews (public unless hidden; only the booking's fan writes one; admins moderate)
// ---------------------------------------------------------------------------------------------

listRows(
  'reviews',
  { guest: ['review.A'], fanA: ['review.A'], fanB: ['review.A', 'review.B'], creatorA: ['review.A'], creatorB: ['review.A', 'review.B'], admin: ALL('reviews') },
)
readRows('reviews', 'review.B', { guest: 404, fanA: 404, fanB: 200, creatorA: 404, creatorB: 200, admin: 200 })
readRows('reviews', 'review.A', all(200), (doc, actor) => {
  if (!['fanA', 'creatorA', 'admin'].includes(actor)) {
    expect(doc.fan).toBeUndefined()
    expect(doc.booking).toBeUndefined()
  }
})
add('reviews', 'list', 'guest', 'depth=2', 'no reviewer identity, email, Stripe id or payout setting', async () => {
  const res = await call<{ docs: Doc[] }>('guest', 'GET', '/reviews?depth=2')
  expect(res.status).toBe(200)
  for (const doc of res.body.docs) {
    expect(doc.fan).toBeUndefined()
    expect(doc.booking).toBeUndefined()
    expectPublicCreator(doc.creator as Doc)
  }
  expectNoPrivateData(res.body)
})
add('reviews', 'list', 'guest', 'where[fan]=fan A', 'refused: the reviewer cannot be queried', async () => {
  const res = await call<{ docs?: Doc[] }>('guest', 'GET', `/reviews?where[fan][equals]=${userId('fanA')}`)
  expect(res.status).toBe(400)
  expect(res.body.docs).toBeUndefined()
})
// Booking A2 is fan A's completed, unreviewed call: only fan A (and an admin) may review it.
createRows(
  'reviews',
  () => ({ booking: id('booking.A2'), rating: 4, comment: 'Lovely', hidden: true }),
  { guest: 403, fanA: 201, fanB: 403, creatorA: 403, creatorB: 403, admin: 201 },
  {
    check: (stored, actor) => {
      expect([stored.fan, stored.creator, stored.hidden]).toEqual([userId('fanA'), creatorId('creatorA'), actor === 'admin'])
    },
  },
)
add('reviews', 'create', 'fanA', 'a second review of booking A', '400, nothing created', async () => {
  const before = await dbCount('reviews')
  const res = await call('fanA', 'POST', '/reviews', { booking: id('booking.A'), rating: 1 })
  expect(res.status).toBe(400)
  expect(await dbCount('reviews')).toBe(before)
})
updateRows('reviews', 'review.A', { comment: 'Edited' }, adminOnly(200))
updateRows('reviews', 'review.B', { hidden: false }, adminOnly(200), (after) => {
  expect(after.hidden).toBe(false)
})
add('reviews', 'update', 'admin', 'hide review B again', '200, invisible to the public', async () => {
  const res = await call('admin', 'PATCH', `/reviews/${id('review.B')}`, { hidden: true })
  expect(res.status).toBe(200)
  expect((await call('guest', 'GET', `/reviews/${id('review.B')}`)).status).toBe(404)
})
deleteRows('reviews', 'review.B', adminOnly(200), async () =>
  (await payload.create({ collection: 'reviews', data: { booking: id('booking.A2'), rating: 3, fan: userId('fanA'), creator: creatorId('creatorA') }, depth: 0 })).id,
)

// ---------------------------------------------------------------------------------------------
// call-requests (the fan and the creator read; the requester is always the caller)
// ---------------------------------------------------------------------------------------------

listRows('call-requests', {
  guest: 403,
  fanA: ['callRequest.A'],
  fanB: ['callRequest.B'],
  creatorA: ['callRequest.A', 'callRequest.X'],
  creatorB: ['callRequest.B', 'callRequest.X'],
  admin: ALL('call-requests'),
})
readRows('call-requests', 'callRequest.B', { guest: 403, fanA: 404, fanB: 200, creatorA: 404, creatorB: 200, admin: 200 })
createRows(
  'call-requests',
  () => ({ creator: creatorId('creatorB'), fan: userId('fanB'), proposedStart: at(72), durationMinutes: 30, proposedPrice: 4000, message: 'Please talk to me about music', status: 'accepted' }),
  // creator B asking themselves is a validation error, not an access one.
  { guest: 403, fanA: 201, fanB: 201, creatorA: 201, creatorB: 400, admin: 201 },
  {
    check: (stored, actor) => {
      if (actor === 'admin') expect([stored.fan, stored.status]).toEqual([userId('fanB'), 'accepted'])
      else expect([stored.fan, stored.status]).toEqual([userId(actor as 'fanA'), 'pending'])
    },
  },
)
updateRows('call-requests', 'callRequest.A', { status: 'accepted' }, adminOnly(200))
deleteRows('call-requests', 'callRequest.A', adminOnly(200), async () =>
  (
    await payload.create({
      collection: 'call-requests',
      data: { fan: userId('fanA'), creator: creatorId('creatorA'), proposedStart: at(80), durationMinutes: 30, proposedPrice: 3000, message: 'A request to delete', status: 'pending' },
      depth: 0,
    })
  ).id,
)

// POST /call-requests/:id/accept · /reject: only the creator the request was sent to (admins included
// in the refusal: they do not commit a creator's time). Each case answers a fresh pending request.
const freshRequest = async (): Promise<number> =>
  (
    await payload.create({
      collection: 'call-requests',
      data: { fan: userId('fanA'), creator: creatorId('creatorA'), proposedStart: freshSlot(), durationMinutes: 30, proposedPrice: 3000, message: 'Could we talk about my project?', status: 'pending' },
      depth: 0,
    })
  ).id
const ANSWER: PerActor<number> = { guest: 401, fanA: 403, fanB: 403, creatorA: 200, creatorB: 403, admin: 403 }
for (const action of ['accept', 'reject'] as const) {
  for (const actor of ACTORS) {
    const exp = ANSWER[actor]
    const outcome = exp === 200 ? (action === 'accept' ? '200, accepted with an offer reserved for fan A' : '200, rejected') : `${exp}, still pending, no offer`
    add('call-requests', action, actor, `POST /call-requests/:id/${action}`, outcome, async () => {
      const target = await freshRequest()
      const before = await snap('call-requests', target)
      const offers = await dbCount('offers')
      const res = await call<{ errors?: { code: string }[] }>(actor, 'POST', `/call-requests/${target}/${action}`, action === 'reject' ? { reason: `by ${actor}` } : undefined)
      expect(res.status, JSON.stringify(res.body)).toBe(exp)
      const after = await snap('call-requests', target)
      if (exp !== 200) {
        expect(res.body.errors?.[0].code).toBe(exp === 401 ? 'UNAUTHORIZED' : 'FORBIDDEN')
        expect(after).toEqual(before)
        expect(await dbCount('offers')).toBe(offers)
        return
      }
      if (action === 'reject') {
        expect([after!.status, after!.response]).toEqual(['rejected', `by ${actor}`])
        expect(await dbCount('offers')).toBe(offers)
        return
      }
      expect(after!.status).toBe('accepted')
      const offer = await snap('offers', after!.resultingOffer as number)
      expect([offer!.creator, offer!.reservedFor, offer!.price, offer!.status]).toEqual([creatorId('creatorA'), userId('fanA'), 3000, 'available'])
    })
  }
  add('call-requests', action, 'creatorA', `POST /call-requests/999999/${action}`, '404', async () => {
    const res = await call<{ errors?: { code: string }[] }>('creatorA', 'POST', `/call-requests/999999/${action}`, {})
    expect([res.status, res.body.errors?.[0].code]).toEqual([404, 'NOT_FOUND'])
  })
}

// ---------------------------------------------------------------------------------------------
// notifications (each user sees and changes only their own — an admin included)
// ---------------------------------------------------------------------------------------------

listRows('notifications', { guest: 403, fanA: OWN_NOTIFICATIONS, fanB: OWN_NOTIFICATIONS, creatorA: OWN_NOTIFICATIONS, creatorB: OWN_NOTIFICATIONS, admin: OWN_NOTIFICATIONS }, (docs, actor) => {
  expect(docs.length).toBeGreaterThan(0)
  for (const doc of docs) expect(doc.user).toBe(userId(actor as 'fanA'))
})
readRows('notifications', 'notification.fanB', { guest: 403, fanA: 404, fanB: 200, creatorA: 404, creatorB: 404, admin: 404 })
createRows('notifications', () => ({ user: userId('fanB'), type: 'system', title: 'Spoofed', body: 'Click here' }), adminOnly(201))
updateRows('notifications', 'notification.fanB', { read: true }, { guest: 403, fanA: 403, fanB: 200, creatorA: 403, creatorB: 403, admin: 403 })
add('notifications', 'update', 'fanA', 'own: title, user, read', '200, only read changes', async () => {
  const before = await snap('notifications', id('notification.fanA'))
  const res = await call('fanA', 'PATCH', `/notifications/${id('notification.fanA')}`, { title: 'Edited', user: userId('fanB'), read: true })
  expect(res.status).toBe(200)
  const after = await snap('notifications', id('notification.fanA'))
  expect([after!.title, after!.user, after!.read]).toEqual([before!.title, before!.user, true])
  await payload.update({ collection: 'notifications', id: id('notification.fanA'), data: { read: false } })
})
add('notifications', 'delete', 'fanA', "bulk DELETE /notifications?where[user]=fan B's", '200 with no docs, nothing deleted', async () => {
  const before = await dbCount('notifications', { user: { equals: userId('fanB') } })
  const res = await call<{ docs?: Doc[] }>('fanA', 'DELETE', `/notifications?where[user][equals]=${userId('fanB')}`)
  expect(res.status).toBe(200)
  expect(res.body.docs).toEqual([])
  expect(await dbCount('notifications', { user: { equals: userId('fanB') } })).toBe(before)
})
deleteRows('notifications', 'notification.fanB', { guest: 403, fanA: 403, fanB: 200, creatorA: 403, creatorB: 403, admin: 403 }, () => makeNotification(userId('fanB'), 'Doomed'))

const unread = (actor: Exclude<ActorKey, 'guest'>) => dbCount('notifications', { and: [{ user: { equals: userId(actor) } }, { read: { equals: false } }] })
add('notifications', 'read-all', 'guest', 'POST /notifications/read-all', '401', async () => {
  const res = await call('guest', 'POST', '/notifications/read-all')
  expect(res.status).toBe(401)
})
add('notifications', 'read-all', 'fanA', 'POST /notifications/read-all', "200, only fan A's marked read", async () => {
  await makeNotification(userId('fanA'), 'Unread for fan A')
  await makeNotification(userId('fanB'), 'Unread for fan B')
  const others = { fanB: await unread('fanB'), creatorA: await unread('creatorA'), admin: await unread('admin') }
  expect(others.fanB).toBeGreaterThan(0)
  const mine = await unread('fanA')
  expect(mine).toBeGreaterThan(0)
  const res = await call<{ updated: number }>('fanA', 'POST', '/notifications/read-all')
  expect(res.status).toBe(200)
  expect(res.body.updated).toBe(mine)
  expect(await unread('fanA')).toBe(0)
  expect({ fanB: await unread('fanB'), creatorA: await unread('creatorA'), admin: await unread('admin') }).toEqual(others)
})

// ---------------------------------------------------------------------------------------------
// call-events (participants read; written by the call endpoints and providers only)
// ---------------------------------------------------------------------------------------------

listRows('call-events', { guest: 403, fanA: ['callEvent.A'], fanB: ['callEvent.B'], creatorA: ['callEvent.A'], creatorB: ['callEvent.B'], admin: ALL('call-events') })
readRows('call-events', 'callEvent.B', { guest: 403, fanA: 404, fanB: 200, creatorA: 404, creatorB: 200, admin: 200 })
createRows('call-events', () => ({ booking: id('booking.A'), fan: userId('fanA'), creator: creatorId('creatorA'), type: 'joined' }), adminOnly(201))
updateRows('call-events', 'callEvent.A', { type: 'left' }, all(403))
deleteRows('call-events', 'callEvent.A', all(403))

// ---------------------------------------------------------------------------------------------
// admin-only operations collections
// ---------------------------------------------------------------------------------------------

const adminOnlyList = (collection: Slug) => listRows(collection, { ...all<ListExpect>(403), admin: ALL(collection) })
const adminOnlyRead = (collection: Slug, target: string) => readRows(collection, target, { ...all<200 | 403 | 404>(403), admin: 200 })

adminOnlyList('email-logs')
adminOnlyRead('email-logs', 'emailLog.fixture')
createRows('email-logs', { to: 'someone@example.com', template: 'raw', subject: 'Forged', status: 'queued' }, all(403))
updateRows('email-logs', 'emailLog.fixture', { subject: 'Edited', status: 'sent' }, all(403))
deleteRows('email-logs', 'emailLog.fixture', adminOnly(200), async () =>
  (await payload.create({ collection: 'email-logs', data: { to: 'x@example.com', template: 'raw', subject: 'Doomed', status: 'stored' }, depth: 0 })).id,
)
for (const actor of ACTORS) {
  const exp = actor === 'guest' ? 401 : actor === 'admin' ? 200 : 403
  add('email-logs', 'resend', actor, 'POST /email-logs/:id/resend', exp === 200 ? '200, back to delivery with fresh attempts' : `${exp}, unchanged`, async () => {
    const target = exp === 200 ? (await payload.create({ collection: 'email-logs', data: { to: 'r@example.com', template: 'raw', subject: 'Resend me', status: 'failed', attempts: 5 }, depth: 0 })).id : id('emailLog.fixture')
    const before = await snap('email-logs', target)
    const res = await call<{ status?: string }>(actor, 'POST', `/email-logs/${target}/resend`)
    expect(res.status).toBe(exp)
    const after = await snap('email-logs', target)
    if (exp === 200) {
      expect(res.body.status).toBe('stored')
      expect([after!.status, after!.attempts]).toEqual(['stored', 0])
    } else {
      expect(after).toEqual(before)
    }
  })
}
add('email-logs', 'resend', 'admin', 'an unknown email id', '404', async () => {
  const res = await call('admin', 'POST', '/email-logs/999999/resend')
  expect(res.status).toBe(404)
})

adminOnlyList('webhook-events')
adminOnlyRead('webhook-events', 'webhook.1')
createRows('webhook-events', (actor) => ({ provider: 'stripe', eventId: `evt_forged_${actor}`, type: 'payment_intent.succeeded', receivedAt: new Date().toISOString() }), all(403))
updateRows('webhook-events', 'webhook.1', { status: 'processed' }, adminOnly(200))
deleteRows('webhook-events', 'webhook.1', all(403))

adminOnlyList('system-logs')
adminOnlyRead('system-logs', 'systemLog.1')
createRows('system-logs', { level: 'CRITICAL', type: 'forged', message: 'Forged log' }, all(403))
updateRows('system-logs', 'systemLog.1', { message: 'Edited' }, all(403))
deleteRows('system-logs', 'systemLog.1', all(403))

adminOnlyList('transaction-logs')
adminOnlyRead('transaction-logs', 'txLog.1')
createRows('transaction-logs', { type: 'payout.paid', entityType: 'payout', entityId: '1', status: 'paid', amount: 1 }, all(403))
updateRows('transaction-logs', 'txLog.1', { amount: 1, status: 'edited' }, all(403))
deleteRows('transaction-logs', 'txLog.1', all(403))

// CSV exports (src/plugins/moneyExports.ts): admins read the (empty) list; nobody stores, edits or deletes one; imports are closed.
adminOnlyList('exports')
adminOnlyRead('exports', 'export.1')
createRows('exports', { collectionSlug: 'payments', format: 'csv', name: 'forged' }, all(403))
updateRows('exports', 'export.1', { name: 'edited' }, all(403))
deleteRows('exports', 'export.1', all(403))
listRows('imports', all(403))
readRows('imports', 'import.1', all(403))
createRows('imports', { collectionSlug: 'payments', importMode: 'create' }, all(403))
updateRows('imports', 'import.1', { collectionSlug: 'payouts' }, all(403))
deleteRows('imports', 'import.1', all(403))

adminOnlyList('job-runs')
adminOnlyRead('job-runs', 'jobRun.1')
createRows('job-runs', (actor) => ({ job: 'retry-emails', slot: `2020-01-02T00:0${ACTORS.indexOf(actor)}:00.000Z`, status: 'queued' }), all(403))
updateRows('job-runs', 'jobRun.1', { status: 'failed' }, all(403))
deleteRows('job-runs', 'jobRun.1', all(403))

adminOnlyList('payload-jobs')
adminOnlyRead('payload-jobs', 'job.1')
createRows('payload-jobs', () => ({ taskSlug: 'send-email', input: { emailLogId: id('emailLog.fixture') } }), adminOnly(201))
updateRows('payload-jobs', 'job.1', { queue: 'elsewhere' }, adminOnly(200))
deleteRows('payload-jobs', 'job.1', adminOnly(200), () => queueJob())
for (const actor of ['guest', 'fanA', 'creatorA'] as const) {
  for (const path of ['/payload-jobs/run', '/payload-jobs/handle-schedules']) {
    add('payload-jobs', 'run', actor, `GET ${path}`, '401, nothing run', async () => {
      const before = await payload.find({ collection: 'payload-jobs', depth: 0, pagination: false, overrideAccess: true })
      const res = await call(actor, 'GET', path)
      expect(res.status).toBe(401)
      expect((await payload.find({ collection: 'payload-jobs', depth: 0, pagination: false, overrideAccess: true })).docs).toEqual(before.docs)
    })
  }
}

// ---------------------------------------------------------------------------------------------
// media (anyone reads; creators and admins upload; uploaders change their own)
// ---------------------------------------------------------------------------------------------

listRows('media', all(ALL('media')))
readRows('media', 'media.A', all(200))
for (const actor of ACTORS) {
  const exp = ['creatorA', 'creatorB', 'admin'].includes(actor) ? 201 : 403
  add('media', 'create', actor, 'multipart upload', exp === 201 ? '201, uploadedBy = caller' : '403, nothing created', async () => {
    const before = await dbCount('media')
    const res = await upload(actor, `upload by ${actor}`)
    expect(res.status, JSON.stringify(res.body)).toBe(exp)
    if (exp !== 201) {
      expect(await dbCount('media')).toBe(before)
      return
    }
    const stored = await snap('media', (res.body.doc as Doc).id)
    expect(stored!.uploadedBy).toBe(userId(actor as 'admin'))
    await remove('media', stored!.id)
  })
}
updateRows('media', 'media.A', { alt: 'Edited alt' }, { guest: 403, fanA: 403, fanB: 403, creatorA: 200, creatorB: 403, admin: 200 })
add('media', 'update', 'creatorA', 'own upload: uploadedBy', '200, silently kept', async () => {
  const res = await call('creatorA', 'PATCH', `/media/${id('media.A')}`, { uploadedBy: userId('creatorB') })
  expect(res.status).toBe(200)
  expect((await snap('media', id('media.A')))!.uploadedBy).toBe(userId('creatorA'))
})
deleteRows('media', 'media.A', { guest: 403, fanA: 403, fanB: 403, creatorA: 200, creatorB: 403, admin: 200 }, () => makeMedia(userId('creatorA'), 'doomed'))

// ---------------------------------------------------------------------------------------------
// global platform-settings (admin only)
// ---------------------------------------------------------------------------------------------

for (const actor of ACTORS) {
  const exp = actor === 'admin' ? 200 : 403
  add('platform-settings', 'read', actor, 'GET /globals/platform-settings', String(exp), async () => {
    const res = await call<{ feeBps?: number }>(actor, 'GET', '/globals/platform-settings')
    expect(res.status).toBe(exp)
    if (exp === 200) expect(res.body.feeBps).toBe(1500)
    else expect(res.body.feeBps).toBeUndefined()
  })
  add('platform-settings', 'update', actor, 'POST /globals/platform-settings feeBps=0', exp === 200 ? '200, changed' : '403, unchanged', async () => {
    const before = await payload.findGlobal({ slug: 'platform-settings', depth: 0 })
    const res = await call(actor, 'POST', '/globals/platform-settings', { feeBps: 0 })
    expect(res.status).toBe(exp)
    const after = await payload.findGlobal({ slug: 'platform-settings', depth: 0 })
    if (exp === 200) {
      expect(after.feeBps).toBe(0)
      await payload.updateGlobal({ slug: 'platform-settings', data: { feeBps: before.feeBps } })
    } else {
      expect(after).toEqual(before)
    }
  })
}

// ---------------------------------------------------------------------------------------------
// custom endpoints: health, job triggers
// ---------------------------------------------------------------------------------------------

add('health', 'get', 'guest', 'GET /health', '200, database ok', async () => {
  const res = await call<{ status: string }>('guest', 'GET', '/health')
  expect(res.status).toBe(200)
  expect(res.body.status).toBe('ok')
})

const trigger = (headers: Record<string, string> = {}, job = 'retry-emails', query = '') =>
  api<{ queued?: boolean; errors?: { code: string }[] }>('POST', `/jobs/${job}/trigger${query}`, { headers })

const withCronSecret = async (secret: string | undefined, run: () => Promise<void>): Promise<void> => {
  const saved = process.env.CRON_SECRET
  if (secret === undefined) delete process.env.CRON_SECRET
  else process.env.CRON_SECRET = secret
  try {
    await run()
  } finally {
    if (saved === undefined) delete process.env.CRON_SECRET
    else process.env.CRON_SECRET = saved
  }
}
const SECRET = 'cron-secret-for-tests-0123456789'

add('jobs', 'trigger', 'guest', 'CRON_SECRET unset, even with an admin token', '503 CRON_DISABLED, nothing queued', () =>
  withCronSecret(undefined, async () => {
    const runs = await dbCount('job-runs')
    const credentials: Record<string, string>[] = [{}, { authorization: `Bearer ${SECRET}` }, { authorization: `JWT ${A.admin.token}` }]
    for (const headers of credentials) {
      const res = await trigger(headers)
      expect(res.status).toBe(503)
      expect(res.body.errors?.[0].code).toBe('CRON_DISABLED')
    }
    expect(await dbCount('job-runs')).toBe(runs)
  }),
)
add('jobs', 'trigger', 'guest', 'wrong, missing, query-string or admin-JWT credentials', '401, nothing queued', () =>
  withCronSecret(SECRET, async () => {
    const runs = await dbCount('job-runs')
    const jobs = await dbCount('payload-jobs')
    for (const [headers, query] of [
      [{ authorization: 'Bearer wrong-secret' }, ''],
      [{ authorization: `Bearer ${SECRET}x` }, ''],
      [{}, ''],
      [{}, `?secret=${SECRET}`],
      [{ authorization: SECRET }, ''],
      [{ authorization: `JWT ${A.admin.token}` }, ''],
    ] as const) {
      const res = await trigger(headers, 'retry-emails', query)
      expect(res.status, JSON.stringify([headers, query])).toBe(401)
    }
    expect(await dbCount('job-runs')).toBe(runs)
    expect(await dbCount('payload-jobs')).toBe(jobs)
  }),
)
add('jobs', 'trigger', 'guest', 'right secret, twice in one minute', '202 queued once, then 200 not queued again', () =>
  withCronSecret(SECRET, async () => {
    setClock(new Date(Math.floor(Date.now() / 60_000) * 60_000 + 1_000))
    try {
      const runs = await dbCount('job-runs')
      const jobs = await dbCount('payload-jobs')
      const first = await trigger({ authorization: `Bearer ${SECRET}` })
      expect(first.status).toBe(202)
      expect(first.body.queued).toBe(true)
      const second = await trigger({ authorization: `Bearer ${SECRET}` })
      expect(second.status).toBe(200)
      expect(second.body.queued).toBe(false)
      expect(await dbCount('job-runs')).toBe(runs + 1)
      expect(await dbCount('payload-jobs')).toBe(jobs + 1)
      expect((await trigger({ authorization: `Bearer ${SECRET}` }, 'no-such-job')).status).toBe(404)
    } finally {
      resetClock()
    }
  }),
)

// ---------------------------------------------------------------------------------------------
// custom endpoints: calls (booking X: creator A is the fan, creator B the creator; its call is hours away)
// ---------------------------------------------------------------------------------------------

const CALL_PARTICIPANTS = new Set<ActorKey>(['creatorA', 'creatorB'])
const startsAtOf = async (bookingKey: string): Promise<Date> => new Date(String((await snap('bookings', id(bookingKey)))!.startsAt))

for (const actor of ACTORS) {
  const before = actor === 'guest' ? '401' : CALL_PARTICIPANTS.has(actor) ? '403 CALL_NOT_OPEN with the opening time' : '403 FORBIDDEN'
  add('calls', 'join', actor, 'booking X before its window', before, async () => {
    const res = await call<{ errors: { code: string; opensAt?: string }[] }>(actor, 'POST', `/calls/${id('booking.X')}/join`)
    if (actor === 'guest') return void expect(res.status).toBe(401)
    expect(res.status).toBe(403)
    expect(res.body.errors[0].code).toBe(CALL_PARTICIPANTS.has(actor) ? 'CALL_NOT_OPEN' : 'FORBIDDEN')
    if (CALL_PARTICIPANTS.has(actor)) expect(res.body.errors[0].opensAt).toBe(new Date((await startsAtOf('booking.X')).getTime() - 15 * 60_000).toISOString())
  })
  const inside = actor === 'guest' ? '401' : CALL_PARTICIPANTS.has(actor) ? '200 with a token' : '403 FORBIDDEN'
  add('calls', 'join', actor, 'booking X inside its window', inside, async () => {
    setClock(await startsAtOf('booking.X'))
    try {
      const res = await call<{ token?: string; provider?: string }>(actor, 'POST', `/calls/${id('booking.X')}/join`)
      expect(res.status).toBe(actor === 'guest' ? 401 : CALL_PARTICIPANTS.has(actor) ? 200 : 403)
      if (CALL_PARTICIPANTS.has(actor)) expect(res.body.token).toEqual(expect.any(String))
      else expect(res.body.token).toBeUndefined()
    } finally {
      resetClock()
    }
  })
  const events = actor === 'guest' ? '401, nothing stored' : CALL_PARTICIPANTS.has(actor) ? '201, one client event' : '403, nothing stored'
  add('calls', 'events', actor, 'booking X {type: camera_off}', events, async () => {
    const count = async () => (await query<{ n: number }>(payload, `SELECT count(*)::int AS n FROM call_events WHERE booking_id = $1`, [id('booking.X')]))[0].n
    const before = await count()
    const res = await call(actor, 'POST', `/calls/${id('booking.X')}/events`, { type: 'camera_off' })
    expect(res.status).toBe(actor === 'guest' ? 401 : CALL_PARTICIPANTS.has(actor) ? 201 : 403)
    expect(await count()).toBe(before + (res.status === 201 ? 1 : 0))
    await query(payload, `DELETE FROM call_events WHERE booking_id = $1`, [id('booking.X')])
  })
  const summary = actor === 'guest' ? '401' : CALL_PARTICIPANTS.has(actor) || actor === 'admin' ? '200' : '403'
  add('calls', 'summary', actor, 'booking X', summary, async () => {
    const res = await call<{ bookingId?: number; room?: Record<string, unknown> }>(actor, 'GET', `/calls/${id('booking.X')}/summary`)
    expect(res.status).toBe(Number(summary))
    expect(res.body.bookingId).toBe(res.status === 200 ? id('booking.X') : undefined)
    if (res.status === 200) expect('error' in res.body.room!).toBe(actor === 'admin')
  })
}
for (const actor of ['guest', 'admin'] as const) {
  add('daily', 'webhook', actor, 'unsigned event', '400 INVALID_SIGNATURE, nothing stored', async () => {
    const stored = await dbCount('webhook-events')
    const res = await call<{ errors: { code: string }[] }>(actor, 'POST', '/daily/webhook', { version: '1.0.0', type: 'participant.joined', id: 'evt-forged', payload: { room: 'room-offer.B3' } })
    expect(res.status).toBe(400)
    expect(res.body.errors[0].code).toBe('INVALID_SIGNATURE')
    expect(await dbCount('webhook-events')).toBe(stored)
  })
}

// ---------------------------------------------------------------------------------------------


// --- payload-locked-documents (edit locks of the admin panel) -------------------------------------
// Payload's default is "any logged-in user"; ours: panel users read, creators touch only their own locks.
const lockOf = async (owner: 'creatorA' | 'admin', offerKey: string): Promise<number> => {
  const lock = await payload.create({
    collection: 'payload-locked-documents',
    data: { document: { relationTo: 'offers', value: id(offerKey) }, globalSlug: null, user: { relationTo: 'users', value: userId(owner) } },
  })
  return lock.id
}
for (const [actor, expected] of [['guest', 403], ['fanA', 403], ['fanB', 403], ['creatorA', 200], ['creatorB', 200], ['admin', 200]] as const) {
  add('payload-locked-documents', 'list', actor, 'all', String(expected), async () => {
    await lockOf('creatorA', 'offer.A3')
    const res = await call(actor, 'GET', '/payload-locked-documents')
    expect(res.status).toBe(expected)
  })
}
for (const [actor, expected] of [['guest', 403], ['fanA', 403], ['creatorB', 200], ['admin', 200]] as const) {
  add('payload-locked-documents', 'read', actor, "creatorA's lock", String(expected), async () => {
    const lockId = await lockOf('creatorA', 'offer.A3')
    const res = await call<{ id?: number }>(actor, 'GET', `/payload-locked-documents/${lockId}`)
    expect(res.status).toBe(expected)
    expect(res.body.id).toBe(expected === 200 ? lockId : undefined)
    await payload.delete({ collection: 'payload-locked-documents', id: lockId })
  })
}
for (const [actor, expected] of [['guest', 403], ['fanA', 403], ['creatorA', 201], ['admin', 201]] as const) {
  add('payload-locked-documents', 'create', actor, 'new lock', String(expected), async () => {
    const before = (await payload.count({ collection: 'payload-locked-documents' })).totalDocs
    const res = await call<{ doc?: { id: number } }>(actor, 'POST', '/payload-locked-documents', {
      document: { relationTo: 'offers', value: id('offer.A3') },
      globalSlug: null,
      user: { relationTo: 'users', value: actor === 'guest' ? userId('fanA') : userId(actor) },
    })
    expect(res.status).toBe(expected)
    const after = (await payload.count({ collection: 'payload-locked-documents' })).totalDocs
    expect(after).toBe(expected === 201 ? before + 1 : before)
    if (res.body.doc?.id) await payload.delete({ collection: 'payload-locked-documents', id: res.body.doc.id })
  })
}
for (const [actor, owner, expected] of [['fanA', 'creatorA', 403], ['creatorB', 'creatorA', 403], ['creatorB', 'admin', 403], ['creatorA', 'creatorA', 200], ['admin', 'creatorA', 200]] as const) {
  add('payload-locked-documents', 'delete', actor, `${owner}'s lock`, String(expected), async () => {
    const lockId = await lockOf(owner, 'offer.A3')
    const res = await call(actor, 'DELETE', `/payload-locked-documents/${lockId}`)
    expect(res.status).toBe(expected)
    const still = await payload.find({ collection: 'payload-locked-documents', where: { id: { equals: lockId } } })
    expect(still.totalDocs).toBe(expected === 200 ? 0 : 1)
    if (still.totalDocs) await payload.delete({ collection: 'payload-locked-documents', id: lockId })
  })
  add('payload-locked-documents', 'update', actor, `${owner}'s lock`, String(expected), async () => {
    const lockId = await lockOf(owner, 'offer.A3')
    const res = await call(actor, 'PATCH', `/payload-locked-documents/${lockId}`, { user: { relationTo: 'users', value: actor === 'fanA' ? userId('fanA') : userId(actor) } })
    expect(res.status).toBe(expected)
    const stored = await payload.findByID({ collection: 'payload-locked-documents', id: lockId, depth: 0 })
    const holder = (stored.user as { value: number | { id: number } }).value
    expect(typeof holder === 'object' ? holder.id : holder).toBe(expected === 200 ? userId(actor as 'creatorA' | 'admin') : userId(owner))
    await payload.delete({ collection: 'payload-locked-documents', id: lockId })
  })
}

// ---------------------------------------------------------------------------------------------
// calls: peer-to-peer signalling (the booking's fan and creator, inside the join window only)
// ---------------------------------------------------------------------------------------------

let signalBookingId: number | undefined
/** A confirmed booking of creator A by fan A whose call is on now (made once, last: it adds call-events). */
const inCallBooking = async (): Promise<number> => {
  if (signalBookingId) return signalBookingId
  const offer = await makeOffer(creatorId('creatorA'), freshSlot(), { status: 'booked' })
  const booking = (await payload.create({ collection: 'bookings', data: { offer, fan: userId('fanA'), status: 'confirmed' }, depth: 0 })).id
  await query(payload, `UPDATE bookings SET starts_at = now() - interval '5 minutes', ends_at = now() + interval '25 minutes' WHERE id = $1`, [booking])
  return (signalBookingId = booking)
}
const SIGNAL_ACCESS = { guest: 401, fanA: 'ok', fanB: 403, creatorA: 'ok', creatorB: 403, admin: 403 } as const
for (const actor of ACTORS) {
  const exp = SIGNAL_ACCESS[actor]
  add('calls', 'signal', actor, 'POST /calls/:id/signal, call on now', exp === 'ok' ? '201, stored for the other side' : `${exp}, nothing stored`, async () => {
    const booking = await inCallBooking()
    const count = async () => Number((await query(payload, 'SELECT count(*) AS n FROM call_signals WHERE booking_id = $1 AND from_user_id IS NOT NULL', [booking]))[0].n)
    const before = await count()
    const res = await call(actor, 'POST', `/calls/${booking}/signal`, { kind: 'candidate', body: { candidate: 'x' } })
    expect(res.status).toBe(exp === 'ok' ? 201 : exp)
    expect(await count()).toBe(exp === 'ok' ? before + 1 : before)
  })
  add('calls', 'signal-stream', actor, 'GET /calls/:id/signal (SSE), call on now', exp === 'ok' ? '200 text/event-stream' : String(exp), async () => {
    const booking = await inCallBooking()
    const aborter = new AbortController()
    const token = tokenOf(actor)
    const res = await fetch(`${await apiBase()}/api/calls/${booking}/signal`, { headers: token ? { authorization: `JWT ${token}` } : {}, signal: aborter.signal })
    try {
      expect(res.status).toBe(exp === 'ok' ? 200 : exp)
      if (exp === 'ok') expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/)
      else expect(((await res.json()) as { errors: unknown[] }).errors).toHaveLength(1)
    } finally {
      aborter.abort()
    }
  })
}

describe('access matrix over HTTP', () => {
  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    A = await createActors(payload)
    png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } }).png().toBuffer()
    await seed()
  })

  afterAll(() => {
    resetClock()
    rmSync(mediaDir, { recursive: true, force: true })
  })

  it('the table covers every collection of the config, payload-jobs and the platform-settings global', () => {
    const covered = new Set(cases.map((c) => c.name.split(' · ')[0]))
    const internal = new Set(['payload-kv', 'payload-locked-documents', 'payload-preferences', 'payload-migrations'])
    for (const slug of payload.config.collections.map((c) => c.slug).filter((s) => !internal.has(s))) expect(covered, slug).toContain(slug)
    expect(covered).toContain('platform-settings')
    for (const slug of covered) {
      const ops = new Set(cases.filter((c) => c.name.startsWith(`${slug} · `)).map((c) => c.name.split(' · ')[1]))
      if (payload.config.collections.some((c) => c.slug === slug)) for (const op of ['list', 'read', 'create', 'update', 'delete']) expect(ops, `${slug} ${op}`).toContain(op)
    }
  })

  for (const c of cases) it(c.name, c.run)
})
