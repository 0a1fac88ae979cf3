/**
 * The Daily emulator over real HTTP on loopback: every /v1 route with `fetch` as our Daily client
 * will call it, meeting tokens checked as plain HS256 JWTs, sessions driven as clients would, and
 * webhooks received by a local server that checks Daily's signature itself (independently of the
 * emulator's helper, which is checked against it).
 */
import { createHmac } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { type DailyEmulator, type DailyEvent, signDailyWebhook, signJwt, startDailyEmulator, verifyDailyWebhook } from '../../emulators/daily'

const KEY = 'daily-test-key'
const SECRET = Buffer.from('a webhook secret of 32 bytes....').toString('base64')
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type Received = { raw: string; headers: http.IncomingHttpHeaders }

/** Stands in for POST /api/daily/webhook: records raw bodies, answers 200, or fails on demand. */
const startReceiver = async () => {
  const received: Received[] = []
  let failures = 0
  let failVerification = false
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    received.push({ raw, headers: req.headers })
    const isTest = raw === '{"test":"test"}'
    if ((isTest && failVerification) || (!isTest && failures > 0)) {
      if (!isTest) failures--
      res.writeHead(500).end('broken')
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/daily/webhook`,
    received,
    events: () => received.filter((r) => r.raw !== '{"test":"test"}').map((r) => JSON.parse(r.raw) as DailyEvent),
    failNext: (count: number) => {
      failures = count
    },
    failVerification: (on: boolean) => {
      failVerification = on
    },
    reset: () => {
      received.length = 0
      failures = 0
      failVerification = false
    },
    close: () => new Promise<void>((resolve) => (server.close(() => resolve()), server.closeAllConnections())),
  }
}

/** The check our receiver must make, written out independently of the emulator's helper. */
const expectedSignature = (secret: string, timestamp: string, raw: string) => createHmac('sha256', Buffer.from(secret, 'base64')).update(`${timestamp}.${raw}`).digest('base64')

/** A plain HS256 JWT check with the API key (what Daily does with self-signed tokens). */
const verifyJwt = (token: string, key: string): Record<string, unknown> | null => {
  const [header, payload, signature] = token.split('.')
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'HS256') return null
  const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest('base64url')
  return expected === signature ? (JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>) : null
}

describe('Daily emulator', () => {
  let daily: DailyEmulator
  let receiver: Awaited<ReturnType<typeof startReceiver>>

  const call = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown, key: string | null = KEY) => {
    const res = await fetch(`${daily.apiUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, headers: res.headers, body: (await res.json()) as T }
  }
  const control = async <T = Record<string, unknown>>(path: string, body: unknown = {}) => {
    const res = await fetch(`${daily.url}/emulator/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: res.status, body: (await res.json()) as T }
  }
  const token = async (properties: Record<string, unknown>) => (await call<{ token: string }>('POST', '/meeting-tokens', { properties })).body.token
  const privateRoom = (name: string, properties: Record<string, unknown> = {}) =>
    call('POST', '/rooms', { name, privacy: 'private', properties: { max_participants: 2, ...properties } })
  const webhook = (extra: Record<string, unknown> = {}) =>
    call<{ uuid: string; hmac: string; state: string; failedCount: number }>('POST', '/webhooks', {
      url: receiver.url,
      hmac: SECRET,
      eventTypes: ['meeting.started', 'meeting.ended', 'participant.joined', 'participant.left'],
      ...extra,
    })

  beforeAll(async () => {
    daily = await startDailyEmulator({ apiKey: KEY, domain: 'callastar-test', circuitBreakerDelayMs: 20, retryDelaysMs: [20, 20], verificationTimeoutMs: 1_000, deliveryTimeoutMs: 1_000 })
    receiver = await startReceiver()
  })
  afterAll(async () => {
    await daily.close()
    await receiver.close()
  })
  beforeEach(() => {
    daily.control.reset()
    receiver.reset()
  })

  it('refuses a missing or malformed Authorization header and a wrong key, in Daily’s error shape', async () => {
    expect(await call('GET', '/rooms', undefined, null)).toMatchObject({ status: 401, body: { error: 'authorization-header-error', info: expect.any(String) } })
    expect(await call('GET', '/rooms', undefined, '')).toMatchObject({ status: 401, body: { error: 'authorization-header-error' } })
    expect(await call('GET', '/rooms', undefined, 'not-the-key')).toMatchObject({ status: 401, body: { error: 'authentication-error' } })
    expect(await call('GET', '/rooms')).toMatchObject({ status: 200, body: { total_count: 0, data: [] } })
    expect(await call('GET', '/recordings')).toMatchObject({ status: 404, body: { error: 'not-found' } })
  })

  it('rooms: create (private, window, 2 participants), read, list, duplicate name, bad properties, delete', async () => {
    const nbf = 1_900_000_000
    const created = await privateRoom('booking-42', { nbf, exp: nbf + 3600, eject_at_room_exp: true, enable_prejoin_ui: false, enable_chat: true })
    expect(created.status).toBe(200)
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: 'booking-42',
      api_created: true,
      privacy: 'private',
      url: 'https://callastar-test.daily.co/booking-42',
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      config: { nbf, exp: nbf + 3600, max_participants: 2, eject_at_room_exp: true, enable_prejoin_ui: false, enable_chat: true },
    })
    expect(daily.roomUrlBase).toBe('https://callastar-test.daily.co')

    // Privacy defaults to public; without a name Daily makes one up.
    const unnamed = await call('POST', '/rooms', {})
    expect(unnamed.body).toMatchObject({ privacy: 'public', name: expect.stringMatching(/^[A-Za-z0-9]{20}$/), config: {} })

    expect(await call('GET', '/rooms/booking-42')).toMatchObject({ status: 200, body: { id: created.body.id, privacy: 'private' } })
    expect(await privateRoom('booking-42')).toMatchObject({ status: 400, body: { error: 'invalid-request-error', info: 'a room named booking-42 already exists' } })
    expect(await call('POST', '/rooms', { name: 'bad name!' })).toMatchObject({ status: 400, body: { error: 'invalid-request-error' } })
    expect(await call('POST', '/rooms', { properties: { expires: 5 } })).toMatchObject({ status: 400, body: { info: "unknown room property 'expires'" } })
    expect(await call('POST', '/rooms', { properties: { exp: '1900000000' } })).toMatchObject({ status: 400, body: { info: "room property 'exp' must be an integer" } })
    expect(await call('POST', '/rooms', { privacy: 'secret' })).toMatchObject({ status: 400 })

    const updated = await call('POST', '/rooms/booking-42', { properties: { max_participants: 3, enable_chat: null } })
    expect(updated.body).toMatchObject({ config: { max_participants: 3 } })
    expect((updated.body.config as Record<string, unknown>).enable_chat).toBeUndefined()

    const list = await call<{ total_count: number; data: { name: string; id: string }[] }>('GET', '/rooms')
    expect(list.body.total_count).toBe(2)
    expect(list.body.data.map((room) => room.name)).toEqual([unnamed.body.name, 'booking-42'])
    const page = await call<{ data: { name: string }[] }>('GET', `/rooms?limit=1&starting_after=${list.body.data[0].id}`)
    expect(page.body.data.map((room) => room.name)).toEqual(['booking-42'])

    expect(await call('DELETE', '/rooms/booking-42')).toMatchObject({ status: 200, body: { deleted: true, name: 'booking-42' } })
    expect(await call('DELETE', '/rooms/booking-42')).toMatchObject({ status: 404, body: { error: 'not-found' } })
    expect(await call('GET', '/rooms/booking-42')).toMatchObject({ status: 404, body: { error: 'not-found' } })
  })

  it('meeting tokens are HS256 JWTs signed with the API key, with Daily’s claims; GET validates them', async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600
    const nbf = exp - 7200
    const minted = await call<{ token: string }>('POST', '/meeting-tokens', {
      properties: { room_name: 'booking-7', user_id: 'user-12', user_name: 'Léa', is_owner: true, nbf, exp, eject_at_token_exp: true },
    })
    expect(minted.status).toBe(200)
    expect(Object.keys(minted.body)).toEqual(['token'])
    const claims = verifyJwt(minted.body.token, KEY)
    expect(claims).toMatchObject({ r: 'booking-7', ud: 'user-12', u: 'Léa', o: true, nbf, exp, ejt: true, d: daily.domainId, iat: expect.any(Number) })
    expect(verifyJwt(minted.body.token, 'another-key')).toBeNull()

    expect(await call('GET', `/meeting-tokens/${minted.body.token}`)).toMatchObject({
      status: 200,
      body: { room_name: 'booking-7', user_id: 'user-12', user_name: 'Léa', is_owner: true, nbf, exp, eject_at_token_exp: true },
    })
    // A token self-signed with the API key is as good as a minted one.
    const selfSigned = signJwt({ r: 'booking-7', ud: 'user-13', exp }, KEY)
    expect(await call('GET', `/meeting-tokens/${selfSigned}`)).toMatchObject({ status: 200, body: { room_name: 'booking-7', user_id: 'user-13' } })

    const [h, p] = minted.body.token.split('.')
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, o: true, r: 'other' })).toString('base64url')}.${minted.body.token.split('.')[2]}`
    expect(await call('GET', `/meeting-tokens/${forged}`)).toMatchObject({ status: 400, body: { error: 'invalid-request-error', info: 'token signature does not match' } })
    expect(await call('GET', `/meeting-tokens/${h}.${p}.${createHmac('sha256', 'wrong').update(`${h}.${p}`).digest('base64url')}`)).toMatchObject({ status: 400 })
    expect(await call('GET', '/meeting-tokens/not-a-jwt')).toMatchObject({ status: 400, body: { info: 'token is malformed' } })

    const expired = await token({ room_name: 'booking-7', exp: Math.floor(Date.now() / 1000) - 5 })
    expect(await call('GET', `/meeting-tokens/${expired}`)).toMatchObject({ status: 400, body: { info: 'token has expired' } })
    const early = await token({ room_name: 'booking-7', nbf: exp })
    expect(await call('GET', `/meeting-tokens/${early}`)).toMatchObject({ status: 400 })
    expect(await call('GET', `/meeting-tokens/${early}?ignoreNbf=true`)).toMatchObject({ status: 200 })

    expect(await call('POST', '/meeting-tokens', { properties: { room: 'x' } })).toMatchObject({ status: 400, body: { info: "unknown meeting token property 'room'" } })
    expect(await call('POST', '/meeting-tokens', { properties: { is_owner: 'yes' } })).toMatchObject({ status: 400 })
    expect(await call('POST', '/meeting-tokens', { properties: { user_id: 'x'.repeat(37) } })).toMatchObject({ status: 400 })
  })

  it('joins are checked like daily-js: token, room window, privacy, capacity; sessions appear in GET /meetings', async () => {
    const start = 1_900_000_000
    const end = start + 1800
    await privateRoom('call-1', { nbf: start - 900, exp: end + 600, eject_at_room_exp: true })
    const creator = await token({ room_name: 'call-1', user_id: 'creator-1', user_name: 'Léa', is_owner: true, exp: end, eject_at_token_exp: true })
    const fan = await token({ room_name: 'call-1', user_id: 'fan-2', user_name: 'Sam', exp: end, eject_at_token_exp: true })
    const intruder = await token({ room_name: 'call-1', user_id: 'fan-3', exp: end })
    const refused = (room: string, body: Record<string, unknown>) => control(`rooms/${room}/join`, body)

    expect(await refused('call-1', { token: fan, at: start - 901 })).toMatchObject({ status: 403, body: { error: 'nbf-room' } })
    expect(await refused('call-1', { at: start })).toMatchObject({ status: 403, body: { error: 'not-allowed' } })
    expect(await refused('call-1', { token: 'x.y.z', at: start })).toMatchObject({ status: 403, body: { error: 'invalid-token' } })
    expect(await refused('call-1', { token: signJwt({ r: 'call-1' }, 'not-our-key'), at: start })).toMatchObject({ status: 403, body: { error: 'invalid-token' } })
    expect(await refused('call-1', { token: await token({ room_name: 'call-2', exp: end }), at: start })).toMatchObject({ status: 403, body: { error: 'not-allowed' } })
    expect(await refused('call-1', { token: await token({ room_name: 'call-1', nbf: start }), at: start - 1 })).toMatchObject({ status: 403, body: { error: 'nbf-token' } })
    expect(await refused('call-1', { token: fan, at: end })).toMatchObject({ status: 403, body: { error: 'exp-token' } })
    expect(await refused('nowhere', { token: fan, at: start })).toMatchObject({ status: 404, body: { error: 'no-room' } })

    const first = await refused('call-1', { token: creator, at: start + 60 })
    expect(first).toMatchObject({ status: 200, body: { room: 'call-1', user_id: 'creator-1', user_name: 'Léa', owner: true, joined_at: start + 60, will_eject_at: end } })
    const second = daily.control.join('call-1', { token: fan, at: start + 200 })
    expect(second).toMatchObject({ user_id: 'fan-2', owner: false, meeting_id: first.body.meeting_id, will_eject_at: end })
    expect(await refused('call-1', { token: intruder, at: start + 300 })).toMatchObject({ status: 403, body: { error: 'meeting-full' } })

    daily.control.leave(second.session_id, start + 500)
    // A rejoin is a new participant session of the same meeting; the room's exp ejects (no token eject settings).
    const rejoined = daily.control.join('call-1', { token: intruder, at: start + 600 })
    expect(rejoined.will_eject_at).toBe(end + 600)
    daily.control.setClock(start + 700)
    const meetings = await call<{ total_count: number; data: Record<string, unknown>[] }>('GET', '/meetings?room=call-1')
    expect(meetings.body).toMatchObject({
      total_count: 1,
      data: [
        {
          id: first.body.meeting_id,
          room: 'call-1',
          start_time: start + 60,
          duration: 640,
          ongoing: true,
          max_participants: 2,
          participants: [
            { user_id: 'creator-1', participant_id: first.body.session_id, user_name: 'Léa', join_time: start + 60, duration: 640 },
            { user_id: 'fan-2', participant_id: second.session_id, user_name: 'Sam', join_time: start + 200, duration: 300 },
            { user_id: 'fan-3', participant_id: rejoined.session_id, user_name: null, join_time: start + 600, duration: 100 },
          ],
        },
      ],
    })
    const participants = await call<{ data: { participant_id: string }[] }>('GET', `/meetings/${first.body.meeting_id}/participants?joined_after=${first.body.session_id}&limit=1`)
    expect(participants.body.data.map((p) => p.participant_id)).toEqual([second.session_id])
    expect(await call('GET', `/meetings/${first.body.meeting_id}`)).toMatchObject({ status: 200, body: { ongoing: true } })
    expect(await call('GET', '/meetings/unknown-id')).toMatchObject({ status: 404, body: { error: 'not-found' } })
    expect((await call('GET', '/meetings?room=other')).body).toEqual({ total_count: 0, data: [] })
    expect((await call<{ total_count: number }>('GET', `/meetings?timeframe_start=${start + 61}`)).body.total_count).toBe(0)

    // At the scheduled end the creator's token ejects them; fan-3's token has no eject setting, so the room's exp applies.
    daily.control.setClock(end + 5)
    const running = (await call<{ data: Record<string, unknown>[] }>('GET', '/meetings?room=call-1')).body.data[0]
    expect(running).toMatchObject({ ongoing: true })
    expect((running.participants as { duration: number }[]).map((p) => p.duration)).toEqual([end - start - 60, 300, end + 5 - start - 600])
    daily.control.setClock(end + 600)
    const ended = (await call<{ data: Record<string, unknown>[] }>('GET', '/meetings?room=call-1')).body.data[0]
    expect(ended).toMatchObject({ ongoing: false, duration: end + 600 - (start + 60) })
    expect((ended.participants as { duration: number }[]).map((p) => p.duration)).toEqual([end - start - 60, 300, end - start])
    expect(daily.control.events().filter((e) => e.type === 'participant.left').map((e) => e.payload.duration)).toEqual([300, end - start - 60, end - start])
    expect(await refused('call-1', { token: fan, at: end + 1 })).toMatchObject({ status: 403, body: { error: 'exp-token' } })
    expect(await refused('call-1', { token: intruder, at: end + 600 })).toMatchObject({ status: 403, body: { error: 'exp-room' } })
  })

  it('webhooks: Daily’s unsigned {"test":"test"} first, then signed events in order with Daily’s payloads', async () => {
    const created = await webhook({ retryType: 'exponential' })
    expect(created).toMatchObject({
      status: 200,
      body: { uuid: expect.any(String), url: receiver.url, hmac: SECRET, retryType: 'exponential', state: 'ACTIVE', failedCount: 0, domainId: daily.domainId, basicAuth: null },
    })
    expect(receiver.received).toHaveLength(1)
    expect(receiver.received[0].raw).toBe('{"test":"test"}')
    expect(receiver.received[0].headers['x-webhook-signature']).toBeUndefined()
    expect((await call<unknown[]>('GET', '/webhooks')).body).toHaveLength(1)

    const at = Math.floor(Date.now() / 1000)
    await privateRoom('hooked')
    const fan = await token({ room_name: 'hooked', user_id: 'fan-9', user_name: 'Sam', exp: at + 60, eject_at_token_exp: true })
    const joined = daily.control.join('hooked', { token: fan, at })
    daily.control.leave(joined.session_id, at + 42)
    await daily.control.whenIdle()

    const deliveries = receiver.received.slice(1)
    expect(deliveries).toHaveLength(4)
    for (const { raw, headers } of deliveries) {
      const timestamp = String(headers['x-webhook-timestamp'])
      const signature = String(headers['x-webhook-signature'])
      expect(headers['content-type']).toContain('application/json')
      expect(signature).toBe(expectedSignature(SECRET, timestamp, raw))
      expect(verifyDailyWebhook({ secret: SECRET, timestamp, signature, rawBody: raw })).toBe(true)
      // Re-serialised JSON or another secret does not verify.
      expect(verifyDailyWebhook({ secret: SECRET, timestamp, signature, rawBody: `${raw} ` })).toBe(false)
      expect(verifyDailyWebhook({ secret: Buffer.from('other').toString('base64'), timestamp, signature, rawBody: raw })).toBe(false)
      expect(verifyDailyWebhook({ secret: SECRET, timestamp: String(Number(timestamp) + 1), signature, rawBody: raw })).toBe(false)
    }
    expect(signDailyWebhook(SECRET, '123', '{}')).toBe(expectedSignature(SECRET, '123', '{}'))

    const events = receiver.events()
    expect(events.map((e) => e.type)).toEqual(['meeting.started', 'participant.joined', 'participant.left', 'meeting.ended'])
    for (const event of events) expect(event).toMatchObject({ version: '1.0.0', id: expect.any(String), event_ts: expect.any(Number) })
    expect(new Set(events.map((e) => e.id)).size).toBe(4)
    const [started, joinedEvent, left, ended] = events.map((e) => e.payload)
    expect(started).toEqual({ start_ts: at, meeting_id: joined.meeting_id, room: 'hooked' })
    expect(joinedEvent).toEqual({ joined_at: at, session_id: joined.session_id, room: 'hooked', user_id: 'fan-9', user_name: 'Sam', owner: false, will_eject_at: at + 60 })
    expect(left).toEqual({ ...joinedEvent, duration: 42 })
    expect(ended).toEqual({ start_ts: at, end_ts: at + 42, meeting_id: joined.meeting_id, room: 'hooked' })
    expect(daily.control.events()).toHaveLength(4)
  })

  it('webhooks: a receiver that does not answer 200 to the test request gets no webhook; bad input is refused', async () => {
    receiver.failVerification(true)
    expect(await webhook()).toMatchObject({ status: 400, body: { error: 'invalid-request-error', info: expect.stringContaining('500') } })
    expect((await call<unknown[]>('GET', '/webhooks')).body).toEqual([])
    receiver.failVerification(false)
    expect(await webhook({ eventTypes: ['participant.joined', 'meeting.exploded'] })).toMatchObject({ status: 400, body: { info: "unknown event type 'meeting.exploded'" } })
    expect(await webhook({ hmac: 'not base64!' })).toMatchObject({ status: 400 })
    expect(await webhook({ retryType: 'forever' })).toMatchObject({ status: 400 })
    expect(await webhook({ url: 'ftp://example.com' })).toMatchObject({ status: 400 })
    // Without an hmac, Daily provisions a base64 secret.
    const generated = await webhook({ hmac: undefined, eventTypes: ['participant.joined'] })
    expect(Buffer.from(generated.body.hmac, 'base64').length).toBe(32)
  })

  it('webhooks: circuit-breaker retries an event and fails the webhook after 3 consecutive failures; an update revives it', async () => {
    const hook = (await webhook()).body
    await call('POST', '/rooms', { name: 'open' })
    receiver.failNext(2)
    const first = daily.control.join('open', {})
    await daily.control.whenIdle()
    // meeting.started failed twice, then went through; the rest followed in order.
    expect(receiver.events().map((e) => e.type)).toEqual(['meeting.started', 'meeting.started', 'meeting.started', 'participant.joined'])
    expect((await call('GET', `/webhooks/${hook.uuid}`)).body).toMatchObject({ state: 'ACTIVE', failedCount: 0, lastMomentPushed: expect.any(String) })

    receiver.failNext(10)
    daily.control.leave(first.session_id)
    await daily.control.whenIdle()
    expect((await call('GET', `/webhooks/${hook.uuid}`)).body).toMatchObject({ state: 'FAILED', failedCount: 3 })
    const attempts = daily.control.deliveries().filter((d) => d.type === 'participant.left')
    expect(attempts.map((d) => [d.attempt, d.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 500],
    ])
    // Events while FAILED are dropped, as Daily does.
    receiver.failNext(0)
    const before = receiver.received.length
    daily.control.join('open', {})
    await daily.control.whenIdle()
    expect(receiver.received.length).toBe(before)

    expect((await call('POST', `/webhooks/${hook.uuid}`, { eventTypes: ['participant.joined'] })).body).toMatchObject({ state: 'ACTIVE', failedCount: 0, eventTypes: ['participant.joined'] })
    daily.control.join('open', {})
    await daily.control.whenIdle()
    expect(receiver.events().at(-1)?.type).toBe('participant.joined')
    expect(await call('DELETE', `/webhooks/${hook.uuid}`)).toMatchObject({ status: 200, body: { uuid: hook.uuid } })
    expect(await call('GET', `/webhooks/${hook.uuid}`)).toMatchObject({ status: 404 })
  })

  it('webhooks: exponential retries each event, then fails the webhook; duplicated and reordered deliveries on demand', async () => {
    await webhook({ retryType: 'exponential', eventTypes: ['participant.joined'] })
    await call('POST', '/rooms', { name: 'open' })
    receiver.failNext(2)
    daily.control.join('open', {})
    await daily.control.whenIdle()
    expect(daily.control.deliveries().filter((d) => d.type === 'participant.joined').map((d) => d.status)).toEqual([500, 500, 200])

    daily.control.deliverNextEventTwice()
    const joined = daily.control.join('open', {})
    await daily.control.whenIdle()
    const copies = receiver.events().filter((e) => e.payload.session_id === joined.session_id)
    expect(copies).toHaveLength(2)
    expect(copies[0].id).toBe(copies[1].id)

    daily.control.holdEvents()
    const a = daily.control.join('open', {})
    const b = daily.control.join('open', {})
    daily.control.releaseEvents({ order: 'reverse' })
    await daily.control.whenIdle()
    expect(receiver.events().slice(-2).map((e) => e.payload.session_id)).toEqual([b.session_id, a.session_id])

    receiver.failNext(10)
    daily.control.join('open', {})
    await daily.control.whenIdle()
    expect((await call<{ state: string }[]>('GET', '/webhooks')).body[0].state).toBe('FAILED')
    expect(daily.control.deliveries().at(-1)).toMatchObject({ attempt: 3, status: 500 })
  })

  it('the meeting ends after Daily’s delay, and a join meanwhile continues it; deleting a room ejects everyone', async () => {
    const delayed = await startDailyEmulator({ apiKey: KEY, meetingEndedDelayMs: 150 })
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${delayed.apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
      await post('/rooms', { name: 'r1' })
      const one = delayed.control.join('r1')
      delayed.control.leave(one.session_id)
      const back = delayed.control.join('r1')
      expect(back.meeting_id).toBe(one.meeting_id)
      delayed.control.leave(back.session_id)
      expect(delayed.control.events().map((e) => e.type)).not.toContain('meeting.ended')
      await sleep(300)
      expect(delayed.control.events().filter((e) => e.type === 'meeting.ended')).toHaveLength(1)
      expect(delayed.control.join('r1').meeting_id).not.toBe(one.meeting_id)

      const res = await fetch(`${delayed.apiUrl}/rooms/r1`, { method: 'DELETE', headers: { authorization: `Bearer ${KEY}` } })
      expect(res.status).toBe(200)
      expect(delayed.control.events().slice(-2).map((e) => e.type)).toEqual(['participant.left', 'meeting.ended'])
    } finally {
      await delayed.close()
    }
  })

  it('while the clock runs, Daily’s servers eject participants at will_eject_at by themselves', async () => {
    let nowMs = 1_900_000_000_000
    const running = await startDailyEmulator({ apiKey: KEY, clock: () => nowMs })
    try {
      await fetch(`${running.apiUrl}/rooms`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: JSON.stringify({ name: 'r', properties: { exp: 1_900_000_100, eject_at_room_exp: true } }) })
      const inside = running.control.join('r')
      expect(inside.will_eject_at).toBe(1_900_000_100)
      nowMs += 99_000
      await sleep(400)
      expect(running.control.events().map((e) => e.type)).toEqual(['meeting.started', 'participant.joined'])
      nowMs += 1_000
      await sleep(400)
      expect(running.control.events().map((e) => e.type)).toEqual(['meeting.started', 'participant.joined', 'participant.left', 'meeting.ended'])
      expect(running.control.events()[2].payload).toMatchObject({ session_id: inside.session_id, duration: 100 })
    } finally {
      await running.close()
    }
  })

  it('faults: 429 with Retry-After on demand and at Daily’s rate limits, 5xx and timeouts for the next N calls', async () => {
    await control('rate-limit-next', { count: 2, retryAfter: 7, method: 'POST', pathPrefix: '/v1/rooms' })
    for (let i = 0; i < 2; i++) {
      const limited = await call('POST', '/rooms', { name: 'limited' })
      expect(limited).toMatchObject({ status: 429, body: { error: 'rate-limit-error', info: expect.any(String) } })
      expect(limited.headers.get('retry-after')).toBe('7')
    }
    expect((await call('GET', '/rooms')).status).toBe(200)
    expect((await call('POST', '/rooms', { name: 'limited' })).status).toBe(200)

    daily.control.failNext({ count: 1, status: 503 })
    expect(await call('GET', '/rooms')).toMatchObject({ status: 503, body: { error: 'server-error' } })
    expect((await call('GET', '/rooms')).status).toBe(200)

    await control('fail-next', { count: 1, mode: 'timeout', method: 'POST' })
    await expect(fetch(`${daily.apiUrl}/rooms`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: '{}', signal: AbortSignal.timeout(300) })).rejects.toThrow()
    // Nothing happened for the call that timed out.
    expect((await call<{ total_count: number }>('GET', '/rooms')).body.total_count).toBe(1)

    await control('rate-limits', { enforce: true })
    for (const name of ['d1', 'd2', 'd3']) await call('POST', '/rooms', { name })
    const statuses = []
    for (const name of ['d1', 'd2', 'd3']) statuses.push((await call('DELETE', `/rooms/${name}`)).status)
    expect(statuses).toEqual([200, 200, 429])
    daily.control.enforceRateLimits(false)
    expect((await call('DELETE', '/rooms/d3')).status).toBe(200)

    const log = daily.control.requests()
    expect(log.filter((r) => r.injected === 'rate_limit')).toHaveLength(2)
    expect(log.filter((r) => r.injected === 'rate_limited')).toHaveLength(1)
    expect(log.filter((r) => r.injected === 'timeout')).toHaveLength(1)
  })

  it('bad JSON and unknown control routes answer in Daily’s error shape; reset forgets everything', async () => {
    const res = await fetch(`${daily.apiUrl}/rooms`, { method: 'POST', headers: { authorization: `Bearer ${KEY}` }, body: '{"name":' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: 'invalid-request-error' })
    expect(await control('nothing')).toMatchObject({ status: 404, body: { error: 'not-found' } })
    await call('POST', '/rooms', { name: 'kept' })
    expect(await control('reset')).toMatchObject({ status: 200 })
    expect((await call('GET', '/rooms')).body).toEqual({ total_count: 0, data: [] })
  })
})
