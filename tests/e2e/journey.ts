/**
 * The storefront journey (issue 4), once in English and once in French: a guest browses, searches,
 * opens a creator, signs up, sends a call request (after being told what is wrong with a bad one);
 * the creator accepts it in the admin panel; another fan cannot see or book the reserved offer; the
 * fan books and pays it, finds it under upcoming calls with its .ics; the call is completed (fixture);
 * the fan reviews it; the review shows on the creator page and the creator is notified. Every page is
 * checked with axe-core (no serious or critical violation) and saved at 1440 px and 375 px.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import pg from 'pg'
import type { Page } from 'playwright-core'

import en from '../../src/i18n/en.json'
import fr from '../../src/i18n/fr.json'
import { capture, CREATOR, type Ctx, englishPanel, FAN2, loginToDashboard, type Scenario } from './helpers'
import { log } from './stack'

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const ZONE = 'Europe/Paris'

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

/** No serious or critical axe-core violation on the page as it is now. */
export const axeCheck = async (page: Page, name: string) => {
  await page.addScriptTag({ content: AXE })
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Violation[] }> } }
    return (await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } })).violations
  })
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${name}`,
  )
}

/** The page at desktop width and at 375 px (full height), back to desktop afterwards. */
const shots = async (page: Page, name: string) => {
  await capture(page, `${name}-desktop.png`)
  await page.setViewportSize({ width: 375, height: 812 })
  await page.waitForTimeout(200)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 1, `${name} fits 375 px without sideways scrolling (overflow ${overflow} px)`)
  await capture(page, `${name}-375.png`)
  await page.setViewportSize({ width: 1440, height: 1000 })
}

const check = async (page: Page, name: string) => {
  log(`  ${name}`)
  await axeCheck(page, name)
  await shots(page, name)
}

/** "YYYY-MM-DDTHH:mm" in the browser's zone, `days` ahead at `hour`:00 (or `hours` from now). */
const localInput = (at: Date): string => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`
}

const sql = async <R extends Record<string, unknown>>(ctx: Ctx, text: string, values: unknown[] = []): Promise<R[]> => {
  const client = new pg.Client({ connectionString: ctx.db.url })
  await client.connect()
  try {
    return (await client.query<R>(text, values)).rows
  } finally {
    await client.end()
  }
}

