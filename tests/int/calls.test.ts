/**
 * Calls, server side (SPEC §6, §14; CALLS.md): joining inside the window only, client events,
 * the summary, Daily's webhook and the room jobs — against a small fake Daily (node:http) that
 * records every request and fails on demand (the Daily emulator is not merged yet).
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { signDailyWebhook } from '@/integrations/calls/daily'
import { resetClock, setClock } from '@/lib/clock'
import { verifyCallToken } from '@/services/callTokens'
import { deleteExpiredRooms } from '@/services/calls'

import { startDailyEmulator, type DailyEmulator } from '../../emulators/daily'

import { api, apiBase, drainJobs, paidBooking, query, startPaymentsWorld, stopPaymentsWorld, type Actors, type PaymentsWorld } from './harness'

// ---------------------------------------------------------------------------------------------
// A fake Daily: rooms, meeting tokens; failures on demand
// ---------------------------------------------------------------------------------------------

type FakeRequest = { method: string; path: string; auth: string | undefined; body: Record<string, unknown> | null }
type FakeDaily = {
  url: string
  requests: FakeRequest[]
  rooms: Map<string, Record<string, unknown>>
  /** Fail the next N POST /rooms with 500 (Infinity: always). */
  failRoomCreates: number
  /** Fail the next N POST /meeting-tokens with 500. */
  failTokens: number
  close: () => Promise<void>
}

