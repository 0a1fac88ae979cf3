import type { Field, Option, SanitizedConfig, Tab } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { CREATOR_CATEGORIES } from '@/domain/categories'
import en from '@/i18n/en.json'
import fr from '@/i18n/fr.json'
import { formatJson } from '@/lib/json'
import { OPTION_WORDS } from '@/messages/panel'
import { isPanelText, JSON_VIEW, labelField } from '@/plugins/panelLabels'

/**
 * The panel in French (issue 12): walks the built Payload config — the walker of
 * src/plugins/panelLabels.ts applied — and names every collection, global, field, tab, group,
 * collapsible, array row, option or help text of the panel that lacks English or French, shows a raw
 * name ("sent24h", "requires_payment") as its French, or draws a JSON field with Payload's CDN editor.
 */

// Payload's own bookkeeping collections, never shown in the panel.
const INTERNAL = new Set(['payload-kv', 'payload-locked-documents', 'payload-preferences', 'payload-migrations'])

type Loose = Record<string, unknown> & { admin?: Record<string, unknown> }

/** Both languages, or a function of Payload's own translations (createdAt, email, password…). */
const translated = (value: unknown): boolean => isPanelText(value) || typeof value === 'function'

const problems = (config: SanitizedConfig): string[] => {
  const found: string[] = []
  const text = (where: string, value: unknown, raw?: string) => {
    if (!translated(value)) return found.push(`${where}: ${JSON.stringify(value) ?? 'missing'} is not { en, fr }`)
    if (raw && isPanelText(value) && (value.fr === raw || value.en === raw) && /^[a-z]|_|[a-z][A-Z]/.test(raw)) found.push(`${where}: "${raw}" is a raw name`)
  }
  // Not drawn in the panel: hidden, disabled, or without a Field component (Payload's hasAPIKey).
  const hidden = (field: Loose) =>
    field.hidden === true || field.admin?.hidden === true || field.admin?.disabled === true || (field.admin?.components as Record<string, unknown> | undefined)?.Field === false
  const walkFields = (scope: string, fields: Field[], prefix: string) => {
    for (const field of fields as (Field & Loose)[]) {
      const name = 'name' in field && typeof field.name === 'string' ? field.name : undefined
      const path = name ? (prefix ? `${prefix}.${name}` : name) : prefix
      const where = `${scope} › ${path || `(${field.type})`}`
      if (hidden(field) || name === 'id') continue
      if (name || field.type === 'collapsible') text(`${where} label`, field.label, name)
      if (field.admin?.description !== undefined) text(`${where} description`, field.admin.description)
      if ((field.type === 'select' || field.type === 'radio') && Array.isArray(field.options)) {
        for (const option of field.options as Option[]) {
          const value = typeof option === 'string' ? option : option.value
          text(`${where} option "${value}"`, typeof option === 'string' ? option : option.label, value)
        }
      }
      if (field.type === 'array' || field.type === 'blocks') {
        const labels = field.labels as { singular?: unknown; plural?: unknown } | undefined
        text(`${where} row label`, labels?.singular)
        text(`${where} rows label`, labels?.plural)
      }
      if (field.type === 'json' && (field.admin?.components as Record<string, unknown> | undefined)?.Field !== JSON_VIEW) found.push(`${where}: JSON field without the local JsonView`)
      if ('fields' in field && Array.isArray(field.fields)) walkFields(scope, field.fields as Field[], path)
      if (field.type === 'tabs') {
        for (const tab of field.tabs as (Tab & Loose)[]) {
          const tabName = 'name' in tab && typeof tab.name === 'string' ? tab.name : undefined
          const tabPath = tabName ? (path ? `${path}.${tabName}` : tabName) : path
          text(`${scope} › ${tabPath || '(tab)'} tab label`, tab.label, tabName)
          if (tab.description !== undefined) text(`${scope} › ${tabPath} tab description`, tab.description)
          walkFields(scope, tab.fields, tabPath)
        }
      }
    }
  }
  for (const collection of config.collections) {
    if (INTERNAL.has(collection.slug) || collection.admin?.hidden === true) continue
    text(`${collection.slug} singular label`, collection.labels.singular)
    text(`${collection.slug} plural label`, collection.labels.plural)
    if (collection.admin?.group) text(`${collection.slug} admin.group`, collection.admin.group)
    if (collection.admin?.description) text(`${collection.slug} description`, collection.admin.description)
    walkFields(collection.slug, collection.fields, '')
  }
  for (const global of config.globals) {
    text(`${global.slug} label`, global.label)
    if (global.admin?.group) text(`${global.slug} admin.group`, global.admin.group)
    walkFields(global.slug, global.fields, '')
  }
  return found
}