const byTestId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`)

export const journey = (locale: 'en' | 'fr', daysAhead: number): Scenario => ({
  id: `journey-${locale}`,
  name: `storefront journey in ${locale === 'en' ? 'English' : 'French'}: browse, search, sign up, request, accept, book, pay, review`,
  run: async (ctx, use) => {
    const m = locale === 'en' ? en : fr
    const other = locale === 'en' ? fr : en
    const context = await ctx.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: locale === 'fr' ? 'fr-FR' : 'en-GB', timezoneId: ZONE })
    context.setDefaultTimeout(20_000)
    const page = use(await context.newPage())
    page.on('dialog', (d) => void d.accept())
    const url = ctx.server.url
    const p = `${locale}-`

    // A first visit picks the browser's language.
    await page.goto(`${url}/`, { waitUntil: 'networkidle' })
    assert.equal(new URL(page.url()).pathname, `/${locale}`, 'the home page in the browser’s language')
    assert.equal(await page.locator('html').getAttribute('lang'), locale)
    assert.equal((await page.locator('h1').innerText()).trim(), m['home.title'])
    assert.ok((await page.title()).length > 0 && (await page.locator('meta[name="description"]').first().getAttribute('content'))?.length, 'title and description')
    const body = await page.locator('body').innerText()
    for (const key of ['home.how', 'home.featured', 'home.soon'] as const) {
      assert.ok(body.includes(m[key]), `home shows "${m[key]}"`)
      assert.ok(!body.includes(other[key]), `home has no "${other[key]}" from the other language`)
    }
    await check(page, `${p}home`)

    // Creators: search, accent-insensitive.
    await page.locator('.site-nav').getByRole('link', { name: m['nav.creators'] }).click()
    await page.waitForURL(`**/${locale}/creators`)
    await check(page, `${p}creators`)
    await byTestId(page, 'search').fill('lea')
    await byTestId(page, 'apply-filters').click()
    await page.waitForURL(/q=lea/)
    assert.equal(await byTestId(page, 'creator-card').count(), 1, 'one creator matches "lea"')
    await byTestId(page, 'search').fill('zzzz-nobody')
    await byTestId(page, 'apply-filters').click()
    await byTestId(page, 'no-results').waitFor()
    await page.goto(`${url}/${locale}/creators?q=lea`, { waitUntil: 'networkidle' })
    await page.locator('[data-slug="lea-martin"] a.name').click()

    // The creator page, then sign up from its "log in to request" link.
    await page.waitForURL(`**/${locale}/creators/lea-martin`)
    assert.equal((await byTestId(page, 'creator-name').innerText()).trim(), 'Léa Martin')
    const ogImage = await page.locator('meta[property="og:image"]').first().getAttribute('content')
    assert.ok(ogImage?.includes('opengraph-image'), 'creator page has an Open Graph image')
    const og = await page.request.get(new URL(new URL(ogImage!).pathname + new URL(ogImage!).search, url).href)
    assert.ok(og.ok() && og.headers()['content-type']?.startsWith('image/png') && (await og.body()).length > 5_000, `the Open Graph image renders (${og.status()})`)
    await byTestId(page, 'creator-offers').waitFor()
    await check(page, `${p}creator`)
    await byTestId(page, 'request-login').click()
    await page.waitForURL(/\/login\?next=/)
    await check(page, `${p}login`)
    await page.locator('main').getByRole('link', { name: m['nav.signup'] }).click()
    await page.waitForURL(/\/signup\?next=/)
    const form = page.locator('[data-testid="signup-form"][data-ready]')
    await form.waitFor()
    await byTestId(page, 'signup-submit').click()
    assert.equal(await byTestId(page, 'error-name').innerText(), m['signup.error.name'], 'missing name is named next to the field')
    await check(page, `${p}signup`)
    const email = `journey-${locale}-${Date.now()}@example.com`
    await form.locator('input[name="name"]').fill(locale === 'en' ? 'Jamie Journey' : 'Camille Parcours')
    await form.locator('input[name="email"]').fill(email)
    await form.locator('input[name="password"]').fill('journey-password')
    await byTestId(page, 'signup-submit').click()
    await page.waitForURL(`**/${locale}/creators/lea-martin`)

    // A call request: wrong ones are explained in the page's language, then a right one is sent.
    const request = page.locator('[data-testid="request-form"][data-ready]')
    await request.waitFor()
    await request.locator('input[name="proposedStart"]').fill(localInput(new Date(Date.now() + 2 * 3_600_000)))
    await request.locator('input[name="proposedPrice"]').fill('55')
    await request.locator('textarea[name="message"]').fill('Hi!')
    await byTestId(page, 'request-submit').click()
    assert.equal(await byTestId(page, 'error-proposedStart').innerText(), m['request.error.startTooSoon'].replace('{hours}', '24'))
    assert.equal(await byTestId(page, 'error-message').innerText(), m['request.error.message'].replace('{n}', '3'))
    const start = new Date(Date.now() + daysAhead * 86_400_000)
    await request.locator('input[name="proposedStart"]').fill(`${localInput(start).slice(0, 10)}T13:00`)
    await request.locator('textarea[name="message"]').fill(locale === 'en' ? 'I would love feedback on my new song.' : 'J’aimerais un avis sur ma nouvelle chanson.')
    await byTestId(page, 'request-submit').click()
    await byTestId(page, 'request-sent').waitFor()
    const [callRequest] = await sql<{ id: number; fan_id: number }>(
      ctx,
      `SELECT cr.id, cr.fan_id FROM call_requests cr JOIN users u ON u.id = cr.fan_id WHERE u.email = $1 ORDER BY cr.id DESC LIMIT 1`,
      [email],
    )
    assert.ok(callRequest, 'the request is stored')

    // The creator accepts it in the admin panel.
    const creatorContext = await ctx.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'en-GB' })
    await creatorContext.addCookies(englishPanel(url))
    const creatorPage = await creatorContext.newPage()
    creatorPage.on('dialog', (d) => void d.accept())
    try {
      await loginToDashboard(creatorPage, ctx.server, CREATOR.email, CREATOR.password)
      await creatorPage.goto(`${url}/admin/collections/call-requests/${callRequest.id}`, { waitUntil: 'domcontentloaded' })
      const actions = creatorPage.locator('[data-testid="call-request-actions"]')
      await actions.waitFor()
      const accepted = creatorPage.waitForResponse((r) => r.url().endsWith(`/api/call-requests/${callRequest.id}/accept`))
      await creatorPage.locator('#call-request-accept').click()
      // Confirmed in the panel's own modal (not the browser's confirm).
      await creatorPage.locator('.confirmation-modal #confirm-action').click()
      assert.equal((await accepted).status(), 200, 'the creator accepted the request')
      // The view reloads with the new status: the buttons are gone once the request is answered.
      await actions.waitFor({ state: 'detached' })
      await creatorPage.waitForLoadState('networkidle')
      await capture(creatorPage, `${p}admin-request-accepted.png`)
    } finally {
      await creatorPage.context().close()
    }
    const [offer] = await sql<{ id: number; reserved_for_id: number; price: string }>(ctx, `SELECT o.id, o.reserved_for_id, o.price FROM call_requests cr JOIN offers o ON o.id = cr.resulting_offer_id WHERE cr.id = $1`, [callRequest.id])
    assert.ok(offer && offer.reserved_for_id === callRequest.fan_id && Number(offer.price) === 5500, 'a 55.00 offer reserved for the fan')

    // Another fan neither sees nor books it.
    const outsider = await (await ctx.browser.newContext()).newPage()
    try {
      const res = await outsider.request.post(`${url}/api/users/login`, { data: { email: FAN2.email, password: FAN2.password } })
      assert.equal(res.status(), 200)
      assert.equal((await outsider.goto(`${url}/${locale}/book/${offer.id}`))?.status(), 404, 'the reserved offer is a 404 for another fan')
      // From the page (Payload takes the session cookie only from same-origin browser requests).
      const refused = await outsider.evaluate(async (offerId) => {
        const res = await fetch('/api/bookings/checkout', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offerId }) })
        return { status: res.status, code: ((await res.json()) as { errors?: { code?: string }[] }).errors?.[0]?.code }
      }, offer.id)
      assert.ok([403, 409].includes(refused.status), `another fan's checkout is refused (${refused.status} ${refused.code})`)
      await outsider.goto(`${url}/${locale}/creators/lea-martin`)
      assert.equal(await outsider.locator(`[data-offer-id="${offer.id}"]`).count(), 0, 'not listed on the creator page for another fan')
    } finally {
      await outsider.context().close()
    }

    // The fan is notified, books and pays.
    await page.goto(`${url}/${locale}/account/requests`, { waitUntil: 'networkidle' })
    assert.ok(Number(await byTestId(page, 'notification-count').innerText()) >= 1, 'the bell counts the acceptance')
    await check(page, `${p}account-requests`)
    await page.locator(`[data-request-id="${callRequest.id}"] [data-testid="book-now"]`).click()
    await page.waitForURL(`**/${locale}/book/${offer.id}`)
    const bookingPolicy = await byTestId(page, 'booking-policy').innerText()
    assert.ok(bookingPolicy.startsWith(m['book.policy.freeUntil'].split('{until}')[0]!), `the cancellation policy is stated before "Book and pay" (${bookingPolicy})`)
    await page.locator('[data-testid="checkout"][data-ready] [data-testid="reserve"]').click()
    await byTestId(page, 'hold-countdown').waitFor()
    await page.locator('input[type="radio"]').first().check()
    await byTestId(page, 'pay').click()
    await page.waitForURL(/\/success\?booking=\d+/)
    const bookingId = Number(new URL(page.url()).searchParams.get('booking'))
    await byTestId(page, 'confirmed').waitFor({ timeout: 30_000 })
    await check(page, `${p}book-success`)

    // Upcoming calls, with the .ics.
    await page.goto(`${url}/${locale}/account`, { waitUntil: 'networkidle' })
    const row = page.locator(`[data-testid="upcoming-bookings"] [data-booking-id="${bookingId}"]`)
    await row.waitFor()
    assert.ok((await row.innerText()).includes(m['status.booking.confirmed']))
    assert.ok((await row.locator('[data-testid="join-later"]').innerText()).length > 0, 'join opens later (the call is days away)')
    const [download] = await Promise.all([page.waitForEvent('download'), row.locator('[data-testid="download-ics"]').click()])
    assert.match(readFileSync((await download.path())!, 'utf8'), /BEGIN:VEVENT/)
    // Cancelling states the policy first (free until 24 h before, full refund); the fan keeps the booking.
    await row.locator('[data-testid="cancel-booking"]').click()
    const policy = await row.locator('[data-testid="cancel-policy"]').innerText()
    assert.ok(policy.startsWith(m['cancel.fullRefund'].split('{until}')[0]!), `the refund policy is stated before confirming (${policy})`)
    await check(page, `${p}account-upcoming`)
    await row.getByRole('button', { name: m['cancel.keep'] }).click()

    // The call happens (fixture), the fan reviews it once.
    await sql(ctx, `UPDATE bookings SET status = 'completed' WHERE id = $1`, [bookingId])
    await page.goto(`${url}/${locale}/account/history`, { waitUntil: 'networkidle' })
    const done = page.locator(`[data-booking-id="${bookingId}"]`)
    await done.locator('[data-testid="leave-review"]').click()
    await done.locator('[data-testid="review-submit"]').click()
    assert.equal(await done.locator('[data-testid="review-error"]').innerText(), m['review.error.rating'], 'a review needs a rating')
    await done.locator('[data-testid="rating-5"]').check()
    await done.locator('[data-testid="review-comment"]').fill(locale === 'en' ? 'Generous, precise and kind.' : 'Généreuse, précise et bienveillante.')
    await done.locator('[data-testid="review-submit"]').click()
    await done.locator('[data-testid="reviewed"]').waitFor()
    await check(page, `${p}account-history`)

    // The creator sees it: on their page, and as a notification.
    await page.goto(`${url}/${locale}/creators/lea-martin`, { waitUntil: 'networkidle' })
    assert.ok((await byTestId(page, 'reviews').innerText()).includes(locale === 'en' ? 'Generous, precise and kind.' : 'Généreuse, précise et bienveillante.'))
    const [notified] = await sql<{ n: string }>(
      ctx,
      `SELECT count(*) AS n FROM notifications n JOIN creators c ON c.user_id = n.user_id WHERE c.slug = 'lea-martin' AND n.type = 'review_received' AND n.created_at > now() - interval '10 minutes'`,
    )
    assert.ok(Number(notified!.n) >= 1, 'the creator is notified of the review')

    // Notifications: mark all read empties the bell.
    await page.goto(`${url}/${locale}/account/notifications`, { waitUntil: 'networkidle' })
    await check(page, `${p}account-notifications`)
    await byTestId(page, 'mark-all-read').click()
    await byTestId(page, 'notification-count').waitFor({ state: 'detached' })
    await page.goto(`${url}/${locale}/account/settings`, { waitUntil: 'networkidle' })
    await check(page, `${p}account-settings`)
    log(`  ${locale}: request ${callRequest.id} → offer ${offer.id} → booking ${bookingId}, reviewed`)
  },
})
