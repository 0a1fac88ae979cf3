/**
 * `npm run test:e2e` — production smoke test, self-contained: throwaway embedded PostgreSQL,
 * `payload migrate` + demo seed, `next build` (skipped with E2E_SKIP_BUILD=1 when a build exists),
 * `next start` on a free port, then the scenarios below in headless Chromium (playwright-core).
 * Screenshots go to test-results/e2e/. Exits non-zero on any failure.
 */
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

import { freePort } from '../../scripts/lib/embedded-db'
import { DEMO_LOGINS } from '../../src/seed/demo'
import {
  baseEnv,
  log,
  phase,
  RESULTS_DIR,
  reuseBuild,
  seconds,
  startBuild,
  startJob,
  startServer,
  startTestDb,
  timings,
  waitForStatus,
  type Job,
  type Server,
  type TestDb,
} from './stack'

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const login = (email: string) => {
  const found = DEMO_LOGINS.find((l) => l.email === email)
  assert.ok(found, `demo login ${email}`)
  return found
}
const ADMIN = login('admin@callastar.local')
const CREATOR = login('lea@callastar.local')
const FAN = login('fan@callastar.local')

type Ctx = { server: Server; db: TestDb; browser: Browser }
type Scenario = { id: string; name: string; run: (ctx: Ctx, use: (page: Page) => Page) => Promise<void> }

const shot = async (page: Page, file: string) => {
  await page.screenshot({ path: path.join(RESULTS_DIR, file) })
}

/** A fresh browser context (no cookies) with a desktop viewport. */
const newPage = async (ctx: Ctx): Promise<Page> => {
  const context = await ctx.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' })
  context.setDefaultTimeout(20_000)
  return context.newPage()
}

/** Logs in through the real admin login form (/admin redirects to /admin/login). */
const submitLogin = async (page: Page, server: Server, email: string, password: string) => {
  await page.goto(`${server.url}/admin`, { waitUntil: 'domcontentloaded' })
  await page.waitForURL(/\/admin\/login/)
  const form = page.locator('form.login__form')
  await form.locator('input[name="email"]').fill(email)
  await form.locator('input[name="password"]').fill(password)
  await form.locator('button[type="submit"]').click()
}

/** Logs in and waits for the dashboard (Payload's dashboard plus our DashboardIntro). */
const loginToDashboard = async (page: Page, server: Server, email: string, password: string) => {
  await submitLogin(page, server, email, password)
  await page.waitForURL((url) => url.pathname === '/admin' || url.pathname === '/admin/')
  await page.locator('.dashboard').first().waitFor()
  await page.locator('[data-testid="dashboard-intro"]').waitFor()
}

/** Opens the side nav (rendered but inert until the hamburger is clicked) and returns its link labels. */
const openNav = async (page: Page): Promise<string[]> => {
  if ((await page.locator('aside.nav[inert]').count()) > 0) await page.locator('.template-default__nav-toggler').click()
  await page.locator('aside.nav:not([inert])').waitFor()
  const links = page.locator('aside.nav a.nav__link')
  await links.first().waitFor({ state: 'visible' })
  return (await links.allInnerTexts()).map((t) => t.trim())
}

const navLink = (page: Page, href: string) => page.locator(`aside.nav a.nav__link[href="${href}"]`)

const intro = async (page: Page) => ((await page.locator('[data-testid="dashboard-intro"]').innerText()) ?? '').replace(/\s+/g, ' ')

const ADMIN_ONLY = {
  'System logs': '/admin/collections/system-logs',
  'Email logs': '/admin/collections/email-logs',
  Users: '/admin/collections/users',
  'Platform settings': '/admin/globals/platform-settings',
} as const