describe('the panel in English and French', () => {
  let config: SanitizedConfig
  beforeAll(async () => {
    config = await (await import('@payload-config')).default
  }, 60_000)

  it('every label, help text and option of every collection and global has en and fr, and no JSON field loads the CDN editor', () => {
    expect(problems(config)).toEqual([])
  })

  it('statuses read as words in both languages', () => {
    const option = (slug: string, name: string, value: string) => {
      const field = config.collections.find((c) => c.slug === slug)!.fields.find((f) => 'name' in f && f.name === name) as { options: { value: string; label: unknown }[] }
      return field.options.find((o) => o.value === value)!.label
    }
    expect(option('bookings', 'status', 'pending')).toEqual({ en: 'Awaiting payment', fr: 'En attente de paiement' })
    expect(option('offers', 'status', 'held')).toMatchObject({ en: 'Held' })
    expect(option('payments', 'status', 'requires_payment')).toEqual({ en: 'Awaiting payment', fr: 'En attente de paiement' })
  })

  it('creator categories read as on the storefront', () => {
    const words = (json: Record<string, string>) => CREATOR_CATEGORIES.map((c) => json[`category.${c}`])
    expect(CREATOR_CATEGORIES.map((c) => OPTION_WORDS[c].en)).toEqual(words(en))
    expect(CREATOR_CATEGORIES.map((c) => OPTION_WORDS[c].fr)).toEqual(words(fr))
  })

  it('Payload’s French reads without "un(e) nouveau ou nouvelle"', () => {
    const fr = (config.i18n.translations as Record<string, Record<string, Record<string, string>>>).fr
    expect(fr.general.createNewLabel).toBe('Créer : {{label}}')
    const hedged = Object.entries(fr).flatMap(([group, keys]) => Object.entries(keys).filter(([, v]) => typeof v === 'string' && /\(e\)|nouveau ou nouvelle|de ou du/.test(v)).map(([k]) => `${group}.${k}`))
    expect(hedged).toEqual([])
  })

  it('the problems are named by path (a field left out of the catalogue is caught)', () => {
    const fake = { ...config, collections: [{ slug: 'probe', labels: { singular: { en: 'P', fr: 'P' }, plural: { en: 'Ps', fr: 'Ps' } }, admin: {}, fields: [{ name: 'roomName', type: 'text', label: 'Room Name' }, { name: 'state', type: 'select', options: [{ label: 'held', value: 'held' }] }, { name: 'raw', type: 'json' }] }], globals: [] } as unknown as SanitizedConfig
    expect(problems(fake)).toEqual([
      'probe › roomName label: "Room Name" is not { en, fr }',
      'probe › state label: undefined is not { en, fr }'.replace('undefined', 'missing'),
      'probe › state option "held": "held" is not { en, fr }',
      'probe › raw label: missing is not { en, fr }',
      'probe › raw: JSON field without the local JsonView',
    ])
  })

  it('the walker keeps a label a config already gives in both languages and fills the rest', () => {
    const [kept, filled] = [
      { name: 'status', type: 'select', label: { en: 'State', fr: 'État' }, options: [{ label: { en: 'On', fr: 'Marche' }, value: 'held' }] },
      { name: 'status', type: 'select', options: [{ label: 'held', value: 'held' }] },
    ].map((f) => labelField('offers')(f as Field) as unknown as { label: unknown; options: { label: unknown }[] })
    expect([kept.label, kept.options[0].label]).toEqual([{ en: 'State', fr: 'État' }, { en: 'On', fr: 'Marche' }])
    expect([filled.label, filled.options[0].label]).toEqual([{ en: 'Status', fr: 'Statut' }, { en: 'Held', fr: 'Bloquée (paiement en cours)' }])
  })

  it('the JSON view formats objects, JSON text and nothing', () => {
    expect(formatJson({ a: 1, b: [true, null] })).toBe('{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}')
    expect(formatJson('{"a":1}')).toBe('{\n  "a": 1\n}')
    expect(formatJson('not json')).toBe('not json')
    expect([formatJson(null), formatJson(undefined), formatJson('')]).toEqual([null, null, null])
    expect(formatJson(0)).toBe('0')
  })
})
