import type { Payload } from 'payload'
import type { Pool } from 'pg'
import { beforeAll, describe, expect, it } from 'vitest'

import { parseCatalogQuery } from '@/domain/catalog'
import { findCatalogPage, findHomeCatalog } from '@/services/catalog'

import { createActors, getTestPayload, query, resetDatabase, type Actors } from './harness'

const HOUR = 3_600_000

/** The storefront's creators list (src/services/catalog.ts) on a small catalogue, as a guest. */
describe('creators list: search, filters, sorts', () => {
  let payload: Payload
  let actors: Actors
  const names = async (params: Record<string, string>) => (await findCatalogPage(payload, null, parseCatalogQuery(params))).entries.map((e) => e.creator.displayName)

  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    actors = await createActors(payload)
    const { creatorA, creatorB, fanA } = actors
    await payload.update({ collection: 'creators', id: creatorA.creatorId!, data: { displayName: 'Léa Martin', category: 'music', expertise: ['Guitare classique', 'Solfège'] } as never })
    await payload.update({ collection: 'creators', id: creatorB.creatorId!, data: { displayName: 'Bob Stone', category: 'sport', expertise: ['Fitness', '100% cardio'] } as never })
    const offer = (creator: number, inHours: number, price: number, extra: Record<string, unknown> = {}) =>
      payload.create({
        collection: 'offers',
        data: { creator, title: 'Call', startsAt: new Date(Date.now() + inHours * HOUR).toISOString(), durationMinutes: 30, price, currency: 'EUR', status: 'available', ...extra } as never,
      })
    await offer(creatorA.creatorId!, 48, 4500)
    // Reserved for one fan: never in what guests see (nor in the from-price).
    await offer(creatorA.creatorId!, 72, 1000, { reservedFor: fanA.id })
    await offer(creatorB.creatorId!, 10 * 24, 3000)
  })

  it('finds creators by name or expertise, whatever the case and accents, and takes % literally', async () => {
    expect(await names({ q: 'lea' })).toEqual(['Léa Martin'])
    expect(await names({ q: 'LÉA' })).toEqual(['Léa Martin'])
    expect(await names({ q: 'guitar' })).toEqual(['Léa Martin'])
    expect(await names({ q: 'solfege' })).toEqual(['Léa Martin'])
    expect(await names({ q: 'stone' })).toEqual(['Bob Stone'])
    expect(await names({ q: '100%' })).toEqual(['Bob Stone'])
    expect(await names({ q: '0%c' })).toEqual([])
    expect(await names({ q: 'nobody' })).toEqual([])
  })

  it('filters by category, price in the creator’s currency and availability within 7 days', async () => {
    expect(await names({ category: 'sport' })).toEqual(['Bob Stone'])
    expect(await names({ currency: 'EUR', min: '40' })).toEqual(['Léa Martin'])
    expect(await names({ currency: 'EUR', max: '20' })).toEqual([])
    expect(await names({ soon: '1' })).toEqual(['Léa Martin'])
  })

  it('filters prices per currency, and refuses a reversed or unreadable range rather than swapping it', async () => {
    // 50.00 CHF is not "more than 40" of anything in EUR: only offers in the chosen currency count.
    const chf = await payload.create({
      collection: 'offers',
      data: { creator: actors.creatorB.creatorId!, title: 'CHF call', startsAt: new Date(Date.now() + 96 * HOUR).toISOString(), durationMinutes: 30, price: 5000, currency: 'CHF', status: 'available' } as never,
    })
    // Offers take their creator's currency; this one stands for a Swiss creator's slot.
    await query(payload, `UPDATE offers SET currency = 'CHF' WHERE id = $1`, [chf.id])
    try {
      expect(await names({ currency: 'CHF', min: '40' })).toEqual(['Bob Stone'])
      expect(await names({ currency: 'EUR', min: '40', sort: 'name' })).toEqual(['Léa Martin'])
      expect(await names({ currency: 'GBP' })).toEqual([])
      const chfPage = await findCatalogPage(payload, null, parseCatalogQuery({ currency: 'CHF' }))
      expect(chfPage.entries.map((e) => [e.fromPrice, e.priceCurrency])).toEqual([[5000, 'CHF']])
      // min > max: the range is not applied (both creators listed) and the query says why.
      const reversed = parseCatalogQuery({ currency: 'EUR', min: '50', max: '10', sort: 'name' })
      expect(reversed.priceProblem).toBe('min_above_max')
      expect((await findCatalogPage(payload, null, reversed)).entries.map((e) => e.creator.displayName)).toEqual(['Bob Stone', 'Léa Martin'])
    } finally {
      await payload.delete({ collection: 'offers', id: chf.id })
    }
  })

  it('lists only creators fans can pay; a payable creator without an open slot is listed as such', async () => {
    const { creatorA, creatorB } = actors
    await payload.update({ collection: 'creators', id: creatorB.creatorId!, data: { chargesEnabled: false } as never })
    try {
      expect(await names({ sort: 'name' })).toEqual(['Léa Martin'])
      expect(await names({ q: 'stone' })).toEqual([])
    } finally {
      await payload.update({ collection: 'creators', id: creatorB.creatorId!, data: { chargesEnabled: true } as never })
    }
    // Léa's only public slot taken off sale: still listed, with no from-price nor next slot (the card says "no open slots").
    await query(payload, `UPDATE offers SET status = 'cancelled' WHERE creator_id = $1 AND reserved_for_id IS NULL`, [creatorA.creatorId])
    try {
      const page = await findCatalogPage(payload, null, parseCatalogQuery({ sort: 'name' }))
      expect(page.entries.map((e) => [e.creator.displayName, e.fromPrice, e.nextAvailableAt])).toEqual([
        ['Bob Stone', 3000, expect.any(String)],
        ['Léa Martin', null, null],
      ])
      expect(await names({ sort: 'soonest' })).toEqual(['Bob Stone', 'Léa Martin'])
    } finally {
      await query(payload, `UPDATE offers SET status = 'available' WHERE creator_id = $1 AND reserved_for_id IS NULL`, [creatorA.creatorId])
    }
  })

  it('the home page, like the list, shows only creators fans can pay: featured creators and slots starting soon', async () => {
    const { creatorA, creatorB } = actors
    await query(payload, `UPDATE creators SET featured = true WHERE id = ANY($1::int[])`, [[creatorA.creatorId, creatorB.creatorId]])
    const soonB = await payload.create({
      collection: 'offers',
      data: { creator: creatorB.creatorId!, title: 'Soon', startsAt: new Date(Date.now() + 30 * HOUR).toISOString(), durationMinutes: 30, price: 2000, currency: 'EUR', status: 'available' } as never,
    })
    const home = async () => {
      const { featured, soon } = await findHomeCatalog(payload, null)
      return { featured: featured.map((c) => c.displayName).sort(), soon: soon.map((o) => (typeof o.creator === 'object' ? o.creator?.displayName : o.creator)) }
    }
    try {
      expect(await home()).toEqual({ featured: ['Bob Stone', 'Léa Martin'], soon: ['Bob Stone', 'Léa Martin'] })
      await payload.update({ collection: 'creators', id: creatorB.creatorId!, data: { chargesEnabled: false } as never })
      expect(await home()).toEqual({ featured: ['Léa Martin'], soon: ['Léa Martin'] })
    } finally {
      await payload.update({ collection: 'creators', id: creatorB.creatorId!, data: { chargesEnabled: true } as never })
      await payload.delete({ collection: 'offers', id: soonB.id })
      await query(payload, `UPDATE creators SET featured = false`)
    }
  })

  it('sorts by price from bookable offers only, and counts pages', async () => {
    expect(await names({ sort: 'price' })).toEqual(['Bob Stone', 'Léa Martin'])
    const page = await findCatalogPage(payload, null, parseCatalogQuery({ sort: 'price' }))
    expect(page.entries.map((e) => e.fromPrice)).toEqual([3000, 4500])
    expect([page.total, page.pages]).toEqual([2, 1])
    expect(await names({ sort: 'name' })).toEqual(['Bob Stone', 'Léa Martin'])
    const past = await findCatalogPage(payload, null, parseCatalogQuery({ page: '5' }))
    expect([past.entries.length, past.total]).toEqual([0, 2])
  })

  it('searches from the trigram indexes on callastar_fold (the expression the search uses)', async () => {
    // Sequential scans priced out and the other index on creators_texts dropped (rolled back): the
    // plan can only use an index whose expression is the query's, so a search written with
    // another folding would show a sequential scan here.
    const client = await (payload.db as unknown as { pool: Pool }).pool.connect()
    try {
      await client.query('BEGIN')
      await client.query('SET LOCAL enable_seqscan = off')
      await client.query('DROP INDEX creators_texts_parent_path_idx')
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT n.id FROM creators n WHERE callastar_fold(n.display_name) LIKE callastar_fold($1::text)
          UNION SELECT x.parent_id FROM creators_texts x WHERE x.path = 'expertise' AND callastar_fold(x.text) LIKE callastar_fold($1::text)`,
        ['%guitar%'],
      )
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n')
      expect(plan).toContain('Bitmap Index Scan on creators_name_search_idx')
      expect(plan).toContain('Bitmap Index Scan on creators_texts_expertise_search_idx')
    } finally {
      await client.query('ROLLBACK')
      client.release()
    }
  })
})
