/**
 * Issue 12: rows read as people, amounts and times in the admin panel. Stored titles written by the
 * database triggers of migration 20261202_235000_row_titles_triggers, whatever writes the row (the
 * checkout's SQL, Payload, a raw insert), refreshed on renames, never taken from a request.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { StripeEmulator } from '../../emulators/stripe'

import { api, query, startPaymentsWorld, stopPaymentsWorld, type Actors } from './harness'

describe('row titles', () => {
  let payload: Payload
  let actors: Actors
  let stripe: StripeEmulator
  let bookingId: number
  let paymentId: number
  let offerId: number

  const titleOf = async (table: string, id: number, column = 'title') => (await query<{ t: string }>(payload, `SELECT "${column}" AS t FROM "${table}" WHERE id = $1`, [id]))[0]?.t

  beforeAll(async () => {
    ({ stripe, payload, actors } = await startPaymentsWorld())
    await api('PATCH', `/users/${actors.fanA.id}`, { token: actors.fanA.token, body: { name: 'Léa Martin' } })
    // Creator A lives in Paris (the sign-up default); 16:00 UTC on 2 December is 17:00 CET.
    const offer = await payload.create({
      collection: 'offers',
      data: { creator: actors.creatorA.creatorId, title: 'Intro call', startsAt: '2030-12-02T16:00:00.000Z', durationMinutes: 30, price: 3000, currency: 'EUR', status: 'available' } as never,
    })
    offerId = offer.id
    const res = await api<{ booking: { id: number }; payment: { id: number } }>('POST', '/bookings/checkout', { token: actors.fanA.token, body: { offerId } })
    expect(res.status).toBe(201)
    ;({ id: bookingId } = res.body.booking)
    ;({ id: paymentId } = res.body.payment)
  })
  afterAll(async () => {
    await stopPaymentsWorld({ stripe })
  })

  it('an offer reads as its title and start in the creator’s zone, named; a booking as the fan and that time; a payment as amount, fan and day', async () => {
    expect(await titleOf('offers', offerId, 'label')).toBe('Intro call · 2 Dec 17:00 CET')
    expect(await titleOf('bookings', bookingId)).toBe('Léa Martin · 2 Dec 17:00 CET')
    expect(await titleOf('payments', paymentId)).toBe('€30.00 · Léa Martin · 2 Dec')
    // The API hands the titles to the panel (relationship columns, document headers).
    const booking = await api<{ title: string; offer: { label: string }; fan: { name: string } }>('GET', `/bookings/${bookingId}?depth=1`, { token: actors.admin.token })
    expect(booking.body).toMatchObject({ title: 'Léa Martin · 2 Dec 17:00 CET', offer: { label: 'Intro call · 2 Dec 17:00 CET' }, fan: { name: 'Léa Martin' } })
  })

  it('summer time names its own abbreviation; an unknown zone falls back to UTC without failing the write', async () => {
    const summer = await payload.create({
      collection: 'offers',
      data: { creator: actors.creatorA.creatorId, title: 'Summer', startsAt: '2030-07-02T15:00:00.000Z', durationMinutes: 30, price: 3000, currency: 'EUR', status: 'available' } as never,
    })
    expect(summer.label).toBe('Summer · 2 Jul 17:00 CEST')
    await query(payload, `UPDATE users SET timezone = 'Mars/Olympus' WHERE id = $1`, [actors.creatorB.id])
    const [row] = await query<{ label: string }>(
      payload,
      `INSERT INTO offers (creator_id, title, starts_at, ends_at, duration_minutes, price, currency, status, updated_at, created_at)
       VALUES ($1, 'Lost', '2030-12-02T16:00:00Z', '2030-12-02T16:30:00Z', 30, 3000, 'EUR', 'available', now(), now()) RETURNING label`,
      [actors.creatorB.creatorId],
    )
    expect(row.label).toBe('Lost · 2 Dec 16:00 UTC')
  })

  it('a title sent over the API is ignored, and the title follows its inputs', async () => {
    const patched = await api('PATCH', `/offers/${offerId}`, { token: actors.admin.token, body: { label: 'Forged', title: 'Deep dive' } })
    expect(patched.status).toBe(200)
    expect(await titleOf('offers', offerId, 'label')).toBe('Deep dive · 2 Dec 17:00 CET')
  })

  it('a fan’s rename refreshes their bookings and payments; a creator’s rename their payouts and call requests (ledger entries keep the name they were written with)', async () => {
    await api('PATCH', `/users/${actors.fanA.id}`, { token: actors.fanA.token, body: { name: 'Léa Dupont' } })
    expect(await titleOf('bookings', bookingId)).toBe('Léa Dupont · 2 Dec 17:00 CET')
    expect(await titleOf('payments', paymentId)).toBe('€30.00 · Léa Dupont · 2 Dec')

    const creator = actors.creatorA.creatorId!
    const [payout] = await query<{ id: number; title: string }>(
      payload,
      `INSERT INTO payouts (creator_id, amount, currency, status, trigger, requested_at, updated_at, created_at)
       VALUES ($1, 12000, 'EUR', 'requested', 'requested', '2030-12-02T09:00:00Z', now(), now()) RETURNING id, title`,
      [creator],
    )
    expect(payout.title).toBe('€120.00 · creatorA Tester · 2 Dec')
    const [entry] = await query<{ title: string }>(
      payload,
      `INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, created_at, updated_at)
       VALUES ($1, 'CHF', 'payout', -12000, now(), '2030-12-02T09:00:00Z', now()) RETURNING title`,
      [creator],
    )
    expect(entry.title).toBe('-CHF 120.00 · creatorA Tester · 2 Dec')
    const [request] = await query<{ id: number; title: string }>(
      payload,
      `INSERT INTO call_requests (fan_id, creator_id, proposed_start, duration_minutes, proposed_price, currency, message, status, updated_at, created_at)
       VALUES ($1, $2, '2030-12-03T08:05:00Z', 30, 2550, 'EUR', 'Can we talk about my project?', 'pending', now(), now()) RETURNING id, title`,
      [actors.fanA.id, creator],
    )
    expect(request.title).toBe('Léa Dupont → creatorA Tester · 3 Dec 09:05 CET')

    await payload.update({ collection: 'creators', id: creator, data: { displayName: 'Jane Doe' } })
    expect(await titleOf('payouts', payout.id)).toBe('€120.00 · Jane Doe · 2 Dec')
    expect(await titleOf('call_requests', request.id)).toBe('Léa Dupont → Jane Doe · 3 Dec 09:05 CET')
  })
})
