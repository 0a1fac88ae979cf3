import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import en from '../../src/i18n/en.json'
import fr from '../../src/i18n/fr.json'

/** Values that are the same word in both languages (brands, loanwords, units). Anything else identical is untranslated. */
const SAME_IN_BOTH = new Set([
  'common.minutes', // "{n} min"
  'nav.notifications',
  'account.nav.notifications',
  'category.sport',
  'category.art',
  'creators.pages',
  'request.message',
  'social.instagram',
  'social.youtube',
  'social.tiktok',
  'social.x',
  'social.linkedin',
  'social.twitch',
])
/** Keys looked up with a computed suffix (`category.${c}`…): present as a family, not literally. */
const DYNAMIC_PREFIXES = ['category.', 'social.', 'status.', 'creators.sort.', 'settings.pref.']

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? sources(full) : /\.(ts|tsx)$/.test(name) ? [readFileSync(full, 'utf8')] : []
  })

describe('storefront messages (en.json / fr.json)', () => {
  it('have the same keys in both languages', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort())
  })

  it('are translated: a value identical in English and French is only allowed for brands and shared words', () => {
    const identical = Object.keys(en).filter((k) => en[k as keyof typeof en] === fr[k as keyof typeof fr] && !SAME_IN_BOTH.has(k))
    expect(identical).toEqual([])
  })

  it('use the same placeholders in both languages', () => {
    const mismatched = Object.keys(en).filter((k) => placeholders(en[k as keyof typeof en]).join() !== placeholders(fr[k as keyof typeof fr]).join())
    expect(mismatched).toEqual([])
  })

  it('have no empty value and no key left unused by the code', () => {
    expect(Object.entries({ ...en, ...fr }).filter(([, v]) => !String(v).trim())).toEqual([])
    const code = sources(path.resolve(import.meta.dirname, '../../src')).join('\n')
    const unused = Object.keys(en).filter((k) => !DYNAMIC_PREFIXES.some((p) => k.startsWith(p)) && !code.includes(`'${k}'`))
    expect(unused).toEqual([])
  })
})
