/**
 * Runs once when a production server boots: refuses to start without the required secrets (naming
 * them), then initialises Payload, which applies pending migrations under an advisory lock before
 * the first request is served.
 */
import { missingProductionEnv } from './lib/env'

if (process.env.NODE_ENV === 'production') {
  const missing = missingProductionEnv()
  if (missing.length) {
    console.error(`Callastar refuses to start in production: missing ${missing.join(', ')}. Set them in the environment (see .env.example).`)
    process.exit(1)
  }
  const [{ getPayload }, { default: config }] = await Promise.all([import('payload'), import('@payload-config')])
  await getPayload({ config })
}
