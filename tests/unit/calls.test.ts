import { describe, expect, it } from 'vitest'

import {
  callPhase,
  callWindow,
  CLIENT_EVENT_TYPES,
  isCallOpen,
  metadataProblem,
  retryDelayMs,
  roomLifetime,
  roomNameOf,
} from '@/domain/calls'
import { dailyClient, DailyError, signDailyWebhook, verifyDailySignature } from '@/integrations/calls/daily'
import { callProvider } from '@/integrations/calls/provider'
import { iceServersFor } from '@/integrations/calls/ice'
import { mintCallToken, verifyCallToken } from '@/services/callTokens'

const booking = { startsAt: new Date('2026-06-05T14:00:00Z'), endsAt: new Date('2026-06-05T14:30:00Z') }
const at = (iso: string) => new Date(iso)

describe('the join window (SPEC §6)', () => {
  it('opens 15 minutes before the start and closes at the scheduled end', () => {
    expect(callWindow(booking)).toEqual({ opensAt: at('2026-06-05T13:45:00Z'), endsAt: at('2026-06-05T14:30:00Z') })
    expect(isCallOpen(at('2026-06-05T13:44:59.999Z'), booking)).toBe(false)
    expect(isCallOpen(at('2026-06-05T13:45:00Z'), booking)).toBe(true)
    expect(isCallOpen(at('2026-06-05T14:29:59.999Z'), booking)).toBe(true)
    expect(isCallOpen(at('2026-06-05T14:30:00Z'), booking)).toBe(false)
    expect([at('2026-06-05T13:00:00Z'), at('2026-06-05T14:00:00Z'), at('2026-06-05T14:30:00Z')].map((t) => callPhase(t, booking))).toEqual(['before', 'open', 'ended'])
  })

  it('gives a room that is joinable from the window and expires 10 minutes after the end, named from the booking', () => {
    expect(roomLifetime(booking)).toEqual({ notBefore: at('2026-06-05T13:45:00Z'), expiresAt: at('2026-06-05T14:40:00Z') })
    expect(roomNameOf(42)).toBe(roomNameOf(42))
    expect(roomNameOf(42)).not.toBe(roomNameOf(43))
    expect(roomNameOf(42)).toMatch(/^[A-Za-z0-9_-]{1,41}$/)
  })
})

describe('client call events', () => {
  it('leave attendance to the provider: joined, left and meeting events are not client types', () => {
    for (const type of ['joined', 'left', 'meeting_started', 'meeting_ended']) expect(CLIENT_EVENT_TYPES).not.toContain(type)
    expect(CLIENT_EVENT_TYPES).toContain('camera_off')
    expect(CLIENT_EVENT_TYPES).toContain('reconnecting')
  })

  it('bound metadata: an object of at most 20 keys and 2 KB', () => {
    expect(metadataProblem(undefined)).toBeNull()
    expect(metadataProblem({ device: 'Fake camera' })).toBeNull()
    expect(metadataProblem([1])).toMatch(/object/)
    expect(metadataProblem(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])))).toMatch(/20 keys/)
    expect(metadataProblem({ text: 'x'.repeat(2100) })).toMatch(/2048 bytes/)
    expect(metadataProblem({ text: 'é'.repeat(1100) })).toMatch(/bytes/)
  })
})

describe('provider and ICE configuration', () => {
  it('is Daily only with an API key', () => {
    expect(callProvider({ DAILY_API_KEY: 'key' })).toBe('daily')
    expect(callProvider({ DAILY_API_KEY: '  ' })).toBe('p2p')
    expect(callProvider({})).toBe('p2p')
  })

  it('offers STUN servers from STUN_URLS only', () => {
    expect(iceServersFor(1, new Date(), {})).toEqual([])
    expect(iceServersFor(1, new Date(), { STUN_URLS: 'stun:a.example:3478, stun:b.example:3478' })).toEqual([{ urls: ['stun:a.example:3478', 'stun:b.example:3478'] }])
  })
})

describe('p2p call tokens', () => {
  const claims = { bookingId: 7, userId: 3, role: 'creator' as const, exp: Math.floor(booking.endsAt.getTime() / 1000) }

  it('carry their claims until the scheduled end', () => {
    const token = mintCallToken(claims)
    expect(verifyCallToken(token, at('2026-06-05T14:00:00Z'))).toEqual(claims)
    expect(verifyCallToken(token, at('2026-06-05T14:30:00Z'))).toBeNull()
  })

  it('refuse any change to the claims or the signature', () => {
    const token = mintCallToken(claims)
    const [body, mac] = token.split('.')
    const forged = Buffer.from(JSON.stringify({ b: 7, u: 4, r: 'creator', e: claims.exp })).toString('base64url')
    expect(verifyCallToken(`${forged}.${mac}`, at('2026-06-05T14:00:00Z'))).toBeNull()
    expect(verifyCallToken(`${body}.${mac.slice(0, -2)}AA`, at('2026-06-05T14:00:00Z'))).toBeNull()
    expect(verifyCallToken(`${body}`, at('2026-06-05T14:00:00Z'))).toBeNull()
    expect(verifyCallToken('', at('2026-06-05T14:00:00Z'))).toBeNull()
  })
})