const startFakeDaily = async (): Promise<FakeDaily> => {
  const fake: Omit<FakeDaily, 'url' | 'close'> = { requests: [], rooms: new Map(), failRoomCreates: 0, failTokens: 0 }
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : null
    const path = (req.url ?? '').replace(/^\/v1/, '')
    fake.requests.push({ method: req.method ?? '', path, auth: req.headers.authorization, body })
    const send = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload))
    const name = decodeURIComponent(path.split('/')[2] ?? '')
    if (req.method === 'POST' && path === '/rooms') {
      if (fake.failRoomCreates > 0) {
        fake.failRoomCreates--
        return send(500, { error: 'server-error', info: 'injected failure' })
      }
      const roomName = String(body?.name)
      if (fake.rooms.has(roomName)) return send(400, { error: 'invalid-request-error', info: `a room named ${roomName} already exists` })
      const room = { id: `id-${roomName}`, name: roomName, url: `https://callastar.daily.co/${roomName}`, privacy: body?.privacy, created_at: new Date().toISOString(), config: body?.properties }
      fake.rooms.set(roomName, room)
      return send(200, room)
    }
    if (req.method === 'GET' && path.startsWith('/rooms/')) return fake.rooms.has(name) ? send(200, fake.rooms.get(name)) : send(404, { error: 'not-found', info: `room ${name} not found` })
    if (req.method === 'DELETE' && path.startsWith('/rooms/')) {
      if (!fake.rooms.delete(name)) return send(404, { error: 'not-found', info: `room ${name} not found` })
      return send(200, { deleted: true, name })
    }
    if (req.method === 'POST' && path === '/meeting-tokens') {
      if (fake.failTokens > 0) {
        fake.failTokens--
        return send(500, { error: 'server-error', info: 'injected failure' })
      }
      const p = (body?.properties ?? {}) as Record<string, unknown>
      return send(200, { token: `daily-token-${p.room_name}-${p.user_id}` })
    }
    send(404, { error: 'not-found', info: 'no such endpoint' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return Object.assign(fake, {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }) as FakeDaily
}

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const MIN = 60_000
const HOUR = 60 * MIN
const WEBHOOK_SECRET = Buffer.from('callastar daily webhook secret!!').toString('base64')

let world: PaymentsWorld
let payload: Payload
let A: Actors
let daily: FakeDaily
let slotHours = 200

type Booking = { id: number; startsAt: Date; endsAt: Date }

/** A confirmed 30-minute booking of fan A with creator A, on its own slot; its call as given. */
const makeBooking = async (call: Record<string, unknown> = { provider: 'p2p', roomName: 'p2p', roomStatus: 'ready' }, status = 'confirmed'): Promise<Booking> => {
  const startsAt = new Date(Date.now() + (slotHours += 2) * HOUR)
  const offer = await payload.create({
    collection: 'offers',
    data: { creator: A.creatorA.creatorId!, title: 'Coaching', startsAt: startsAt.toISOString(), durationMinutes: 30, price: 10000, currency: 'EUR', status: 'booked' } as never,
  })
  const booking = await payload.create({ collection: 'bookings', data: { offer: offer.id, fan: A.fanA.id, status, call } as never, depth: 0 })
  return { id: booking.id, startsAt, endsAt: new Date(startsAt.getTime() + 30 * MIN) }
}

const bookingRow = async (id: number) =>
  (
    await query<{ status: string; call_provider: string | null; call_room_name: string | null; call_room_url: string | null; call_room_status: string; call_room_error: string | null }>(
      payload,
      `SELECT status, call_provider, call_room_name, call_room_url, call_room_status, call_room_error FROM bookings WHERE id = $1`,
      [id],
    )
  )[0]

const join = (token: string | undefined, id: number) => api<Record<string, unknown> & { errors?: { code: string; message: string; opensAt?: string }[] }>('POST', `/calls/${id}/join`, { token })
const postEvent = (token: string | undefined, id: number, body: unknown) => api<Record<string, unknown> & { errors?: { code: string; field?: string }[] }>('POST', `/calls/${id}/events`, { token, body })

const useDaily = () => {
  process.env.DAILY_API_KEY = 'daily-test-key'
  process.env.DAILY_API_URL = daily.url
}
const useP2p = () => {
  delete process.env.DAILY_API_KEY
  delete process.env.DAILY_API_URL
}

/** Runs the queued jobs once each, clearing their backoff first (a retry without waiting). */
const runJobsNow = async () => {
  await query(payload, `UPDATE payload_jobs SET wait_until = NULL WHERE completed_at IS NULL`)
  await payload.jobs.run({ limit: 50 })
}

const postDaily = async (raw: string, headers: Record<string, string>) => {
  const res = await fetch(`${await apiBase()}/api/daily/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: raw })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { errors?: { code: string }[] } }
}
const signed = (raw: string, ts = String(Math.floor(Date.now() / 1000))) => ({ 'x-webhook-timestamp': ts, 'x-webhook-signature': signDailyWebhook(raw, ts, WEBHOOK_SECRET) })
let eventSeq = 0
const dailyEvent = (type: string, p: Record<string, unknown>, id = `evt-${++eventSeq}`) => JSON.stringify({ version: '1.0.0', type, id, event_ts: Math.floor(Date.now() / 1000), payload: p })

beforeAll(async () => {
  world = await startPaymentsWorld({ webhookSecret: 'whsec_calls_test' })
  ;({ payload, actors: A } = world)
  daily = await startFakeDaily()
  process.env.DAILY_WEBHOOK_SECRET = WEBHOOK_SECRET
})
afterAll(async () => {
  useP2p()
  delete process.env.DAILY_WEBHOOK_SECRET
  await daily?.close()
  await stopPaymentsWorld(world)
})
afterEach(() => {
  resetClock()
  useP2p()
})

// ---------------------------------------------------------------------------------------------

describe('POST /api/calls/:bookingId/join', () => {
  it('before the window: 403 CALL_NOT_OPEN with the opening time, for the fan and the creator', async () => {
    const b = await makeBooking()
    setClock(new Date(b.startsAt.getTime() - 15 * MIN - 1000))
    for (const actor of [A.fanA, A.creatorA]) {
      const res = await join(actor.token, b.id)
      expect(res.status).toBe(403)
      const opensAt = new Date(b.startsAt.getTime() - 15 * MIN).toISOString()
      expect(res.body.errors?.[0]).toMatchObject({ code: 'CALL_NOT_OPEN', opensAt })
      expect(res.body.errors?.[0].message).toContain(opensAt)
    }
  })

  it('refuses everyone but the participants (403), guests (401) and unknown bookings (404), even inside the window', async () => {
    const b = await makeBooking()
    setClock(new Date(b.startsAt.getTime()))
    for (const actor of [A.fanB, A.creatorB, A.admin]) {
      const res = await join(actor.token, b.id)
      expect(res.status, actor.email).toBe(403)
      expect(res.body.errors?.[0].code).toBe('FORBIDDEN')
    }
    expect((await join(undefined, b.id)).status).toBe(401)
    expect((await join(A.fanA.token, 999_999)).status).toBe(404)
    expect((await join(A.fanA.token, 0)).status).toBe(404)
  })

  it('409 for a booking that is not confirmed (cancelled, pending)', async () => {
    for (const status of ['cancelled', 'pending']) {
      const b = await makeBooking(undefined, status)
      setClock(new Date(b.startsAt.getTime()))
      const res = await join(A.fanA.token, b.id)
      expect(res.status, status).toBe(409)
      expect(res.body.errors?.[0].code).toBe('BOOKING_NOT_CONFIRMED')
    }
  })

  it('p2p inside the window: the fan and the creator get a signed token for their role, expiring at the end; after the end 403 CALL_ENDED', async () => {
    const b = await makeBooking()
    const inside = new Date(b.startsAt.getTime() - 15 * MIN)
    setClock(inside)
    for (const [actor, role] of [[A.fanA, 'fan'], [A.creatorA, 'creator']] as const) {
      const res = await join(actor.token, b.id)
      expect(res.status, JSON.stringify(res.body)).toBe(200)
      expect(res.headers.get('cache-control')).toContain('no-store')
      expect(res.body).toMatchObject({ provider: 'p2p', roomUrl: null, startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), serverNow: inside.toISOString(), iceServers: [] })
      expect(verifyCallToken(res.body.token as string, inside)).toEqual({ bookingId: b.id, userId: actor.id, role, exp: Math.floor(b.endsAt.getTime() / 1000) })
    }
    setClock(b.endsAt)
    const ended = await join(A.fanA.token, b.id)
    expect(ended.status).toBe(403)
    expect(ended.body.errors?.[0].code).toBe('CALL_ENDED')
  })

  it('Daily: a meeting token for the room naming our user, owner for the creator, ejected at the scheduled end', async () => {
    useDaily()
    const room = `room-join-${slotHours}`
    const b = await makeBooking({ provider: 'daily', roomName: room, roomUrl: `https://callastar.daily.co/${room}`, roomStatus: 'ready' })
    setClock(new Date(b.startsAt.getTime() + 5 * MIN))
    daily.requests.length = 0
    const fan = await join(A.fanA.token, b.id)
    const creator = await join(A.creatorA.token, b.id)
    expect(fan.status, JSON.stringify(fan.body)).toBe(200)
    expect(fan.body).toMatchObject({ provider: 'daily', roomUrl: `https://callastar.daily.co/${room}`, token: `daily-token-${room}-${A.fanA.id}` })
    expect(fan.body.iceServers).toBeUndefined()
    expect(creator.status).toBe(200)
    const tokens = daily.requests.filter((r) => r.path === '/meeting-tokens')
    expect(tokens.map((r) => r.auth)).toEqual(['Bearer daily-test-key', 'Bearer daily-test-key'])
    const exp = Math.floor(b.endsAt.getTime() / 1000)
    const nbf = Math.floor((b.startsAt.getTime() - 15 * MIN) / 1000)
    expect(tokens.map((r) => r.body?.properties)).toEqual([
      { room_name: room, user_id: String(A.fanA.id), user_name: 'fanA Tester', is_owner: false, nbf, exp, eject_at_token_exp: true },
      { room_name: room, user_id: String(A.creatorA.id), user_name: expect.any(String), is_owner: true, nbf, exp, eject_at_token_exp: true },
    ])
    // Daily not answering: 502 CALL_PROVIDER_UNAVAILABLE (the page retries), not a 500.
    daily.failTokens = 1
    const down = await join(A.fanA.token, b.id)
    expect(down.status).toBe(502)
    expect(down.body.errors?.[0].code).toBe('CALL_PROVIDER_UNAVAILABLE')
  })

  it('Daily room not ready: 503 ROOM_NOT_READY with Retry-After, and its job queued once (not once per asking)', async () => {
    useDaily()
    const b = await makeBooking({ provider: 'daily', roomStatus: 'failed', roomError: 'earlier failure' })
    setClock(new Date(b.startsAt.getTime()))
    const jobsOf = async () => (await query(payload, `SELECT id FROM payload_jobs WHERE task_slug = 'create-call-room' AND (input->>'bookingId')::int = $1 AND completed_at IS NULL`, [b.id])).length
    for (let i = 0; i < 2; i++) {
      const res = await join(A.fanA.token, b.id)
      expect(res.status).toBe(503)
      expect(res.body.errors?.[0].code).toBe('ROOM_NOT_READY')
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
    }
    expect(await jobsOf()).toBe(1)
    expect((await bookingRow(b.id)).call_room_status).toBe('creating')
    await runJobsNow()
    expect(await bookingRow(b.id)).toMatchObject({ call_room_status: 'ready', call_room_error: null })
    expect((await join(A.fanA.token, b.id)).status).toBe(200)
  })
})

