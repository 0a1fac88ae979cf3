/** Email delivery policy: 5 attempts in all, spaced further apart each time. */
export const MAX_EMAIL_ATTEMPTS = 5
const BACKOFF_MINUTES = [1, 5, 15, 60]

/** When to try again after `attempts` failed tries, or `null` when the email has failed for good. */
export const nextEmailAttemptAt = (attempts: number, from: Date): Date | null => {
  if (attempts >= MAX_EMAIL_ATTEMPTS) return null
  const minutes = BACKOFF_MINUTES[Math.min(attempts - 1, BACKOFF_MINUTES.length - 1)] ?? 1
  return new Date(from.getTime() + minutes * 60_000)
}

/** A file sent with an email (a call's .ics): text content, stored on the email's log row and sent as is. */
export type EmailAttachment = { filename: string; contentType: string; content: string }

/** The attachments stored on an email log row (JSON), or none when the value is not a list of them. */
export const attachmentsOf = (value: unknown): EmailAttachment[] =>
  Array.isArray(value)
    ? value.filter((a): a is EmailAttachment => typeof a?.filename === 'string' && typeof a?.contentType === 'string' && typeof a?.content === 'string')
    : []
