/** Shared by the e2e scenarios: demo logins, pages, logins, lookups. */
import assert from 'node:assert/strict'
import path from 'node:path'
import pg from 'pg'
import type { Browser, BrowserContext, Page } from 'playwright-core'

import { DEMO_LOGINS } from '../../src/seed/demo'
import { RESULTS_DIR, type Server, type TestDb } from './stack'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const login = (email: string) => {
  const found = DEMO_LOGINS.find((l) => l.email === email)
  assert.ok(found, `demo login ${email}`)
  return found
}
export const ADMIN = login('admin@callastar.local')
export const CREATOR = login('lea@callastar.local')
export const FAN = login('fan@callastar.local')
export const FAN2 = login('fan2@callastar.local')

/** `stripeUrl`: the Stripe emulator's base URL (its API and its /emulator control endpoints). */
/** `appEnv`: the environment the server runs with (a scenario may start a second web process with it). */
export type Ctx = { server: Server; db: TestDb; browser: Browser; stripeUrl?: string; appEnv?: NodeJS.ProcessEnv }
export type Scenario = { id: string; name: string; run: (ctx: Ctx, use: (page: Page) => Page) => Promise<void> }

export const shot = async (page: Page, file: string) => {
  await page.screenshot({ path: path.join(RESULTS_DIR, file) })
}

/** A full-page screenshot; Chromium sometimes refuses one while the page is still settling: try again once. */
export const capture = async (page: Page, file: string) => {
  try {
    await page.screenshot({ path: path.join(RESULTS_DIR, file), fullPage: true })
  } catch {
    await page.waitForTimeout(500)
    await page.screenshot({ path: path.join(RESULTS_DIR, file), fullPage: true })
  }
}

/**
 * The panel's language chosen as English (Payload's `payload-lng` cookie, as its Account → Language
 * picker sets it). Without it the panel follows the account's language — Léa's is French.
 */
export const englishPanel = (url: string) => [{ name: 'payload-lng', value: 'en', url }]

/** A fresh browser context (no cookies but the panel's English, see `englishPanel`) with a desktop viewport. */
export const newPage = async (ctx: Ctx, { panelLanguage = 'en' }: { panelLanguage?: 'en' | 'account' } = {}): Promise<Page> => {
  const context = await ctx.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-US' })
  context.setDefaultTimeout(20_000)
  if (panelLanguage === 'en') await context.addCookies(englishPanel(ctx.server.url))
  return context.newPage()
}

/** Logs in through the real admin login form (/admin redirects to /admin/login). */
export const submitLogin = async (page: Page, server: Server, email: string, password: string) => {
  await page.goto(`${server.url}/admin`, { waitUntil: 'domcontentloaded' })
  await page.waitForURL(/\/admin\/login/)
  const form = page.locator('form.login__form')
  await form.locator('input[name="email"]').fill(email)
  await form.locator('input[name="password"]').fill(password)
  await form.locator('button[type="submit"]').click()
}

/** Logs in and waits for the dashboard (Payload's dashboard plus our DashboardIntro). */
export const loginToDashboard = async (page: Page, server: Server, email: string, password: string) => {
  await submitLogin(page, server, email, password)
  await page.waitForURL((url) => url.pathname === '/admin' || url.pathname === '/admin/')
  await page.locator('.dashboard').first().waitFor()
  await page.locator('[data-testid="dashboard-intro"]').waitFor()
}

/** Opens the side nav (rendered but inert until the hamburger is clicked) and returns its link labels. */
export const openNav = async (page: Page): Promise<string[]> => {
  if ((await page.locator('aside.nav[inert]').count()) > 0) await page.locator('.template-default__nav-toggler').click()
  await page.locator('aside.nav:not([inert])').waitFor()
  const links = page.locator('aside.nav a.nav__link')
  await links.first().waitFor({ state: 'visible' })
  return (await links.allInnerTexts()).map((t) => t.trim())
}

export const navLink = (page: Page, href: string) => page.locator(`aside.nav a.nav__link[href="${href}"]`)

export const intro = async (page: Page) => ((await page.locator('[data-testid="dashboard-intro"]').innerText()) ?? '').replace(/\s+/g, ' ')

/** Logs in through the storefront form and waits to be sent back to `next`. */
export const storefrontLogin = async (page: Page, server: Server, email: string, password: string, next: string) => {
  await page.goto(`${server.url}/en/login?next=${encodeURIComponent(next)}`, { waitUntil: 'domcontentloaded' })
  const form = page.locator('[data-testid="login-form"][data-ready]')
  await form.locator('input[name="email"]').fill(email)
  await form.locator('input[name="password"]').fill(password)
  await form.locator('button[type="submit"]').click()
  await page.waitForURL((url) => url.pathname === next)
  await page.locator('[data-testid="checkout"][data-ready]').waitFor()
}

