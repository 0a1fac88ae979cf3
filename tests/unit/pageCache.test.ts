import { NextRequest } from 'next/server'
import { describe, expect, it } from 'vitest'

import { guestPageKey, RENDER_HEADER } from '@/lib/guestPages'
import { bumpPageGeneration, PageCache, SETTLE_MS, type CachedPage } from '@/lib/pageCache'

const page = (text: string, status = 200): CachedPage => ({ status, headers: [['content-type', 'text/html']], body: new TextEncoder().encode(text) })
const text = (p: CachedPage | undefined) => (p ? new TextDecoder().decode(p.body) : undefined)

let setups = 0
/** A cache on a clock the test moves, with a render that counts its calls. */
const setup = (over: Partial<ConstructorParameters<typeof PageCache>[0]> = {}) => {
  // Each test's clock starts hours past the last one's: past any settle period left by its bump
  // (the generation is process-wide).
  const clock = { now: Date.now() + 3_600_000 * ++setups }
  const cache = new PageCache({ ttlMs: 10_000, staleMs: 20_000, maxEntries: 100, maxBytes: 1_000_000, now: () => clock.now, ...over })
  let renders = 0
  const render = (body = 'v') => async () => {
    renders += 1
    return page(`${body}${renders}`)
  }
  return { clock, cache, render, renders: () => renders }
}

describe('PageCache', () => {
  it('renders a page asked for once as usual (null), stores it from the second request, then serves it', async () => {
    const { cache, render, renders } = setup()
    expect(await cache.get('/en/creators|', render())).toBeNull()
    expect(renders()).toBe(0)
    const second = await cache.get('/en/creators|', render())
    expect(second?.state).toBe('miss')
    expect(text(second?.page)).toBe('v1')
    const third = await cache.get('/en/creators|', render())
    expect(third?.state).toBe('hit')
    expect(text(third?.page)).toBe('v1')
    expect(renders()).toBe(1)
  })

  it('renders once for 16 concurrent requests of one page', async () => {
    const { cache, renders } = setup()
    await cache.get('k', async () => page('x'))
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    let calls = 0
    const slow = async () => {
      calls += 1
      await gate
      return page('slow')
    }
    const all = Promise.all(Array.from({ length: 16 }, () => cache.get('k', slow)))
    release()
    const results = await all
    expect(calls).toBe(1)
    expect(results.map((r) => text(r?.page))).toEqual(Array(16).fill('slow'))
    expect(renders()).toBe(0)
  })

  it('serves a page stale after its TTL while one render replaces it, and renders again past the stale window', async () => {
    const { clock, cache, render, renders } = setup()
    await cache.get('k', render())
    await cache.get('k', render())
    clock.now += 10_000
    const stale = await cache.get('k', render())
    expect(stale?.state).toBe('stale')
    expect(text(stale?.page)).toBe('v1')
    await new Promise((r) => setImmediate(r))
    expect(renders()).toBe(2)
    const refreshed = await cache.get('k', render())
    expect([refreshed?.state, text(refreshed?.page)]).toEqual(['hit', 'v2'])
    clock.now += 30_000
    const expired = await cache.get('k', render())
    expect([expired?.state, text(expired?.page)]).toEqual(['miss', 'v3'])
  })

  it('stops serving every page rendered before a change, and stores nothing rendered while the change settles', async () => {
    const { clock, cache, render, renders } = setup()
    await cache.get('k', render())
    await cache.get('k', render())
    bumpPageGeneration(clock.now)
    const during = await cache.get('k', render())
    expect([during?.state, text(during?.page)]).toEqual(['miss', 'v2'])
    // Rendered within SETTLE_MS of the change: served, not kept (Payload may not have committed yet).
    expect((await cache.get('k', render()))?.state).toBe('miss')
    expect(renders()).toBe(3)
    clock.now += SETTLE_MS
    await cache.get('k', render())
    expect((await cache.get('k', render()))?.state).toBe('hit')
    expect(renders()).toBe(4)
  })

  it('passes answers other than 200 to their requester without storing them', async () => {
    const { cache } = setup()
    await cache.get('missing', async () => page('nope', 404))
    const first = await cache.get('missing', async () => page('not found', 404))
    expect([first?.state, first?.page.status]).toEqual(['miss', 404])
    expect((await cache.get('missing', async () => page('not found', 404)))?.state).toBe('miss')
  })

  it('drops the least recently used pages past its entry and byte bounds', async () => {
    const { cache } = setup({ maxEntries: 2, maxBytes: 10 })
    const fill = async (key: string, body: string) => {
      await cache.get(key, async () => page(body))
      await cache.get(key, async () => page(body))
    }
    await fill('a', 'aaa')
    await fill('b', 'bbb')
    expect((await cache.get('a', async () => page('A')))?.state).toBe('hit')
    await fill('c', 'ccc')
    expect(cache.size).toBe(2)
    expect((await cache.get('a', async () => page('A')))?.state).toBe('hit')
    expect((await cache.get('b', async () => page('B')))?.state).toBe('miss')
    await fill('big', '12345678901')
    expect(cache.totalBytes).toBeLessThanOrEqual(10)
  })
})

describe('guestPageKey', () => {
  // What browsers send for a page load.
  const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'
  const request = (url: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
    new NextRequest(`http://localhost${url}`, { ...init, headers: { accept: HTML, ...init.headers } })

  it('keys a public page on its path, its query in a stable order and the time-zone cookie', () => {
    expect(guestPageKey(request('/en/creators?sort=price&q=guitar'))).toBe('/en/creators?q=guitar&sort=price|')
    expect(guestPageKey(request('/en/creators?q=guitar&sort=price'))).toBe('/en/creators?q=guitar&sort=price|')
    expect(guestPageKey(request('/fr/creators/ana', { headers: { cookie: 'callastar-tz=Europe%2FParis; other=1' } }))).toBe('/fr/creators/ana|Europe/Paris')
    // Anything but an IANA-looking name is UTC to the pages: one key, not one per junk value.
    expect(guestPageKey(request('/en', { headers: { cookie: 'callastar-tz=%3Cscript%3E' } }))).toBe('/en|')
    for (const path of ['/en', '/fr', '/en/creators', '/en/login', '/en/signup', '/en/forgot-password']) expect(guestPageKey(request(path))).not.toBeNull()
  })

  it('leaves personal pages, signed-in viewers, navigations, server actions, bots and its own renders to Next', () => {
    const uncached: [string, Parameters<typeof request>[1]?][] = [
      ['/en/account'],
      ['/en/book/12'],
      ['/en/reset-password?token=abc'],
      ['/en/creators/ana/opengraph-image'],
      ['/en/creators', { headers: { cookie: 'payload-token=abc' } }],
      ['/en/creators', { headers: { rsc: '1' } }],
      // Next's client-side navigation fetches (the proxy does not see their RSC header).
      ['/en/creators', { headers: { accept: '*/*' } }],
      ['/en/creators?_rsc=x1'],
      ['/en/creators', { headers: { 'next-action': 'abc' } }],
      ['/en/creators', { method: 'POST' }],
      ['/en/creators', { headers: { [RENDER_HEADER]: '1' } }],
    ]
    for (const [url, init] of uncached) expect(guestPageKey(request(url, init)), url).toBeNull()
    expect(guestPageKey(request('/en/creators'), true)).toBeNull()
  })
})
