import { describe, expect, it } from 'vitest'

import { adminListLink, assembleDashboard, utcDay, type MetricRow } from '@/domain/dashboard'

const AT = new Date('2026-12-01T12:34:56Z')

describe('admin dashboard (pure)', () => {
  it('adminListLink: where[field][operator]=value, `in` as indexed entries, values encoded', () => {
    expect(adminListLink('payments', {})).toBe('/admin/collections/payments')
    expect(adminListLink('payments', { currency: { equals: 'EUR' }, status: { in: ['succeeded', 'refunded'] } })).toBe(
      '/admin/collections/payments?where[currency][equals]=EUR&where[status][in][0]=succeeded&where[status][in][1]=refunded',
    )
    expect(adminListLink('ledger-entries', { availableAt: { greater_than: '2026-12-01T12:00:00.000Z' } })).toBe(
      '/admin/collections/ledger-entries?where[availableAt][greater_than]=2026-12-01T12%3A00%3A00.000Z',
    )
  })

  it('utcDay: the UTC day around an instant', () => {
    expect(utcDay(AT)).toEqual({ start: new Date('2026-12-01T00:00:00Z'), end: new Date('2026-12-02T00:00:00Z') })
  })

  it('assembleDashboard: currencies sorted, missing metrics zero, the nearest deadline, links per currency', () => {
    const rows: MetricRow[] = [
      { metric: 'gross', currency: 'USD', count: 1, amount: 3000, at: null },
      { metric: 'gross', currency: 'EUR', count: 2, amount: 20000, at: null },
      { metric: 'revenue', currency: 'EUR', count: 2, amount: 2400, at: null },
      { metric: 'disputes_open', currency: 'EUR', count: 2, amount: 4500, at: new Date('2026-12-03T00:00:00Z') },
    ]
    const d = assembleDashboard(rows, 4, AT)
    expect(d.currencies.map((c) => c.currency)).toEqual(['EUR', 'USD'])
    expect(d.currencies[0]).toMatchObject({ grossVolume: { amount: 20000, count: 2 }, platformRevenue: { amount: 2400 }, refunds: { amount: 0, count: 0 } })
    expect(d.currencies[0].openDisputes).toMatchObject({ count: 2, amount: 4500, nearestDeadline: '2026-12-03T00:00:00.000Z' })
    expect(d.currencies[1].openDisputes.nearestDeadline).toBeNull()
    expect(d.currencies[1].refunds.link).toBe('/admin/collections/refunds?where[currency][equals]=USD&where[status][equals]=succeeded')
    expect(d.callsToday).toEqual({
      count: 4,
      link: '/admin/collections/bookings?where[startsAt][greater_than_equal]=2026-12-01T00%3A00%3A00.000Z&where[startsAt][less_than]=2026-12-02T00%3A00%3A00.000Z&where[status][in][0]=confirmed&where[status][in][1]=completed',
    })
    expect(assembleDashboard([], 0, AT).currencies).toEqual([])
  })
})
