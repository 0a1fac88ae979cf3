/**
 * The panel in English and French, and nothing loaded from outside: walks every collection and
 * global and
 * - gives each field, group, collapsible, tab and array row its `{ en, fr }` label and help text from
 *   the catalogue in src/messages/panel.ts (by collection slug + field path, then by field name),
 * - turns option values into words (`held` → "Held" / "Bloquée (paiement en cours)"),
 * - replaces the Field of every `json` field by the read-only `JsonView` (Payload's JSON editor loads
 *   Monaco from a CDN, blank on offline machines).
 * What a config already gives as `{ en, fr }` (or as a function of Payload's translations) is kept.
 * tests/unit/panel-labels.test.ts walks the built config and names anything left without both.
 */
import type { CollectionConfig, Config, Field, GlobalConfig, Option, Plugin, Tab } from 'payload'

import { COLLECTION_LABELS, FIELD_NAMES, FIELD_OPTION_WORDS, FIELDS, OPTION_WORDS, type FieldText, type PanelText } from '@/messages/panel'

export const JSON_VIEW = '@/components/admin/JsonView#JsonView'

export const isPanelText = (value: unknown): value is PanelText =>
  typeof value === 'object' && value !== null && typeof (value as PanelText).en === 'string' && typeof (value as PanelText).fr === 'string'

/** Kept as given: both languages, or a function of Payload's own translations, or no label on purpose. */
const keeps = (label: unknown): boolean => isPanelText(label) || typeof label === 'function' || label === false

const both = ({ en, fr }: PanelText): PanelText => ({ en, fr })

const entryFor = (scope: string, path: string, name: string | undefined): FieldText | undefined => FIELDS[scope]?.[path] ?? (name ? FIELD_NAMES[name] : undefined)

const optionWord = (scope: string, path: string, value: string): PanelText | undefined => FIELD_OPTION_WORDS[`${scope}.${path}`]?.[value] ?? OPTION_WORDS[value]

const withWords = (scope: string, path: string, options: Option[]): Option[] =>
  options.map((option) => {
    const { label, value } = typeof option === 'string' ? { label: option, value: option } : option
    if (keeps(label)) return option
    const word = optionWord(scope, path, value)
    return word ? { ...(typeof option === 'string' ? {} : option), label: both(word), value } : option
  })

type Loose = Record<string, unknown> & { admin?: Record<string, unknown> }

const withHelp = (admin: Loose['admin'], help: PanelText | undefined): Loose['admin'] =>
  help && !keeps(admin?.description) ? { ...admin, description: both(help) } : admin

/** A component's own copy of the label (the money field shows `clientProps.label`) follows the field's. */
const withComponentLabel = (admin: Loose['admin'], label: unknown): Loose['admin'] => {
  const components = admin?.components as Record<string, unknown> | undefined
  const component = components?.Field as { clientProps?: Record<string, unknown> } | undefined
  if (!isPanelText(label) || !component || typeof component !== 'object' || typeof component.clientProps?.label !== 'string') return admin
  return { ...admin, components: { ...components, Field: { ...component, clientProps: { ...component.clientProps, label: both(label) } } } }
}

const labelTab =
  (scope: string, prefix: string) =>
  (tab: Tab): Tab => {
    const name = 'name' in tab && tab.name ? tab.name : undefined
    const path = name ? (prefix ? `${prefix}.${name}` : name) : prefix
    const entry = name ? entryFor(scope, path, undefined) : typeof tab.label === 'string' ? FIELDS[scope]?.[tab.label] : undefined
    const next = { ...tab } as Tab & Loose
    if (entry && !keeps(next.label)) next.label = both(entry)
    if (entry?.help && !keeps(next.description)) next.description = both(entry.help)
    next.fields = tab.fields.map(labelField(scope, path))
    return next
  }

export const labelField =
  (scope: string, prefix = '') =>
  (field: Field): Field => {
    const next = { ...field } as Field & Loose
    const name = 'name' in field && field.name ? field.name : undefined
    const path = name ? (prefix ? `${prefix}.${name}` : name) : prefix
    const entry = name ? entryFor(scope, path, name) : typeof next.label === 'string' ? FIELDS[scope]?.[next.label] : undefined
    if (entry && !keeps(next.label)) next.label = both(entry)
    next.admin = withComponentLabel(withHelp(next.admin, entry?.help), next.label)
    if ((field.type === 'select' || field.type === 'radio') && Array.isArray(field.options)) next.options = withWords(scope, path, field.options)
    if (field.type === 'array' && entry && !field.labels) next.labels = { singular: both(entry.row ?? entry), plural: both(entry) }
    if (field.type === 'json') next.admin = { ...next.admin, components: { ...(next.admin?.components as object), Field: JSON_VIEW } }
    if ('fields' in field && Array.isArray(field.fields)) next.fields = field.fields.map(labelField(scope, path))
    if (field.type === 'tabs') next.tabs = field.tabs.map(labelTab(scope, path))
    if (next.admin === undefined) delete next.admin
    return next as Field
  }

export const labelCollection = (collection: CollectionConfig): CollectionConfig => {
  const names = COLLECTION_LABELS[collection.slug]
  const labels = names && !(isPanelText(collection.labels?.singular) && isPanelText(collection.labels?.plural)) ? { singular: names.singular, plural: names.plural } : collection.labels
  const admin = names?.group && collection.admin?.group !== false && !keeps(collection.admin?.group) ? { ...collection.admin, group: names.group } : collection.admin
  return { ...collection, ...(labels ? { labels } : {}), ...(admin ? { admin } : {}), fields: collection.fields.map(labelField(collection.slug)) }
}

export const labelGlobal = (global: GlobalConfig): GlobalConfig => ({ ...global, fields: global.fields.map(labelField(global.slug)) })

/** Last in the plugin list, so it also names what the other plugins added (the CSV exports collection). */
export const panelLabelsPlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map(labelCollection),
    globals: (config.globals ?? []).map(labelGlobal),
  })
