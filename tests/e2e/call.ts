/**
 * The call page on the peer-to-peer provider (issue 11), with Chromium's fake camera and microphone:
 * a guest is sent to log in, a third user is refused, a countdown moves on by itself to the device
 * check when the window opens; then the fan (English) and the creator (French), in two browser
 * contexts, pass the device check, reach "in call" and see each other's video playing (videoWidth
 * and framesDecoded rising), a camera switched off shows on the other side, a network blip
 * (offline for 3 s) and a forced ICE restart recover, and at the scheduled end the server ejects
 * both — the page's own timer is off — and the summary shows both joined and the actual duration.
 * Every phase is checked with axe-core and saved at 1440 px and 375 px.
 */
import assert from 'node:assert/strict'
import path from 'node:path'

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'

import { capture, CHROMIUM, CREATOR, type Ctx, FAN, FAN2, type Scenario, sql, until } from './helpers'
import { axeCheck } from './journey'
import { freePort } from '../../scripts/lib/embedded-db'
import { log, RESULTS_DIR, startJob, waitForStatus } from './stack'

const MEDIA_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
]

/** A confirmed peer-to-peer booking of Léa's with FAN, on a fresh offer: `startsIn` / `endsIn` seconds from now. */
const fixtureBooking = async (ctx: Ctx, startsIn: number, endsIn: number): Promise<number> => {
  // An earlier fixture call that is over must not hold Léa's time (offers of a creator never overlap).
  await sql(ctx, `UPDATE offers SET status = 'cancelled' WHERE title = 'Video call check' AND ends_at <= now()`)
  const [row] = await sql<{ id: number }>(
    ctx,
    `WITH c AS (SELECT c.id FROM creators c JOIN users u ON u.id = c.user_id WHERE u.email = $1),
          f AS (SELECT id FROM users WHERE email = $2),
          o AS (
            INSERT INTO offers (creator_id, title, starts_at, duration_minutes, ends_at, price, currency, status, updated_at, created_at)
            SELECT c.id, 'Video call check', now() + make_interval(secs => $3), 30, now() + make_interval(secs => $4), 2500, 'EUR', 'booked', now(), now() FROM c
            RETURNING id, creator_id, starts_at, ends_at)
     INSERT INTO bookings (offer_id, fan_id, creator_id, status, starts_at, ends_at, call_provider, call_room_name, call_room_status, call_room_ready_at, updated_at, created_at)
     SELECT o.id, f.id, o.creator_id, 'confirmed', o.starts_at, o.ends_at, 'p2p', o.id::text, 'ready', now(), now(), now() FROM o, f
     RETURNING id`,
    [CREATOR.email, FAN.email, startsIn, endsIn],
  )
  assert.ok(row, 'fixture booking created')
  return row.id
}

/** axe, then the page at 1440 px and at 375 px (no sideways scrolling), back to 1440 px. */
const check = async (page: Page, name: string) => {
  await axeCheck(page, name)
  await capture(page, `${name}-desktop.png`)
  await page.setViewportSize({ width: 375, height: 812 })
  await page.waitForTimeout(300)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.ok(overflow <= 1, `${name} fits 375 px without sideways scrolling (overflow ${overflow} px)`)
  await capture(page, `${name}-375.png`)
  await page.setViewportSize({ width: 1440, height: 1000 })
}

const loggedIn = async (browser: Browser, origin: string, who: { email: string; password: string }, locale: 'en' | 'fr'): Promise<{ context: BrowserContext; page: Page }> => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: locale === 'fr' ? 'fr-FR' : 'en-GB', timezoneId: 'Europe/Paris' })
  context.setDefaultTimeout(20_000)
  await context.grantPermissions(['camera', 'microphone'], { origin })
  // The page's own end timer off: only the server's `end` may end the call.
  await context.addInitScript(() => {
    ;(window as unknown as { __CALLASTAR_CALL_TEST__: object }).__CALLASTAR_CALL_TEST__ = { disableClientTimer: true }
  })
  const page = await context.newPage()
  const res = await page.request.post(`${origin}/api/users/login`, { data: { email: who.email, password: who.password } })
  assert.equal(res.status(), 200, `${who.email} logs in`)
  return { context, page }
}