/** The soonest available, unreserved offer of a creator, with its price (from the database). */
export const availableOffer = async (databaseUrl: string, email: string) => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: number; title: string; price: string; currency: string }>(
      `SELECT o.id, o.title, o.price, o.currency FROM offers o JOIN creators c ON c.id = o.creator_id JOIN users u ON u.id = c.user_id
        WHERE u.email = $1 AND o.status = 'available' AND o.reserved_for_id IS NULL AND o.starts_at > now() + interval '1 hour'
        ORDER BY o.starts_at LIMIT 1`,
      [email],
    )
    assert.ok(rows[0], `an available offer of ${email}`)
    return { ...rows[0], price: Number(rows[0].price) }
  } finally {
    await client.end()
  }
}

export const text = async (page: Page, testId: string) => ((await page.locator(`[data-testid="${testId}"]`).first().innerText()) ?? '').replace(/\s+/g, ' ').trim()

/** Raw fixture SQL against the e2e database. */
export const sql = async <T,>(ctx: Ctx, query: string, params: unknown[] = []): Promise<T[]> => {
  const client = new pg.Client({ connectionString: ctx.db.url })
  await client.connect()
  try {
    return (await client.query(query, params)).rows as T[]
  } finally {
    await client.end()
  }
}

/** Polls `read` every 250 ms until `done` holds of its value (returned), or fails naming the last value. */
export const until = async <T,>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  let value = await read()
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)} after ${timeoutMs / 1000} s`)
    await new Promise((r) => setTimeout(r, 250))
    value = await read()
  }
  return value
}

/** Every confirm() dialog is accepted, and remembered so the test can say it was asked. */
export const acceptDialogs = (page: Page): string[] => {
  const asked: string[] = []
  page.on('dialog', (dialog) => {
    asked.push(dialog.message())
    void dialog.accept()
  })
  return asked
}

/**
 * Console errors, uncaught page errors and hydration warnings on storefront pages (/en/…, /fr/…):
 * any of them fails the scenario (run.ts checks after each one). The admin panel is another app,
 * checked by its own scenarios. Only what a scenario provokes on purpose is allowed, below.
 */
/**
 * Chromium logs every 4xx answer as a console error. Those the scenarios provoke on purpose are
 * allowed, and only for the API or the page itself: the race (409: slot taken by the other fan), the
 * declined card (402), invalid forms (400), a wrong password (401), another fan refused a reserved
 * offer (403, and its page answering 404), the 404 pages. A missing script, style or image (any
 * other URL) still fails.
 */
const EXPECTED_REFUSAL = /^Failed to load resource: the server responded with a status of (400|401|402|403|404|409)\b/
const expected = (text: string, resource: string, page: string): boolean =>
  EXPECTED_REFUSAL.test(text) && (new URL(resource, page).pathname.startsWith('/api/') || resource.split('#')[0] === page.split('#')[0])
const STOREFRONT_URL = /^https?:\/\/[^/]+\/(en|fr)(\/|\?|$)/
const consoleProblems: string[] = []

const watchPage = (page: Page) => {
  const record = (kind: string, text: string, resource = '') => {
    const url = page.url()
    if (!STOREFRONT_URL.test(url) || (resource && expected(text, resource, url))) return
    consoleProblems.push(`${url} ${kind}: ${text.split('\n')[0]!.slice(0, 300)}${resource ? ` (${resource})` : ''}`)
  }
  page.on('console', (message) => {
    const text = message.text()
    if (message.type() === 'error') record('console.error', text, message.location().url)
    else if (/hydrat|did not match|server rendered/i.test(text)) record(`console.${message.type()}`, text)
  })
  page.on('pageerror', (error) => record('pageerror', `${error.name}: ${error.message}`))
}

/** Watches every page of every context `browser` creates (contexts the scenarios open themselves included). */
export const watchConsoles = (browser: Browser): void => {
  const newContext = browser.newContext.bind(browser)
  browser.newContext = async (...args: Parameters<Browser['newContext']>): Promise<BrowserContext> => {
    const context = await newContext(...args)
    context.on('page', watchPage)
    return context
  }
}

/** The storefront console problems recorded since the last call (and forgets them). */
export const takeConsoleProblems = (): string[] => consoleProblems.splice(0)
