/**
 * The e2e stack, without Playwright: a throwaway embedded PostgreSQL, `payload migrate` + demo seed,
 * a production build and `next start` in its own process group. Used by tests/e2e/run.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { freePort, startEmbeddedDb, type EmbeddedDb } from '../../scripts/lib/embedded-db'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const RESULTS_DIR = path.join(ROOT, 'test-results/e2e')

export const log = (message: string): void => console.log(`[e2e] ${message}`)
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`

/** Durations of the phases run so far, for the summary. */
export const timings: { name: string; ms: number; ok: boolean }[] = []

/** Times one phase and prints its duration. */
export const phase = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
  const started = Date.now()
  log(`${name}…`)
  try {
    const result = await fn()
    timings.push({ name, ms: Date.now() - started, ok: true })
    log(`${name}: done in ${seconds(Date.now() - started)}`)
    return result
  } catch (error) {
    timings.push({ name, ms: Date.now() - started, ok: false })
    log(`${name}: failed after ${seconds(Date.now() - started)}`)
    throw error
  }
}

/** The environment every child starts from: no provider keys or database of the developer's shell. */
export const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_OPTIONS: '--no-deprecation', NEXT_TELEMETRY_DISABLED: '1' }
  const shellOnly = ['NODE_ENV', 'DATABASE_URL', 'NEXT_PUBLIC_SERVER_URL', 'SERVER_URL', 'PORT', 'RESEND_API_KEY']
  // Payments always go to the Stripe emulator (startStripeEmulatorJob), never to a key of the shell.
  const stripe = ['STRIPE_SECRET_KEY', 'NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY', 'STRIPE_EMULATOR_URL', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_EMULATOR_STATE_FILE']
  for (const name of [...shellOnly, ...stripe]) delete env[name]
  return env
}

export type TestDb = EmbeddedDb & { stopOnce: () => Promise<void> }

/** A throwaway PostgreSQL in the OS temp dir, removed when stopped. */
export const startTestDb = async (): Promise<TestDb> => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callastar-e2e-pg-'))
  const db = await startEmbeddedDb({ dataDir, persistent: false, database: 'callastar_e2e', log: (m) => log(`[db] ${m}`) })
  let stopping: Promise<void> | undefined
  const stop = async () => {
    // On Ctrl-C postgres (same process group) may have exited already, and then db.stop() never
    // resolves (it waits for an exit event that has passed): also watch the pid file go away.
    const pidFile = path.join(dataDir, 'postmaster.pid')
    const gone = async () => {
      while (existsSync(pidFile)) await sleep(100)
    }
    await Promise.race([db.stop(), gone().then(() => sleep(200)), sleep(15_000)])
    rmSync(dataDir, { recursive: true, force: true })
  }
  return {
    ...db,
    // Every caller (scenario, cleanup, signal handler) waits for the same stop.
    stopOnce: () => (stopping ??= stop()),
  }
}

/** A child in its own process group: output prefixed line by line (and optionally copied to a file). */
export type Job = {
  name: string
  child: ChildProcess
  /** Resolves on exit code 0, rejects otherwise. */
  done: Promise<void>
  exited: () => boolean
  /** Stops echoing output to stdout (the log file, if any, still gets it). */
  mute: (reason: string) => void
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves once the child is gone. */
  stop: (graceMs?: number) => Promise<void>
}

