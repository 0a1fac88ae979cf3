/**
 * Test harness: one Payload per test file, the REST API served over real HTTP on a random port
 * (the same route handlers Next.js mounts at /api), tables cleared between suites, and helpers to
 * create the six actors of the access matrix.
 */
import config from '@payload-config'
import { REST_DELETE, REST_GET, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { getPayload, type Payload } from 'payload'
import type { Pool, QueryResultRow } from 'pg'

import { stripeClient } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'
import { startStripeEmulator, type StripeEmulator } from '../../emulators/stripe'
import type { Creator } from '@/payload-types'

type Handler = (req: Request, ctx: { params: Promise<{ slug: string[] }> }) => Promise<Response>

const handlers: Record<string, Handler> = {
  GET: REST_GET(config) as Handler,
  POST: REST_POST(config) as Handler,
  PATCH: REST_PATCH(config) as Handler,
  PUT: REST_PUT(config) as Handler,
  DELETE: REST_DELETE(config) as Handler,
}

/**
 * Raw SQL for fixtures and assertions (tests only: the application's SQL lives in src/db). Runs on
 * the pg pool under Payload's postgres adapter, outside any transaction.
 */
export const query = async <R extends QueryResultRow = QueryResultRow>(payload: Payload, text: string, values: unknown[] = []): Promise<R[]> =>
  (await (payload.db as unknown as { pool: Pool }).pool.query<R>(text, values)).rows

let payloadPromise: Promise<Payload> | null = null
export const getTestPayload = (): Promise<Payload> => (payloadPromise ??= getPayload({ config }))

let serverPromise: Promise<string> | null = null

/** Starts (once per file) an HTTP server in front of Payload's REST handlers; returns its base URL. */
export const apiBase = (): Promise<string> =>
  (serverPromise ??= new Promise((resolve) => {
    const server = http.createServer(async (incoming, outgoing) => {
      const chunks: Buffer[] = []
      for await (const chunk of incoming) chunks.push(chunk as Buffer)
      const url = new URL(incoming.url ?? '/', `http://${incoming.headers.host}`)
      const slug = url.pathname.replace(/^\/api\/?/, '').split('/').filter(Boolean)
      const handler = handlers[incoming.method ?? 'GET']
      if (!url.pathname.startsWith('/api') || !handler) {
        outgoing.writeHead(404).end()
        return
      }
      // The client going away aborts the request, as in Next (streaming endpoints clean up on it).
      const disconnected = new AbortController()
      outgoing.on('close', () => disconnected.abort())
      const request = new Request(url, {
        method: incoming.method,
        headers: incoming.headers as Record<string, string>,
        body: chunks.length && !['GET', 'HEAD'].includes(incoming.method ?? '') ? Buffer.concat(chunks) : undefined,
        signal: disconnected.signal,
      })
      try {
        const response = await handler(request, { params: Promise.resolve({ slug }) })
        const headers: Record<string, string | string[]> = {}
        response.headers.forEach((value, key) => {
          if (key === 'set-cookie') return
          headers[key] = value
        })
        const cookies = response.headers.getSetCookie?.() ?? []
        if (cookies.length) headers['set-cookie'] = cookies
        outgoing.writeHead(response.status, headers)
        // Streamed as it comes (Server-Sent Events), not buffered.
        if (!response.body) return void outgoing.end()
        outgoing.flushHeaders()
        const reader = response.body.getReader()
        outgoing.on('close', () => void reader.cancel().catch(() => undefined))
        for (;;) {
          const { done, value } = await reader.read()
          if (done) break
          outgoing.write(value)
        }
        outgoing.end()
      } catch (error) {
        if (outgoing.headersSent) outgoing.destroy()
        else outgoing.writeHead(500, { 'content-type': 'text/plain' }).end(String(error))
      }
    })
    server.listen(0, '127.0.0.1', () => {
      server.unref()
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
    })
  }))

export type ApiResponse<T = Record<string, unknown>> = { status: number; body: T; headers: Headers }

/** A JSON request to `/api${path}`, optionally as a logged-in user (JWT) or with an API key. */
export const api = async <T = Record<string, unknown>>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  opts: { token?: string; apiKey?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> => {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) }
  if (opts.body !== undefined) headers['content-type'] = 'application/json'
  if (opts.token) headers.authorization = `JWT ${opts.token}`
  if (opts.apiKey) headers.authorization = `users API-Key ${opts.apiKey}`
  const res = await fetch(`${await apiBase()}/api${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  })
  const text = await res.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // not JSON (e.g. text/calendar)
  }
  return { status: res.status, body: body as T, headers: res.headers }
}

const KEEP = new Set(['payload_migrations'])

/** Empties every table (but the migrations record) and restarts ids. */
export const resetDatabase = async (payload: Payload): Promise<void> => {
  const pool = (payload.db as unknown as { pool: { query: (q: string) => Promise<{ rows: { tablename: string }[] }> } }).pool
  const { rows } = await pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)
  const tables = rows.map((r) => r.tablename).filter((t) => !KEEP.has(t))
  if (tables.length) await pool.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`)
}

