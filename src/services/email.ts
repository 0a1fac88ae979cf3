import type { Payload, PayloadRequest } from 'payload'

import { claimEmailForSending, markEmailAttemptFailed, markEmailSent, markEmailStored, requeueEmail } from '@/db/email'
import { runner } from '@/db/run'
import { attachmentsOf, nextEmailAttemptAt, type EmailAttachment } from '@/domain/email'
import { validTimeZone, type FormatContext } from '@/i18n/format'
import { localeOf } from '@/i18n/locale'
import { emailProviderConfigured, sendWithResend } from '@/integrations/email/resend'
import { now } from '@/lib/clock'
import { renderEmail, type TemplateData, type TemplateName } from '@/messages/emails/templates'

import { logSystem } from './logs'

export type Recipient = { email: string; userId?: number | null; locale?: string | null; timezone?: string | null }

export type SendEmailInput<T extends TemplateName> = {
  /** Pass inside a hook or multi-write use case: the email row and its job commit with the data. */
  req?: PayloadRequest
  template: T
  to: Recipient
  data: TemplateData<T>
  /** Same key, same email: a second call returns the first email instead of sending twice. */
  idempotencyKey?: string
  /** Files sent with it (a call's .ics), kept on the log row. */
  attachments?: EmailAttachment[]
}

const contextOf = (to: Recipient): FormatContext => ({ locale: localeOf(to.locale), timeZone: validTimeZone(to.timezone) ?? 'UTC' })

/**
 * The one way to send an email. Renders the template in the recipient's language and timezone,
 * records it in `email-logs`, and queues delivery. Never throws because of the provider: delivery
 * happens later in the `send-email` job, with retries (SPEC §8).
 */
export const sendEmail = async <T extends TemplateName>(payload: Payload, input: SendEmailInput<T>): Promise<number> => {
  const { req } = input
  if (input.idempotencyKey) {
    const existing = await payload.find({
      collection: 'email-logs',
      where: { idempotencyKey: { equals: input.idempotencyKey } },
      limit: 1,
      depth: 0,
      req,
    })
    if (existing.docs[0]) return existing.docs[0].id
  }
  const ctx = contextOf(input.to)
  const rendered = renderEmail(input.template, ctx, input.data)
  const configured = emailProviderConfigured()
  const log = await payload.create({
    collection: 'email-logs',
    data: {
      to: input.to.email,
      user: input.to.userId ?? undefined,
      template: input.template,
      locale: ctx.locale,
      subject: rendered.subject,
      html: rendered.html,
      text: rendered.text,
      status: configured ? 'queued' : 'stored',
      attempts: 0,
      idempotencyKey: input.idempotencyKey,
      ...(input.attachments?.length ? { attachments: input.attachments } : {}),
    },
    req,
    overrideAccess: true,
    depth: 0,
  })
  if (configured) await queueDelivery(payload, log.id, req)
  return log.id
}

/** An already-rendered email (from Payload internals): recorded and delivered like the others. */
export const sendRawEmail = async (
  payload: Payload,
  email: { to: string; subject: string; html: string; text: string; req?: PayloadRequest },
): Promise<number> => {
  const configured = emailProviderConfigured()
  const log = await payload.create({
    collection: 'email-logs',
    data: { to: email.to, template: 'raw', subject: email.subject, html: email.html, text: email.text, status: configured ? 'queued' : 'stored', attempts: 0 },
    req: email.req,
    overrideAccess: true,
    depth: 0,
  })
  if (configured) await queueDelivery(payload, log.id, email.req)
  return log.id
}

export const queueDelivery = async (payload: Payload, emailLogId: number, req?: PayloadRequest): Promise<void> => {
  await payload.jobs.queue({ task: 'send-email', input: { emailLogId }, req })
}

export type DeliveryOutcome = 'sent' | 'stored' | 'retrying' | 'failed' | 'skipped'

/**
 * One delivery attempt. Claims the email with a conditional update so two workers never send it
 * twice; on failure schedules the next attempt (backoff) or marks it failed after the 5th.
 */
export const attemptDelivery = async (payload: Payload, emailLogId: number): Promise<DeliveryOutcome> => {
  const run = runner(payload)
  const row = await claimEmailForSending(run, emailLogId)
  if (!row) return 'skipped'
  const attempts = Number(row.attempts)
  if (!emailProviderConfigured()) {
    await markEmailStored(run, emailLogId, attempts - 1)
    return 'stored'
  }
  try {
    const providerId = await sendWithResend({
      to: String(row.to),
      subject: String(row.subject),
      html: String(row.html),
      text: String(row.text ?? ''),
      idempotencyKey: `email-log/${emailLogId}`,
      attachments: attachmentsOf(row.attachments),
    })
    await markEmailSent(run, emailLogId, providerId, now())
    return 'sent'
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const next = nextEmailAttemptAt(attempts, now())
    await markEmailAttemptFailed(run, emailLogId, message.slice(0, 1000), next)
    await logSystem(payload, {
      level: next ? 'WARNING' : 'ERROR',
      type: next ? 'email.retry' : 'email.failed',
      message: next
        ? `Email ${emailLogId} attempt ${attempts} failed; next attempt at ${next.toISOString()}`
        : `Email ${emailLogId} failed after ${attempts} attempts`,
      metadata: { emailLogId, attempts, error: message },
    })
    return next ? 'retrying' : 'failed'
  }
}

/** Admin "resend": puts any email back in the queue with a fresh attempt budget. */
export const resendEmail = async (payload: Payload, emailLogId: number, adminId: number): Promise<'queued' | 'stored'> => {
  const configured = emailProviderConfigured()
  await requeueEmail(runner(payload), emailLogId, configured ? 'queued' : 'stored')
  if (configured) await queueDelivery(payload, emailLogId)
  await logSystem(payload, {
    level: 'INFO',
    type: 'admin.email_resend',
    actor: 'ADMIN',
    actorId: adminId,
    message: `Admin ${adminId} resent email ${emailLogId}`,
    metadata: { emailLogId, providerConfigured: configured },
  })
  return configured ? 'queued' : 'stored'
}

/** Emails whose next attempt is due (the retry job's work list). */
export const dueRetries = async (payload: Payload, limit = 100): Promise<number[]> => {
  const due = await payload.find({
    collection: 'email-logs',
    where: { and: [{ status: { equals: 'retrying' } }, { nextAttemptAt: { less_than_equal: now().toISOString() } }] },
    limit,
    depth: 0,
    sort: 'nextAttemptAt',
    select: {},
  })
  return due.docs.map((d) => d.id)
}

/** The retry job: one more attempt for every email whose backoff has elapsed (up to 200 a run). */
export const retryEmails = async (payload: Payload): Promise<Record<string, number>> => {
  const counts: Record<string, number> = { due: 0, sent: 0, retrying: 0, failed: 0, stored: 0, skipped: 0 }
  const ids = await dueRetries(payload, 200)
  counts.due = ids.length
  for (const id of ids) counts[await attemptDelivery(payload, id)]++
  return counts
}