export const startJob = (
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { logFile?: string } = {},
): Job => {
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  const file = opts.logFile ? createWriteStream(opts.logFile) : undefined
  let echo = true
  for (const stream of [child.stdout, child.stderr]) {
    let buffer = ''
    stream?.on('data', (chunk: Buffer) => {
      file?.write(chunk)
      buffer += chunk.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop() ?? ''
      if (echo) for (const line of lines) if (line.trim() && !line.includes('npm warn')) process.stdout.write(`[${name}] ${line}\n`)
    })
  }
  const mute = (reason: string) => {
    echo = false
    process.stdout.write(`[${name}] (${reason}${opts.logFile ? `; further output only in ${path.relative(ROOT, opts.logFile)}` : ''})\n`)
  }
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      file?.end()
      resolve({ code, signal })
    }),
  )
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject)
    void exit.then(({ code, signal }) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} failed (exit code ${code}, signal ${signal})`)),
    )
  })
  done.catch(() => undefined) // callers that care await it; no unhandled rejection meanwhile
  const exited = () => child.exitCode !== null || child.signalCode !== null
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      // the group is already gone
    }
  }
  const stop = async (graceMs = 10_000) => {
    if (!child.pid || exited()) return
    signalGroup('SIGTERM')
    if (await Promise.race([exit.then(() => true), sleep(graceMs).then(() => false)])) return
    signalGroup('SIGKILL')
    await Promise.race([exit, sleep(5_000)])
  }
  return { name, child, done, exited, mute, stop }
}

/** Whether to reuse the existing production build (E2E_SKIP_BUILD=1 and .next/BUILD_ID present). */
export const reuseBuild = (): boolean => {
  if (process.env.E2E_SKIP_BUILD !== '1') return false
  if (existsSync(path.join(ROOT, '.next/BUILD_ID'))) return true
  log('E2E_SKIP_BUILD=1 but .next/BUILD_ID is missing: building.')
  return false
}

/** `next build` as a background job (it needs no database, so it runs alongside migrate and seed). */
// `npm run build`, like the Dockerfile: it regenerates the admin import map before `next build`.
export const startBuild = (env: NodeJS.ProcessEnv): Job => startJob('build', 'npm', ['run', 'build'], { ...env, NODE_ENV: 'production' })

export type Server = Job & { url: string; port: number; logFile: string }

/** `next start` on a free port (or `port`), in its own process group; output also in test-results/e2e/server.log. */
export const startServer = async (env: NodeJS.ProcessEnv, port?: number): Promise<Server> => {
  port ??= await freePort()
  const url = `http://localhost:${port}`
  mkdirSync(RESULTS_DIR, { recursive: true })
  const logFile = path.join(RESULTS_DIR, 'server.log')
  const job = startJob(
    'server',
    'npx',
    ['next', 'start', '-p', String(port)],
    { ...env, NODE_ENV: 'production', PORT: String(port), NEXT_PUBLIC_SERVER_URL: url },
    { logFile },
  )
  return { ...job, url, port, logFile }
}

export type StripeEmulatorJob = Job & { url: string; env: Record<string, string> }

/**
 * The Stripe emulator (scripts/stripe-emulator.ts) on a free port, sending signed events to the
 * app's webhook. `env` is what the server and worker need to use it (STRIPE_EMULATOR_URL, secret).
 */
export const startStripeEmulatorJob = async (env: NodeJS.ProcessEnv, webhookUrl: string): Promise<StripeEmulatorJob> => {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const stripeEnv = { STRIPE_EMULATOR_URL: url, STRIPE_WEBHOOK_SECRET: 'whsec_e2e_emulator' }
  const job = startJob('stripe', 'npx', ['tsx', 'scripts/stripe-emulator.ts'], {
    ...env,
    ...stripeEnv,
    STRIPE_EMULATOR_PORT: String(port),
    STRIPE_WEBHOOK_URL: webhookUrl,
  }, { logFile: path.join(RESULTS_DIR, 'stripe-emulator.log') })
  const up = await waitForStatus(`${url}/`, 200, 60_000, { intervalMs: 250, abortIf: () => (job.exited() ? 'the emulator exited' : undefined) })
  if (!up.ok) {
    await job.stop()
    throw new Error(`the Stripe emulator did not answer on ${url} (last: ${up.last})`)
  }
  return { ...job, url, env: stripeEnv }
}

export type Worker = Job & { ready: (timeoutMs: number) => Promise<void> }

/** The jobs worker (it processes the webhook events), polling the queue often so payments confirm fast. */
export const startWorker = (env: NodeJS.ProcessEnv): Worker => {
  const job = startJob('worker', 'npx', ['tsx', 'src/jobs/worker.ts'], { ...env, WORKER_POLL_MS: '500' }, { logFile: path.join(RESULTS_DIR, 'worker.log') })
  const isReady = new Promise<void>((resolve) => {
    let seen = ''
    job.child.stdout?.on('data', (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-4096)
      if (seen.includes('Jobs worker ready')) resolve()
    })
  })
  const ready = (timeoutMs: number) =>
    Promise.race([
      isReady,
      job.done.then(() => Promise.reject(new Error('the jobs worker exited before it was ready'))),
      sleep(timeoutMs).then(() => Promise.reject(new Error(`the jobs worker was not ready within ${seconds(timeoutMs)}`))),
    ])
  return { ...job, ready }
}

/** Polls GET `url` until it answers `status` (ok) or the deadline passes; `abortIf` ends early. */
export const waitForStatus = async (
  url: string,
  status: number,
  timeoutMs: number,
  opts: { intervalMs?: number; abortIf?: () => string | undefined } = {},
): Promise<{ ok: boolean; last: string }> => {
  const deadline = Date.now() + timeoutMs
  let last = 'no answer'
  while (Date.now() < deadline) {
    const reason = opts.abortIf?.()
    if (reason) return { ok: false, last: reason }
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000), cache: 'no-store' })
      last = `HTTP ${res.status}`
      await res.arrayBuffer()
      if (res.status === status) return { ok: true, last }
    } catch (error) {
      last = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    }
    await sleep(opts.intervalMs ?? 500)
  }
  return { ok: false, last }
}
