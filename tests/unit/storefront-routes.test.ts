import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

import { isStorefrontRoute } from '@/lib/storefrontRoutes'

const ROOT = path.resolve(import.meta.dirname, '../../src/app/(frontend)/[locale]')

/** Every page file under [locale] as a path with sample values for its dynamic segments (route groups dropped). */
const pagePaths = (dir: string, prefix = ''): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      if (entry.name.startsWith('[...')) return [] // the catch-all 404 itself
      const segment = entry.name.startsWith('(') ? '' : `/${entry.name.startsWith('[') ? 'sample-42' : entry.name}`
      return pagePaths(path.join(dir, entry.name), `${prefix}${segment}`)
    }
    if (entry.name === 'page.tsx') return [prefix]
    if (entry.name === 'opengraph-image.tsx') return [`${prefix}/opengraph-image`]
    return []
  })

/** The proxy's list of storefront pages (src/lib/storefrontRoutes.ts): unknown paths answer 404. */
describe('storefront routes', () => {
  it('knows every page of the storefront', () => {
    const pages = pagePaths(ROOT)
    expect(pages.length).toBeGreaterThan(15)
    expect(pages.filter((p) => !isStorefrontRoute(p))).toEqual([])
  })

  it('tells unknown paths', () => {
    for (const p of ['/does-not-exist', '/creators/a/b', '/account/other', '/book', '/book/1/success/x', '/admin']) expect(isStorefrontRoute(p), p).toBe(false)
    for (const p of ['', '/', '/creators/', '/creators/lea-martin', '/creators/lea/opengraph-image-1x2y3z', '/account/settings']) expect(isStorefrontRoute(p), p).toBe(true)
  })
})
