import { randomBytes } from 'node:crypto'

/** Environment access in one place: what is required in production and what each default is. */

export const isProduction = (): boolean => process.env.NODE_ENV === 'production'

export const serverUrl = (): string =>
  (process.env.NEXT_PUBLIC_SERVER_URL || process.env.SERVER_URL || `http://localhost:${process.env.PORT || 3000}`).replace(/\/$/, '')

/** Secrets without which a production instance must not start (SPEC §15). */
export const REQUIRED_IN_PRODUCTION = ['PAYLOAD_SECRET', 'DATABASE_URL', 'CRON_SECRET'] as const

export const missingProductionEnv = (env: NodeJS.ProcessEnv = process.env): string[] =>
  REQUIRED_IN_PRODUCTION.filter((name) => !env[name] || env[name]!.trim() === '')

/** Throws naming every missing variable; called at boot of the web server and the worker. */
export const assertProductionEnv = (env: NodeJS.ProcessEnv = process.env): void => {
  const missing = missingProductionEnv(env)
  if (missing.length) {
    throw new Error(
      `Callastar refuses to start in production: missing ${missing.join(', ')}. Set ${missing.length > 1 ? 'them' : 'it'} in the environment (see .env.example).`,
    )
  }
}

/**
 * The secret for sessions and API keys. Outside production a fixed dev value; in production a
 * missing secret is refused at boot (instrumentation, worker) — tools such as the build or
 * `payload migrate` get a random throwaway value, so nothing is ever signed with a known secret.
 */
let throwaway: string | undefined
export const payloadSecret = (): string => {
  const secret = process.env.PAYLOAD_SECRET
  if (secret) return secret
  if (!isProduction()) return 'dev-only-secret-not-for-production'
  throwaway ??= randomBytes(32).toString('hex')
  return throwaway
}

export const emailFrom = (): string => process.env.EMAIL_FROM || 'Callastar <hello@callastar.local>'
