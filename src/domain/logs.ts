export const LOG_LEVELS = ['INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]
export const LOG_ACTORS = ['USER', 'CREATOR', 'ADMIN', 'SYSTEM', 'GUEST'] as const
export type LogActor = (typeof LOG_ACTORS)[number]

/** The log actor of a signed-in user's role. */
export const logActorOf = (role: string | null): LogActor => (role === 'admin' ? 'ADMIN' : role === 'creator' ? 'CREATOR' : 'USER')

/** Retention per level in days; `null` keeps the entry forever (CRITICAL). */
export const retentionCutoffs = (
  now: Date,
  days: { info: number; warning: number; error: number },
): { level: LogLevel; before: Date }[] => [
  { level: 'INFO', before: new Date(now.getTime() - days.info * 86_400_000) },
  { level: 'WARNING', before: new Date(now.getTime() - days.warning * 86_400_000) },
  { level: 'ERROR', before: new Date(now.getTime() - days.error * 86_400_000) },
]

const SECRET_KEY = /pass(word)?|secret|token|api[-_]?key|authorization|cookie|card|cvc|iban|salt|hash/i

/** Copy of `value` with anything that looks like a secret replaced, so logs never hold one. */
export const redactSecrets = (value: unknown, depth = 0): unknown => {
  if (depth > 6 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : redactSecrets(v, depth + 1)
  }
  return out
}

/** A text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading `'`. */
export const defuseFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)