/** The remote video's width and its decoded frames (inbound video, from the page's peer connection). */
const remoteVideo = (page: Page) =>
  page.evaluate(async () => {
    const video = document.querySelector<HTMLVideoElement>('[data-testid="remote-video"]')
    const pc = (window as unknown as { __CALLASTAR_CALL_TEST__?: { pc?: RTCPeerConnection } }).__CALLASTAR_CALL_TEST__?.pc
    let framesDecoded = 0
    if (pc) (await pc.getStats()).forEach((s) => s.type === 'inbound-rtp' && s.kind === 'video' && (framesDecoded += s.framesDecoded ?? 0))
    return { width: video?.videoWidth ?? 0, framesDecoded }
  })

const framesRising = async (page: Page, who: string) => {
  const first = await until(`${who} receives video`, () => remoteVideo(page), (v) => v.width > 0 && v.framesDecoded > 0, 20_000)
  const later = await until(`${who}'s decoded frames rise`, () => remoteVideo(page), (v) => v.framesDecoded > first.framesDecoded + 5, 10_000)
  return later
}

const connection = (page: Page) => page.locator('[data-testid="in-call"]').getAttribute('data-connection')

/**
 * The fan (English, on `fanUrl`) and the creator (French, on `creatorUrl`) in a call ending in
 * `endsIn` seconds: device check, connected with video both ways, camera toggle seen by the other,
 * (full: a network blip and an ICE restart, screenshots), ejected by the server at the end, summary.
 */
