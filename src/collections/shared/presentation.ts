/**
 * How rows read in the admin panel (issue 12, "Panel, for everyone"): a stored human title per row,
 * internal fields in a collapsed admin-only "Technical" section, and one walker that gives every
 * status select a coloured, translated cell and every date a cell in the viewer's zone, and shows a
 * link to a person only to admins and to that person.
 *
 * Titles are written by database triggers (migration 20261202_030000_row_titles), not Payload hooks:
 * most rows are inserted by SQL in src/db/*. The trigger recomputes a row's title when its inputs
 * change, and a user's or creator's rename refreshes the titles that show that name.
 */
import type { CollectionConfig, Field, TextField } from 'payload'

import { isStatusField } from '@/domain/statusTone'

/** The stored title a collection uses as `admin.useAsTitle`: a list column, never a form input. */
export const titleField = (name = 'title', label: { en: string; fr: string } = { en: 'Title', fr: 'Titre' }): TextField => ({
  name,
  type: 'text',
  label,
  // Written by the database trigger only; a value sent over the API is ignored.
  access: { create: () => false, update: () => false },
  // Not in the form (the document header already shows it) but still a list column (`admin.hidden` keeps columns).
  admin: { readOnly: true, hidden: true },
})

/** Shown to admins only (a presentation choice; field access still decides what the API returns). */
export const forAdminsOnly = (_data: unknown, _sibling: unknown, { user }: { user?: unknown }): boolean => (user as { role?: string } | null | undefined)?.role === 'admin'

/** Internal fields (provider ids, room names, reminder flags, hold times…): collapsed, for admins only. */
export const technicalSection = (fields: Field[]): Field => ({
  type: 'collapsible',
  label: { en: 'Technical', fr: 'Technique' },
  admin: {
    initCollapsed: true,
    condition: forAdminsOnly,
    description: { en: 'Internal values kept by the system.', fr: 'Valeurs internes tenues par le système.' },
  },
  fields,
})

const STATUS_CELL = '@/components/admin/StatusCell#StatusCell'
const STATUS_FIELD = '@/components/admin/StatusCell#StatusField'
const DATE_CELL = '@/components/admin/DateCell#DateCell'
const DATE_FIELD = '@/components/admin/DateCell#DateField'

type AnyAdmin = { components?: Record<string, unknown> }

const withComponents = (field: Field, components: Record<string, string>): Field => {
  const admin = ((field as { admin?: AnyAdmin }).admin ?? {}) as AnyAdmin
  const own = admin.components ?? {}
  const added = Object.fromEntries(Object.entries(components).filter(([slot]) => !own[slot]))
  return { ...field, admin: { ...admin, components: { ...added, ...own } } } as Field
}

/**
 * A link to a person is shown to admins, and to the person it names: a creator may not read other
 * users (their fans), so the field would read "Untitled - ID: 2"; the row's title and the booking's
 * actions name the fan instead.
 */
const peopleLinkFor = (name: string) => (_data: unknown, sibling: Record<string, unknown> | undefined, { user }: { user?: unknown }): boolean => {
  const viewer = user as { id?: number | string; role?: string } | null | undefined
  if (viewer?.role === 'admin') return true
  const value = sibling?.[name]
  const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : value
  return id !== undefined && id !== null && String(id) === String(viewer?.id)
}

/** Cells everywhere; the Field shows a read-only value as text (an editable one stays Payload's own input). */
const present = (field: Field): Field => {
  if (field.type === 'relationship' && field.relationTo === 'users' && !field.hasMany && !field.admin?.condition) {
    return { ...field, admin: { ...field.admin, condition: peopleLinkFor(field.name) } }
  }
  if (field.type === 'select' && 'name' in field && isStatusField(field.name) && !field.hasMany) return withComponents(field, { Cell: STATUS_CELL, Field: STATUS_FIELD })
  if (field.type === 'date') return withComponents(field, { Cell: DATE_CELL, Field: DATE_FIELD })
  if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: tab.fields.map(present) })) }
  if ('fields' in field && Array.isArray(field.fields) && field.type !== 'array') return { ...field, fields: field.fields.map(present) } as Field
  return field
}

/** Payload's own timestamps, declared as Payload would add them, with the zone-aware cell. */
const timestamps = (collection: CollectionConfig): Field[] => {
  if (collection.timestamps === false) return []
  const names = new Set(collection.fields.map((f) => ('name' in f ? f.name : '')))
  const stamp = (name: 'createdAt' | 'updatedAt'): Field => ({
    name,
    type: 'date',
    index: true,
    label: ({ t }) => t(`general:${name}`),
    admin: { disableBulkEdit: true, hidden: true, components: { Cell: DATE_CELL } },
  })
  return (['updatedAt', 'createdAt'] as const).filter((n) => !names.has(n)).map(stamp)
}

/** Status cells and zone-aware dates on every collection (fields with their own components keep them). */
export const presentCollections = (collections: CollectionConfig[]): CollectionConfig[] =>
  collections.map((collection) => ({ ...collection, fields: [...collection.fields.map(present), ...timestamps(collection)] }))
