/**
 * Stored provider webhook events (DESIGN.md: store the event once, answer fast, process in a job).
 * One row per provider event id; a worker claims a row by moving it to `processing`, then records
 * the outcome — each a guarded status move.
 */
import { WEBHOOK_TRANSITIONS, type WebhookStatus } from '@/domain/transitions'

import { sql, type Run } from './run'
import { moveStatus } from './status'

/** Stores a verified event as `received`; undefined when this provider event id is already stored. */
export const storeWebhookEvent = async (
  run: Run,
  e: { provider: 'stripe' | 'daily'; eventId: string; type: string; receivedAt: Date; payload: string },
): Promise<number | undefined> =>
  (
    await run<{ id: number }>(sql`
      INSERT INTO webhook_events (provider, event_id, type, received_at, status, attempts, payload, updated_at, created_at)
      VALUES (${e.provider}, ${e.eventId}, ${e.type}, ${e.receivedAt.toISOString()}, 'received', 0, ${e.payload}, now(), now())
      ON CONFLICT DO NOTHING RETURNING id`)
  )[0]?.id

/**
 * Claims an event for processing (one attempt more). A worker that died mid-event leaves it
 * `processing`; after five minutes a retry may take it back. Undefined when it is not claimable.
 */
export const claimWebhookEvent = <P>(run: Run, webhookEventId: number) =>
  moveStatus<WebhookStatus, { payload: P; type: string; event_id: string }>(run, {
    table: 'webhook_events',
    machine: WEBHOOK_TRANSITIONS,
    id: webhookEventId,
    to: 'processing',
    set: sql`attempts = attempts + 1`,
    where: sql`status <> 'processing' OR updated_at < now() - interval '5 minutes'`,
    returning: sql`payload, type, event_id`,
  })

/** The claimed event is done: `processed`, or `ignored` when nothing in it concerned us. */
export const finishWebhookEvent = (run: Run, webhookEventId: number, outcome: 'processed' | 'ignored') =>
  moveStatus(run, { table: 'webhook_events', machine: WEBHOOK_TRANSITIONS, id: webhookEventId, to: outcome, from: 'processing', set: sql`processed_at = now(), error = NULL` })

/** The claimed event failed with `error` (the job retries it). */
export const failWebhookEvent = (run: Run, webhookEventId: number, error: string) =>
  moveStatus(run, { table: 'webhook_events', machine: WEBHOOK_TRANSITIONS, id: webhookEventId, to: 'failed', from: 'processing', set: sql`error = ${error}` })
