/** Email delivery policy: 5 attempts in all, spaced further apart each time. */
export const MAX_EMAIL_ATTEMPTS = 5
const BACKOFF_MINUTES = [1, 5, 15, 60]

/** When to try again after `attempts` failed tries, or `null` when the email has failed for good. */
export const nextEmailAttemptAt = (attempts: number, from: Date): Date | null => {
  if (attempts >= MAX_EMAIL_ATTEMPTS) return null
  const minutes = BACKOFF_MINUTES[Math.min(attempts - 1, BACKOFF_MINUTES.length - 1)] ?? 1
  return new Date(from.getTime() + minutes * 60_000)
}
