/**
 * `npm run bench` — checkout and webhook benchmarks against a production build (next start), a
 * throwaway embedded PostgreSQL and the Stripe emulator, printed as a table (and saved to
 * test-results/bench.json). BENCH_SKIP_BUILD=1 reuses an existing build; BENCH_PROFILE_DIR=dir
 * profiles the server.
 *   (a) 200 concurrent checkouts of one offer: one winner, every loser answered, p95.
 *   (b) checkouts of distinct offers at concurrency 32, beside a raw-SQL floor doing the same
 *       conditional hold + booking + payment insert statement through `pg` directly: requests/s, p95, ratio;
 *       and GET /api/health as the cost of the HTTP pipeline alone.
 *   (c) webhook ingest: 1,000 signed events each delivered 10 times; events/s; exactly 1,000 processed.
 *   (d) storefront with 10,000 creators and 100,000 offers at concurrency 16, beside GET /api/health:
 *       guests' pages (page cache), pages asked for once, and pages rendered for every request (what
 *       signed-in viewers cost); (e) gzipped JavaScript each storefront page loads.
 *   (f) the admin money dashboard with 100,000 payments (seedLargeMoney) at concurrency 16, beside
 *       GET /api/health; and the figures summed afresh (requests past the 5 s reuse window).
 *   (g) payout requests at concurrency 32: creators with an available balance each request once;
 *       then groups of 32 simultaneous requests by one creator (exactly one 201 each, the rest
 *       409); no creator is paid out more than was available.
 *   (h) peer-to-peer signalling relay between two web processes (a second `next start`): POST on
 *       one, the other side's SSE stream on the other; p50/p95 (aim < 50 ms). (i) 200 concurrent
 *       joins of 200 distinct bookings (POST /api/calls/:id/join): p95. See ./calls.ts.
 */
