/**
 * `npx tsx scripts/stripe-emulator.ts` — the Stripe emulator on its own, for `npm run dev` and for
 * poking at by hand. The app finds it through STRIPE_EMULATOR_URL (default http://127.0.0.1:12111)
 * whenever STRIPE_SECRET_KEY is unset. With STRIPE_EMULATOR_STATE_FILE (`npm run dev` sets it
 * beside its database) the state is kept in that file across restarts; without it, in memory.
 */
import { DEV_STRIPE_WEBHOOK_SECRET } from '../src/integrations/stripe/client'
import { startStripeEmulator } from '../emulators/stripe'

const port = Number(process.env.STRIPE_EMULATOR_PORT || 12111)
const webhookUrl = process.env.STRIPE_WEBHOOK_URL || `http://localhost:${process.env.PORT || 3000}/api/stripe/webhook`
const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET || DEV_STRIPE_WEBHOOK_SECRET

const emulator = await startStripeEmulator({
  port,
  host: process.env.STRIPE_EMULATOR_HOST || '127.0.0.1',
  publicUrl: process.env.STRIPE_EMULATOR_PUBLIC_URL || undefined,
  webhookUrl,
  webhookSecret,
  stateFile: process.env.STRIPE_EMULATOR_STATE_FILE || undefined,
})
console.log(`[stripe-emulator] Stripe API on ${emulator.url}/v1 (control: ${emulator.url}/emulator/…)`)
if (process.env.STRIPE_EMULATOR_STATE_FILE) console.log(`[stripe-emulator] state kept in ${process.env.STRIPE_EMULATOR_STATE_FILE}`)
console.log(`[stripe-emulator] events → ${webhookUrl}, signed with ${webhookSecret === DEV_STRIPE_WEBHOOK_SECRET ? 'the dev secret' : 'STRIPE_WEBHOOK_SECRET'}`)

const stop = async () => {
  await emulator.close()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