const scenarios: Scenario[] = [
  {
    id: 'admin',
    name: 'admin logs in and sees the back office',
    run: async (ctx, use) => {
      const page = use(await newPage(ctx))
      await loginToDashboard(page, ctx.server, ADMIN.email, ADMIN.password)
      assert.match(await intro(page), /Hello Ada Admin Back office/)
      const labels = await openNav(page)
      for (const [label, href] of Object.entries(ADMIN_ONLY)) {
        assert.ok(labels.includes(label), `admin nav shows "${label}" (nav: ${labels.join(', ')})`)
        assert.ok(await navLink(page, href).isVisible(), `admin nav links to ${href}`)
      }
      assert.ok(labels.includes('Offers'), `admin nav shows "Offers"`)
      assert.ok(await page.locator('aside.nav .nav-group__label', { hasText: 'Operations' }).isVisible(), 'admin nav shows the Operations group')
      assert.ok(await page.locator('[data-testid="notification-bell"]').isVisible(), 'notification bell in the header')
      await shot(page, 'admin-dashboard.png')
    },
  },
  {
    id: 'creator',
    name: 'creator logs in and sees only their own space',
    run: async (ctx, use) => {
      const page = use(await newPage(ctx))
      await loginToDashboard(page, ctx.server, CREATOR.email, CREATOR.password)
      assert.match(await intro(page), /Hello Léa Martin Your creator space/)
      await page.locator('[data-testid="notification-bell"]').waitFor({ state: 'visible' })
      const labels = await openNav(page)
      assert.ok(labels.includes('Offers'), `creator nav shows "Offers" (nav: ${labels.join(', ')})`)
      for (const [label, href] of Object.entries(ADMIN_ONLY)) {
        assert.ok(!labels.includes(label), `creator nav must not show "${label}" (nav: ${labels.join(', ')})`)
        assert.equal(await navLink(page, href).count(), 0, `creator nav must not link to ${href}`)
      }
      assert.equal(await page.locator('aside.nav .nav-group__label', { hasText: 'Operations' }).count(), 0, 'no Operations group for creators')
      // Nor on the dashboard cards.
      const dashboard = (await page.locator('.dashboard').first().innerText()).replace(/\s+/g, ' ')
      for (const label of Object.keys(ADMIN_ONLY)) assert.ok(!new RegExp(`\\b${label}\\b`).test(dashboard), `creator dashboard must not show "${label}"`)
      await shot(page, 'creator-dashboard.png')

      await navLink(page, '/admin/collections/offers').click()
      await page.waitForURL(/\/admin\/collections\/offers/)
      await page.locator('table tbody tr').first().waitFor()
      // Every row at once, so another creator's offer cannot hide on page 2.
      await page.goto(`${ctx.server.url}/admin/collections/offers?limit=100&sort=startsAt`, { waitUntil: 'domcontentloaded' })
      await page.locator('table tbody tr').first().waitFor()
      // Relationship cells (Creator) load after the table; wait so the screenshot shows them.
      await page.waitForLoadState('networkidle').catch(() => undefined)
      await page
        .waitForFunction(() => !/Loading\.\.\.|<No Creator>/.test(document.querySelector('table tbody')?.textContent ?? ''), undefined, { timeout: 5_000 })
        .catch(() => undefined)
      await shot(page, 'creator-offers.png')
      const titles = (await page.locator('table tbody tr td.cell-title').allInnerTexts()).map((t) => t.trim())
      const rows = titles.length ? titles : await page.locator('table tbody tr').allInnerTexts()
      assert.ok(rows.length > 0, 'the offers list has rows')
      assert.ok(rows.some((t) => /Vocal warm-up and feedback|Songwriting session/.test(t)), `Léa's offers are listed (rows: ${rows.slice(0, 5).join(' / ')})`)
      // Prices are money, formatted in the offer's currency (the MoneyCell admin component).
      const prices = (await page.locator('table tbody tr td.cell-price').allInnerTexts()).map((t) => t.trim())
      assert.ok(prices.length > 0 && prices.every((p) => /^€\d+\.\d{2}$/.test(p)), `prices shown as euros (got: ${prices.slice(0, 3).join(', ')})`)
      const foreign = rows.filter((t) => /Pitch deck teardown|Office hours|Training plan review|Race-day tactics/.test(t))
      assert.ok(
        foreign.length === 0,
        `the creator's Offers list must show only her own offers; it shows ${foreign.length} of other creators' (e.g. "${foreign[0]}") among ${rows.length} rows`,
      )
    },
  },
  {
    id: 'fan',
    name: 'fan is refused by the admin panel',
    run: async (ctx, use) => {
      const page = use(await newPage(ctx))
      await submitLogin(page, ctx.server, FAN.email, FAN.password)
      // Payload sends a logged-in user without admin access to its "unauthorized" view.
      await page.waitForURL(/\/admin\/unauthorized/)
      await page.getByText(/unauthori[sz]ed|not allowed/i).first().waitFor()
      await page.waitForLoadState('networkidle').catch(() => undefined)
      await shot(page, 'fan-refused.png')
      assert.equal(await page.locator('[data-testid="dashboard-intro"]').count(), 0, 'fan must not see the dashboard intro')
      assert.equal(await page.locator('.dashboard').count(), 0, 'fan must not see the dashboard')
      assert.equal(await page.locator('a.nav__link').count(), 0, 'fan must not see the admin nav')
      // Going to the dashboard directly does not help either.
      await page.goto(`${ctx.server.url}/admin`, { waitUntil: 'domcontentloaded' })
      await page.waitForURL(/\/admin\/(unauthorized|login)/)
      assert.equal(await page.locator('.dashboard').count(), 0, 'fan must not reach /admin directly')
    },
  },
  {
    id: 'secrets',
    name: 'production start refuses to boot without its secrets, naming them',
    run: async () => {
      const env = baseEnv()
      for (const name of ['PAYLOAD_SECRET', 'CRON_SECRET']) delete env[name]
      const port = await freePort()
      const logFile = path.join(RESULTS_DIR, 'refused-start.log')
      const bare = startJob('bare-start', 'npx', ['next', 'start', '-p', String(port)], { ...env, NODE_ENV: 'production', PORT: String(port) }, { logFile })
      bare.mute('expected to refuse')
      const outcome = await Promise.race([bare.done.then(() => 'exit 0', () => 'refused'), new Promise<string>((r) => setTimeout(() => r('still running'), 60_000))])
      await bare.stop()
      assert.equal(outcome, 'refused', 'next start without secrets must exit with an error')
      assert.match(readFileSync(logFile, 'utf8'), /refuses to start in production: missing PAYLOAD_SECRET, DATABASE_URL, CRON_SECRET/)
    },
  },
  {
    // Must stay last: it stops the database.
    id: 'health',
    name: 'health is 200, then 503 once the database is down',
    run: async (ctx) => {
      const res = await fetch(`${ctx.server.url}/api/health`, { cache: 'no-store' })
      assert.equal(res.status, 200, 'health with the database up')
      assert.equal(((await res.json()) as { status: string }).status, 'ok')
      // The server logs every dropped pool connection at length; keep that out of the console.
      ctx.server.mute('database stopped on purpose')
      const stoppedAt = Date.now()
      await ctx.db.stopOnce()
      const down = await waitForStatus(`${ctx.server.url}/api/health`, 503, 10_000, {
        intervalMs: 250,
        abortIf: () => (ctx.server.exited() ? `server exited (code ${ctx.server.child.exitCode})` : undefined),
      })
      assert.ok(down.ok, `health must answer 503 within 10 s of the database stopping (last: ${down.last})`)
      log(`  health answered 503 ${seconds(Date.now() - stoppedAt)} after the database stopped`)
    },
  },
]