import { createHash, createHmac, randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import pg from 'pg'
import Stripe from 'stripe'

import { startStripeEmulator } from '../../emulators/stripe'
import { seedLarge, seedLargeMoney } from '../../src/seed/large'
import { baseEnv, ROOT, startBuild, startJob, startServer, startTestDb, startWorker, waitForStatus, type Job } from '../../tests/e2e/stack'
import { callsOnNow, concurrentJoins, signallingRelay } from './calls'
import { runLoad, type LoadResult } from './load'

const PAYLOAD_SECRET = 'bench-payload-secret'
const WEBHOOK_SECRET = 'whsec_bench'
const FANS = 200
const DISTINCT_REQUESTS = Number(process.env.BENCH_REQUESTS || 1000)
const EVENTS = Number(process.env.BENCH_EVENTS || 1000)
const STOREFRONT_REQUESTS = Number(process.env.BENCH_PAGES || 400)
const PAYOUT_CREATORS = Number(process.env.BENCH_PAYOUTS || 1000)
/** Creators each sending DUPLICATES simultaneous payout requests. */
const DUPLICATE_CREATORS = 4
const DUPLICATES = 32
const log = (m: string) => console.log(`[bench] ${m}`)

/** Payload finds API-key users by HMAC(key) with its derived secret (payload/src/auth/strategies/apiKey). */
const apiKeyIndex = (key: string): string => {
  const secret = createHash('sha256').update(PAYLOAD_SECRET).digest('hex').slice(0, 32)
  return createHmac('sha256', secret).update(key).digest('hex')
}

const main = async () => {
  const jobs: Job[] = []
  const db = await startTestDb()
  const stripe = await startStripeEmulator({ retryDelaysMs: [200, 1000] })
  const env = { ...baseEnv(), DATABASE_URL: db.url, PAYLOAD_SECRET, CRON_SECRET: 'bench-cron', STRIPE_EMULATOR_URL: stripe.url, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, DATABASE_POOL_MAX: '20', LOG_LEVEL: 'warn' }
  const pool = new pg.Pool({ connectionString: db.url, max: 32 })
  const results: Record<string, unknown> = {}
  try {
    const build = process.env.BENCH_SKIP_BUILD === '1' ? null : startBuild(env)
    if (build) jobs.push(build)
    const migrate = startJob('migrate', 'node', ['scripts/payload.mjs', 'migrate'], env)
    jobs.push(migrate)
    await migrate.done
    if (build) {
      log('building the production app…')
      await build.done
    }
    // BENCH_PROFILE_DIR=dir writes a V8 CPU profile of the server (open it in Chrome DevTools).
    const profile = process.env.BENCH_PROFILE_DIR
      ? { NODE_OPTIONS: `${(env as NodeJS.ProcessEnv).NODE_OPTIONS ?? ''} --import ${pathToFileURL(path.join(ROOT, 'scripts/bench/cpu-profile.mjs')).href}`, CPU_PROFILE_DIR: path.resolve(process.env.BENCH_PROFILE_DIR) }
      : {}
    const server = await startServer({ ...env, ...profile, NODE_ENV: 'production' })
    jobs.push(server)
    server.mute('bench running')
    if (!(await waitForStatus(`${server.url}/api/health`, 200, 120_000)).ok) throw new Error('server did not start')
    stripe.setWebhook(`${server.url}/api/stripe/webhook`, WEBHOOK_SECRET)

    // Data: one creator with an onboarded account, offers, 200 fans with API keys.
    const sdk = new Stripe('sk_test_emulator', { host: '127.0.0.1', port: stripe.port, protocol: 'http', telemetry: false })
    const account = await sdk.accounts.create({ type: 'express', country: 'FR' })
    stripe.control.completeOnboarding(account.id)
    const { rows: [creatorUser] } = await pool.query(`INSERT INTO users (name, role, locale, timezone, email, updated_at, created_at) VALUES ('Bench Creator', 'creator', 'en', 'UTC', 'bench-creator@bench.local', now(), now()) RETURNING id`)
    const { rows: [creator] } = await pool.query(
      `INSERT INTO creators (user_id, display_name, slug, currency, stripe_account_id, stripe_account_status, charges_enabled, payouts_enabled, updated_at, created_at)
       VALUES ($1, 'Bench Creator', 'bench-creator', 'EUR', $2, 'enabled', true, true, now(), now()) RETURNING id`,
      [creatorUser.id, account.id],
    )
    const offers = async (n: number, offset: number) =>
      (await pool.query<{ id: number }>(
        `INSERT INTO offers (creator_id, title, starts_at, ends_at, duration_minutes, price, currency, status, updated_at, created_at)
         SELECT $1, 'Bench slot ' || g, now() + ((g + $3) * interval '1 hour') + interval '1 day', now() + ((g + $3) * interval '1 hour') + interval '1 day 30 minutes', 30, 10000, 'EUR', 'available', now(), now()
           FROM generate_series(1, $2) g RETURNING id`,
        [creator.id, n, offset],
      )).rows.map((r) => r.id)
    const keys = Array.from({ length: FANS }, () => randomBytes(16).toString('hex'))
    await pool.query(
      `INSERT INTO users (name, role, locale, timezone, email, enable_a_p_i_key, api_key_index, updated_at, created_at)
       SELECT 'Fan ' || i, 'fan', 'en', 'UTC', 'fan' || i || '@bench.local', true, idx, now(), now()
         FROM unnest($1::text[]) WITH ORDINALITY AS t(idx, i)`,
      [keys.map(apiKeyIndex)],
    )
    const { rows: fanIds } = await pool.query<{ id: number }>(`SELECT id FROM users WHERE role = 'fan' ORDER BY id`)
    const checkout = (key: string, offerId: number) =>
      fetch(`${server.url}/api/bookings/checkout`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `users API-Key ${key}` },
        body: JSON.stringify({ offerId }),
      }).then(async (r) => (await r.arrayBuffer(), r.status))

    // Warm-up: compile routes, fill pools.
    const warm = await offers(20, 100_000)
    await runLoad(warm.length, 4, (i) => checkout(keys[i % FANS], warm[i]))

    // (a) the race
    const [raceOffer] = await offers(1, 0)
    const race = await runLoad(FANS, FANS, (i) => checkout(keys[i], raceOffer))
    results.race = race
    log(`(a) ${JSON.stringify(race.statuses)} p95 ${race.p95.toFixed(0)} ms`)

    // (b) distinct offers: the app, then the raw-SQL floor on fresh offers
    const appOffers = await offers(DISTINCT_REQUESTS, 1000)
    const app = await runLoad(DISTINCT_REQUESTS, 32, (i) => checkout(keys[i % FANS], appOffers[i]))
    const floorOffers = await offers(DISTINCT_REQUESTS, 20_000)
    const floor = await runLoad(DISTINCT_REQUESTS, 32, async (i) => {
      const fan = fanIds[i % FANS].id
      const { rows } = await pool.query(
        `WITH held AS (
           UPDATE offers SET status = 'held', updated_at = now() WHERE id = $1 AND status = 'available' AND starts_at >= now() + interval '30 minutes'
             AND (reserved_for_id IS NULL OR reserved_for_id = $2) RETURNING id, creator_id, starts_at, ends_at
         ), booking AS (
           INSERT INTO bookings (offer_id, fan_id, creator_id, status, starts_at, ends_at, hold_expires_at, updated_at, created_at)
           SELECT id, $2, creator_id, 'pending', starts_at, ends_at, now() + interval '15 minutes', now(), now() FROM held RETURNING id, creator_id
         )
         INSERT INTO payments (booking_id, fan_id, creator_id, amount, currency, platform_fee, creator_amount, fee_snapshot_fee_bps, fee_snapshot_fixed_fee, fee_snapshot_holding_period_days, status, updated_at, created_at)
         SELECT id, $2, creator_id, 10000, 'EUR', 1500, 8500, 1500, 0, 7, 'requires_payment', now(), now() FROM booking RETURNING id`,
        [floorOffers[i], fan],
      )
      if (!rows[0]) return 409
      return 201
    })
    // The HTTP pipeline alone (Next + Payload, no auth, one SELECT 1): what any endpoint costs at least.
    const health = await runLoad(DISTINCT_REQUESTS, 32, () => fetch(`${server.url}/api/health`).then(async (r) => (await r.arrayBuffer(), r.status)))
    results.distinct = { app, floor, health, ratio: app.rps / floor.rps }
    log(`(b) app ${app.rps.toFixed(0)} req/s p95 ${app.p95.toFixed(0)} ms · floor ${floor.rps.toFixed(0)} req/s p95 ${floor.p95.toFixed(1)} ms`)

    // (c) webhook ingest: 1,000 events × 10 deliveries, then the worker processes them
    const bodies = Array.from({ length: EVENTS }, (_, i) =>
      JSON.stringify({ id: `evt_bench_${i}`, object: 'event', type: 'payment_intent.created', livemode: false, created: Math.floor(Date.now() / 1000), data: { object: { id: `pi_bench_${i}`, object: 'payment_intent' } } }),
    )
    const ingest = await runLoad(EVENTS * 10, 32, (i) => {
      const body = bodies[i % EVENTS]
      const header = sdk.webhooks.generateTestHeaderString({ payload: body, secret: WEBHOOK_SECRET })
      return fetch(`${server.url}/api/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body }).then(async (r) => (await r.arrayBuffer(), r.status))
    })
    const stored = Number((await pool.query(`SELECT count(*) FROM webhook_events WHERE event_id LIKE 'evt_bench_%'`)).rows[0].count)
    const worker = startWorker(env)
    jobs.push(worker)
    worker.mute('bench running')
    // Timed from the worker's "ready" line: its start-up (loading the config) is not processing.
    await worker.ready(180_000)
    const t0 = Date.now()
    let processed = 0
    let processingSeconds = 0
    while (Date.now() - t0 < 300_000) {
      processed = Number((await pool.query(`SELECT count(*) FROM webhook_events WHERE event_id LIKE 'evt_bench_%' AND status IN ('processed', 'ignored')`)).rows[0].count)
      if (processed >= EVENTS) break
      await new Promise((r) => setTimeout(r, 500))
    }
    // When the worker falls short, say where the events and their jobs stand (the worker's own output is in test-results/e2e/worker.log).
    const shortfall =
      processed < EVENTS
        ? {
            events: (await pool.query(`SELECT status, count(*)::int AS n FROM webhook_events WHERE event_id LIKE 'evt_bench_%' GROUP BY status`)).rows,
            jobs: (await pool.query(`SELECT task_slug, processing, completed_at IS NOT NULL AS completed, has_error, count(*)::int AS n FROM payload_jobs GROUP BY 1, 2, 3, 4 ORDER BY n DESC LIMIT 10`)).rows,
          }
        : undefined
    processingSeconds = (Date.now() - t0) / 1000
    results.webhooks = { ingest, stored, processed, processingSeconds, shortfall }
    log(`(c) ingest ${ingest.rps.toFixed(0)} req/s, stored ${stored}, processed ${processed} in ${processingSeconds.toFixed(1)} s${shortfall ? ` — short: ${JSON.stringify(shortfall)}` : ''}`)

    // (d) storefront on a large catalogue: 10,000 creators, 100,000 offers; GET /api/health beside it as the floor.
    log('(d) seeding 10,000 creators and 100,000 offers…')
    await seedLarge(pool, { creators: 10_000, offersPerCreator: 10 })
    // Each answer is counted by status and page-cache state (hit, stale, miss; "-" = rendered by Next).
    // Accept: text/html as browsers send for a page load (the page cache serves only those).
    const page = (url: string, headers: Record<string, string> = {}) =>
      fetch(`${server.url}${url}`, { headers: { accept: 'text/html', ...headers } }).then(async (res) => (await res.arrayBuffer(), `${res.status} ${res.headers.get('x-callastar-cache') ?? '-'}`))
    // What signed-in viewers and never-seen pages cost: the proxy lets its own render requests through.
    const uncached = { 'x-callastar-page-render': '1' }
    const storefront: [string, (i: number) => string, Record<string, string>?][] = [
      ['GET /api/health (floor)', () => '/api/health'],
      ['creators list, guests', () => '/en/creators'],
      ['creators list, search "guitar", guests', () => '/en/creators?q=guitar'],
      ['creators list, available soon, by price, guests', () => '/en/creators?soon=1&sort=price'],
      ['creators list, page 400, guests', () => '/en/creators?page=400'],
      ['creator page, guests', () => '/en/creators/bulk-1'],
      ['creator pages, each of 400 creators asked for once (rendered)', (i) => `/en/creators/bulk-${1 + ((i * 7919 + 3) % 10_000)}`],
      ['creators list rendered for every request (signed-in viewers)', () => '/en/creators', uncached],
      ['creator page rendered for every request (signed-in viewers)', () => '/en/creators/bulk-1', uncached],
      ['a page without data rendered for every request (/en/forgot-password): the rendering floor', () => '/en/forgot-password', uncached],
    ]
    const pages: Record<string, LoadResult> = {}
    for (const [name, url, headers] of storefront) {
      // Warm-up on other URLs of the row (i + 5,000 maps to creators the measured 400 never ask for).
      await runLoad(32, 8, (i) => page(url(i + 5_000), headers))
      pages[name] = await runLoad(STOREFRONT_REQUESTS, 16, (i) => page(url(i), headers))
      log(`(d) ${name}: ${pages[name].rps.toFixed(0)} req/s, p95 ${pages[name].p95.toFixed(0)} ms ${JSON.stringify(pages[name].statuses)}`)
    }
    results.storefront = pages
    // JavaScript a browser downloads for each page (gzip, as served compressed).
    const [bulkOffer] = (await pool.query<{ id: number }>(`SELECT o.id FROM offers o JOIN creators c ON c.id = o.creator_id WHERE c.slug = 'bulk-1' ORDER BY o.starts_at LIMIT 1`)).rows
    const jsPages = ['/en', '/en/creators', '/en/creators/bulk-1', '/en/signup', '/en/login', `/en/book/${bulkOffer?.id}`]
    const js: Record<string, number> = {}
    for (const url of jsPages) {
      const html = await (await fetch(`${server.url}${url}`)).text()
      const scripts = [...new Set([...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)].map((m) => m[1]!))]
      let bytes = 0
      for (const src of scripts) bytes += gzipSync(Buffer.from(await (await fetch(new URL(src, server.url))).arrayBuffer())).length
      js[url] = bytes
    }
    results.javascript = js

    // (f) the admin money dashboard on 100,000 payments, beside GET /api/health in the same run.
    log('(f) seeding 100,000 payments with their ledger entries, refunds, disputes and payouts…')
    const moneySeed = await seedLargeMoney(pool, { paymentsPerCreator: 10 })
    log(`(f) ${JSON.stringify(moneySeed)}`)
    const adminKey = randomBytes(16).toString('hex')
    await pool.query(
      `INSERT INTO users (name, role, locale, timezone, email, enable_a_p_i_key, api_key_index, updated_at, created_at)
       VALUES ('Bench Admin', 'admin', 'en', 'UTC', 'bench-admin@bench.local', true, $1, now(), now())`,
      [apiKeyIndex(adminKey)],
    )
    const dashboard = () =>
      fetch(`${server.url}/api/admin/dashboard`, { headers: { authorization: `users API-Key ${adminKey}` } }).then(async (res) => (await res.arrayBuffer(), `${res.status} ${res.headers.get('x-callastar-cache') ?? '-'}`))
    const health16 = () => fetch(`${server.url}/api/health`).then(async (r) => (await r.arrayBuffer(), r.status))
    await runLoad(32, 8, health16)
    await runLoad(32, 8, dashboard)
    const money: Record<string, LoadResult> = {}
    money['GET /api/health (floor)'] = await runLoad(STOREFRONT_REQUESTS, 16, health16)
    money['admin dashboard figures'] = await runLoad(STOREFRONT_REQUESTS, 16, dashboard)
    // The sums themselves: one request at a time, each after the reuse window (5 s) has passed.
    const summed: number[] = []
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 5_200))
      const t0 = performance.now()
      const state = await dashboard()
      if (state !== '200 miss') throw new Error(`(f) expected a fresh sum, got ${state}`)
      summed.push(performance.now() - t0)
    }
    for (const [name, x] of Object.entries(money)) log(`(f) ${name}: ${x.rps.toFixed(0)} req/s, p95 ${x.p95.toFixed(0)} ms ${JSON.stringify(x.statuses)}`)
    log(`(f) summed afresh: ${summed.map((ms) => ms.toFixed(0)).join(', ')} ms`)

    // (g) payout requests. Creators with an available balance over the minimum payout, no open
    // payout and no debt get API keys; each asks for everything available once, then groups of
    // DUPLICATES simultaneous requests by one creator each.
    const { rows: payees } = await pool.query<{ id: number; user_id: number; available: string }>(
      `SELECT c.id, c.user_id, sum(e.amount) FILTER (WHERE e.available_at <= now()) AS available
         FROM creators c JOIN ledger_entries e ON e.creator_id = c.id AND e.currency::text = c.currency::text
        WHERE c.slug LIKE 'bulk-%' AND NOT EXISTS (SELECT 1 FROM payouts p WHERE p.creator_id = c.id AND p.status IN ('requested', 'approved', 'processing'))
        GROUP BY c.id, c.user_id HAVING sum(e.amount) FILTER (WHERE e.available_at <= now()) >= 1000
        ORDER BY c.id LIMIT $1`,
      [PAYOUT_CREATORS + DUPLICATE_CREATORS],
    )
    if (payees.length < PAYOUT_CREATORS + DUPLICATE_CREATORS) throw new Error(`(g) only ${payees.length} creators can be paid out`)
    const payeeKeys = payees.map(() => randomBytes(16).toString('hex'))
    await pool.query(
      `UPDATE users u SET enable_a_p_i_key = true, api_key_index = t.idx FROM unnest($1::int[], $2::text[]) AS t(id, idx) WHERE u.id = t.id`,
      [payees.map((p) => p.user_id), payeeKeys.map(apiKeyIndex)],
    )
    const requestPayout = (key: string) =>
      fetch(`${server.url}/api/payouts/request`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `users API-Key ${key}` }, body: '{}' }).then(async (r) => (await r.arrayBuffer(), r.status))
    const { rows: [{ started }] } = await pool.query<{ started: Date }>(`SELECT now() AS started`)
    const payoutsOnce = await runLoad(PAYOUT_CREATORS, 32, (i) => requestPayout(payeeKeys[i]!))
    const duplicates = await runLoad(DUPLICATE_CREATORS * DUPLICATES, 32, (i) => requestPayout(payeeKeys[PAYOUT_CREATORS + Math.floor(i / DUPLICATES)]!))
    // No overdraw: per creator, the payouts this run made ≤ what was available before them (entries
    // available by the end of the run, its own payout reservations left out), one payout each.
    const { rows: [check] } = await pool.query<{ creators: string; payouts: string; overdrawn: string; not_one: string; amount: string }>(
      `WITH made AS (
         SELECT p.creator_id, count(*) AS n, sum(p.amount) AS amount FROM payouts p WHERE p.created_at >= $1 AND p.creator_id = ANY($2::int[]) GROUP BY p.creator_id
       ), before AS (
         SELECT e.creator_id, sum(e.amount) AS available FROM ledger_entries e
          WHERE e.creator_id = ANY($2::int[]) AND e.available_at <= now()
            AND NOT (e.type = 'payout' AND e.source_ref IN (SELECT id::text FROM payouts WHERE created_at >= $1))
          GROUP BY e.creator_id
       )
       SELECT count(*) AS creators, coalesce(sum(made.n), 0) AS payouts, count(*) FILTER (WHERE coalesce(made.amount, 0) > before.available) AS overdrawn,
              count(*) FILTER (WHERE coalesce(made.n, 0) <> 1) AS not_one, coalesce(sum(made.amount), 0) AS amount
         FROM before LEFT JOIN made USING (creator_id)`,
      [started, payees.map((p) => p.id)],
    )
    const noOverdraw = Number(check.overdrawn) === 0 && Number(check.not_one) === 0
    results.money = { seed: moneySeed, dashboard: money, summedMs: summed, payouts: { once: payoutsOnce, duplicates, check, noOverdraw } }
    log(`(g) once: ${payoutsOnce.rps.toFixed(0)} req/s, p95 ${payoutsOnce.p95.toFixed(0)} ms ${JSON.stringify(payoutsOnce.statuses)}; duplicates ${JSON.stringify(duplicates.statuses)}; ${JSON.stringify(check)}`)
    if (!noOverdraw) {
      log(`(g) OVERDRAW OR MISSING PAYOUT: ${JSON.stringify(check)}`)
      process.exitCode = 1
    }

    // (h) signalling relay across two web processes, (i) concurrent joins. The creator gets an API
    // key; each bench fan has one booking of the bench creator whose call is on now.
    log('(h) starting a second web process…')
    const creatorKey = randomBytes(16).toString('hex')
    await pool.query(`UPDATE users SET enable_a_p_i_key = true, api_key_index = $2 WHERE id = $1`, [creatorUser.id, apiKeyIndex(creatorKey)])
    const { rows: benchFans } = await pool.query<{ id: number; api_key_index: string }>(`SELECT id, api_key_index FROM users WHERE role = 'fan' AND email LIKE '%@bench.local'`)
    const fanIdOfKey = new Map(benchFans.map((f) => [f.api_key_index, f.id]))
    const fanIdsByKey = keys.map((k) => fanIdOfKey.get(apiKeyIndex(k))!)
    const second = await startServer({ ...env, NODE_ENV: 'production', INSTANCE_ID: 'bench-web-2' })
    jobs.push(second)
    second.mute('bench running')
    if (!(await waitForStatus(`${second.url}/api/health`, 200, 120_000)).ok) throw new Error('the second web process did not start')
    const [relayBooking] = await callsOnNow(pool, creator.id, [fanIdsByKey[0]!], 0)
    const relay = await signallingRelay(server.url, second.url, relayBooking!, { userId: fanIdsByKey[0]!, key: keys[0]! }, { userId: creatorUser.id, key: creatorKey })
    log(`(h) relay across two web processes, n=${relay.n}: p50 ${relay.p50.toFixed(1)} ms, p95 ${relay.p95.toFixed(1)} ms, max ${relay.max.toFixed(1)} ms`)
    const joinBookings = await callsOnNow(pool, creator.id, fanIdsByKey, 1000)
    // Warm-up on the relay's booking (route compiled, pools filled), then the 200 at once.
    await runLoad(8, 4, () => fetch(`${server.url}/api/calls/${relayBooking}/join`, { method: 'POST', headers: { authorization: `users API-Key ${keys[0]}` } }).then(async (r) => (await r.arrayBuffer(), r.status)))
    const joins = await concurrentJoins(server.url, joinBookings.map((bookingId, i) => ({ bookingId, key: keys[i]! })))
    log(`(i) ${joinBookings.length} concurrent joins: ${JSON.stringify(joins.statuses)} p95 ${joins.p95.toFixed(0)} ms`)
    results.calls = { relay, joins }

    // "200 hit" ×380, "200 stale" ×20 → " (hit 380, stale 20)"; nothing for Next's own answers.
    const cacheStates = (x: LoadResult) => {
      const states = Object.entries(x.statuses).filter(([k]) => !k.endsWith(' -') && k.includes(' '))
      return states.length ? ` (${states.map(([k, n]) => `${k.split(' ')[1]} ${n}`).join(', ')})` : ''
    }
    const r = (x: LoadResult) => `${x.rps.toFixed(0)} req/s · p50 ${x.p50.toFixed(0)} ms · p95 ${x.p95.toFixed(0)} ms`
    const table = [
      '| benchmark | result |',
      '| --- | --- |',
      `| (a) ${FANS} concurrent checkouts of one offer | ${race.statuses['201'] ?? 0} × 201, ${race.statuses['409'] ?? 0} × 409, others ${FANS - (race.statuses['201'] ?? 0) - (race.statuses['409'] ?? 0)}; p95 ${race.p95.toFixed(0)} ms |`,
      `| (b) checkouts, distinct offers, concurrency 32 (app) | ${r(app)} |`,
      `| (b) same hold + inserts through pg (floor) | ${r(floor)} |`,
      `| (b) app / floor | ${(app.rps / floor.rps).toFixed(2)} |`,
      `| (b) reference: GET /api/health, concurrency 32 | ${r(health)} |`,
      `| (c) webhook ingest, ${EVENTS} events × 10 deliveries | ${r(ingest)}; stored ${stored}; processed ${processed} in ${processingSeconds.toFixed(1)} s by one worker |`,
      ...Object.entries(pages).map(([name, x]) => `| (d) ${name}, 10,000 creators, concurrency 16 | ${r(x)}${cacheStates(x)} |`),
      `| (e) JavaScript per page, gzip | ${Object.entries(js).map(([url, bytes]) => `${url.replace(/\/\d+$/, '/…')} ${(bytes / 1024).toFixed(0)} KB`).join(' · ')} |`,
      ...Object.entries(money).map(([name, x]) => `| (f) ${name}, 100,000 payments, concurrency 16 | ${r(x)}${cacheStates(x)} |`),
      `| (f) admin dashboard figures summed afresh (one request at a time, past the 5 s reuse) | ${summed.map((ms) => `${ms.toFixed(0)} ms`).join(' · ')} |`,
      `| (g) payout requests, ${PAYOUT_CREATORS} creators once each, concurrency 32 | ${r(payoutsOnce)}; ${payoutsOnce.statuses['201'] ?? 0} × 201, others ${PAYOUT_CREATORS - (payoutsOnce.statuses['201'] ?? 0)} |`,
      `| (g) ${DUPLICATES} simultaneous requests by one creator, × ${DUPLICATE_CREATORS} creators | ${duplicates.statuses['201'] ?? 0} × 201, ${duplicates.statuses['409'] ?? 0} × 409, others ${DUPLICATE_CREATORS * DUPLICATES - (duplicates.statuses['201'] ?? 0) - (duplicates.statuses['409'] ?? 0)}; p95 ${duplicates.p95.toFixed(0)} ms |`,
      `| (g) no overdraw: payouts ≤ available before, one per creator | ${noOverdraw ? 'yes' : 'NO'}: ${check.payouts} payouts for ${check.creators} creators, ${check.overdrawn} overdrawn, ${check.not_one} without exactly one |`,
      `| (h) signalling relay between two web processes (POST on one → SSE on the other), ${relay.n} messages | p50 ${relay.p50.toFixed(1)} ms · p95 ${relay.p95.toFixed(1)} ms · max ${relay.max.toFixed(0)} ms (aim: p95 < 50 ms) |`,
      `| (i) ${joinBookings.length} concurrent joins of distinct bookings (POST /api/calls/:id/join, peer-to-peer) | ${joins.statuses['200'] ?? 0} × 200, others ${joinBookings.length - (joins.statuses['200'] ?? 0)}; p50 ${joins.p50.toFixed(0)} ms · p95 ${joins.p95.toFixed(0)} ms |`,
    ].join('\n')
    console.log(`\n${table}\n`)
    mkdirSync(path.join(ROOT, 'test-results'), { recursive: true })
    writeFileSync(path.join(ROOT, 'test-results/bench.json'), JSON.stringify({ at: new Date().toISOString(), results, table }, null, 2))
  } finally {
    await pool.end().catch(() => undefined)
    await Promise.all(jobs.map((j) => j.stop().catch(() => undefined)))
    await stripe.close()
    await db.stopOnce()
  }
}

await main()
process.exit(process.exitCode ?? 0)
