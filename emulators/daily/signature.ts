/**
 * Daily's webhook signature (../../shared/notes/calls.md): headers `X-Webhook-Timestamp` and
 * `X-Webhook-Signature`, where signature = base64(HMAC-SHA256(key = base64-decode(hmac secret),
 * message = `<timestamp>.<raw body>`)). Exported so tests (and, as a reference, our receiver) can
 * sign and check deliveries exactly as the emulator does.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const SIGNATURE_HEADER = 'x-webhook-signature'
export const TIMESTAMP_HEADER = 'x-webhook-timestamp'

/** A fresh webhook secret as Daily hands them out when none is given: random bytes, base64. */
export const newWebhookSecret = (): string => randomBytes(32).toString('base64')

export const isBase64 = (value: string): boolean => value.length > 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length % 4 === 0

export const signDailyWebhook = (secret: string, timestamp: string | number, rawBody: string | Buffer): string =>
  createHmac('sha256', Buffer.from(secret, 'base64'))
    .update(Buffer.concat([Buffer.from(`${timestamp}.`, 'utf8'), typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody]))
    .digest('base64')

/** True when `signature` is the one Daily would send for this timestamp and raw body (constant-time compare). */
export const verifyDailyWebhook = (input: { secret: string; timestamp: string | null | undefined; signature: string | null | undefined; rawBody: string | Buffer }): boolean => {
  if (!input.timestamp || !input.signature) return false
  const expected = Buffer.from(signDailyWebhook(input.secret, input.timestamp, input.rawBody), 'utf8')
  const given = Buffer.from(input.signature, 'utf8')
  return expected.length === given.length && timingSafeEqual(expected, given)
}