export const PASSWORD = 'correct-horse-battery'

export type Actor = { id: number; email: string; token: string; role: 'fan' | 'creator' | 'admin'; creatorId?: number }
export type Actors = { fanA: Actor; fanB: Actor; creatorA: Actor; creatorB: Actor; admin: Actor }

export const login = async (email: string, password = PASSWORD): Promise<string> => {
  const res = await api<{ token: string }>('POST', '/users/login', { body: { email, password } })
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`)
  return res.body.token
}

/** Fans and creators sign up over REST like real users; the admin is created by the local API. */
export const createActors = async (payload: Payload): Promise<Actors> => {
  const signUp = async (key: string, role: 'fan' | 'creator'): Promise<Actor> => {
    const email = `${key.toLowerCase()}@test.local`
    const res = await api<{ doc: { id: number } }>('POST', '/users', { body: { email, password: PASSWORD, name: `${key} Tester`, role } })
    if (res.status !== 201) throw new Error(`sign-up ${email}: ${res.status} ${JSON.stringify(res.body)}`)
    const token = await login(email)
    const actor: Actor = { id: res.body.doc.id, email, token, role }
    if (role === 'creator') {
      const found = await payload.find({ collection: 'creators', where: { user: { equals: actor.id } }, limit: 1, depth: 0 })
      actor.creatorId = found.docs[0].id
      await payload.update({ collection: 'creators', id: actor.creatorId, data: { chargesEnabled: true, stripeAccountId: `acct_${key}`, stripeAccountStatus: 'enabled' } })
    }
    return actor
  }
  const admin = await payload.create({ collection: 'users', data: { email: 'admin@test.local', password: PASSWORD, name: 'Admin Tester', role: 'admin', locale: 'en', timezone: 'UTC' } })
  return {
    fanA: await signUp('fanA', 'fan'),
    fanB: await signUp('fanB', 'fan'),
    creatorA: await signUp('creatorA', 'creator'),
    creatorB: await signUp('creatorB', 'creator'),
    admin: { id: admin.id, email: admin.email, token: await login(admin.email), role: 'admin' },
  }
}

/** Runs queued Payload jobs until none remain (as the worker would). */
export const drainJobs = async (payload: Payload): Promise<void> => {
  for (let i = 0; i < 50; i++) {
    const result = await payload.jobs.run({ limit: 50 })
    if (!result?.jobStatus || Object.keys(result.jobStatus).length === 0) return
  }
}

/** Lets the Stripe emulator deliver what it holds, then runs the jobs those events queued (twice: jobs queue jobs). */
export const settleStripe = async (payload: Payload, stripe: StripeEmulator): Promise<void> => {
  await stripe.control.whenIdle(10_000)
  await drainJobs(payload)
  await drainJobs(payload)
}

/**
 * A paid, confirmed 30-minute €100 booking with `creatorId`, starting `hoursAhead` from the
 * (injectable) clock: checkout through the API as `fanToken`, the card confirmed at the emulator,
 * the webhook and its jobs settled.
 */
export const paidBooking = async (
  payload: Payload,
  stripe: StripeEmulator,
  opts: { creatorId: number; fanToken: string; hoursAhead: number },
): Promise<{ bookingId: number; paymentId: number }> => {
  const offer = await payload.create({
    collection: 'offers',
    data: { creator: opts.creatorId, title: 'Coaching', startsAt: new Date(now().getTime() + opts.hoursAhead * 3_600_000).toISOString(), durationMinutes: 30, price: 10000, currency: 'EUR', status: 'available' } as never,
  })
  const res = await api<{ booking: { id: number }; payment: { id: number } }>('POST', '/bookings/checkout', { token: opts.fanToken, body: { offerId: offer.id } })
  if (res.status !== 201) throw new Error(`checkout answered ${res.status}: ${JSON.stringify(res.body)}`)
  const payment = await payload.findByID({ collection: 'payments', id: res.body.payment.id })
  await stripeClient().paymentIntents.confirm(payment.stripePaymentIntentId!, { payment_method: 'pm_card_visa' })
  await settleStripe(payload, stripe)
  return { bookingId: res.body.booking.id, paymentId: payment.id }
}

/**
 * Gives a creator an onboarded connected account at the Stripe emulator and turns charges on, so
 * their offers can be published and paid. Returns the account id.
 */
export const connectPayableCreator = async (
  payload: Payload,
  stripe: StripeEmulator,
  creatorId: number,
  { country = 'FR', data = {} }: { country?: string; data?: Partial<Creator> } = {},
): Promise<string> => {
  const account = (await stripeClient().accounts.create({ type: 'express', country, capabilities: { card_payments: { requested: true }, transfers: { requested: true } } })).id
  stripe.control.completeOnboarding(account)
  await payload.update({ collection: 'creators', id: creatorId, data: { ...data, stripeAccountId: account, chargesEnabled: true } })
  return account
}

export type PaymentsWorld = { stripe: StripeEmulator; payload: Payload; actors: Actors; account: string }

/**
 * The world of the payment tests: a Stripe emulator (delivering its webhooks to this run's API,
 * signed with `webhookSecret`, when one is given: every event, or the `enabledEvents` types as a
 * subscribed Stripe endpoint), an empty database, the five actors, and creator A able to take
 * payments (`creatorA`: its account's country and profile).
 */
export const startPaymentsWorld = async (
  opts: { webhookSecret?: string; creatorA?: Parameters<typeof connectPayableCreator>[3]; enabledEvents?: readonly string[] } = {},
): Promise<PaymentsWorld> => {
  if (opts.webhookSecret) process.env.STRIPE_WEBHOOK_SECRET = opts.webhookSecret
  const stripe = await startStripeEmulator(
    opts.webhookSecret
      ? { webhookUrl: `${await apiBase()}/api/stripe/webhook`, webhookSecret: opts.webhookSecret, retryDelaysMs: [50, 100, 200], enabledEvents: opts.enabledEvents }
      : {},
  )
  process.env.STRIPE_EMULATOR_URL = stripe.url
  const payload = await getTestPayload()
  await resetDatabase(payload)
  const actors = await createActors(payload)
  const account = await connectPayableCreator(payload, stripe, actors.creatorA.creatorId!, opts.creatorA)
  return { stripe, payload, actors, account }
}

export const stopPaymentsWorld = async (world: Pick<PaymentsWorld, 'stripe'> | undefined): Promise<void> => {
  await world?.stripe.close()
  delete process.env.STRIPE_EMULATOR_URL
  delete process.env.STRIPE_WEBHOOK_SECRET
}