// ---------------------------------------------------------------------------------------------

describe('POST /api/calls/:bookingId/events', () => {
  it('records a participant’s client event; refuses provider-only and unknown types, oversized metadata, and strangers', async () => {
    const b = await makeBooking()
    const ok = await postEvent(A.fanA.token, b.id, { type: 'camera_off', metadata: { device: 'fake_device_0' } })
    expect(ok.status, JSON.stringify(ok.body)).toBe(201)
    const rows = await query(payload, `SELECT type, source, actor_id, metadata FROM call_events WHERE booking_id = $1`, [b.id])
    expect(rows).toEqual([{ type: 'camera_off', source: 'client', actor_id: A.fanA.id, metadata: { device: 'fake_device_0' } }])
    expect((await postEvent(A.creatorA.token, b.id, { type: 'reconnecting' })).status).toBe(201)

    const refused: [unknown, number, string][] = [
      [{ type: 'joined' }, 400, 'UNKNOWN_EVENT_TYPE'],
      [{ type: 'meeting_ended' }, 400, 'UNKNOWN_EVENT_TYPE'],
      [{ type: 'teleported' }, 400, 'UNKNOWN_EVENT_TYPE'],
      [{}, 400, 'INVALID_INPUT'],
      [{ type: 'mic_off', metadata: { blob: 'x'.repeat(3000) } }, 400, 'INVALID_INPUT'],
      [{ type: 'mic_off', metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])) }, 400, 'INVALID_INPUT'],
      [{ type: 'mic_off', metadata: [1, 2] }, 400, 'INVALID_INPUT'],
    ]
    for (const [body, status, code] of refused) {
      const res = await postEvent(A.fanA.token, b.id, body)
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(status)
      expect(res.body.errors?.[0].code).toBe(code)
    }
    for (const actor of [A.fanB, A.creatorB, A.admin]) expect((await postEvent(actor.token, b.id, { type: 'mic_off' })).status).toBe(403)
    expect((await postEvent(undefined, b.id, { type: 'mic_off' })).status).toBe(401)
    expect((await postEvent(A.fanA.token, 999_999, { type: 'mic_off' })).status).toBe(404)
    expect((await query(payload, `SELECT count(*)::int AS n FROM call_events WHERE booking_id = $1`, [b.id]))[0].n).toBe(2)
  })

  it('rate-limits per user and booking: 60 a minute, then 429; the other participant is not affected; a minute later it is open again', async () => {
    const b = await makeBooking()
    const t0 = new Date(Date.now() + 1000)
    setClock(t0)
    await query(
      payload,
      `INSERT INTO call_events (booking_id, fan_id, creator_id, actor_id, type, at, source, metadata)
       SELECT $1, $2, $3, $2, 'mic_on', $4::timestamptz - (g || ' seconds')::interval, 'client', '{}'::jsonb FROM generate_series(1, 59) g`,
      [b.id, A.fanA.id, A.creatorA.creatorId, t0.toISOString()],
    )
    const sixtieth = await postEvent(A.fanA.token, b.id, { type: 'mic_off' })
    expect(sixtieth.status).toBe(201)
    const over = await Promise.all([postEvent(A.fanA.token, b.id, { type: 'mic_off' }), postEvent(A.fanA.token, b.id, { type: 'mic_on' })])
    expect(over.map((r) => r.status)).toEqual([429, 429])
    expect(over[0].body.errors?.[0].code).toBe('TOO_MANY_EVENTS')
    expect((await postEvent(A.creatorA.token, b.id, { type: 'mic_off' })).status).toBe(201)
    setClock(new Date(t0.getTime() + 61_000))
    expect((await postEvent(A.fanA.token, b.id, { type: 'mic_off' })).status).toBe(201)
  })
})