describe('Daily webhook signatures', () => {
  const secret = Buffer.from('a webhook secret of thirty-two by').toString('base64')
  const body = '{"version":"1.0.0","type":"participant.joined","id":"evt-1","payload":{}}'

  it('accept base64(HMAC-SHA256(base64-decoded secret, "ts.rawBody")) and nothing else', () => {
    const signature = signDailyWebhook(body, '1717596000', secret)
    expect(verifyDailySignature(body, '1717596000', signature, secret)).toBe(true)
    expect(verifyDailySignature(`${body} `, '1717596000', signature, secret)).toBe(false)
    expect(verifyDailySignature(body, '1717596001', signature, secret)).toBe(false)
    expect(verifyDailySignature(body, '1717596000', signDailyWebhook(body, '1717596000', Buffer.from('other').toString('base64')), secret)).toBe(false)
    expect(verifyDailySignature(body, null, signature, secret)).toBe(false)
    expect(verifyDailySignature(body, '1717596000', null, secret)).toBe(false)
    expect(verifyDailySignature(body, '1717596000', signature, '')).toBe(false)
    expect(verifyDailySignature(body, '1717596000', 'not base64 at all!', secret)).toBe(false)
  })
})

describe('the Daily REST client', () => {
  type Seen = { url: string; method: string; auth: string | null; body: unknown }
  const fake = (answers: (() => Response)[]) => {
    const seen: Seen[] = []
    const fetchFn = (async (url: string, init: RequestInit) => {
      seen.push({ url, method: String(init.method), auth: new Headers(init.headers).get('authorization'), body: init.body ? JSON.parse(String(init.body)) : null })
      const next = answers.shift()
      if (!next) throw new Error('no more answers')
      return next()
    }) as unknown as typeof fetch
    return { seen, fetchFn }
  }
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } })

  it('creates private rooms with the Bearer key and JSON', async () => {
    const { seen, fetchFn } = fake([json(200, { id: 'r1', name: 'room', url: 'https://x.daily.co/room', privacy: 'private', created_at: '', config: {} })])
    const daily = dailyClient({ apiKey: 'key_1', baseUrl: 'http://daily.test/v1/', fetch: fetchFn })
    const room = await daily.createRoom('room', { max_participants: 2, exp: 10 })
    expect(room.url).toBe('https://x.daily.co/room')
    expect(seen).toEqual([{ url: 'http://daily.test/v1/rooms', method: 'POST', auth: 'Bearer key_1', body: { name: 'room', privacy: 'private', properties: { max_participants: 2, exp: 10 } } }])
  })

  it('turns Daily error bodies into typed errors', async () => {
    const { fetchFn } = fake([json(400, { error: 'invalid-request-error', info: 'a room named room already exists' }), json(500, { error: 'server-error', info: 'boom' })])
    const daily = dailyClient({ apiKey: 'k', baseUrl: 'http://daily.test/v1', fetch: fetchFn })
    const first = await daily.createRoom('room', {}).catch((e: unknown) => e)
    expect(first).toBeInstanceOf(DailyError)
    expect(first).toMatchObject({ status: 400, type: 'invalid-request-error', info: 'a room named room already exists', transient: false })
    expect(await daily.getRoom('room').catch((e: unknown) => e)).toMatchObject({ status: 500, type: 'server-error', transient: true })
  })

  it('waits out 429 with Retry-After, then exponential backoff, and gives up after the last attempt', async () => {
    const waits: number[] = []
    const limited = json(429, { error: 'rate-limit-error', info: 'slow down' }, { 'retry-after': '2' })
    const limitedBare = json(429, { error: 'rate-limit-error', info: 'slow down' })
    const { seen, fetchFn } = fake([limited, limitedBare, json(200, { deleted: true, name: 'room' })])
    const daily = dailyClient({ apiKey: 'k', baseUrl: 'http://daily.test/v1', fetch: fetchFn, sleep: async (ms) => void waits.push(ms) })
    expect(await daily.deleteRoom('room')).toEqual({ deleted: true, name: 'room' })
    expect(waits).toEqual([2000, 1000])
    expect(seen).toHaveLength(3)

    const always = fake([limitedBare, limitedBare, limitedBare])
    const capped = dailyClient({ apiKey: 'k', baseUrl: 'http://daily.test/v1', fetch: always.fetchFn, maxAttempts: 3, sleep: async () => {} })
    expect(await capped.getRoom('room').catch((e: unknown) => e)).toMatchObject({ status: 429, type: 'rate-limit-error' })
    expect(always.seen).toHaveLength(3)
    expect(retryDelayMs(10, null)).toBe(10_000)
    expect(retryDelayMs(0, 3600)).toBe(10_000)
  })

  it('counts a room already gone as deleted, and reports no answer as a timeout', async () => {
    const { fetchFn } = fake([json(404, { error: 'not-found', info: 'room room not found' })])
    expect(await dailyClient({ apiKey: 'k', fetch: fetchFn }).deleteRoom('room')).toEqual({ deleted: true, name: 'room', alreadyGone: true })
    const slow = (async (_url: string, init: RequestInit) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)))) as unknown as typeof fetch
    const error = await dailyClient({ apiKey: 'k', fetch: slow, timeoutMs: 20 }).getRoom('room').catch((e: unknown) => e)
    expect(error).toMatchObject({ status: 0, type: 'timeout', transient: true })
  })
})
