/**
 * `npm run dev` — the whole product on one machine: embedded PostgreSQL (unless DATABASE_URL is
 * set), migrations, demo data on first run, the Next.js app (storefront, admin, REST) and the jobs
 * worker. Ctrl-C stops everything, the database last. Calls use the built-in peer-to-peer provider;
 * DAILY_API_KEY=emulator opts in to Daily's code path against the Daily emulator (README "Calls in development").
 */
import type { ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { newWebhookSecret, startDailyEmulator, type DailyEmulator } from '../emulators/daily'
import { DEMO_LOGINS } from '../src/seed/demo'
import { devDatabase, ROOT } from './lib/dev-env'
import { run, startProcess, stopProcess, waitForHttp } from './lib/proc'
import { connectDemoCreators, syncDemoPayments } from './lib/stripe-dev'

process.chdir(ROOT)
/** Process groups of the web server and worker, so a run killed with SIGKILL can be cleaned up next time. */
const CHILDREN_FILE = path.join(ROOT, '.data/dev-children.json')

const stopLeftovers = async () => {
  if (!existsSync(CHILDREN_FILE)) return
  const groups = JSON.parse(readFileSync(CHILDREN_FILE, 'utf8')) as number[]
  for (const pgid of groups) {
    try {
      process.kill(-pgid, 'SIGTERM')
      console.log(`[dev] stopped process group ${pgid} left running by an earlier run`)
    } catch {
      // already gone
    }
  }
  rmSync(CHILDREN_FILE, { force: true })
  await new Promise((r) => setTimeout(r, 1000))
}

await stopLeftovers()
const port = Number(process.env.PORT || 3000)
const db = await devDatabase()
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATABASE_URL: db.url,
  NODE_OPTIONS: '--no-deprecation',
  PORT: String(port),
  NEXT_TELEMETRY_DISABLED: '1',
}
const children: ChildProcess[] = []
let stopping = false
let daily: DailyEmulator | null = null

const stop = async (code: number) => {
  if (stopping) return
  stopping = true
  for (const child of children) stopProcess(child)
  await Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r)))))
  rmSync(CHILDREN_FILE, { force: true })
  await daily?.close().catch(() => undefined)
  await db.stop()
  process.exit(code)
}
process.on('SIGINT', () => void stop(0))
process.on('SIGTERM', () => void stop(0))

try {
  console.log(`[dev] database: ${db.embedded ? `embedded PostgreSQL (${db.url})` : 'DATABASE_URL'}`)
  run('node', ['scripts/payload.mjs', 'migrate'], env)
  run('npx', ['tsx', 'scripts/seed.ts'], env)
} catch (error) {
  console.error(`[dev] ${error instanceof Error ? error.message : error}`)
  await stop(1)
}

// Without a Stripe key, the Stripe emulator stands in (same SDK, same code path). Its state lives
// beside the dev database's data, so the two survive restarts (and are deleted) together.
const stripePort = Number(process.env.STRIPE_EMULATOR_PORT || 12111)
if (!process.env.STRIPE_SECRET_KEY) {
  env.STRIPE_EMULATOR_URL = `http://127.0.0.1:${stripePort}`
  const stripe = startProcess('stripe', 'npx', ['tsx', 'scripts/stripe-emulator.ts'], {
    ...env,
    STRIPE_EMULATOR_PORT: String(stripePort),
    STRIPE_WEBHOOK_URL: `http://localhost:${port}/api/stripe/webhook`,
    STRIPE_EMULATOR_STATE_FILE: path.join(db.dataRoot, 'stripe-emulator.json'),
  })
  children.push(stripe)
  if (!(await waitForHttp(`${env.STRIPE_EMULATOR_URL}/`, 30_000))) {
    console.error('[dev] the Stripe emulator did not start')
    await stop(1)
  }
  try {
    const { connected, created } = await connectDemoCreators(db.url, env.STRIPE_EMULATOR_URL)
    const synced = await syncDemoPayments(db.url, env.STRIPE_EMULATOR_URL)
    console.log(`[dev] Stripe emulator: ${connected} creator payment accounts (${created} new)${synced ? `, ${synced} demo payments made real PaymentIntents` : ''}`)
  } catch (error) {
    console.error(`[dev] could not bring the Stripe emulator in line with the database: ${error instanceof Error ? error.message : error}`)
    await stop(1)
  }
}

// Calls: peer-to-peer unless asked otherwise. DAILY_API_KEY=emulator runs Daily's code path (rooms
// by a job, meeting tokens, signed webhooks → attendance) against the Daily emulator in this process;
// its state is in memory (rooms are created again by the join if a restart lost them).
const DAILY_WEBHOOK_EVENTS = ['meeting.started', 'meeting.ended', 'participant.joined', 'participant.left']
if (process.env.DAILY_API_KEY === 'emulator') {
  daily = await startDailyEmulator({ port: Number(process.env.DAILY_EMULATOR_PORT || 12112) })
  env.DAILY_API_KEY = daily.apiKey
  env.DAILY_API_URL = daily.apiUrl
  env.DAILY_WEBHOOK_SECRET = newWebhookSecret()
  console.log(`[dev] calls: Daily emulator on ${daily.apiUrl} (control: ${daily.url}/emulator/…)`)
} else if (!process.env.DAILY_API_KEY) {
  console.log('[dev] calls: built-in peer-to-peer provider (DAILY_API_KEY=emulator for the Daily emulator)')
}

const web = startProcess('web', 'npx', ['next', 'dev', '--port', String(port)], env)
const worker = startProcess('worker', 'npx', ['tsx', 'src/jobs/worker.ts'], env)
children.push(web, worker)
writeFileSync(CHILDREN_FILE, JSON.stringify(children.map((c) => c.pid)))
for (const child of children) {
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`[dev] a process exited (code ${code}); stopping everything.`)
      void stop(code ?? 1)
    }
  })
}

const registerDailyWebhook = async (emulator: DailyEmulator) => {
  const url = `http://localhost:${port}/api/daily/webhook`
  // Daily (and its emulator) first posts {"test":"test"} and wants a 200 quickly: compile the route before.
  await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"test":"test"}' }).catch(() => undefined)
  const res = await fetch(`${emulator.apiUrl}/webhooks`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url, eventTypes: DAILY_WEBHOOK_EVENTS, hmac: env.DAILY_WEBHOOK_SECRET, retryType: 'exponential' }),
  })
  if (!res.ok) throw new Error(`registering the webhook answered ${res.status}: ${await res.text()}`)
  console.log(`[dev] Daily emulator: webhook → ${url}`)
}

if (await waitForHttp(`http://localhost:${port}/api/health`, 180_000)) {
  if (daily) {
    try {
      await registerDailyWebhook(daily)
    } catch (error) {
      console.error(`[dev] the Daily emulator's webhook could not be registered: ${error instanceof Error ? error.message : error}`)
      await stop(1)
    }
  }
  console.log(`\n  Callastar is running: http://localhost:${port}  (admin: http://localhost:${port}/admin)\n`)
  console.log('  Demo logins:')
  for (const l of DEMO_LOGINS) console.log(`    ${l.role.padEnd(14)} ${l.email.padEnd(26)} ${l.password}`)
  console.log('')
}
