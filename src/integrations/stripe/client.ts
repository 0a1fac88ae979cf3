/**
 * The one Stripe client of the app: the official SDK, built from env. With `STRIPE_SECRET_KEY` it
 * talks to Stripe; without it the same SDK is pointed at our emulator (emulators/stripe/, started by
 * the dev command and the tests), so every environment runs the same code path. src/ never imports
 * emulators/ (the production image leaves it out).
 */
import Stripe from 'stripe'

/** The version the installed SDK's types describe; pinned so a dashboard upgrade cannot change shapes under us. */
export const STRIPE_API_VERSION = Stripe.API_VERSION
export const DEFAULT_STRIPE_EMULATOR_URL = 'http://127.0.0.1:12111'
export const STRIPE_EMULATOR_SECRET_KEY = 'sk_test_emulator'
/** Shared by the app and the emulator script when STRIPE_WEBHOOK_SECRET is unset outside production. */
export const DEV_STRIPE_WEBHOOK_SECRET = 'whsec_dev_emulator'
const DEFAULT_TIMEOUT_MS = 20_000
/** Retries reuse the SDK's automatic idempotency key, so a retried create never makes a second object. */
const DEFAULT_MAX_NETWORK_RETRIES = 2

export type StripeMode = 'live' | 'test' | 'emulator'
/** `process.env` or any subset of it (tests pass plain objects). */
type Env = Record<string, string | undefined>

export type StripeSettings = {
  mode: StripeMode
  apiKey: string
  /** Set in emulator mode: where the emulator's API and control endpoints are. */
  emulatorUrl: string | null
  config: Stripe.StripeConfig
}

const isProduction = (env: Env) => env.NODE_ENV === 'production'

export const stripeMode = (env: Env = process.env): StripeMode => {
  const key = env.STRIPE_SECRET_KEY?.trim()
  if (!key) return 'emulator'
  return /^(sk|rk)_live_/.test(key) ? 'live' : 'test'
}

const timeoutMs = (env: Env): number => {
  const value = Number(env.STRIPE_TIMEOUT_MS)
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_TIMEOUT_MS
}

/**
 * `STRIPE_MAX_NETWORK_RETRIES` (0 allowed): the SDK's own retries of a failed call, each after a
 * 0.5–5 s sleep. Tests that inject failures set 0 so the failure reaches our code (the job's retry).
 */
const maxNetworkRetries = (env: Env): number => {
  const raw = env.STRIPE_MAX_NETWORK_RETRIES?.trim()
  const value = Number(raw)
  return raw && Number.isInteger(value) && value >= 0 ? value : DEFAULT_MAX_NETWORK_RETRIES
}

export const stripeConfig = (env: Env = process.env): StripeSettings => {
  const mode = stripeMode(env)
  const common: Stripe.StripeConfig = {
    apiVersion: STRIPE_API_VERSION,
    maxNetworkRetries: maxNetworkRetries(env),
    timeout: timeoutMs(env),
    appInfo: { name: 'Callastar' },
  }
  if (mode !== 'emulator') return { mode, apiKey: env.STRIPE_SECRET_KEY!.trim(), emulatorUrl: null, config: common }

  // A production build pointed at nothing would fail on the first payment; refuse unless the
  // emulator was asked for explicitly (the e2e suite runs the production build against it).
  if (isProduction(env) && !env.STRIPE_EMULATOR_URL) {
    throw new Error('STRIPE_SECRET_KEY is required in production (set STRIPE_EMULATOR_URL to run against the Stripe emulator instead).')
  }
  const url = new URL(env.STRIPE_EMULATOR_URL || DEFAULT_STRIPE_EMULATOR_URL)
  const protocol = url.protocol === 'https:' ? 'https' : 'http'
  return {
    mode,
    apiKey: STRIPE_EMULATOR_SECRET_KEY,
    emulatorUrl: url.origin,
    config: {
      ...common,
      host: url.hostname,
      port: Number(url.port || (protocol === 'https' ? 443 : 80)),
      protocol,
      telemetry: false,
    },
  }
}

let cached: { signature: string; client: Stripe } | null = null

/** Rebuilt only when the relevant env changes (tests switch emulators between suites). */
export const stripeClient = (env: Env = process.env): Stripe => {
  const settings = stripeConfig(env)
  const signature = JSON.stringify(settings)
  if (!cached || cached.signature !== signature) cached = { signature, client: new Stripe(settings.apiKey, settings.config) }
  return cached.client
}

/** The secret that signs webhook events (Stripe's endpoint secret, or the emulator's), in every mode. */
export const webhookSecret = (env: Env = process.env): string => {
  const secret = env.STRIPE_WEBHOOK_SECRET?.trim()
  if (secret) return secret
  if (isProduction(env)) throw new Error('STRIPE_WEBHOOK_SECRET is required in production: without it Stripe webhooks cannot be verified.')
  return DEV_STRIPE_WEBHOOK_SECRET
}
