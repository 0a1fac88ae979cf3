/**
 * Guests' page cache (src/lib/guestPages.ts) on the production build: what is reused, for whom,
 * and that a change shows at once.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import pg from 'pg'

import { availableOffer, CREATOR, FAN, newPage, type Scenario } from './helpers'

const STATE = 'x-callastar-cache'

export const pageCacheScenario: Scenario = {
  id: 'page-cache',
  name: "guests' pages are rendered once and reused; signed-in viewers get their own; a change or a hold shows at once",
  run: async (ctx, use) => {
    const { server, db } = ctx
    const client = new pg.Client({ connectionString: db.url })
    await client.connect()
    const { rows } = await client.query<{ id: number; slug: string; bio: string | null }>(
      `SELECT c.id, c.slug, c.bio FROM creators c JOIN users u ON u.id = c.user_id WHERE u.email = $1`,
      [CREATOR.email],
    )
    await client.end()
    const creator = rows[0]!
    const offer = await availableOffer(db.url, CREATOR.email)
    // A query no earlier scenario used: a key of its own.
    const path = `/en/creators/${creator.slug}?from=e2e-${randomUUID().slice(0, 8)}`
    const get = async (url = path, headers: Record<string, string> = {}) => {
      const res = await fetch(`${server.url}${url}`, { headers: { accept: 'text/html', ...headers }, redirect: 'manual' })
      return { status: res.status, state: res.headers.get(STATE), cookies: res.headers.getSetCookie(), body: await res.text() }
    }
    const api = async (method: string, url: string, token: string | null, body?: unknown) => {
      const res = await fetch(`${server.url}/api${url}`, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `JWT ${token}` } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      return { status: res.status, json: (await res.json()) as Record<string, unknown> }
    }
    const login = async (email: string, password: string) => {
      const res = await api('POST', '/users/login', null, { email, password })
      assert.equal(res.status, 200, `login ${email}`)
      return res.json.token as string
    }

    // First request: rendered for its guest as usual; the second fills the cache; the third reuses it.
    const first = await get()
    assert.equal(first.status, 200)
    assert.equal(first.state, null, 'a page asked for once is rendered as usual')
    const second = await get()
    assert.equal(second.state, 'miss')
    const third = await get()
    assert.equal(third.state, 'hit')
    assert.equal(third.body, second.body, 'the stored render is served as it was')
    assert.ok(third.body.includes(`/en/book/${offer.id}`), 'the open slot is listed')
    assert.deepEqual(
      third.cookies.map((c) => c.split('=')[0]),
      ['callastar-locale'],
      'a stored page replays no cookie (only the proxy sets the language one)',
    )

    // A client-side navigation to the same URL (what Next's router fetches) gets its RSC payload,
    // never the stored HTML.
    const navigation = await fetch(`${server.url}${path}`, { headers: { rsc: '1', accept: '*/*' } })
    assert.equal(navigation.headers.get(STATE), null)
    assert.match(navigation.headers.get('content-type') ?? '', /^text\/x-component/, 'an RSC answer')

    // Another time zone is another page; both stay cached.
    const tokyo = { cookie: 'callastar-tz=Asia%2FTokyo' }
    await get(path, tokyo)
    const inTokyo = await get(path, tokyo)
    assert.equal(inTokyo.state, 'miss')
    assert.notEqual(inTokyo.body, third.body, 'times are printed in the guest’s zone')
    assert.equal((await get(path, tokyo)).state, 'hit')
    assert.equal((await get()).state, 'hit')

    // A signed-in fan (in a browser: Payload takes the session cookie from browsers only) gets a
    // page of their own, with their header, never the guests' copy.
    const page = use(await newPage(ctx))
    await page.goto(`${server.url}/en/login?next=${encodeURIComponent(path)}`, { waitUntil: 'domcontentloaded' })
    const form = page.locator('[data-testid="login-form"][data-ready]')
    await form.locator('input[name="email"]').fill(FAN.email)
    await form.locator('input[name="password"]').fill(FAN.password)
    await form.locator('button[type="submit"]').click()
    await page.waitForURL((url) => url.pathname === path.split('?')[0])
    const fanView = await page.goto(`${server.url}${path}`, { waitUntil: 'domcontentloaded' })
    assert.equal(fanView?.headers()[STATE], undefined, 'signed-in viewers are not served from the cache')
    await page.locator('[data-testid="nav-account"]').waitFor()
    assert.ok(!third.body.includes('data-testid="nav-account"') && third.body.includes('data-testid="nav-login"'), 'the guests’ copy offers to log in')
    await page.context().close()

    // The creator edits their bio: the next guest sees it at once, not after the TTL.
    const creatorToken = await login(CREATOR.email, CREATOR.password)
    const marker = `Fresh bio ${randomUUID().slice(0, 8)}`
    try {
      const edit = await api('PATCH', `/creators/${creator.id}`, creatorToken, { bio: marker })
      assert.equal(edit.status, 200, `the creator can edit their bio (${JSON.stringify(edit.json).slice(0, 200)})`)
      const afterEdit = await get()
      assert.notEqual(afterEdit.state, 'hit', 'the page rendered before the edit is not served')
      assert.ok(afterEdit.body.includes(marker), 'the guest sees the new bio')
    } finally {
      await api('PATCH', `/creators/${creator.id}`, creatorToken, { bio: creator.bio ?? '' })
    }

    // A fan holds the slot at checkout: guests stop seeing it at once.
    await get()
    await get()
    const fanToken = await login(FAN.email, FAN.password)
    const hold = await api('POST', '/bookings/checkout', fanToken, { offerId: offer.id })
    assert.equal(hold.status, 201, `checkout holds the slot (${JSON.stringify(hold.json).slice(0, 200)})`)
    const afterHold = await get()
    assert.notEqual(afterHold.state, 'hit')
    assert.ok(!afterHold.body.includes(`/en/book/${offer.id}"`), 'the held slot is no longer listed')
  },
}
