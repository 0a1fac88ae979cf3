/**
 * Micro-cache of rendered storefront pages for guests (src/proxy.ts).
 *
 * Server rendering a page costs ≈ 12 ms of CPU in Next even with no data, so at 16 concurrent guests
 * on 2 cores every page would wait ≈ 200 ms in line. Guests of one page all get the same HTML (the
 * page depends only on the URL and the time-zone cookie), so it is rendered once and reused:
 * - fresh for `ttlMs`, then served stale for up to `staleMs` more while one background render
 *   replaces it (stale-while-revalidate);
 * - a page is stored from its second request within the window on (the first is rendered as usual),
 *   and concurrent misses of one key wait for one render (single flight);
 * - every committed service transaction, checkout hold and Payload write to creators, offers,
 *   reviews, media or the platform settings bumps a process-wide generation: older entries stop being served at once, and
 *   nothing rendered in the next SETTLE_MS is stored (Payload's hooks run before its commit);
 *   other processes (the jobs worker, more web processes) are seen within the TTL;
 * - bounded: least recently used entries go first past `maxEntries` or `maxBytes`.
 */

export type CachedPage = {
  status: number
  headers: [string, string][]
  body: Uint8Array
}

type Entry = CachedPage & { storedAt: number; generation: number }

export type CacheState = 'hit' | 'stale' | 'miss'

export type PageCacheOptions = {
  ttlMs: number
  staleMs: number
  maxEntries: number
  maxBytes: number
  now?: () => number
}

const STATE = Symbol.for('callastar.pageCache.generation')
type Generation = { generation: number; settleUntil: number }
type Holder = { [STATE]?: Generation }
/**
 * Payload runs hooks before it commits, so a render started just after a bump could still read the
 * old rows: for this long after a bump, renders are served to their waiters but not stored.
 */
export const SETTLE_MS = 2_000

/** Shared by every bundle of this process (the proxy and the Payload hooks are bundled apart). */
const state = (): Generation => ((globalThis as Holder)[STATE] ??= { generation: 0, settleUntil: 0 })

export const pageGeneration = (): number => state().generation

/** Called on any change guests could see: every cached page rendered before it is dropped. */
export const bumpPageGeneration = (at = Date.now()): void => {
  const current = state()
  current.generation += 1
  current.settleUntil = Math.max(current.settleUntil, at + SETTLE_MS)
}

/** How many recently requested keys are remembered per cache entry allowed. */
const SEEN_PER_ENTRY = 8

const sizeOf = (page: CachedPage): number => page.body.byteLength

/** Only 200s are kept; other answers (404, redirects, errors) are passed on to their waiters only. */
const storable = (page: CachedPage): boolean => page.status === 200

export class PageCache {
  private readonly entries = new Map<string, Entry>()
  private readonly inflight = new Map<string, Promise<CachedPage>>()
  /** Keys requested lately (for admission), oldest first. */
  private readonly seen = new Map<string, number>()
  private bytes = 0
  private readonly now: () => number

  constructor(private readonly options: PageCacheOptions) {
    this.now = options.now ?? Date.now
  }

  get size(): number {
    return this.entries.size
  }

  get totalBytes(): number {
    return this.bytes
  }

  /**
   * The page for `key`: from the cache when it may be served, else from `render` (once per key at a
   * time). Null for the first request of a page not asked for within the window (TTL + stale): the
   * caller renders it as if there were no cache, so the long tail (10,000 creator pages seen once
   * in a while) costs no extra; a second request within the window fills the cache.
   */
  async get(key: string, render: () => Promise<CachedPage>): Promise<{ page: CachedPage; state: CacheState; ageMs: number } | null> {
    const entry = this.entries.get(key)
    const generation = pageGeneration()
    if (entry && entry.generation === generation) {
      const ageMs = this.now() - entry.storedAt
      if (ageMs < this.options.ttlMs) {
        this.touch(key, entry)
        return { page: entry, state: 'hit', ageMs }
      }
      if (ageMs < this.options.ttlMs + this.options.staleMs) {
        this.touch(key, entry)
        // The refresh's failure leaves the stale entry to expire; the next miss renders again.
        this.fill(key, render).catch(() => undefined)
        return { page: entry, state: 'stale', ageMs }
      }
    }
    if (!entry && !this.inflight.has(key) && !this.admit(key)) return null
    return { page: await this.fill(key, render), state: 'miss', ageMs: 0 }
  }

  /** Whether `key` was asked for within the window before (remembers this request either way). */
  private admit(key: string): boolean {
    const at = this.now()
    const last = this.seen.get(key)
    this.seen.delete(key)
    this.seen.set(key, at)
    if (this.seen.size > SEEN_PER_ENTRY * this.options.maxEntries) this.seen.delete(this.seen.keys().next().value!)
    return last !== undefined && at - last < this.options.ttlMs + this.options.staleMs
  }

  private fill(key: string, render: () => Promise<CachedPage>): Promise<CachedPage> {
    const running = this.inflight.get(key)
    if (running) return running
    // A write during the render may not be in it: the entry carries the generation it started under.
    const generation = pageGeneration()
    const storedAt = this.now()
    const settled = storedAt >= state().settleUntil
    const promise = render()
      .then((page) => {
        if (settled && storable(page) && pageGeneration() === generation) this.store(key, { ...page, storedAt, generation })
        return page
      })
      .finally(() => this.inflight.delete(key))
    this.inflight.set(key, promise)
    return promise
  }

  private store(key: string, entry: Entry): void {
    this.remove(key)
    if (sizeOf(entry) > this.options.maxBytes) return
    this.entries.set(key, entry)
    this.bytes += sizeOf(entry)
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= this.options.maxEntries && this.bytes <= this.options.maxBytes) break
      if (oldest === key) continue
      this.entries.delete(oldest)
      this.bytes -= sizeOf(old)
    }
  }

  private touch(key: string, entry: Entry): void {
    // Map keeps insertion order: re-inserting makes it the most recently used.
    this.entries.delete(key)
    this.entries.set(key, entry)
  }

  private remove(key: string): void {
    const old = this.entries.get(key)
    if (!old) return
    this.entries.delete(key)
    this.bytes -= sizeOf(old)
  }
}
