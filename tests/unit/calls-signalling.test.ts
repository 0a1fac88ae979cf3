import { describe, expect, it } from 'vitest'

import { callWindow, isCallOpen, resumeIdOf, signalAccess, sseMessage } from '@/domain/calls'
import { iceServersFor, turnCredential } from '@/integrations/calls/ice'

const startsAt = new Date('2026-12-01T17:00:00Z')
const endsAt = new Date('2026-12-01T17:30:00Z')
const booking = { status: 'confirmed', fanUserId: 1, creatorUserId: 2, startsAt, endsAt }
const at = (iso: string) => new Date(iso)

describe('the join window', () => {
  it('opens 15 minutes before the start and closes at the scheduled end', () => {
    expect(callWindow(booking)).toEqual({ opensAt: at('2026-12-01T16:45:00Z'), endsAt })
    expect(isCallOpen(at('2026-12-01T16:44:59.999Z'), booking)).toBe(false)
    expect(isCallOpen(at('2026-12-01T16:45:00Z'), booking)).toBe(true)
    expect(isCallOpen(at('2026-12-01T17:29:59.999Z'), booking)).toBe(true)
    expect(isCallOpen(endsAt, booking)).toBe(false)
  })
})

describe('signalAccess', () => {
  const inside = at('2026-12-01T17:10:00Z')
  it('lets the fan and the creator in, inside the window, with their role', () => {
    expect(signalAccess(booking, 1, inside)).toMatchObject({ ok: true, role: 'fan', endsAt })
    expect(signalAccess(booking, 2, inside)).toMatchObject({ ok: true, role: 'creator' })
  })
  it('refuses: unknown 404, others 403, not confirmed 409, before 403 CALL_NOT_OPEN with the opening, after 403 CALL_ENDED', () => {
    expect(signalAccess(null, 1, inside)).toMatchObject({ ok: false, status: 404 })
    expect(signalAccess(booking, 3, inside)).toMatchObject({ ok: false, status: 403, code: 'FORBIDDEN' })
    expect(signalAccess({ ...booking, status: 'cancelled' }, 1, inside)).toMatchObject({ ok: false, status: 409, code: 'BOOKING_NOT_CONFIRMED' })
    expect(signalAccess(booking, 1, at('2026-12-01T16:00:00Z'))).toEqual({ ok: false, status: 403, code: 'CALL_NOT_OPEN', opensAt: at('2026-12-01T16:45:00Z') })
    expect(signalAccess(booking, 2, endsAt)).toMatchObject({ ok: false, status: 403, code: 'CALL_ENDED' })
  })
  it('checks the participant before the status (a stranger learns nothing about the booking)', () => {
    expect(signalAccess({ ...booking, status: 'cancelled' }, 3, inside)).toMatchObject({ status: 403 })
  })
})

describe('Server-Sent Events', () => {
  it('writes id, event and one data line', () => {
    expect(sseMessage({ id: 7, data: { kind: 'candidate', body: { a: 'x\ny' } } })).toBe('id: 7\ndata: {"kind":"candidate","body":{"a":"x\\ny"}}\n\n')
    expect(sseMessage({ event: 'end', data: { reason: 'scheduled_end' } })).toBe('event: end\ndata: {"reason":"scheduled_end"}\n\n')
  })
  it('reads a resume point only from a plain non-negative integer', () => {
    expect(resumeIdOf('42')).toBe(42)
    expect(resumeIdOf(' 0 ')).toBe(0)
    expect(resumeIdOf('-1')).toBeNull()
    expect(resumeIdOf('1e3')).toBeNull()
    expect(resumeIdOf('')).toBeNull()
    expect(resumeIdOf(null)).toBeNull()
    expect(resumeIdOf('99999999999999999999')).toBeNull()
  })
})

describe('iceServersFor', () => {
  const expiresAt = at('2026-01-01T00:00:00Z') // 1767225600

  it('gives nothing without STUN_URLS or TURN_URLS (loopback and LANs need no ICE server)', () => {
    expect(iceServersFor(42, expiresAt, {})).toEqual([])
  })

  it('lists STUN servers from the comma-separated STUN_URLS', () => {
    expect(iceServersFor(42, expiresAt, { STUN_URLS: ' stun:stun.example.com:3478, stun:stun2.example.com ,' })).toEqual([
      { urls: ['stun:stun.example.com:3478', 'stun:stun2.example.com'] },
    ])
  })

  it('gives TURN with coturn use-auth-secret credentials: <expiry unix>:<userId>, base64(HMAC-SHA1(secret, username))', () => {
    const servers = iceServersFor(42, expiresAt, { TURN_URLS: 'turn:turn.example.com:3478?transport=udp,turns:turn.example.com:5349', TURN_SECRET: 's3cret' })
    // Checked against: echo -n "1767225600:42" | openssl dgst -sha1 -hmac s3cret -binary | base64
    expect(servers).toEqual([
      { urls: ['turn:turn.example.com:3478?transport=udp', 'turns:turn.example.com:5349'], username: '1767225600:42', credential: '5Vyo1uzZ1GnzKGprqZ5+AD+Fz6I=' },
    ])
    expect(turnCredential('s3cret', '1767225600:42')).toBe('5Vyo1uzZ1GnzKGprqZ5+AD+Fz6I=')
  })

  it('offers no TURN without TURN_SECRET (no static credentials in browsers)', () => {
    expect(iceServersFor(42, expiresAt, { TURN_URLS: 'turn:turn.example.com' })).toEqual([])
  })

  it('reads process.env by default', () => {
    process.env.STUN_URLS = 'stun:a'
    try {
      expect(iceServersFor(1, expiresAt)).toEqual([{ urls: ['stun:a'] }])
    } finally {
      delete process.env.STUN_URLS
    }
  })
})
