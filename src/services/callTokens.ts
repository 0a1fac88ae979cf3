/**
 * The peer-to-peer provider's join token: an opaque signed token the signalling endpoints accept.
 * `<base64url(claims)>.<base64url(HMAC-SHA256)>` keyed from PAYLOAD_SECRET (with a purpose label, so
 * it is never interchangeable with anything else signed by that secret). Claims: bookingId, userId,
 * role (fan / creator) and exp (unix seconds, the scheduled end).
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

import { payloadSecret } from '@/lib/env'
import { now } from '@/lib/clock'

export type CallTokenClaims = { bookingId: number; userId: number; role: 'fan' | 'creator'; exp: number }

const key = () => createHmac('sha256', payloadSecret()).update('callastar/call-token/v1').digest()
const sign = (body: string) => createHmac('sha256', key()).update(body).digest('base64url')

export const mintCallToken = (claims: CallTokenClaims): string => {
  const body = Buffer.from(JSON.stringify({ b: claims.bookingId, u: claims.userId, r: claims.role, e: claims.exp })).toString('base64url')
  return `${body}.${sign(body)}`
}

/** The claims of a genuine, unexpired token (at `at`), else null. */
export const verifyCallToken = (token: string | null | undefined, at: Date = now()): CallTokenClaims | null => {
  if (!token) return null
  const [body, mac, extra] = token.split('.')
  if (!body || !mac || extra !== undefined) return null
  const expected = Buffer.from(sign(body))
  const given = Buffer.from(mac)
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  try {
    const c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { b: unknown; u: unknown; r: unknown; e: unknown }
    if (!Number.isSafeInteger(c.b) || !Number.isSafeInteger(c.u) || (c.r !== 'fan' && c.r !== 'creator') || typeof c.e !== 'number') return null
    if (c.e * 1000 <= at.getTime()) return null
    return { bookingId: c.b as number, userId: c.u as number, role: c.r, exp: c.e }
  } catch {
    return null
  }
}
