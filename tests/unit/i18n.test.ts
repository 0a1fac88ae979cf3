import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { NOTIFICATION_TYPE_NAMES } from '@/domain/notifications'
import type { Locale } from '@/i18n/locale'
import { EMAILS, renderEmail, TEMPLATE_NAMES, type EmailTemplate } from '@/messages/emails/templates'
import { NOTIFICATIONS, type NotificationTemplate } from '@/messages/notifications'

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
  'tz.region.Europe',
])
/** Keys looked up with a computed suffix (`category.${c}`…): present as a family, not literally. */
const DYNAMIC_PREFIXES = ['category.', 'social.', 'status.', 'creators.sort.', 'settings.pref.', 'tz.region.']

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

/** What an English text must not contain: French letters and quotes, or common French words. */
const FRENCH_IN_ENGLISH = /[àâçéèêëîïôûùüÿœ«»]| (le|la|les|votre|vous|est|une|des|pour|avec) /i
/** An ISO date in sample data: texts show it formatted, so only its year can be looked for. */
const ISO_DATE = /^(\d{4})-\d{2}-\d{2}T/

/** The values of a sample as they can appear in a text (strings and numbers; ISO dates by their year). */
const shownValues = (sample: object): string[] =>
  Object.values(sample).flatMap((value) => {
    if (typeof value === 'number') return [String(value)]
    if (typeof value !== 'string' || !value) return []
    return [ISO_DATE.exec(value)?.[1] ?? value]
  })

/** Values of the sample found in one language's text but not in the other's. */
const unmatched = (sample: object, en: string, fr: string): string[] =>
  shownValues(sample).filter((value) => en.includes(value) !== fr.includes(value))

const inParis = (locale: Locale) => ({ locale, timeZone: 'Europe/Paris' })

describe('notification catalogue (src/messages/notifications)', () => {
  const templates = Object.entries(NOTIFICATIONS) as [string, NotificationTemplate<object>][]

  it('has at least one template for every notification type', () => {
    const covered = new Set(templates.map(([, template]) => template.type))
    expect(NOTIFICATION_TYPE_NAMES.filter((type) => !covered.has(type))).toEqual([])
  })

  it('keys each template by its type, or its type and a variant', () => {
    expect(templates.filter(([key, template]) => key !== template.type && !key.startsWith(`${template.type}.`)).map(([key]) => key)).toEqual([])
  })

  it('has every template in English and French, carrying the same values in both', () => {
    for (const [key, template] of templates) {
      expect(typeof template.en, key).toBe('function')
      expect(typeof template.fr, key).toBe('function')
      const en = template.en(template.sample, inParis('en'))
      const fr = template.fr(template.sample, inParis('fr'))
      for (const text of [en.title, en.body, fr.title, fr.body]) expect(text.trim(), key).not.toBe('')
      expect(unmatched(template.sample, `${en.title}\n${en.body}`, `${fr.title}\n${fr.body}`), key).toEqual([])
    }
  })

  it('has no French in the English texts', () => {
    const french = templates
      .map(([key, template]) => [key, template.en(template.sample, inParis('en'))] as const)
      .filter(([, text]) => FRENCH_IN_ENGLISH.test(`${text.title}\n${text.body}`))
      .map(([key]) => key)
    expect(french).toEqual([])
  })
})

describe('email templates (src/messages/emails)', () => {
  it('render every template in English and French, carrying the same values in both', () => {
    for (const name of TEMPLATE_NAMES) {
      const template = EMAILS[name] as EmailTemplate<object>
      expect(typeof template.en, name).toBe('function')
      expect(typeof template.fr, name).toBe('function')
      const en = renderEmail(name, inParis('en'), template.sample as never)
      const fr = renderEmail(name, inParis('fr'), template.sample as never)
      expect(fr.html, name).toContain('lang="fr"')
      expect(unmatched(template.sample, `${en.subject}\n${en.text}`, `${fr.subject}\n${fr.text}`), name).toEqual([])
    }
  })

  it('has no French in the English emails', () => {
    const french = TEMPLATE_NAMES.filter((name) => {
      const en = renderEmail(name, inParis('en'), EMAILS[name].sample as never)
      return FRENCH_IN_ENGLISH.test(`${en.subject}\n${en.text}`)
    })
    expect(french).toEqual([])
  })
})
