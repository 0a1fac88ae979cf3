/**
 * Daily's webhooks (SPEC §6, notes/calls.md "Daily webhooks"): the signature is checked on the raw
 * body, the event stored once (webhook-events, provider `daily`, unique event id) and processed by
 * the `process-daily-event` job into provider call events — the authoritative attendance.
 */
import type { Payload } from 'payload'

import { bookingIdOfRoom, callBookingOf, insertCallEvent } from '@/db/calls'
import { runner, withTransaction } from '@/db/run'
import { claimWebhookEvent, failWebhookEvent, finishWebhookEvent, storeWebhookEvent } from '@/db/webhookEvents'
import { Refusal } from '@/domain/refusal'
import { verifyDailySignature } from '@/integrations/calls/daily'
import { now } from '@/lib/clock'

import { logSystem } from './logs'

export const PROCESS_DAILY_EVENT_TASK = 'process-daily-event'

export type DailyWebhookReceipt = { received: true; test?: true; duplicate?: true }

type DailyEvent = { version?: string; type: string; id: string; event_ts?: number; payload?: Record<string, unknown> }

const isTestPing = (raw: string): boolean => {
  try {
    const body = JSON.parse(raw) as unknown
    return typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 1 && (body as { test?: unknown }).test === 'test'
  } catch {
    return false
  }
}

/**
 * POST /api/daily/webhook: Daily's registration ping `{"test":"test"}` is answered 200 before any
 * signature check (Daily sends it unsigned); anything else needs a valid signature (400 otherwise,
 * logged), is stored once and queued. Duplicates are acknowledged and change nothing.
 */
export const receiveDailyWebhook = async (
  payload: Payload,
  raw: string,
  headers: { timestamp: string | null; signature: string | null },
  secret: string = process.env.DAILY_WEBHOOK_SECRET ?? '',
): Promise<DailyWebhookReceipt> => {
  if (isTestPing(raw)) return { received: true, test: true }
  if (!verifyDailySignature(raw, headers.timestamp, headers.signature, secret)) {
    await logSystem(payload, {
      level: 'WARNING',
      type: 'daily.webhook_rejected',
      message: 'Daily webhook refused: signature could not be verified',
      metadata: { reason: !secret ? 'DAILY_WEBHOOK_SECRET is not set' : !headers.signature || !headers.timestamp ? 'missing signature headers' : 'signature mismatch', bytes: raw.length },
    })
    throw new Refusal(400, 'INVALID_SIGNATURE', 'Invalid Daily signature.')
  }
  let event: DailyEvent
  try {
    event = JSON.parse(raw) as DailyEvent
  } catch {
    throw new Refusal(400, 'INVALID_JSON', 'The webhook body is not valid JSON.')
  }
  if (typeof event?.id !== 'string' || !event.id || typeof event.type !== 'string') throw new Refusal(400, 'INVALID_INPUT', 'A Daily event needs an id and a type.', 'id')
  const stored = await storeWebhookEvent(runner(payload), { provider: 'daily', eventId: event.id, type: event.type, receivedAt: now(), payload: raw })
  if (!stored) return { received: true, duplicate: true }
  await payload.jobs.queue({ task: PROCESS_DAILY_EVENT_TASK, input: { webhookEventId: stored } })
  return { received: true }
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null)
const fromUnix = (seconds: number | null): Date | null => (seconds === null ? null : new Date(seconds * 1000))

export type DailyEventOutcome = 'recorded' | 'ignored'

/**
 * The `process-daily-event` job: claims the stored event; participant.joined/left become provider
 * `joined`/`left` call events (actor = our user id carried by the meeting token, metadata.role fan
 * or creator, sessionId), meeting.started/ended become `meeting_started`/`meeting_ended`. The event
 * and the webhook row's outcome commit together; a failure is recorded and rethrown (retry).
 * Not cross-checked with Daily's meetings API here (the summary and completion read these rows).
 */
export const processDailyEvent = async (payload: Payload, webhookEventId: number): Promise<DailyEventOutcome | null> => {
  const claimed = await claimWebhookEvent<DailyEvent>(runner(payload), webhookEventId)
  if (!claimed) return null
  const event = claimed.payload
  try {
    const outcome = await withTransaction(payload, async (_req, run) => {
      const p = event.payload ?? {}
      const room = typeof p.room === 'string' ? p.room : null
      const bookingId = room ? await bookingIdOfRoom(run, room) : undefined
      const b = bookingId ? await callBookingOf(run, bookingId) : undefined
      let recorded = false
      if (b) {
        const base = { bookingId: b.id, source: 'provider' as const }
        const meta = { provider: 'daily', eventId: event.id, room }
        switch (event.type) {
          case 'participant.joined':
          case 'participant.left': {
            const userId = Number(p.user_id)
            const role = userId === b.fan_id ? 'fan' : userId === b.creator_user_id ? 'creator' : null
            const joinedAt = num(p.joined_at)
            const duration = num(p.duration)
            const at =
              event.type === 'participant.joined'
                ? fromUnix(joinedAt)
                : joinedAt !== null && duration !== null
                  ? fromUnix(joinedAt + duration)
                  : fromUnix(num(event.event_ts))
            await insertCallEvent(run, {
              ...base,
              actorId: role ? userId : null,
              type: event.type === 'participant.joined' ? 'joined' : 'left',
              at: at ?? now(),
              metadata: { ...meta, ...(role ? { role } : { dailyUserId: p.user_id ?? null }), sessionId: p.session_id ?? null, ...(duration !== null ? { duration } : {}) },
            })
            recorded = true
            break
          }
          case 'meeting.started':
          case 'meeting.ended':
            await insertCallEvent(run, {
              ...base,
              actorId: null,
              type: event.type === 'meeting.started' ? 'meeting_started' : 'meeting_ended',
              at: fromUnix(num(event.type === 'meeting.started' ? p.start_ts : p.end_ts)) ?? fromUnix(num(event.event_ts)) ?? now(),
              metadata: { ...meta, meetingId: p.meeting_id ?? null },
            })
            recorded = true
            break
        }
      }
      const result: DailyEventOutcome = recorded ? 'recorded' : 'ignored'
      await finishWebhookEvent(run, webhookEventId, recorded ? 'processed' : 'ignored')
      return result
    })
    await logSystem(payload, {
      level: 'INFO',
      type: 'daily.webhook_processed',
      message: `Daily ${event.type} ${event.id}: ${outcome}`,
      metadata: { eventId: event.id, type: event.type, outcome, webhookEventId },
    })
    return outcome
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    await failWebhookEvent(runner(payload), webhookEventId, message.slice(0, 2000))
    await logSystem(payload, { level: 'ERROR', type: 'daily.webhook_failed', message: `Daily ${event.type} ${event.id} failed: ${message}`, metadata: { eventId: event.id, webhookEventId } })
    throw error
  }
}