const callBetween = async (ctx: Ctx, browser: Browser, pages: [string, Page][], o: { fanUrl: string; creatorUrl: string; endsIn: number; full: boolean }): Promise<number> => {
  const fan = await loggedIn(browser, o.fanUrl, FAN, 'en')
  const creator = await loggedIn(browser, o.creatorUrl, CREATOR, 'fr')
  pages.push(['fan', fan.page], ['creator', creator.page])
  const bookingId = await fixtureBooking(ctx, -5 * 60, o.endsIn)
  const [{ ends_at: endsAt }] = await sql<{ ends_at: Date }>(ctx, `SELECT ends_at FROM bookings WHERE id = $1`, [bookingId])
  await Promise.all([fan.page.goto(`${o.fanUrl}/en/call/${bookingId}`), creator.page.goto(`${o.creatorUrl}/fr/call/${bookingId}`)])

  // Device check: the fake camera in the preview, the fake microphone moving the meter, device lists.
  for (const { page } of [fan, creator]) {
    await page.locator('[data-testid="device-check"][data-ready]').waitFor()
    await until('camera preview', () => page.evaluate(() => document.querySelector<HTMLVideoElement>('[data-testid="preview"]')?.videoWidth ?? 0), (w) => w > 0)
    await until('microphone level', () => page.evaluate(() => Number(document.querySelector<HTMLMeterElement>('[data-testid="mic-level"]')?.dataset.level ?? 0)), (l) => l > 0, 10_000)
    assert.ok((await page.locator('[data-testid="pick-camera"] option').count()) >= 2, 'the camera list shows the fake camera')
    assert.equal(await page.locator('[data-testid^="device-error"]').count(), 0, 'no device error')
  }
  if (o.full) {
    await check(fan.page, 'call-en-check')
    await check(creator.page, 'call-fr-check')
  }
  await Promise.all([fan.page.locator('[data-testid="join-now"]').click(), creator.page.locator('[data-testid="join-now"]').click()])

  // In call: both connected, each sees the other's video playing.
  for (const { page } of [fan, creator]) await page.locator('[data-testid="in-call"][data-connection="connected"]').waitFor({ timeout: 30_000 })
  const connectedAt = Date.now()
  const seen = await Promise.all([framesRising(fan.page, 'the fan'), framesRising(creator.page, 'the creator')])
  log(`  both see each other: fan ${JSON.stringify(seen[0])}, creator ${JSON.stringify(seen[1])}`)
  assert.match(await fan.page.locator('[data-testid="call-status"]').innerText(), /In call with Léa Martin/)
  assert.match(await creator.page.locator('[data-testid="call-status"]').innerText(), /En appel avec/)
  await fan.page.locator('[data-testid="end-warning"]').waitFor()
  assert.match(await fan.page.locator('[data-testid="end-warning"]').innerText(), /The call ends in [01]:\d{2}/)

  // The fan's camera off shows on the creator's side, then on again.
  await fan.page.locator('[data-testid="toggle-camera"]').click()
  await creator.page.locator('[data-testid="in-call"][data-remote-camera="off"]').waitFor({ timeout: 5_000 })
  await creator.page.locator('[data-testid="remote-camera-off"]').waitFor()
  if (o.full) await check(creator.page, 'call-fr-incall-camera-off')
  await fan.page.locator('[data-testid="toggle-camera"]').click()
  await creator.page.locator('[data-testid="in-call"][data-remote-camera="on"]').waitFor({ timeout: 5_000 })
  if (o.full) await check(fan.page, 'call-en-incall')

  if (o.full) {
    // A network blip: the fan offline for 3 s. Chromium's emulation spares open connections, so the
    // signalling stream is dropped too (as a network change does): its reconnection fails until
    // the fan is back online ("reconnecting"), then resumes.
    await fan.context.setOffline(true)
    await fan.page.evaluate(() => (window as unknown as { __CALLASTAR_CALL_TEST__: { reconnectSignalling: () => void } }).__CALLASTAR_CALL_TEST__.reconnectSignalling())
    await fan.page.locator('[data-testid="in-call"][data-connection="reconnecting"]').waitFor({ timeout: 10_000 })
    await capture(fan.page, 'call-en-reconnecting-desktop.png')
    await fan.page.waitForTimeout(3_000)
    await fan.context.setOffline(false)
    await fan.page.locator('[data-testid="in-call"][data-connection="connected"]').waitFor({ timeout: 15_000 })
    // A forced ICE restart (what `failed` or 4 s `disconnected` trigger) renegotiates and media keep flowing.
    await creator.page.evaluate(() => (window as unknown as { __CALLASTAR_CALL_TEST__: { restartIce: () => void } }).__CALLASTAR_CALL_TEST__.restartIce())
    await framesRising(fan.page, 'the fan after the blip')
    await framesRising(creator.page, 'the creator after the ICE restart')
    assert.equal(await connection(fan.page), 'connected')
    assert.equal(await connection(creator.page), 'connected')
    log(`  recovered from the blip and the ICE restart, ${Math.round((Date.now() - connectedAt) / 1000)} s into the call`)
  }

  // The scheduled end: the server ends both calls (their own timers are off).
  const untilEnd = new Date(endsAt).getTime() - Date.now()
  assert.ok(untilEnd > 0, `the call is still on before its end (${untilEnd} ms left)`)
  await Promise.all(
    [fan, creator].map(({ page }) => page.locator('[data-testid="call-room"][data-stage="summary"]').waitFor({ timeout: untilEnd + 10_000 })),
  )
  const late = Date.now() - new Date(endsAt).getTime()
  log(`  both ejected by the server ${(late / 1000).toFixed(1)} s after the scheduled end`)
  assert.ok(late > -2_000 && late < 8_000, `ended at the scheduled end (${late} ms after it)`)

  // The summary: both joined, the actual duration.
  for (const { page } of [fan, creator]) {
    await page.locator('[data-testid="call-summary"][data-settled]').waitFor({ timeout: 20_000 })
    assert.equal(await page.locator('[data-testid="summary-fan"]').getAttribute('data-joined'), 'yes')
    assert.equal(await page.locator('[data-testid="summary-creator"]').getAttribute('data-joined'), 'yes')
    assert.match(await page.locator('[data-testid="actual-duration"]').innerText(), /^\d+:\d{2}$/)
    assert.ok((await page.locator('[data-testid="summary-timeline"] li[data-type="joined"]').count()) >= 2, 'the timeline shows both joins')
  }
  assert.equal(await fan.page.locator('[data-testid="summary-status"]').innerText(), 'Completed')
  assert.equal(await creator.page.locator('[data-testid="summary-status"]').innerText(), 'Terminé')
  if (o.full) {
    await check(fan.page, 'call-en-summary')
    await check(creator.page, 'call-fr-summary')
  }

  const events = await sql<{ type: string; source: string }>(ctx, `SELECT type, source FROM call_events WHERE booking_id = $1 ORDER BY id`, [bookingId])
  const kinds = new Set(events.map((e) => `${e.source}:${e.type}`))
  for (const k of ['provider:joined', 'provider:left', 'client:camera_off', 'client:camera_on', ...(o.full ? ['client:reconnecting', 'client:reconnected'] : [])]) {
    assert.ok(kinds.has(k), `call event ${k} recorded (${[...kinds].join(', ')})`)
  }
  await fan.context.close()
  await creator.context.close()
  return bookingId
}