type Result = { name: string; ok: boolean; ms: number; error?: string }

const main = async (): Promise<number> => {
  const started = Date.now()
  rmSync(RESULTS_DIR, { recursive: true, force: true }) // no stale screenshots from an earlier run
  mkdirSync(RESULTS_DIR, { recursive: true })
  let db: TestDb | undefined
  let server: Server | undefined
  let browser: Browser | undefined
  let build: Job | undefined
  const jobs: Job[] = []
  const track = (job: Job) => (jobs.push(job), job)
  const results: Result[] = []
  let stopping: Promise<void> | undefined
  // Shared by the normal cleanup and the signal handler, so neither exits while the other stops things.
  const stopAll = () =>
    (stopping ??= (async () => {
      await browser?.close().catch(() => undefined)
      await Promise.all([...jobs, ...(server ? [server] : [])].map((job) => job.stop().catch((e) => log(`stopping ${job.name} failed: ${e}`))))
      await db?.stopOnce().catch((e) => log(`stopping the database failed: ${e}`))
    })())
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: cleaning up`)
    void stopAll().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)

  try {
    const env = baseEnv()
    // The build needs no database: it runs while PostgreSQL starts, migrations run and the seed loads.
    const buildStarted = Date.now()
    if (reuseBuild()) log('next build skipped (E2E_SKIP_BUILD=1 and .next/BUILD_ID exists)')
    else {
      log('next build started in the background')
      build = track(startBuild(env))
    }
    db = await phase('start embedded PostgreSQL', () => startTestDb())
    const dbEnv = { ...env, DATABASE_URL: db.url, PAYLOAD_SECRET: 'e2e-payload-secret', CRON_SECRET: 'e2e-cron-secret' }
    // The seed refuses NODE_ENV=production; baseEnv() leaves NODE_ENV unset.
    await phase('payload migrate', () => track(startJob('migrate', 'npx', ['payload', 'migrate'], dbEnv)).done)
    await phase('demo seed', () => track(startJob('seed', 'npx', ['tsx', 'scripts/seed.ts'], dbEnv)).done)
    if (build) {
      await phase('wait for next build', () => build!.done)
      timings.push({ name: 'next build (in total, alongside the steps above)', ms: Date.now() - buildStarted, ok: true })
      log(`next build took ${seconds(Date.now() - buildStarted)}`)
    }

    server = await phase('next start', async () => {
      const s = await startServer(dbEnv)
      const up = await waitForStatus(`${s.url}/api/health`, 200, 120_000, {
        abortIf: () => (s.exited() ? `server exited (code ${s.child.exitCode}, signal ${s.child.signalCode})` : undefined),
      })
      if (!up.ok) {
        await s.stop()
        throw new Error(`${s.url}/api/health did not answer 200 within 120 s (last: ${up.last})`)
      }
      log(`server up at ${s.url}`)
      return s
    })
    browser = await phase('launch Chromium', () =>
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      }),
    )

    const ctx: Ctx = { server, db, browser }
    for (const scenario of scenarios) {
      const t0 = Date.now()
      let page: Page | undefined
      try {
        await scenario.run(ctx, (p) => (page = p))
        results.push({ name: scenario.name, ok: true, ms: Date.now() - t0 })
        log(`PASS ${scenario.name} (${seconds(Date.now() - t0)})`)
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        results.push({ name: scenario.name, ok: false, ms: Date.now() - t0, error: message })
        log(`FAIL ${scenario.name} (${seconds(Date.now() - t0)}): ${message}`)
        if (page) {
          const file = `failure-${scenario.id}.png`
          await shot(page, file).catch(() => undefined)
          log(`  page: ${page.url()} — screenshot test-results/e2e/${file}`)
        }
      } finally {
        await (page as Page | undefined)?.context().close().catch(() => undefined)
      }
    }
  } catch (error) {
    results.push({ name: 'setup', ok: false, ms: 0, error: error instanceof Error ? error.message : String(error) })
    log(`setup failed: ${error instanceof Error ? error.message : error}`)
  } finally {
    await phase('cleanup', stopAll)
  }

  console.log('\nE2E summary')
  console.log('  Phases:')
  for (const t of timings) console.log(`    ${t.ok ? '   ' : 'ERR'} ${seconds(t.ms).padStart(7)}  ${t.name}`)
  console.log('  Scenarios:')
  for (const r of results) console.log(`    ${r.ok ? 'PASS' : 'FAIL'} ${seconds(r.ms).padStart(7)}  ${r.name}${r.error ? `\n                   ${r.error.replace(/\n/g, '\n                   ')}` : ''}`)
  const passed = results.filter((r) => r.ok).length
  const ok = passed === scenarios.length && results.length === scenarios.length
  console.log(`  ${ok ? 'OK' : 'FAILED'}: ${passed}/${scenarios.length} scenarios passed, total ${seconds(Date.now() - started)}\n`)
  return ok ? 0 : 1
}

process.exit(await main())
