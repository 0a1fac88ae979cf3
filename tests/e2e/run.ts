/**
 * `npm run test:e2e` — production smoke test, self-contained: throwaway embedded PostgreSQL,
 * `payload migrate` + demo seed, `next build` (skipped with E2E_SKIP_BUILD=1 when a build exists),
 * `next start` on a free port, then the scenarios below in headless Chromium (playwright-core);
 * E2E_ONLY=<id,…> runs only some of them.
 * Screenshots go to test-results/e2e/. Exits non-zero on any failure.
 */
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { chromium, type Browser, type Page } from 'playwright-core'

import { freePort } from '../../scripts/lib/embedded-db'
import { connectDemoCreators } from '../../scripts/lib/stripe-dev'
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
  startStripeEmulatorJob,
  startTestDb,
  startWorker,
  timings,
  waitForStatus,
  type Job,
  type Server,
  type TestDb,
} from './stack'
import {
  ADMIN,
  availableOffer,
  CHROMIUM,
  CREATOR,
  type Ctx,
  FAN,
  FAN2,
  intro,
  loginToDashboard,
  navLink,
  newPage,
  openNav,
  type Scenario,
  shot,
  storefrontLogin,
  submitLogin,
  takeConsoleProblems,
  text,
  watchConsoles,
} from './helpers'
import { callScenario, callTwoInstancesScenario } from './call'
import { creatorPanelScenarios } from './creatorPanel'
import { journey } from './journey'
import { moneyAdminScenario } from './moneyAdmin'
import { moneyAdminRefundScenario } from './moneyAdminRefund'
import { moneyRefundScenario } from './moneyRefund'
import { pageCacheScenario } from './pageCache'
import { panelFrenchScenario } from './panelFrench'
import { panelListsScenario } from './panelLists'
import { storefrontEdgesScenario } from './storefrontEdges'

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
    id: 'storefront-fr',
    name: 'storefront booking page in French for a guest; other locales are 404',
    run: async (ctx, use) => {
      const offer = await availableOffer(ctx.db.url, CREATOR.email)
      const page = use(await newPage(ctx))
      const res = await page.goto(`${ctx.server.url}/fr/book/${offer.id}`, { waitUntil: 'domcontentloaded' })
      assert.equal(res?.status(), 200, '/fr/book/<id> answers 200')
      await page.locator('[data-testid="checkout"][data-ready]').waitFor()
      assert.equal((await page.locator('h1').innerText()).trim(), 'Réserver un appel')
      assert.match(await text(page, 'offer-summary'), /Quand .* Durée \d+ min Prix \d+,\d{2}\s€/)
      assert.match(await text(page, 'login-to-book'), /Connectez-vous pour réserver cet appel/)
      const href = await page.locator('[data-testid="login-to-book"]').getAttribute('href')
      assert.equal(href, `/fr/login?next=${encodeURIComponent(`/fr/book/${offer.id}`)}`)
      await shot(page, 'book-fr.png')
      for (const path of [`/de/book/${offer.id}`, '/en/book/99999999', '/en/book/abc']) {
        const other = await fetch(`${ctx.server.url}${path}`, { cache: 'no-store' })
        assert.equal(other.status, 404, `${path} is a 404`)
      }
    },
  },
  {
    id: 'storefront-book',
    name: 'fan books and pays (decline, then 4242); a second fan on the page sees "already booked"',
    run: async (ctx, use) => {
      const offer = await availableOffer(ctx.db.url, CREATOR.email)
      const path = `/en/book/${offer.id}`
      const price = `€${(offer.price / 100).toFixed(2)}`
      // The second fan has the page open before the first one checks out.
      const other = await newPage(ctx)
      try {
        await storefrontLogin(other, ctx.server, FAN2.email, FAN2.password, path)
        await other.locator('[data-testid="reserve"]').waitFor({ state: 'visible' })

        const page = use(await newPage(ctx))
        await storefrontLogin(page, ctx.server, FAN.email, FAN.password, path)
        const summary = await text(page, 'offer-summary')
        assert.ok(summary.includes(offer.title), `summary shows the title (${summary})`)
        assert.equal(await text(page, 'offer-price'), price, 'price formatted in the offer currency')
        assert.match(await text(page, 'offer-start'), /\d{2}:\d{2} \(Europe\/London\)$/, 'start shown in the fan’s time zone')
        assert.match(await text(page, 'reserve'), new RegExp(`Book and pay ${price.replace('.', '\\.')}`))

        await page.locator('[data-testid="reserve"]').click()
        const heldAt = Date.now()
        await page.locator('[data-testid="hold-countdown"]').waitFor()
        assert.match(await text(page, 'hold-countdown'), /held for you for 1[45]:\d{2}/)
        await shot(page, 'book-summary.png')

        await other.locator('[data-testid="already-booked"]').waitFor({ timeout: 5_000 })
        const takenAfter = Date.now() - heldAt
        assert.match(await text(other, 'already-booked'), /already booked/)
        assert.equal(await other.locator('[data-testid="reserve"]').count(), 0, 'no booking button once taken')
        await shot(other, 'book-taken.png')
        log(`  the second fan saw "already booked" ${seconds(takenAfter)} after the first fan's checkout`)

        // A declined card: the card error, and the form stays for a retry.
        await page.getByLabel(/4000 0000 0000 0002/).check()
        await page.locator('[data-testid="pay"]').click()
        await page.locator('[data-testid="checkout-error"]').waitFor()
        assert.match(await text(page, 'checkout-error'), /Your card was declined\..*try again/)
        assert.ok(await page.locator('[data-testid="pay"]').isEnabled(), 'the fan can retry')
        await shot(page, 'book-declined.png')
        // Reloading during the hold resumes it (same booking, countdown still running).
        await page.reload({ waitUntil: 'domcontentloaded' })
        await page.locator('[data-testid="checkout"][data-ready] [data-testid="hold-countdown"]').waitFor()
        assert.match(await text(page, 'hold-countdown'), /held for you for 1[345]:\d{2}/)

        await page.getByLabel(/4242 4242 4242 4242/).check()
        await page.locator('[data-testid="pay"]').click()
        await page.waitForURL(/\/en\/book\/\d+\/success\?booking=\d+/)
        const bookingId = new URL(page.url()).searchParams.get('booking')
        await page.locator('[data-testid="confirmed"]').waitFor({ timeout: 30_000 })
        assert.match(await text(page, 'booking-summary'), /Payment received — your booking is confirmed/)
        await shot(page, 'book-success.png')
        const ics = await page.locator('[data-testid="add-to-calendar"]').getAttribute('href')
        assert.equal(ics, `/api/bookings/${bookingId}/ics`)
        // From the page itself (Payload accepts the session cookie only from same-origin browser requests).
        const fetched = await page.evaluate(async (href) => {
          const res = await fetch(href!, { credentials: 'include' })
          return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() }
        }, ics)
        assert.equal(fetched.status, 200, `the .ics answers 200 (${fetched.body.slice(0, 200)})`)
        assert.match(fetched.type, /^text\/calendar/)
        assert.match(fetched.body, /BEGIN:VCALENDAR[\s\S]*BEGIN:VEVENT/)
        const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="add-to-calendar"]').click()])
        assert.equal(download.suggestedFilename(), `callastar-booking-${bookingId}.ics`)
        assert.match(readFileSync((await download.path())!, 'utf8'), /BEGIN:VCALENDAR/)

        await page.goto(`${ctx.server.url}/en/account/bookings`, { waitUntil: 'domcontentloaded' })
        const row = page.locator(`[data-testid="upcoming-bookings"] [data-booking-id="${bookingId}"]`)
        await row.waitFor()
        assert.equal(await row.getAttribute('data-status'), 'confirmed')
        const rowText = (await row.innerText()).replace(/\s+/g, ' ')
        assert.ok(rowText.includes(offer.title) && rowText.includes('Confirmed') && rowText.includes('Add to calendar'), `bookings row: ${rowText}`)
        await shot(page, 'account-bookings.png')

        // The second fan's page still says so after the payment.
        await other.reload({ waitUntil: 'domcontentloaded' })
        await other.locator('[data-testid="already-booked"]').waitFor()
      } finally {
        await other.context().close().catch(() => undefined)
      }
    },
  },
  {
    id: 'storefront-race',
    name: 'two fans press "Book and pay" on one slot at the same moment: one holds it, the other is told it is booked',
    run: async (ctx, use) => {
      const offer = await availableOffer(ctx.db.url, CREATOR.email)
      const path = `/en/book/${offer.id}`
      const pages = [use(await newPage(ctx)), await newPage(ctx)]
      try {
        await storefrontLogin(pages[0]!, ctx.server, FAN.email, FAN.password, path)
        await storefrontLogin(pages[1]!, ctx.server, FAN2.email, FAN2.password, path)
        await Promise.all(pages.map((p) => p.locator('[data-testid="reserve"]').waitFor({ state: 'visible' })))
        await Promise.all(pages.map((p) => p.locator('[data-testid="reserve"]').click()))
        const outcome = await Promise.all(
          pages.map((p) =>
            Promise.race([
              p.locator('[data-testid="hold-countdown"]').waitFor().then(() => 'held'),
              p.locator('[data-testid="already-booked"]').waitFor().then(() => 'taken'),
            ]),
          ),
        )
        assert.deepEqual([...outcome].sort(), ['held', 'taken'], `one fan holds the slot, the other is told (${outcome.join(', ')})`)
        const loser = pages[outcome.indexOf('taken')]!
        assert.match(await text(loser, 'already-booked'), /already booked/)
        assert.equal(await loser.locator('[data-testid="reserve"]').count(), 0, 'no booking button for the fan who lost')
        const client = new pg.Client({ connectionString: ctx.db.url })
        await client.connect()
        try {
          const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM bookings WHERE offer_id = $1 AND status = 'pending'`, [offer.id])
          assert.equal(Number(rows[0]!.n), 1, 'exactly one pending booking')
        } finally {
          await client.end()
        }
        await shot(loser, 'book-race-lost.png')
      } finally {
        await pages[1]!.context().close().catch(() => undefined)
      }
    },
  },
  journey('en', 3),
  journey('fr', 4),
  pageCacheScenario,
  panelFrenchScenario,
  storefrontEdgesScenario,
  moneyAdminScenario,
  moneyRefundScenario,
  moneyAdminRefundScenario,
  panelListsScenario,
  callScenario,
  callTwoInstancesScenario,
  ...creatorPanelScenarios,
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

// E2E_ONLY=id1,id2 runs only those scenarios (while working on them); health always runs, last.
const only = process.env.E2E_ONLY?.split(',').map((id) => id.trim())
const selected = only ? scenarios.filter((sc) => only.includes(sc.id) || sc.id === 'health') : scenarios

const main = async (): Promise<number> => {
  const started = Date.now()
  rmSync(RESULTS_DIR, { recursive: true, force: true }) // no stale screenshots from an earlier run
  mkdirSync(RESULTS_DIR, { recursive: true })
  let db: TestDb | undefined
  let server: Server | undefined
  let browser: Browser | undefined
  let build: Job | undefined
  const jobs: Job[] = []
  const track = <J extends Job>(job: J): J => (jobs.push(job), job)
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
    // Node 20 + tsx now and then end a process at start-up with code 13 (unsettled top-level await)
    // before it did anything: such a one-shot tool is simply run again.
    const runTool = async (name: string, args: string[], done?: () => Promise<boolean>) => {
      for (let attempt = 1; ; attempt++) {
        const job = track(startJob(name, args[0]!, args.slice(1), dbEnv))
        try {
          await job.done
          if (!done || (await done())) return
          if (attempt >= 3) throw new Error(`${name} exited without doing its work`)
          log(`${name} exited without doing its work; running it again`)
        } catch (error) {
          if (attempt >= 3 || job.child.exitCode !== 13) throw error
          log(`${name} exited with code 13 at start-up; running it again`)
        }
      }
    }
    const migrated = async () => {
      const client = new pg.Client({ connectionString: db!.url })
      await client.connect()
      try {
        return Boolean((await client.query<{ t: string | null }>(`SELECT to_regclass('public.users')::text AS t`)).rows[0]?.t)
      } finally {
        await client.end()
      }
    }
    await phase('payload migrate', () => runTool('migrate', ['node', 'scripts/payload.mjs', 'migrate'], migrated))
    await phase('demo seed', () => runTool('seed', ['npx', 'tsx', 'scripts/seed.ts']))
    if (build) {
      await phase('wait for next build', () => build!.done)
      timings.push({ name: 'next build (in total, alongside the steps above)', ms: Date.now() - buildStarted, ok: true })
      log(`next build took ${seconds(Date.now() - buildStarted)}`)
    }

    // Payments go to the Stripe emulator; its signed events reach the server, whose queued jobs the worker runs.
    const port = await freePort()
    const stripe = await phase('start the Stripe emulator', async () => {
      const job = track(await startStripeEmulatorJob({ ...dbEnv }, `http://localhost:${port}/api/stripe/webhook`))
      const connected = await connectDemoCreators(db!.url, job.url)
      log(`Stripe emulator at ${job.url}: ${connected} demo creators' payment accounts onboarded`)
      return job
    })
    const appEnv = { ...dbEnv, ...stripe.env }
    // The worker sometimes exits at once with code 13 (an unsettled top-level await under tsx on
    // Node 20, before any output); start it again rather than fail the run on it.
    const startReadyWorker = async () => {
      for (let attempt = 1; ; attempt++) {
        const worker = track(startWorker(appEnv))
        try {
          await worker.ready(120_000)
          // Its log goes on in test-results/e2e/worker.log (it is loud once the health check stops the database).
          worker.mute('ready')
          return
        } catch (error) {
          if (attempt >= 3 || !worker.exited()) throw error
          log(`the jobs worker exited before it was ready (code ${worker.child.exitCode}); starting it again`)
        }
      }
    }
    const workerReady = startReadyWorker()
    workerReady.catch(() => undefined)
    server = await phase('next start', async () => {
      const s = await startServer(appEnv, port)
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
    await phase('jobs worker ready', () => workerReady)
    browser = await phase('launch Chromium', () =>
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      }),
    )

    // Every storefront page of every scenario: no console error, uncaught error or hydration warning.
    watchConsoles(browser)
    const ctx: Ctx = { server, db, browser, stripeUrl: stripe.url, appEnv }
    for (const scenario of selected) {
      const t0 = Date.now()
      let page: Page | undefined
      try {
        takeConsoleProblems()
        await scenario.run(ctx, (p) => (page = p))
        const problems = takeConsoleProblems()
        assert.deepEqual(problems, [], `storefront console of ${scenario.id}: errors or hydration warnings`)
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
  const ok = passed === selected.length && results.length === selected.length
  console.log(`  ${ok ? 'OK' : 'FAILED'}: ${passed}/${selected.length} scenarios passed${selected.length < scenarios.length ? ` (E2E_ONLY: ${selected.length} of ${scenarios.length})` : ''}, total ${seconds(Date.now() - started)}\n`)
  return ok ? 0 : 1
}

process.exit(await main())
