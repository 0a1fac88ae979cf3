/**
 * How rows read in the admin panel (issue 12, "Panel, for everyone"): a stored human title per row,
 * internal fields in a collapsed admin-only "Technical" section, and one walker that gives every
 * status select a coloured, translated cell and every date a cell in the viewer's zone, and shows a
 * link to a person only to admins and to that person.
 *
 * Titles are written by database triggers (migration 20261202_235000_row_titles_triggers), not Payload hooks:
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
const PERSON_FIELD = '@/components/admin/PersonField#PersonField'

type AnyAdmin = { components?: Record<string, unknown> }

const withComponents = (field: Field, components: Record<string, string>): Field => {
  const admin = ((field as { admin?: AnyAdmin }).admin ?? {}) as AnyAdmin
  const own = admin.components ?? {}
  const added = Object.fromEntries(Object.entries(components).filter(([slot]) => !own[slot]))
  return { ...field, admin: { ...admin, components: { ...added, ...own } } } as Field
}

/** Cells everywhere; the Field shows a read-only value as text (an editable one stays Payload's own input). */
const present = (field: Field): Field => {
  // A link to a person: shown to admins and to that person (PersonField says why).
  if (field.type === 'relationship' && field.relationTo === 'users' && !field.hasMany) return withComponents(field, { Field: PERSON_FIELD })
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