export const callScenario: Scenario = {
  id: 'call',
  name: 'the call page: countdown, device check, a p2p call between the fan (en) and the creator (fr), camera toggle, network blip, ended by the server, summary',
  run: async (ctx) => {
    const url = ctx.server.url
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: MEDIA_ARGS })
    const pages: [string, Page][] = []
    try {
      // A guest is sent to log in and back; someone else's call is refused.
      const soon = await fixtureBooking(ctx, 15 * 60 + 15, 45 * 60)
      const guest = await fetch(`${url}/en/call/${soon}`, { redirect: 'manual', cache: 'no-store' })
      assert.ok([303, 307, 308].includes(guest.status), `a guest is redirected (${guest.status})`)
      assert.equal(new URL(guest.headers.get('location')!, url).pathname + new URL(guest.headers.get('location')!, url).search, `/en/login?next=${encodeURIComponent(`/en/call/${soon}`)}`)
      const other = await loggedIn(browser, url, FAN2, 'en')
      await other.page.goto(`${url}/en/call/${soon}`, { waitUntil: 'domcontentloaded' })
      await other.page.locator('[data-testid="call-forbidden"]').waitFor()
      await check(other.page, 'call-en-forbidden')
      await other.context.close()

      // The countdown, on the server's clock, moves on by itself to the device check when the window opens (in ~15 s).
      const waiting = await loggedIn(browser, url, FAN, 'en')
      await waiting.page.goto(`${url}/en/call/${soon}`, { waitUntil: 'domcontentloaded' })
      await waiting.page.locator('[data-testid="countdown"]').waitFor()
      assert.match(await waiting.page.locator('[data-testid="countdown-left"]').innerText(), /^0:(0\d|1\d)$/)
      await check(waiting.page, 'call-en-countdown')
      await waiting.page.locator('[data-testid="device-check"][data-ready]').waitFor({ timeout: 30_000 })
      log('  the countdown moved on to the device check when the window opened')
      await waiting.context.close()

      await callBetween(ctx, browser, pages, { fanUrl: url, creatorUrl: url, endsIn: 100, full: true })
    } catch (error) {
      // This browser closes before the runner would take its failure screenshot: take both here.
      for (const [who, page] of pages) await capture(page, `failure-call-${who}.png`).catch(() => undefined)
      throw error
    } finally {
      await browser.close().catch(() => undefined)
    }
  },
}

/**
 * The same call with the two participants on two web processes sharing the database: the fan on
 * the runner's server, the creator on a second `next start`. Signalling crosses processes through
 * PostgreSQL (LISTEN/NOTIFY); the end is enforced by each process for its own stream.
 */
export const callTwoInstancesScenario: Scenario = {
  id: 'call-two-instances',
  name: 'the call page with the fan and the creator on two different web processes',
  run: async (ctx) => {
    assert.ok(ctx.appEnv, 'the runner passes the server environment')
    const port = await freePort()
    const second = startJob('server-2', 'npx', ['next', 'start', '-p', String(port)], { ...ctx.appEnv, NODE_ENV: 'production', PORT: String(port), NEXT_PUBLIC_SERVER_URL: `http://localhost:${port}`, INSTANCE_ID: 'web-2' }, { logFile: path.join(RESULTS_DIR, 'server-2.log') })
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: MEDIA_ARGS })
    const pages: [string, Page][] = []
    try {
      const up = await waitForStatus(`http://localhost:${port}/api/health`, 200, 120_000, { abortIf: () => (second.exited() ? 'the second server exited' : undefined) })
      assert.ok(up.ok, `the second web process answers (last: ${up.last})`)
      second.mute('up')
      const bookingId = await callBetween(ctx, browser, pages, { fanUrl: ctx.server.url, creatorUrl: `http://localhost:${port}`, endsIn: 75, full: false })
      // The provider's presence record names the process each stream was on.
      const joins = await sql<{ role: string; instance: string }>(
        ctx,
        `SELECT metadata->>'role' AS role, metadata->>'instance' AS instance FROM call_events WHERE booking_id = $1 AND source = 'provider' AND type = 'joined'`,
        [bookingId],
      )
      assert.ok(joins.some((j) => j.role === 'creator' && j.instance === 'web-2'), `the creator's stream was on the second process (${JSON.stringify(joins)})`)
      assert.ok(joins.some((j) => j.role === 'fan' && j.instance !== 'web-2'), `the fan's stream was on the first process (${JSON.stringify(joins)})`)
    } catch (error) {
      for (const [who, page] of pages) await capture(page, `failure-call2-${who}.png`).catch(() => undefined)
      throw error
    } finally {
      await browser.close().catch(() => undefined)
      await second.stop().catch(() => undefined)
    }
  },
}
