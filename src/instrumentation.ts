/**
 * Runs once when a Next.js server boots. In production it refuses to start without the required
 * secrets (naming them), then initialises Payload, which applies pending migrations under an
 * advisory lock before the first request is served.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NODE_ENV !== 'production') return
  const { missingProductionEnv } = await import('./lib/env')
  const missing = missingProductionEnv()
  if (missing.length) {
    console.error(`Callastar refuses to start in production: missing ${missing.join(', ')}. Set them in the environment (see .env.example).`)
    process.exit(1)
  }
  const [{ getPayload }, { default: config }] = await Promise.all([import('payload'), import('@payload-config')])
  await getPayload({ config })
}
