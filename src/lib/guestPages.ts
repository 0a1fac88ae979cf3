/**
 * Guests' storefront pages through the page cache (src/lib/pageCache.ts), used by src/proxy.ts.
 *
 * A request is served from the cache only when its HTML cannot be personal: a GET of a public page
 * (home, creators list, creator page, log in, sign up, forgot password) without Payload's session
 * cookie, asking for HTML (a page load; Next's client-side navigations ask for RSC payloads at the
 * same URL, and Next hides their RSC headers from the proxy), not a bot (Next renders metadata
 * differently for them).
 * The key is the path, the sorted query and the time-zone cookie, the only inputs of those pages.
 * A miss renders the page by requesting it from this same server with a marker header that lets it
 * through the proxy; what comes back is stored without its cookies.
 */
import { NextResponse, userAgent, type NextRequest } from 'next/server'
import { randomUUID } from 'node:crypto'

import { AUTH_COOKIE, TZ_COOKIE } from './cookies'
import { PageCache, type CachedPage } from './pageCache'

/** Set on the proxy's own render requests (and its answers carry x-callastar-cache). */
export const RENDER_HEADER = 'x-callastar-page-render'
export const CACHE_STATE_HEADER = 'x-callastar-cache'
/**
 * This process's answer to its own render requests: a render is stored only when it carries it,
 * so a wrong PAGE_CACHE_ORIGIN (another server on that port) is never cached nor served.
 */
const RENDERED_BY_HEADER = 'x-callastar-rendered-by'
const PROCESS_ID = randomUUID()

const PUBLIC_PAGES = /^\/(en|fr)(\/creators(\/[^/]+)?|\/login|\/signup|\/forgot-password)?$/
// Headers of a client-side navigation or a server action: their answers are RSC payloads, not HTML.
// Next strips most of them before the proxy runs; the Accept test below is what really tells.
const NAVIGATION_HEADERS = ['rsc', 'next-router-prefetch', 'next-router-state-tree', 'next-action']
// Not replayed from a stored answer: the connection's own, and anything personal.
const DROPPED_HEADERS = new Set(['set-cookie', 'content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'date'])

const seconds = (name: string, fallback: number): number => {
  const value = Number(process.env[name])
  return Number.isFinite(value) && value >= 0 ? value : fallback
}

/** The time-zone cookie when it looks like an IANA name (the pages treat anything else as UTC). */
const zoneOf = (request: Pick<NextRequest, 'cookies'>): string => {
  const value = request.cookies.get(TZ_COOKIE)?.value ?? ''
  return value.length <= 64 && /^[A-Za-z0-9_+\-/]*$/.test(value) ? value : ''
}

/** PAGE_CACHE_SECONDS (default 10 in production, 0 = off; off in development). */
export const pageCacheTtlSeconds = (): number => seconds('PAGE_CACHE_SECONDS', process.env.NODE_ENV === 'production' ? 10 : 0)

/** The cache key of a request, or null when its page must be rendered for it alone. */
export const guestPageKey = (request: Pick<NextRequest, 'method' | 'headers' | 'cookies' | 'nextUrl'>, isBot = false): string | null => {
  if (request.method !== 'GET' || isBot) return null
  const { pathname, searchParams } = request.nextUrl
  if (!PUBLIC_PAGES.test(pathname) || searchParams.has('_rsc')) return null
  if (request.cookies.has(AUTH_COOKIE) || request.headers.has(RENDER_HEADER)) return null
  if (NAVIGATION_HEADERS.some((name) => request.headers.has(name))) return null
  if (!/\btext\/html\b/i.test(request.headers.get('accept') ?? '')) return null
  const query = [...searchParams].sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1))
  const search = new URLSearchParams(query).toString()
  return `${pathname}${search ? `?${search}` : ''}|${zoneOf(request)}`
}

const cache = new PageCache({
  ttlMs: pageCacheTtlSeconds() * 1000,
  staleMs: 2 * pageCacheTtlSeconds() * 1000,
  maxEntries: 2_000,
  maxBytes: 64 * 1024 * 1024,
})

/** Where the proxy asks for a render: this server itself (PORT), unless PAGE_CACHE_ORIGIN says otherwise. */
const renderOrigin = (): string => process.env.PAGE_CACHE_ORIGIN || `http://127.0.0.1:${process.env.PORT || 3000}`

const render = async (request: NextRequest): Promise<CachedPage> => {
  const tz = zoneOf(request)
  const response = await fetch(`${renderOrigin()}${request.nextUrl.pathname}${request.nextUrl.search}`, {
    headers: { [RENDER_HEADER]: '1', accept: 'text/html', 'accept-encoding': 'identity', ...(tz ? { cookie: `${TZ_COOKIE}=${encodeURIComponent(tz)}` } : {}) },
    redirect: 'manual',
    cache: 'no-store',
  })
  if (response.headers.get(RENDERED_BY_HEADER) !== PROCESS_ID) {
    await response.arrayBuffer().catch(() => undefined)
    throw new Error(`${renderOrigin()} is not this server`)
  }
  const headers = [...response.headers].filter(([name]) => !DROPPED_HEADERS.has(name.toLowerCase()) && name.toLowerCase() !== RENDERED_BY_HEADER)
  // Stored plain: Next compresses what the proxy answers (a pre-compressed body would be compressed twice).
  return { status: response.status, headers, body: new Uint8Array(await response.arrayBuffer()) }
}

let warned = false

/** The guest's page from the cache, or null to let Next render it for this request. */
export const guestPage = async (request: NextRequest): Promise<NextResponse | null> => {
  if (!pageCacheTtlSeconds()) return null
  if (request.headers.get(RENDER_HEADER) === '1') {
    const response = NextResponse.next()
    response.headers.set(RENDERED_BY_HEADER, PROCESS_ID)
    return response
  }
  // The user agent is parsed only for requests the cache could serve.
  const key = guestPageKey(request)
  if (!key || userAgent(request).isBot) return null
  try {
    const cached = await cache.get(key, () => render(request))
    if (!cached) return null
    const { page, state, ageMs } = cached
    const response = new NextResponse(page.body as BodyInit, { status: page.status, headers: page.headers })
    response.headers.set(CACHE_STATE_HEADER, state)
    response.headers.set('age', String(Math.floor(ageMs / 1000)))
    return response
  } catch (error) {
    // The server could not reach itself (see PAGE_CACHE_ORIGIN): render as usual, and say so once.
    if (!warned) {
      warned = true
      console.warn(`[page-cache] rendering without the cache: ${error instanceof Error ? error.message : String(error)}`)
    }
    return null
  }
}