// ---------------------------------------------------------------------------------------------

describe('POST /api/daily/webhook', () => {
  it('answers Daily’s unsigned test ping with 200 and stores nothing', async () => {
    const before = (await query(payload, `SELECT count(*)::int AS n FROM webhook_events`))[0].n
    const res = await postDaily('{"test":"test"}', {})
    expect(res.status).toBe(200)
    expect((await query(payload, `SELECT count(*)::int AS n FROM webhook_events`))[0].n).toBe(before)
  })

  it('refuses unsigned and badly signed events with 400 (and stores nothing)', async () => {
    const raw = dailyEvent('participant.joined', { room: 'x', user_id: '1', joined_at: 1, session_id: 's' })
    const ts = String(Math.floor(Date.now() / 1000))
    const attempts: Record<string, string>[] = [
      {},
      { 'x-webhook-timestamp': ts },
      { 'x-webhook-timestamp': ts, 'x-webhook-signature': signDailyWebhook(raw, ts, Buffer.from('wrong secret').toString('base64')) },
      { 'x-webhook-timestamp': String(Number(ts) + 1), 'x-webhook-signature': signDailyWebhook(raw, ts, WEBHOOK_SECRET) },
      { 'x-webhook-timestamp': ts, 'x-webhook-signature': signDailyWebhook(`${raw}\n`, ts, WEBHOOK_SECRET) },
    ]
    for (const headers of attempts) {
      const res = await postDaily(raw, headers)
      expect(res.status, JSON.stringify(headers)).toBe(400)
      expect(res.body.errors?.[0].code).toBe('INVALID_SIGNATURE')
    }
    expect(await query(payload, `SELECT id FROM webhook_events WHERE provider = 'daily' AND payload->>'id' = $1`, [JSON.parse(raw).id])).toEqual([])
  })

  it('the same event twice → one provider call event; joins and leaves carry our user, the role and the session; meetings too; the summary reads them', async () => {
    const room = `room-wh-${slotHours}`
    const b = await makeBooking({ provider: 'daily', roomName: room, roomUrl: 'https://callastar.daily.co/x', roomStatus: 'ready' })
    const start = Math.floor(b.startsAt.getTime() / 1000)
    const joined = dailyEvent('participant.joined', { room, user_id: String(A.fanA.id), user_name: 'fanA Tester', session_id: 'sess-fan', owner: false, joined_at: start + 60 })
    for (let i = 0; i < 2; i++) {
      const res = await postDaily(joined, signed(joined))
      expect(res.status).toBe(200)
      expect(res.body.duplicate).toBe(i === 1 ? true : undefined)
    }
    const others = [
      dailyEvent('meeting.started', { room, meeting_id: 'm1', start_ts: start + 60 }),
      dailyEvent('participant.joined', { room, user_id: String(A.creatorA.id), session_id: 'sess-creator', owner: true, joined_at: start + 120 }),
      dailyEvent('participant.left', { room, user_id: String(A.creatorA.id), session_id: 'sess-creator', owner: true, joined_at: start + 120, duration: 1500 }),
      dailyEvent('participant.left', { room, user_id: String(A.fanA.id), session_id: 'sess-fan', joined_at: start + 60, duration: 1590 }),
      dailyEvent('meeting.ended', { room, meeting_id: 'm1', start_ts: start + 60, end_ts: start + 1660 }),
      dailyEvent('participant.joined', { room: 'someone-elses-room', user_id: '1', session_id: 'z', joined_at: start }),
    ]
    for (const raw of others) expect((await postDaily(raw, signed(raw))).status).toBe(200)
    await drainJobs(payload)
    await postDaily(joined, signed(joined)) // once more after processing: still one
    await drainJobs(payload)

    const events = await query<{ type: string; source: string; actor_id: number | null; at: Date; metadata: Record<string, unknown> }>(
      payload,
      // Events at the same instant (the fan's join and the meeting's start) are processed by separate jobs in either order.
      `SELECT type, source, actor_id, at, metadata FROM call_events WHERE booking_id = $1 ORDER BY at, type`,
      [b.id],
    )
    expect(events.map((e) => [e.type, e.source, e.actor_id, e.metadata.role ?? null, e.metadata.sessionId ?? null, e.at.toISOString()])).toEqual([
      ['joined', 'provider', A.fanA.id, 'fan', 'sess-fan', new Date((start + 60) * 1000).toISOString()],
      ['meeting_started', 'provider', null, null, null, new Date((start + 60) * 1000).toISOString()],
      ['joined', 'provider', A.creatorA.id, 'creator', 'sess-creator', new Date((start + 120) * 1000).toISOString()],
      ['left', 'provider', A.creatorA.id, 'creator', 'sess-creator', new Date((start + 1620) * 1000).toISOString()],
      ['left', 'provider', A.fanA.id, 'fan', 'sess-fan', new Date((start + 1650) * 1000).toISOString()],
      ['meeting_ended', 'provider', null, null, null, new Date((start + 1660) * 1000).toISOString()],
    ])
    const stored = await query<{ status: string }>(payload, `SELECT status FROM webhook_events WHERE provider = 'daily' AND event_id = $1`, [JSON.parse(joined).id])
    expect(stored).toEqual([{ status: 'processed' }])
    expect((await query(payload, `SELECT status FROM webhook_events WHERE provider = 'daily' AND payload->'payload'->>'room' = 'someone-elses-room'`))[0]).toEqual({ status: 'ignored' })

    // The summary: scheduled vs actual (first provider join → last provider leave), attendance as the completion job reads it (seconds present), status, timeline.
    setClock(new Date((start + 300) * 1000))
    const client = await postEvent(A.fanA.token, b.id, { type: 'camera_off' })
    expect(client.status).toBe(201)
    for (const actor of [A.fanA, A.creatorA, A.admin]) {
      const res = await api<{ timeline: { type: string; source: string; actor: string | null }[]; room: object }>('GET', `/calls/${b.id}/summary`, { token: actor.token })
      expect(res.status, actor.email).toBe(200)
      expect(res.body).toMatchObject({
        bookingId: b.id,
        provider: 'daily',
        status: { booking: 'confirmed', outcome: null },
        scheduled: { startsAt: b.startsAt.toISOString(), endsAt: b.endsAt.toISOString(), durationSeconds: 1800 },
        actual: {
          startedAt: new Date((start + 60) * 1000).toISOString(),
          endedAt: new Date((start + 1650) * 1000).toISOString(),
          durationSeconds: 1590,
          fan: { firstJoinedAt: new Date((start + 60) * 1000).toISOString(), lastLeftAt: new Date((start + 1650) * 1000).toISOString(), seconds: 1590 },
          creator: { firstJoinedAt: new Date((start + 120) * 1000).toISOString(), lastLeftAt: new Date((start + 1620) * 1000).toISOString(), seconds: 1500 },
        },
      })
      const timeline = res.body.timeline
      expect(timeline.map((e) => `${e.source}:${e.type}:${e.actor}`)).toEqual([
        'provider:meeting_started:null', 'provider:joined:fan', 'provider:joined:creator', 'client:camera_off:fan', 'provider:left:creator', 'provider:left:fan', 'provider:meeting_ended:null',
      ])
      expect('error' in res.body.room).toBe(actor === A.admin)
      expect('needsAdmin' in (res.body as unknown as { status: object }).status).toBe(actor === A.admin)
    }
    for (const actor of [A.fanB, A.creatorB]) expect((await api('GET', `/calls/${b.id}/summary`, { token: actor.token })).status).toBe(403)
    expect((await api('GET', `/calls/${b.id}/summary`)).status).toBe(401)
  })
})

