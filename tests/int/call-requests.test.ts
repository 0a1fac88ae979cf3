import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import type { StripeEmulator } from '../../emulators/stripe'
import { scheduleRun } from '@/jobs/runs'
import { advanceClock, resetClock } from '@/lib/clock'

import { api, drainJobs, startPaymentsWorld, stopPaymentsWorld, type Actor, type Actors, query } from './harness'

const HOUR = 3_600_000
let slot = 30
/** A proposed start ≥ 24 h ahead that no other request or offer of this file uses. */
const nextStart = () => new Date(Date.now() + (slot += 3) * HOUR).toISOString()

type Errors = { errors: { code: string; message: string; field?: string }[] }
type AcceptBody = {
  callRequest: { id: number; status: string; respondedAt: string; resultingOffer: number }
  offer: { id: number; startsAt: string; durationMinutes: number; price: number; currency: string; reservedFor: number; status: string; title: string }
}

describe('call requests: the creator answers, the job expires', () => {
  let payload: Payload
  let actors: Actors
  let stripe: StripeEmulator

  /** A fan proposes a call over REST, like the storefront does. */
  const propose = async (fan: Actor, creator: Actor, data: Record<string, unknown> = {}) => {
    const res = await api<{ doc: { id: number; proposedStart: string; currency: string } }>('POST', '/call-requests', {
      token: fan.token,
      body: { creator: creator.creatorId, proposedStart: nextStart(), durationMinutes: 45, proposedPrice: 12345, message: 'I would love advice on my first album.', ...data },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.doc
  }
  const accept = (id: number, token?: string) => api<AcceptBody & Errors>('POST', `/call-requests/${id}/accept`, { token })
  const reject = (id: number, token?: string, body: unknown = {}) => api<Errors & { callRequest: { status: string; response: string | null } }>('POST', `/call-requests/${id}/reject`, { token, body })
  const stored = (id: number) => payload.findByID({ collection: 'call-requests', id, depth: 0 })
  const notificationsOf = async (user: Actor) =>
    (await api<{ docs: { type: string; title: string; body: string; link?: string | null; metadata?: Record<string, unknown> }[] }>('GET', '/notifications?limit=100&sort=-createdAt', { token: user.token })).body.docs
  const offersFor = async (callRequestId: number) =>
    query<{ id: number }>(payload, `SELECT o.id FROM offers o JOIN call_requests cr ON cr.fan_id = o.reserved_for_id AND cr.proposed_start = o.starts_at WHERE cr.id = $1`, [callRequestId])

  beforeAll(async () => {
    // Creator A sells in CHF: the reserved offer must carry the creator's currency.
    ({ stripe, payload, actors } = await startPaymentsWorld({ creatorA: { country: 'CH', data: { currency: 'CHF' } } }))
    await payload.update({ collection: 'users', id: actors.fanB.id, data: { locale: 'fr', timezone: 'Europe/Zurich' } })
  })
  afterAll(async () => {
    await stopPaymentsWorld({ stripe })
  })
  afterEach(() => resetClock())

  it('accept: an offer reserved for the fan at the proposed start, duration and price, in the creator’s currency; the fan is notified and emailed with the booking link', async () => {
    const request = await propose(actors.fanA, actors.creatorA)
    expect(request.currency).toBe('CHF')

    const res = await accept(request.id, actors.creatorA.token)
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const offerId = res.body.offer.id
    expect(res.body.callRequest).toMatchObject({ id: request.id, status: 'accepted', resultingOffer: offerId })

    const offer = await payload.findByID({ collection: 'offers', id: offerId, depth: 0 })
    expect(offer).toMatchObject({
      creator: actors.creatorA.creatorId,
      title: 'Call with fanA',
      durationMinutes: 45,
      price: 12345,
      currency: 'CHF',
      status: 'available',
      reservedFor: actors.fanA.id,
      description: 'I would love advice on my first album.',
    })
    expect(new Date(offer.startsAt).toISOString()).toBe(new Date(request.proposedStart).toISOString())
    expect(new Date(offer.endsAt!).getTime() - new Date(offer.startsAt).getTime()).toBe(45 * 60_000)

    const after = await stored(request.id)
    expect(after).toMatchObject({ status: 'accepted', resultingOffer: offerId })
    expect(after.respondedAt).toBeTruthy()

    const note = (await notificationsOf(actors.fanA)).find((n) => n.type === 'call_request_accepted')
    expect(note).toMatchObject({ title: 'Your call request was accepted', link: `/en/book/${offerId}`, metadata: { callRequestId: request.id, offerId } })
    const emails = await payload.find({ collection: 'email-logs', where: { idempotencyKey: { equals: `call-request-accepted/${request.id}` } }, depth: 0 })
    expect(emails.docs).toHaveLength(1)
    expect(emails.docs[0]).toMatchObject({ to: actors.fanA.email, subject: 'Your call request was accepted', status: 'stored', locale: 'en' })
    expect(emails.docs[0].text).toContain(`/en/book/${offerId}`)
  })

  it('the reserved offer is hidden from everyone else, only that fan can check it out, and the creator sees it', async () => {
    const request = await propose(actors.fanA, actors.creatorA)
    const offerId = (await accept(request.id, actors.creatorA.token)).body.offer.id

    for (const actor of [undefined, actors.fanB, actors.creatorB]) {
      const list = await api<{ docs: { id: number }[] }>('GET', `/offers?limit=1000&depth=0&where[creator][equals]=${actors.creatorA.creatorId}`, { token: actor?.token })
      expect(list.status).toBe(200)
      expect(list.body.docs.map((d) => d.id), actor?.email ?? 'guest').not.toContain(offerId)
      expect((await api('GET', `/offers/${offerId}`, { token: actor?.token })).status, actor?.email ?? 'guest').toBe(404)
    }
    for (const actor of [actors.fanA, actors.creatorA, actors.admin]) {
      const list = await api<{ docs: { id: number }[] }>('GET', `/offers?limit=1000&depth=0&where[creator][equals]=${actors.creatorA.creatorId}`, { token: actor.token })
      expect(list.body.docs.map((d) => d.id), actor.email).toContain(offerId)
    }

    const other = await api<Errors>('POST', '/bookings/checkout', { token: actors.fanB.token, body: { offerId } })
    expect([other.status, other.body.errors[0].code]).toEqual([403, 'OFFER_RESERVED'])
    const otherCreator = await api<Errors>('POST', '/bookings/checkout', { token: actors.creatorB.token, body: { offerId } })
    expect([otherCreator.status, otherCreator.body.errors[0].code]).toEqual([403, 'OFFER_RESERVED'])

    const mine = await api<{ booking: { id: number }; payment: { amount: number; currency: string } }>('POST', '/bookings/checkout', { token: actors.fanA.token, body: { offerId } })
    expect(mine.status, JSON.stringify(mine.body)).toBe(201)
    expect(mine.body.payment).toMatchObject({ amount: 12345, currency: 'CHF' })
  })

  it('links to the booking page in the fan’s language (French fan: /fr/book/…, French text)', async () => {
    const request = await propose(actors.fanB, actors.creatorA)
    const res = await accept(request.id, actors.creatorA.token)
    expect(res.status).toBe(200)
    const note = (await notificationsOf(actors.fanB)).find((n) => n.type === 'call_request_accepted' && n.metadata?.callRequestId === request.id)
    expect(note).toMatchObject({ title: 'Votre demande d’appel est acceptée', link: `/fr/book/${res.body.offer.id}` })
    expect(note!.body).toContain('45 minutes')
  })

  it('reject: status rejected with the reason as response; the fan is notified and emailed with the reason', async () => {
    const request = await propose(actors.fanA, actors.creatorA)
    const res = await reject(request.id, actors.creatorA.token, { reason: '  I am travelling that week, sorry!  ' })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.callRequest).toMatchObject({ status: 'rejected', response: 'I am travelling that week, sorry!' })
    const after = await stored(request.id)
    expect(after).toMatchObject({ status: 'rejected', response: 'I am travelling that week, sorry!' })
    expect(after.respondedAt).toBeTruthy()
    expect(after.resultingOffer ?? null).toBeNull()
    expect(await offersFor(request.id)).toEqual([])

    const note = (await notificationsOf(actors.fanA)).find((n) => n.type === 'call_request_rejected' && n.metadata?.callRequestId === request.id)
    expect([note!.title, note!.link]).toEqual(['Your call request was declined', '/en/account/requests'])
    expect(note!.body).toContain('I am travelling that week, sorry!')
    const emails = await payload.find({ collection: 'email-logs', where: { idempotencyKey: { equals: `call-request-rejected/${request.id}` } }, depth: 0 })
    expect(emails.docs[0]).toMatchObject({ to: actors.fanA.email, subject: 'Your call request was declined' })
    expect(emails.docs[0].text).toContain('I am travelling that week, sorry!')

    // Without a reason; and the reason is bounded like the field.
    const quiet = await propose(actors.fanA, actors.creatorA)
    expect((await reject(quiet.id, actors.creatorA.token, { reason: 'x'.repeat(501) })).status).toBe(400)
    const ok = await reject(quiet.id, actors.creatorA.token)
    expect([ok.status, ok.body.callRequest.response]).toEqual([200, null])
  })

  it('answers once: a second accept, a reject after accept, an accept after reject → 409 CALL_REQUEST_NOT_PENDING, nothing changes', async () => {
    const accepted = await propose(actors.fanA, actors.creatorA)
    expect((await accept(accepted.id, actors.creatorA.token)).status).toBe(200)
    const rejected = await propose(actors.fanA, actors.creatorA)
    expect((await reject(rejected.id, actors.creatorA.token)).status).toBe(200)
    for (const res of [await accept(accepted.id, actors.creatorA.token), await reject(accepted.id, actors.creatorA.token), await accept(rejected.id, actors.creatorA.token)]) {
      expect([res.status, res.body.errors[0].code]).toEqual([409, 'CALL_REQUEST_NOT_PENDING'])
    }
    expect((await stored(accepted.id)).status).toBe('accepted')
    expect((await stored(rejected.id)).status).toBe('rejected')
    expect(await offersFor(accepted.id)).toHaveLength(1)
    expect(await offersFor(rejected.id)).toHaveLength(0)
  })

  it('12 concurrent accepts (and a reject) of one request: exactly one offer, one notification; the rest 409 CALL_REQUEST_NOT_PENDING', async () => {
    const request = await propose(actors.fanA, actors.creatorA)
    const results = await Promise.all([
      ...Array.from({ length: 12 }, () => accept(request.id, actors.creatorA.token)),
      reject(request.id, actors.creatorA.token, { reason: 'double click' }),
    ])
    const won = results.filter((r) => r.status === 200)
    const lost = results.filter((r) => r.status !== 200)
    expect(won).toHaveLength(1)
    for (const r of lost) expect([r.status, r.body.errors[0].code]).toEqual([409, 'CALL_REQUEST_NOT_PENDING'])

    const after = await stored(request.id)
    expect(['accepted', 'rejected']).toContain(after.status)
    const offers = await offersFor(request.id)
    expect(offers).toHaveLength(after.status === 'accepted' ? 1 : 0)
    if (after.status === 'accepted') expect(after.resultingOffer).toBe(offers[0].id)
    const notes = (await notificationsOf(actors.fanA)).filter((n) => n.metadata?.callRequestId === request.id)
    expect(notes).toHaveLength(1)
  })

  it('five requests for the same hour accepted at once: one offer, the other four 409 SLOT_UNAVAILABLE and still pending', async () => {
    const start = nextStart()
    const requests = []
    for (const fan of [actors.fanA, actors.fanB, actors.fanA, actors.fanB, actors.fanA]) requests.push(await propose(fan, actors.creatorA, { proposedStart: start }))
    const results = await Promise.all(requests.map((r) => accept(r.id, actors.creatorA.token)))
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409])
    for (const loser of results.filter((r) => r.status === 409)) {
      expect(loser.body.errors[0]).toMatchObject({ code: 'SLOT_UNAVAILABLE', field: 'startsAt' })
      expect(loser.body.errors[0].message).toMatch(/overlaps your offer "Call with fan[AB]"/)
    }
    const statuses = await Promise.all(requests.map(async (r) => (await stored(r.id)).status))
    expect(statuses.sort()).toEqual(['accepted', 'pending', 'pending', 'pending', 'pending'])
    expect(await query(payload, `SELECT id FROM offers WHERE creator_id = $1 AND starts_at = $2`, [actors.creatorA.creatorId, start])).toHaveLength(1)
  })

  it('refuses with the offer rule when the slot now overlaps another offer; nothing is written', async () => {
    const request = await propose(actors.fanA, actors.creatorA)
    const clash = await payload.create({
      collection: 'offers',
      data: { creator: actors.creatorA.creatorId!, title: 'Masterclass', startsAt: new Date(new Date(request.proposedStart).getTime() + 15 * 60_000).toISOString(), durationMinutes: 60, price: 5000, currency: 'CHF', status: 'available' },
    })
    const offersBefore = (await payload.count({ collection: 'offers' })).totalDocs
    const notesBefore = (await notificationsOf(actors.fanA)).length
    const res = await accept(request.id, actors.creatorA.token)
    expect(res.status).toBe(409)
    expect(res.body.errors[0]).toMatchObject({ code: 'SLOT_UNAVAILABLE', field: 'startsAt' })
    expect(res.body.errors[0].message).toContain('This time overlaps your offer "Masterclass"')
    expect(await stored(request.id)).toMatchObject({ status: 'pending', respondedAt: null, resultingOffer: null })
    expect((await payload.count({ collection: 'offers' })).totalDocs).toBe(offersBefore)
    expect((await notificationsOf(actors.fanA)).length).toBe(notesBefore)
    // Once the clashing offer is cancelled, the creator can accept.
    await payload.update({ collection: 'offers', id: clash.id, data: { status: 'cancelled' } })
    expect((await accept(request.id, actors.creatorA.token)).status).toBe(200)
  })

  it('refuses while the creator’s payment account cannot take charges (409 CREATOR_NOT_PAYABLE); declining still works', async () => {
    const request = await propose(actors.fanA, actors.creatorB)
    const other = await propose(actors.fanA, actors.creatorB)
    await payload.update({ collection: 'creators', id: actors.creatorB.creatorId!, data: { chargesEnabled: false } })
    try {
      const res = await accept(request.id, actors.creatorB.token)
      expect([res.status, res.body.errors[0].code]).toEqual([409, 'CREATOR_NOT_PAYABLE'])
      expect(res.body.errors[0].message).toMatch(/payment account/)
      expect((await stored(request.id)).status).toBe('pending')
      expect((await reject(other.id, actors.creatorB.token)).status).toBe(200)
    } finally {
      await payload.update({ collection: 'creators', id: actors.creatorB.creatorId!, data: { chargesEnabled: true } })
    }
  })

  it('only the request’s creator answers: guest 401; the requesting fan, another fan, another creator and an admin 403; unknown id 404 — nothing changes', async () => {
    const request = await propose(actors.fanA, actors.creatorA)
    const cases: [string, string | undefined, number, string][] = [
      ['guest', undefined, 401, 'UNAUTHORIZED'],
      ['requesting fan', actors.fanA.token, 403, 'FORBIDDEN'],
      ['other fan', actors.fanB.token, 403, 'FORBIDDEN'],
      ['other creator', actors.creatorB.token, 403, 'FORBIDDEN'],
      ['admin', actors.admin.token, 403, 'FORBIDDEN'],
    ]
    for (const [who, token, status, code] of cases) {
      for (const res of [await accept(request.id, token), await reject(request.id, token, { reason: 'not mine' })]) {
        expect([res.status, res.body.errors?.[0]?.code], who).toEqual([status, code])
      }
    }
    const admin = await accept(request.id, actors.admin.token)
    expect(admin.body.errors[0].message).toMatch(/admins cannot answer for them/)
    expect(await stored(request.id)).toMatchObject({ status: 'pending', respondedAt: null, response: null })
    expect(await offersFor(request.id)).toEqual([])
    for (const path of ['/call-requests/999999/accept', '/call-requests/999999/reject', '/call-requests/abc/accept']) {
      const res = await api<Errors>('POST', path, { token: actors.creatorA.token, body: {} })
      expect([res.status, res.body.errors[0].code], path).toEqual([404, 'NOT_FOUND'])
    }
  })

  it('answering after the deadline (proposed start − 2 h) → 409 CALL_REQUEST_EXPIRED, and the request is expired at once', async () => {
    const request = await propose(actors.fanA, actors.creatorA, { proposedStart: new Date(Date.now() + 25 * HOUR).toISOString() })
    advanceClock(23 * HOUR + 5 * 60_000)
    const res = await accept(request.id, actors.creatorA.token)
    expect([res.status, res.body.errors[0].code]).toEqual([409, 'CALL_REQUEST_EXPIRED'])
    expect((await stored(request.id)).status).toBe('expired')
    expect(await offersFor(request.id)).toEqual([])
    const again = await reject(request.id, actors.creatorA.token)
    expect([again.status, again.body.errors[0].code]).toEqual([409, 'CALL_REQUEST_NOT_PENDING'])
  })

  it('job expire-call-requests: an overdue pending request expires (fan told in-app, no email), a future one and an answered one stay', async () => {
    const overdue = await propose(actors.fanA, actors.creatorB, { proposedStart: new Date(Date.now() + 25 * HOUR).toISOString() })
    const future = await propose(actors.fanA, actors.creatorB, { proposedStart: new Date(Date.now() + 30 * HOUR).toISOString() })
    const answered = await propose(actors.fanA, actors.creatorB, { proposedStart: new Date(Date.now() + 24.5 * HOUR).toISOString() })
    expect((await reject(answered.id, actors.creatorB.token)).status).toBe(200)
    advanceClock(23 * HOUR + 30 * 60_000)

    const runId = await scheduleRun(payload, 'expire-call-requests', new Date('2026-06-01T10:00:00Z'), 'manual')
    await drainJobs(payload)
    const run = await payload.findByID({ collection: 'job-runs', id: runId! })
    expect(run).toMatchObject({ status: 'succeeded', counts: { failed: 0 } })
    expect((run.counts as { expired: number }).expired).toBeGreaterThanOrEqual(1)

    expect((await stored(overdue.id)).status).toBe('expired')
    expect((await stored(future.id)).status).toBe('pending')
    expect((await stored(answered.id)).status).toBe('rejected')
    const note = (await notificationsOf(actors.fanA)).find((n) => n.metadata?.callRequestId === overdue.id && n.title === 'Your call request expired')
    expect(note).toMatchObject({ type: 'system', link: '/en/account/requests' })
    expect(note!.body).toContain('creatorB')
    const emails = await payload.find({ collection: 'email-logs', where: { subject: { equals: 'Your call request expired' } }, depth: 0 })
    expect(emails.totalDocs).toBe(0)

    // The creator can no longer answer it.
    const late = await accept(overdue.id, actors.creatorB.token)
    expect([late.status, late.body.errors[0].code]).toEqual([409, 'CALL_REQUEST_NOT_PENDING'])
  })

  it('job close-past-offers: available offers past their booking cut-off become cancelled; future, booked and held ones stay', async () => {
    const make = async (minutesAhead: number, data: Record<string, unknown> = {}) =>
      (
        await payload.create({
          collection: 'offers',
          data: { creator: actors.creatorB.creatorId!, title: `Offer +${minutesAhead} min`, startsAt: new Date(Date.now() + minutesAhead * 60_000).toISOString(), durationMinutes: 10, price: 2000, currency: 'EUR', status: 'available', ...data },
          context: { allowPastStart: true },
          depth: 0,
        })
      ).id
    const pastCutoff = await make(20)
    const alreadyStarted = await make(-90)
    const reservedPast = await make(-60, { reservedFor: actors.fanA.id })
    const future = await make(120)
    const booked = await make(-30, { status: 'booked' })
    const held = await make(40, { status: 'held' })
    // An available offer with an active booking (its status lagging behind) is left alone too.
    const lagging = await make(-120)
    await payload.create({ collection: 'bookings', data: { offer: lagging, fan: actors.fanB.id, status: 'confirmed' }, depth: 0 })

    const runId = await scheduleRun(payload, 'close-past-offers', new Date('2026-06-01T11:00:00Z'), 'manual')
    await drainJobs(payload)
    const run = await payload.findByID({ collection: 'job-runs', id: runId! })
    expect(run.status).toBe('succeeded')
    expect((run.counts as { closed: number }).closed).toBeGreaterThanOrEqual(3)

    const status = async (id: number) => (await payload.findByID({ collection: 'offers', id, depth: 0 })).status
    expect(await status(pastCutoff)).toBe('cancelled')
    expect(await status(alreadyStarted)).toBe('cancelled')
    expect(await status(reservedPast)).toBe('cancelled')
    expect(await status(future)).toBe('available')
    expect(await status(booked)).toBe('booked')
    expect(await status(held)).toBe('held')
    expect(await status(lagging)).toBe('available')

    // A closed offer can no longer be checked out; the slot is free for a new offer.
    const res = await api<Errors>('POST', '/bookings/checkout', { token: actors.fanA.token, body: { offerId: reservedPast } })
    expect(res.status).toBe(409)
  })
})
