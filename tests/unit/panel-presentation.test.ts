/** Issue 12, panel presentation: every status has a colour by meaning, and the config walker gives status and date fields their cells. */
import type { CollectionConfig, Field } from 'payload'
import { describe, expect, it } from 'vitest'

import { presentCollections, technicalSection, titleField } from '@/collections/shared/presentation'
import * as statuses from '@/domain/statuses'
import { isStatusField, statusTone } from '@/domain/statusTone'

const KNOWN_TONES = new Set(['done', 'waiting', 'failed', 'cancelled', 'open'])

describe('status tones', () => {
  it('names every status of every enum explicitly (no fallback)', () => {
    const enums = Object.entries(statuses).filter(([name, v]) => name.endsWith('_STATUSES') && Array.isArray(v)) as [string, readonly string[]][]
    expect(enums.length).toBeGreaterThan(8)
    for (const [, values] of enums) for (const value of values) expect(KNOWN_TONES.has(statusTone(value)), value).toBe(true)
  })

  it('colours by meaning: done green, waiting amber, failed red, cancelled grey', () => {
    expect(['succeeded', 'paid', 'confirmed', 'completed', 'processed'].map(statusTone)).toEqual(['done', 'done', 'done', 'done', 'done'])
    expect(['requires_payment', 'requested', 'pending', 'processing'].map(statusTone)).toEqual(['waiting', 'waiting', 'waiting', 'waiting'])
    expect(['failed', 'lost', 'needs_response', 'rejected'].map(statusTone)).toEqual(['failed', 'failed', 'failed', 'failed'])
    expect(['cancelled', 'canceled', 'expired', 'ignored'].map(statusTone)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled'])
  })

  it('recognises status fields by name', () => {
    expect(['status', 'stripeAccountStatus', 'roomStatus', 'disputeStatus'].every(isStatusField)).toBe(true)
    expect(['statuses', 'Status', 'state', 'outcome'].some(isStatusField)).toBe(false)
  })
})

describe('presentCollections', () => {
  const collection: CollectionConfig = {
    slug: 'things',
    fields: [
      titleField(),
      { name: 'status', type: 'select', options: ['a', 'b'] },
      { name: 'at', type: 'date', admin: { readOnly: true } },
      { name: 'when', type: 'date', admin: { components: { Field: '/own#Own' } } },
      technicalSection([{ name: 'group', type: 'group', fields: [{ name: 'doneAt', type: 'date' }] }]),
    ],
  }
  const [out] = presentCollections([collection])
  const byName = (fields: Field[], name: string): Field | undefined => {
    for (const f of fields) {
      if ('name' in f && f.name === name) return f
      if ('fields' in f && Array.isArray(f.fields)) {
        const found = byName(f.fields as Field[], name)
        if (found) return found
      }
    }
    return undefined
  }
  const components = (name: string) => (byName(out.fields, name) as { admin?: { components?: Record<string, unknown> } }).admin?.components

  it('gives status selects the coloured cell and badge, dates the zone-aware cell and read-only display', () => {
    expect(components('status')).toEqual({ Cell: '@/components/admin/StatusCell#StatusCell', Field: '@/components/admin/StatusCell#StatusField' })
    expect(components('at')).toEqual({ Cell: '@/components/admin/DateCell#DateCell', Field: '@/components/admin/DateCell#DateField' })
    expect(components('doneAt')).toEqual({ Cell: '@/components/admin/DateCell#DateCell', Field: '@/components/admin/DateCell#DateField' })
  })

  it('keeps a field’s own components and adds Payload’s timestamps with the cell', () => {
    expect(components('when')).toEqual({ Cell: '@/components/admin/DateCell#DateCell', Field: '/own#Own' })
    expect(components('createdAt')).toEqual({ Cell: '@/components/admin/DateCell#DateCell' })
    expect(components('updatedAt')).toEqual({ Cell: '@/components/admin/DateCell#DateCell' })
  })

  it('keeps the title a hidden, read-only list column and the technical section for admins only', () => {
    expect(titleField().admin).toMatchObject({ readOnly: true, hidden: true })
    const section = technicalSection([]) as { admin: { initCollapsed: boolean; condition: (...a: unknown[]) => boolean } }
    expect(section.admin.initCollapsed).toBe(true)
    expect(section.admin.condition({}, {}, { user: { role: 'admin' } })).toBe(true)
    expect(section.admin.condition({}, {}, { user: { role: 'creator' } })).toBe(false)
  })
})