// ---------------------------------------------------------------------------------------------

describe('rooms: created by a job after confirmation, deleted after they expire', () => {
  it('p2p: a paid booking’s room is ready at once, without any job or network', async () => {
    const { bookingId } = await paidBooking(payload, world.stripe, { creatorId: A.creatorA.creatorId!, fanToken: A.fanA.token, hoursAhead: (slotHours += 2) })
    expect(await bookingRow(bookingId)).toMatchObject({ status: 'confirmed', call_provider: 'p2p', call_room_name: String(bookingId), call_room_status: 'ready' })
    expect(await query(payload, `SELECT id FROM payload_jobs WHERE task_slug = 'create-call-room' AND (input->>'bookingId')::int = $1`, [bookingId])).toEqual([])
  })

  it('Daily: the confirming transaction queues the room job; two failures, then the room exists — private, 2 people, nbf at the window, exp end + 10 min', async () => {
    useDaily()
    daily.failRoomCreates = 2
    daily.requests.length = 0
    const { bookingId } = await paidBooking(payload, world.stripe, { creatorId: A.creatorA.creatorId!, fanToken: A.fanA.token, hoursAhead: (slotHours += 2) })
    // settleStripe ran the first attempt: it failed and waits for its backoff; the booking is confirmed all the same.
    expect(await bookingRow(bookingId)).toMatchObject({ status: 'confirmed', call_provider: 'daily', call_room_status: 'creating', call_room_error: expect.stringContaining('injected failure') })
    await runJobsNow()
    expect((await bookingRow(bookingId)).call_room_status).toBe('creating')
    await runJobsNow()
    const row = await bookingRow(bookingId)
    expect(row).toMatchObject({ status: 'confirmed', call_room_status: 'ready', call_room_error: null, call_room_url: `https://callastar.daily.co/${row.call_room_name}` })
    const creates = daily.requests.filter((r) => r.method === 'POST' && r.path === '/rooms')
    expect(creates).toHaveLength(3)
    const booking = await payload.findByID({ collection: 'bookings', id: bookingId, depth: 0 })
    const startsAt = new Date(booking.startsAt!).getTime()
    const endsAt = new Date(booking.endsAt!).getTime()
    expect(creates[2].body).toEqual({
      name: row.call_room_name,
      privacy: 'private',
      properties: { nbf: Math.floor((startsAt - 15 * MIN) / 1000), exp: Math.floor((endsAt + 10 * MIN) / 1000), max_participants: 2, eject_at_room_exp: true, enable_chat: false, enable_screenshare: false },
    })
  })

  it('Daily: a room an earlier attempt created (its answer lost) is found by its name, not created twice', async () => {
    useDaily()
    const room = `callastar-booking-x${slotHours}`
    const b = await makeBooking({ provider: 'daily', roomName: room, roomStatus: 'creating' })
    daily.rooms.set(room, { id: 'pre', name: room, url: 'https://callastar.daily.co/pre', privacy: 'private' })
    await payload.jobs.queue({ task: 'create-call-room', input: { bookingId: b.id } })
    await drainJobs(payload)
    expect(await bookingRow(b.id)).toMatchObject({ call_room_status: 'ready', call_room_url: 'https://callastar.daily.co/pre' })
  })

  it('Daily failing for good: the room is failed with its error, logged, admins told; the booking stays confirmed', async () => {
    useDaily()
    daily.failRoomCreates = Infinity
    const b = await makeBooking({ provider: 'daily', roomName: `callastar-booking-f${slotHours}`, roomStatus: 'creating' })
    await payload.jobs.queue({ task: 'create-call-room', input: { bookingId: b.id } })
    for (let i = 0; i < 6; i++) await runJobsNow()
    daily.failRoomCreates = 0
    expect(await bookingRow(b.id)).toMatchObject({ status: 'confirmed', call_room_status: 'failed', call_room_error: expect.stringContaining('injected failure') })
    const logs = await query<{ level: string }>(payload, `SELECT level FROM system_logs WHERE type = 'call.room_failed' AND metadata->>'bookingId' = $1`, [String(b.id)])
    expect(logs).toEqual([{ level: 'ERROR' }])
    const told = await query<{ user_id: number; title: string; link: string }>(payload, `SELECT user_id, title, link FROM notifications WHERE metadata->>'bookingId' = $1 AND type = 'system'`, [String(b.id)])
    expect(told).toEqual([{ user_id: A.admin.id, title: 'A video room could not be created', link: `/admin/collections/bookings/${b.id}` }])
    // The booking's participants read the room status, never its error.
    const asFan = await api<{ call: Record<string, unknown> }>('GET', `/bookings/${b.id}?depth=0`, { token: A.fanA.token })
    expect(asFan.body.call.roomStatus).toBe('failed')
    expect(asFan.body.call).not.toHaveProperty('roomError')
    const asAdmin = await api<{ call: Record<string, unknown> }>('GET', `/bookings/${b.id}?depth=0`, { token: A.admin.token })
    expect(asAdmin.body.call.roomError).toContain('injected failure')
  })

  it('deletes expired Daily rooms (404 counts as deleted) and rooms of cancelled bookings, two per second at most', async () => {
    useDaily()
    const expired = await makeBooking({ provider: 'daily', roomName: 'gone-1', roomStatus: 'ready' })
    const alreadyGone = await makeBooking({ provider: 'daily', roomName: 'gone-2', roomStatus: 'ready' })
    const cancelled = await makeBooking({ provider: 'daily', roomName: 'gone-3', roomStatus: 'ready' }, 'cancelled')
    const future = await makeBooking({ provider: 'daily', roomName: 'stays', roomStatus: 'ready' })
    for (const name of ['gone-1', 'gone-3', 'stays']) daily.rooms.set(name, { name })
    setClock(new Date(alreadyGone.endsAt.getTime() + 10 * MIN + 1000))
    // `future` starts after alreadyGone: it is not expired at this clock.
    expect(future.startsAt.getTime()).toBeGreaterThan(alreadyGone.endsAt.getTime() + 10 * MIN + 1000)
    const waits: number[] = []
    const counts = await deleteExpiredRooms(payload, { sleep: async (ms) => void waits.push(ms) })
    // Earlier tests' ready Daily rooms are past their expiry too (404 at the fake: deleted all the same).
    expect(counts.failed).toBe(0)
    expect(counts.deleted).toBe(counts.due)
    expect(counts.due).toBeGreaterThanOrEqual(3)
    expect(waits.every((ms) => ms >= 500)).toBe(true)
    expect(waits).toHaveLength(counts.due - 1)
    for (const b of [expired, alreadyGone, cancelled]) expect((await bookingRow(b.id)).call_room_status).toBe('deleted')
    expect((await bookingRow(future.id)).call_room_status).toBe('ready')
    expect([...daily.rooms.keys()]).toContain('stays')
    expect([...daily.rooms.keys()]).not.toContain('gone-1')
  })
})

