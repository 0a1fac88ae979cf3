/**
 * The admin money dashboard: the figures of a small known world in two currencies, each figure's
 * link opening exactly its rows (the same filter through the REST API), the JSON endpoint, the
 * panel component (admins only), and the CSV export of a list with its filter (plugin-import-export).
 */
import type { Payload } from 'payload'
import type React from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { AdminMoneyDashboard } from '@/components/admin/AdminMoneyDashboard'
import type { CurrencyFigures, Dashboard, Figure } from '@/domain/dashboard'
import { resetClock, setClock } from '@/lib/clock'
import { insertLedgerEntry } from '@/db/ledger'
import { insertCallEvent } from '@/db/calls'
import { committed, runner, withTransaction } from '@/db/run'
import { adminDashboard, currentAdminDashboard } from '@/services/dashboard'

import { api, createActors, getTestPayload, query, resetDatabase, type Actors } from './harness'

const NOW = new Date('2026-12-01T12:00:00Z')
const HOUR = 3_600_000
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString()

describe('admin money dashboard', () => {
  let payload: Payload
  let actors: Actors
  let slot = 0

  const booking = async (creator: number, fan: number, startsAt: string, status: 'confirmed' | 'completed' | 'cancelled', price = 10000, currency = 'EUR') => {
    const offer = await payload.create({
      collection: 'offers',
      data: { creator, title: `Offer ${++slot}`, startsAt, durationMinutes: 30, price, currency, status: 'booked' } as never,
      context: { allowPastStart: true },
      depth: 0,
    })
    return (await payload.create({ collection: 'bookings', data: { offer: offer.id, fan, status }, depth: 0 })).id
  }

  const payment = async (p: { amount: number; fee: number; status: string; refunded?: number; currency?: string }) => {
    const creator = actors.creatorA.creatorId!
    const fan = actors.fanA.id
    const bookingId = await booking(creator, fan, at(-48 - slot * 2), 'completed', p.amount, p.currency)
    const doc = await payload.create({
      collection: 'payments',
      data: {
        booking: bookingId, fan, creator, stripePaymentIntentId: `pi_dash_${slot}`, amount: p.amount, currency: p.currency ?? 'EUR', platformFee: p.fee, creatorAmount: p.amount - p.fee,
        feeSnapshot: { feeBps: 1500, fixedFee: 0, holdingPeriodDays: 7 }, status: p.status, refundedAmount: p.refunded ?? 0, paidAt: at(-72),
      } as never,
      depth: 0,
    })
    return { id: doc.id, bookingId }
  }

  const refund = (pay: { id: number; bookingId: number }, amount: number, status: string, reason = 'Known world') =>
    payload.create({
      collection: 'refunds',
      data: { payment: pay.id, booking: pay.bookingId, fan: actors.fanA.id, creator: actors.creatorA.creatorId!, amount, currency: 'EUR', reason, status } as never,
      depth: 0,
    })

  const dispute = (pay: { id: number }, key: string, amount: number, status: string, dueInHours: number) =>
    payload.create({
      collection: 'disputes',
      data: { payment: pay.id, creator: actors.creatorA.creatorId!, stripeDisputeId: `dp_${key}`, amount, currency: 'EUR', reason: 'fraudulent', status, evidenceDueBy: at(dueInHours) } as never,
      depth: 0,
    })

  const payout = (amount: number, currency: string, status: string) =>
    payload.create({ collection: 'payouts', data: { creator: actors.creatorA.creatorId!, amount, currency, status, trigger: 'requested', requestedAt: at(-1) } as never, depth: 0 })

  const ledger = (currency: string, type: string, amount: number, availableInHours: number, ref: string) =>
    payload.create({
      collection: 'ledger-entries',
      data: { creator: actors.creatorA.creatorId!, currency, type, amount, availableAt: at(availableInHours), source: { type: type === 'payout' ? 'payout' : 'payment', ref } } as never,
      depth: 0,
    })

  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    actors = await createActors(payload)
    setClock(NOW)

    // EUR: paid 10000 (fee 1500), partly refunded 4000 of 10000 (fee 1500: 600 back), fully refunded 5000 (fee 750: all back); a failed payment.
    const p1 = await payment({ amount: 10000, fee: 1500, status: 'succeeded' })
    const p2 = await payment({ amount: 10000, fee: 1500, status: 'partially_refunded', refunded: 4000 })
    const p3 = await payment({ amount: 5000, fee: 750, status: 'refunded', refunded: 5000 })
    await payment({ amount: 2500, fee: 375, status: 'failed' })
    // USD: one paid 3000 (fee 450).
    await payment({ amount: 3000, fee: 450, status: 'succeeded', currency: 'USD' })

    await refund(p2, 4000, 'succeeded')
    await refund(p3, 5000, 'succeeded')
    await refund(p1, 1000, 'requested')
    await refund(p1, 500, 'rejected', '=HYPERLINK("http://evil.example")')

    await dispute(p1, 'lost', 10000, 'lost', -100)
    await dispute(p2, 'open1', 2500, 'needs_response', 120)
    await dispute(p3, 'open2', 2000, 'under_review', 30)
    await dispute(p1, 'won', 700, 'won', -50)

    await payout(2000, 'EUR', 'paid')
    await payout(3000, 'EUR', 'approved')
    await payout(1000, 'USD', 'requested')

    await ledger('EUR', 'earning', 8500, -24, 'e1')
    await ledger('EUR', 'earning', 4250, 24 * 5, 'e2')
    await ledger('EUR', 'payout', -3000, -1, 'po1')
    await ledger('USD', 'earning', 2550, 24 * 3, 'u1')

    // Calls today (UTC): two confirmed or completed; a cancelled one today and a confirmed one tomorrow do not count.
    const cB = actors.creatorB.creatorId!
    await booking(cB, actors.fanB.id, at(2), 'confirmed')
    await booking(cB, actors.fanB.id, at(-3), 'completed')
    await booking(cB, actors.fanB.id, at(4), 'cancelled')
    await booking(cB, actors.fanB.id, at(14), 'confirmed')
  })
  afterAll(() => resetClock())

  const fig = (amount: number, count: number) => expect.objectContaining({ amount, count }) as unknown as Figure

  it('per currency: gross, revenue net of refunded fees, refunds, disputes lost, creators’ balances, open payouts, requests, disputes with the nearest deadline; calls today', async () => {
    const d = await adminDashboard(payload, NOW)
    expect(d.generatedAt).toBe(NOW.toISOString())
    expect(d.currencies.map((c) => c.currency)).toEqual(['EUR', 'USD'])
    const [eur, usd] = d.currencies
    expect(eur).toMatchObject({
      grossVolume: fig(25000, 3),
      platformRevenue: fig(1500 + 900 + 0, 3),
      refunds: fig(9000, 2),
      disputesLost: fig(10000, 1),
      creatorsPending: fig(4250, 1),
      creatorsAvailable: fig(5500, 2),
      openPayouts: fig(3000, 1),
      openRefundRequests: fig(1000, 1),
      openDisputes: { amount: 4500, count: 2, nearestDeadline: at(30) },
    })
    expect(usd).toMatchObject({
      grossVolume: fig(3000, 1),
      platformRevenue: fig(450, 1),
      refunds: fig(0, 0),
      creatorsPending: fig(2550, 1),
      creatorsAvailable: fig(0, 0),
      openPayouts: fig(1000, 1),
      openDisputes: { amount: 0, count: 0, nearestDeadline: null },
    })
    expect(d.callsToday.count).toBe(2)
    expect(eur.grossVolume.link).toBe('/admin/collections/payments?where[currency][equals]=EUR&where[status][in][0]=succeeded&where[status][in][1]=partially_refunded&where[status][in][2]=refunded')
    expect(eur.openDisputes.link).toBe(
      '/admin/collections/disputes?where[currency][equals]=EUR&where[status][in][0]=warning_needs_response&where[status][in][1]=warning_under_review&where[status][in][2]=needs_response&where[status][in][3]=under_review&sort=evidenceDueBy',
    )
  })

  it('each link filters its list to exactly the rows counted (the same query through the REST API, as an admin)', async () => {
    const d = await adminDashboard(payload, NOW)
    const rowsOf = async (link: string) => {
      const [path, query] = link.replace('/admin/collections/', '/').split('?')
      const res = await api<{ totalDocs: number; docs: { amount?: number }[] }>('GET', `${path}?${query}&limit=100&depth=0`, { token: actors.admin.token })
      expect(res.status, link).toBe(200)
      return res.body
    }
    for (const c of d.currencies) {
      for (const key of ['grossVolume', 'refunds', 'disputesLost', 'creatorsPending', 'creatorsAvailable', 'openPayouts', 'openRefundRequests', 'openDisputes'] as const) {
        const figure = (c as CurrencyFigures)[key]
        const rows = await rowsOf(figure.link)
        expect(rows.totalDocs, `${c.currency} ${key}`).toBe(figure.count)
        expect(rows.docs.reduce((n, r) => n + (r.amount ?? 0), 0), `${c.currency} ${key}`).toBe(figure.amount)
      }
    }
    expect((await rowsOf(d.callsToday.link)).totalDocs).toBe(2)
  })

  it('GET /api/admin/dashboard: the same figures as JSON, private; the panel component renders them for admins and nothing for others', async () => {
    const res = await api<Dashboard>('GET', '/admin/dashboard', { token: actors.admin.token })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    expect(res.body).toEqual(await adminDashboard(payload, NOW))

    const props = (user: unknown) => ({ user, payload, i18n: { language: 'en' } }) as never
    expect(await AdminMoneyDashboard(props({ role: 'creator' }))).toBeNull()
    expect(await AdminMoneyDashboard(props(undefined))).toBeNull()
    const html = renderToStaticMarkup((await AdminMoneyDashboard(props({ role: 'admin', timezone: 'UTC' }))) as React.ReactElement)
    expect(html).toContain('data-testid="admin-money-dashboard"')
    expect(html).toContain('€250.00 (3)')
    expect(html).toContain('Calls today: 2')
    expect(html).toContain('href="/admin/collections/refunds?where[currency][equals]=EUR&amp;where[status][equals]=requested"')
  })

  it('CSV export (plugin-import-export, POST /api/exports/download): the rows of the current filter, formulas defused; never stored', async () => {
    const download = (data: Record<string, unknown>) => api<string>('POST', '/exports/download', { token: actors.admin.token, body: { data: { format: 'csv', ...data } } })
    const rowsOf = (csv: string) => csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    const usd = await download({ collectionSlug: 'payments', where: { currency: { equals: 'USD' } }, fields: ['id', 'amount', 'currency', 'status'] })
    expect(usd.status).toBe(200)
    expect(usd.headers.get('content-type')).toMatch(/text\/csv/)
    expect(rowsOf(usd.body)).toEqual(['id,amount,currency,status', expect.stringMatching(/^\d+,30\.00,USD,succeeded$/)])

    const paid = await download({ collectionSlug: 'payments', where: { and: [{ currency: { equals: 'EUR' } }, { status: { in: ['succeeded', 'partially_refunded', 'refunded'] } }] }, fields: ['amount'] })
    // Amounts in currency units, as the panel shows them; a file always keeps each row's id and currency, after the asked columns.
    expect(rowsOf(paid.body)[0]).toBe('amount,id,currency')
    expect(rowsOf(paid.body).slice(1).map((row) => row.replace(/,\d+,/, ',<id>,')).sort()).toEqual(['100.00,<id>,EUR', '100.00,<id>,EUR', '50.00,<id>,EUR'])

    const rejected = await download({ collectionSlug: 'refunds', where: { status: { equals: 'rejected' } }, fields: ['reason', 'amount'] })
    expect(rowsOf(rejected.body)).toEqual(['reason,amount,id,currency', expect.stringMatching(/^"'=HYPERLINK\(""http:\/\/evil\.example""\)",5\.00,\d+,EUR$/)])

    for (const slug of ['payouts', 'disputes', 'ledger-entries', 'transaction-logs']) expect((await download({ collectionSlug: slug })).status, slug).toBe(200)
    expect((await api('POST', '/exports', { token: actors.admin.token, body: { collectionSlug: 'payments', format: 'csv' } })).status).toBe(403)
    expect((await payload.count({ collection: 'exports' })).totalDocs).toBe(0)
  })

  it('current figures are reused for a few seconds (x-callastar-cache) and summed again once a money write commits in this process', async () => {
    committed() // whatever earlier tests left reused
    const first = await api<Dashboard>('GET', '/admin/dashboard', { token: actors.admin.token })
    expect(first.headers.get('x-callastar-cache')).toBe('miss')
    const again = await api<Dashboard>('GET', '/admin/dashboard', { token: actors.admin.token })
    expect(again.headers.get('x-callastar-cache')).toBe('hit')
    expect(again.body).toEqual(first.body)
    const usdAvailable = (d: Dashboard) => d.currencies.find((c) => c.currency === 'USD')!.creatorsAvailable

    // A service write (withTransaction tells the listeners after COMMIT): the next read sums again and sees it.
    await withTransaction(payload, (_req, run) =>
      insertLedgerEntry(run, { creatorId: actors.creatorA.creatorId!, currency: 'USD', type: 'adjustment', amount: 123, availableAt: new Date(at(-2)), sourceType: 'adjustment', sourceRef: 'fresh-1', memo: 'Freshness test' }),
    )
    const after = await currentAdminDashboard(payload)
    expect(after.reuse).toBe('miss')
    expect(usdAvailable(after.dashboard)).toMatchObject({ amount: usdAvailable(first.body).amount + 123, count: usdAvailable(first.body).count + 1 })
    expect((await currentAdminDashboard(payload)).reuse).toBe('hit')
    // Figures for a given instant are never reused.
    expect(await adminDashboard(payload, new Date(NOW.getTime() + HOUR))).not.toBe(after.dashboard)
  })

  it('calls in progress now: confirmed bookings whose join window is open, who is present by the provider’s presence, each linking to its booking; the count’s link lists them', async () => {
    const cB = actors.creatorB.creatorId!
    let far = 200
    const call = async (startsInHours: number, status: 'confirmed' | 'cancelled' = 'confirmed') => {
      // Offers far apart (one creator's offers may not overlap); the booking's own times are the call's.
      const id = await booking(cB, actors.fanB.id, at((far += 2)), status)
      await query(payload, 'UPDATE bookings SET starts_at = $2, ends_at = $3 WHERE id = $1', [id, at(startsInHours), at(startsInHours + 0.5)])
      return id
    }
    const started = await call(-0.25) // 11:45–12:15: in the call
    const opening = await call(0.2) // 12:12: its window opened at 11:57
    await call(0.3) // 12:18: opens at 12:03
    await call(-0.6) // 11:24–11:54: over
    await call(-0.1, 'cancelled')
    const run = runner(payload)
    const presence = (bookingId: number, actorId: number, role: 'fan' | 'creator', type: 'joined' | 'left', hours: number, session: Record<string, string>) =>
      insertCallEvent(run, { bookingId, actorId, type, at: new Date(at(hours)), source: 'provider', metadata: { role, ...session } })
    // Peer-to-peer streams: the fan's is open; the creator's closed.
    await presence(started, actors.fanB.id, 'fan', 'joined', -0.2, { streamId: 's-fan' })
    await presence(started, actors.creatorB.id, 'creator', 'joined', -0.2, { streamId: 's-creator' })
    await presence(started, actors.creatorB.id, 'creator', 'left', -0.1, { streamId: 's-creator' })
    // A Daily session of the creator, open.
    await presence(opening, actors.creatorB.id, 'creator', 'joined', -0.01, { sessionId: 'daily-1' })

    const d = await adminDashboard(payload, NOW)
    expect(d.callsInProgress.count).toBe(2)
    expect(d.callsInProgress.calls).toEqual([
      { bookingId: started, fanName: expect.any(String), creatorName: expect.any(String), startsAt: at(-0.25), endsAt: at(0.25), present: { fan: true, creator: false }, link: `/admin/collections/bookings/${started}` },
      { bookingId: opening, fanName: expect.any(String), creatorName: expect.any(String), startsAt: at(0.2), endsAt: at(0.7), present: { fan: false, creator: true }, link: `/admin/collections/bookings/${opening}` },
    ])
    const [path, search] = d.callsInProgress.link.replace('/admin/collections/', '/').split('?')
    const listed = await api<{ docs: { id: number }[] }>('GET', `${path}?${search}&depth=0`, { token: actors.admin.token })
    expect(listed.status).toBe(200)
    expect(listed.body.docs.map((b) => b.id)).toEqual([started, opening])

    committed() // the panel reads the current (reused) figures: fixtures written through Payload do not drop them
    const html = renderToStaticMarkup((await AdminMoneyDashboard({ user: { role: 'admin', timezone: 'Europe/Paris' }, payload, i18n: { language: 'fr' } } as never)) as React.ReactElement)
    expect(html).toContain('Appels en cours : 2')
    expect(html).toContain(`href="/admin/collections/bookings/${started}"`)
    expect(html).toContain('Heures en Europe/Paris.')
  })
})
