/**
 * Email delivery rows (`email_logs`). Every status write goes through `moveStatus` on the email
 * machine: the claim for sending is what stops two workers from sending one email twice.
 */
import { EMAIL_TRANSITIONS, type EmailStatus } from '@/domain/transitions'

import { sql, type Run } from './run'
import { moveStatus } from './status'

export type ClaimedEmail = { id: number; attempts: string | number; to: string; subject: string; html: string; text: string | null; attachments: unknown }

/** `queued`/`retrying` → `sending`, counting the attempt; nothing when another worker has it (or it is done). */
export const claimEmailForSending = (run: Run, id: number): Promise<ClaimedEmail | undefined> =>
  moveStatus<EmailStatus, ClaimedEmail>(run, {
    table: 'email_logs',
    machine: EMAIL_TRANSITIONS,
    id,
    to: 'sending',
    set: sql`attempts = attempts + 1`,
    returning: sql`id, attempts, "to", subject, html, text, attachments`,
  })

/** No provider after all: the claimed email stays stored here, its attempt not counted. */
export const markEmailStored = (run: Run, id: number, attempts: number) =>
  moveStatus(run, { table: 'email_logs', machine: EMAIL_TRANSITIONS, id, to: 'stored', from: 'sending', set: sql`attempts = ${attempts}` })

export const markEmailSent = (run: Run, id: number, providerId: string, sentAt: Date) =>
  moveStatus(run, {
    table: 'email_logs',
    machine: EMAIL_TRANSITIONS,
    id,
    to: 'sent',
    set: sql`provider_id = ${providerId}, sent_at = ${sentAt.toISOString()}, last_error = NULL, next_attempt_at = NULL`,
  })

/** A failed attempt: `retrying` at `nextAttemptAt`, or `failed` when there is none left. */
export const markEmailAttemptFailed = (run: Run, id: number, error: string, nextAttemptAt: Date | null) =>
  moveStatus(run, {
    table: 'email_logs',
    machine: EMAIL_TRANSITIONS,
    id,
    to: nextAttemptAt ? 'retrying' : 'failed',
    set: sql`last_error = ${error}, next_attempt_at = ${nextAttemptAt?.toISOString() ?? null}`,
  })

/** An admin's resend: back to `queued` (or `stored` without a provider) with a fresh attempt budget. */
export const requeueEmail = (run: Run, id: number, to: 'queued' | 'stored') =>
  moveStatus(run, {
    table: 'email_logs',
    machine: EMAIL_TRANSITIONS,
    id,
    to,
    set: sql`attempts = 0, last_error = NULL, next_attempt_at = NULL`,
  })