// ---------------------------------------------------------------------------------------------
// The whole path against the Daily emulator (emulators/daily, merged from s14-daily)
// ---------------------------------------------------------------------------------------------

describe('against the Daily emulator: room, tokens, joins, signed webhooks, attendance, ejection, deletion', () => {
  let emulator: DailyEmulator

  beforeAll(async () => {
    emulator = await startDailyEmulator({ retryDelaysMs: [50, 100, 200], meetingEndedDelayMs: 0 })
    // Registering the webhook makes the emulator send Daily's unsigned {"test":"test"} first: it must get a 200.
    const res = await fetch(`${emulator.apiUrl}/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${await apiBase()}/api/daily/webhook`, eventTypes: ['meeting.started', 'meeting.ended', 'participant.joined', 'participant.left'], hmac: WEBHOOK_SECRET, retryType: 'exponential' }),
    })
    expect(res.status, await res.clone().text()).toBe(200)
  })
  afterAll(async () => {
    await emulator?.close()
  })

  const useEmulator = () => {
    process.env.DAILY_API_KEY = emulator.apiKey
    process.env.DAILY_API_URL = emulator.apiUrl
  }
  const settleDaily = async () => {
    await emulator.control.whenIdle(10_000)
    await drainJobs(payload)
  }

  it('room creation failing twice is retried, then the paid booking’s room exists as asked; fan and creator join with their tokens; attendance comes from the signed webhooks; both are ejected at the end; the room is deleted after it expires', async () => {
    useEmulator()
    emulator.control.failNext({ count: 2, method: 'POST', pathPrefix: '/v1/rooms' })
    const { bookingId } = await paidBooking(payload, world.stripe, { creatorId: A.creatorA.creatorId!, fanToken: A.fanA.token, hoursAhead: (slotHours += 2) })
    expect((await bookingRow(bookingId)).call_room_status).toBe('creating')
    await runJobsNow()
    await runJobsNow()
    const row = await bookingRow(bookingId)
    expect(row).toMatchObject({ status: 'confirmed', call_provider: 'daily', call_room_status: 'ready', call_room_url: `${emulator.roomUrlBase}/${row.call_room_name}` })
    const booking = await payload.findByID({ collection: 'bookings', id: bookingId, depth: 0 })
    const startsAt = new Date(booking.startsAt!)
    const endsAt = new Date(booking.endsAt!)
    const secs = (d: Date) => Math.floor(d.getTime() / 1000)
    const room = (await (await fetch(`${emulator.apiUrl}/rooms/${row.call_room_name}`, { headers: { authorization: `Bearer ${emulator.apiKey}` } })).json()) as { privacy: string; config: Record<string, unknown> }
    expect(room.privacy).toBe('private')
    expect(room.config).toMatchObject({ max_participants: 2, nbf: secs(startsAt) - 15 * 60, exp: secs(endsAt) + 10 * 60, eject_at_room_exp: true })

    // Inside the window (our clock and the emulator's), both get a token and join with it.
    const joinAt = new Date(startsAt.getTime() + 60_000)
    setClock(joinAt)
    emulator.control.setClock(secs(joinAt))
    const fan = await join(A.fanA.token, bookingId)
    const creator = await join(A.creatorA.token, bookingId)
    expect(fan.status, JSON.stringify(fan.body)).toBe(200)
    expect(creator.status).toBe(200)
    expect(fan.body.roomUrl).toBe(row.call_room_url)
    // Daily checks the tokens (room, nbf, exp) and ejects at the token's exp: the scheduled end.
    const fanJoined = emulator.control.join(row.call_room_name!, { token: fan.body.token as string, at: secs(joinAt) })
    expect(fanJoined).toMatchObject({ user_id: String(A.fanA.id), owner: false, will_eject_at: secs(endsAt) })
    const creatorJoined = emulator.control.join(row.call_room_name!, { token: creator.body.token as string, at: secs(joinAt) + 30 })
    expect(creatorJoined).toMatchObject({ user_id: String(A.creatorA.id), owner: true })

    // The scheduled end: Daily ejects both (token exp); meeting.ended follows.
    emulator.control.setClock(secs(endsAt))
    await settleDaily()
    const events = await query<{ type: string; actor_id: number | null; role: string | null }>(
      payload,
      `SELECT type, actor_id, metadata->>'role' AS role FROM call_events WHERE booking_id = $1 AND source = 'provider' ORDER BY at, id`,
      [bookingId],
    )
    expect(events.filter((e) => e.type === 'joined')).toEqual([
      { type: 'joined', actor_id: A.fanA.id, role: 'fan' },
      { type: 'joined', actor_id: A.creatorA.id, role: 'creator' },
    ])
    expect(events.filter((e) => e.type === 'left').map((e) => e.role).sort()).toEqual(['creator', 'fan'])
    expect(events.map((e) => e.type)).toContain('meeting_started')
    expect(events.map((e) => e.type)).toContain('meeting_ended')
    const summary = await api<{ actual: { startedAt: string; endedAt: string; durationSeconds: number } }>('GET', `/calls/${bookingId}/summary`, { token: A.fanA.token })
    const whole = (d: Date) => new Date(secs(d) * 1000).toISOString()
    expect(summary.body.actual).toEqual(expect.objectContaining({ startedAt: whole(joinAt), endedAt: whole(endsAt), durationSeconds: secs(endsAt) - secs(joinAt) }))

    // After the room's expiry the job deletes it, within Daily's DELETE rate limit.
    emulator.control.enforceRateLimits(true)
    setClock(new Date(endsAt.getTime() + 11 * MIN))
    const counts = await deleteExpiredRooms(payload)
    expect(counts.failed).toBe(0)
    expect((await bookingRow(bookingId)).call_room_status).toBe('deleted')
    expect(emulator.control.requests().filter((r) => r.injected === 'rate_limited')).toEqual([])
    const gone = await fetch(`${emulator.apiUrl}/rooms/${row.call_room_name}`, { headers: { authorization: `Bearer ${emulator.apiKey}` } })
    expect(gone.status).toBe(404)
    emulator.control.enforceRateLimits(false)
    emulator.control.setClock(null)
  })
})
