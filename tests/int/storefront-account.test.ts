import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { now } from '@/lib/clock'
import type { User } from '@/payload-types'
import { NOTIFICATION_LOCALE_CONTEXT } from '@/collections/notifications'
import { storefrontPaths } from '@/i18n/locale'
import { up as backfillNotificationMessages } from '@/migrations/20261202_235100_notification_message_backfill'
import { findFanHistory } from '@/services/fanHistory'
import { notify } from '@/services/notifications'

import { api, paidBooking, query, startPaymentsWorld, stopPaymentsWorld, type PaymentsWorld } from './harness'

const SECRET = 'whsec_storefront_account'

/** The fan's account pages (issue 12): what the history lists. */
describe('fan history', () => {
  let world: PaymentsWorld
  let payload: Payload

  beforeAll(async () => {
    world = await startPaymentsWorld({ webhookSecret: SECRET })
    payload = world.payload
  })
  afterAll(() => stopPaymentsWorld(world))

  /** A checkout opened by fan A and never paid: a pending booking holding a fresh offer. */
  const unpaidCheckout = async (hoursAhead: number): Promise<number> => {
    const offer = await payload.create({
      collection: 'offers',
      data: { creator: world.actors.creatorA.creatorId!, title: 'Never paid', startsAt: new Date(now().getTime() + hoursAhead * 3_600_000).toISOString(), durationMinutes: 30, price: 5000, currency: 'EUR', status: 'available' } as never,
    })
    const res = await api<{ booking: { id: number } }>('POST', '/bookings/checkout', { token: world.actors.fanA.token, body: { offerId: offer.id } })
    expect(res.status).toBe(201)
    return res.body.booking.id
  }

  it('lists calls that happened or were paid then cancelled, never checkouts that were not paid', async () => {
    const { creatorA, fanA } = world.actors
    const completed = await paidBooking(payload, world.stripe, { creatorId: creatorA.creatorId!, fanToken: fanA.token, hoursAhead: 30 })
    const cancelledPaid = await paidBooking(payload, world.stripe, { creatorId: creatorA.creatorId!, fanToken: fanA.token, hoursAhead: 40 })
    const expiredHold = await unpaidCheckout(50)
    const cancelledUnpaid = await unpaidCheckout(60)
    const pendingPast = await unpaidCheckout(70)
    // States as time and the jobs would leave them (the transitions themselves are tested elsewhere).
    await query(payload, `UPDATE bookings SET status = 'completed', starts_at = now() - interval '2 hours', ends_at = now() - interval '90 minutes' WHERE id = $1`, [completed.bookingId])
    await query(payload, `UPDATE bookings SET status = 'cancelled' WHERE id = $1`, [cancelledPaid.bookingId])
    await query(payload, `UPDATE bookings SET status = 'expired' WHERE id = $1`, [expiredHold])
    await query(payload, `UPDATE bookings SET status = 'cancelled' WHERE id = $1`, [cancelledUnpaid])
    await query(payload, `UPDATE bookings SET starts_at = now() - interval '3 hours', ends_at = now() - interval '150 minutes', hold_expires_at = now() - interval '4 hours' WHERE id = $1`, [pendingPast])

    const fan = (await payload.findByID({ collection: 'users', id: fanA.id, depth: 0 })) as User
    const history = await findFanHistory(payload, fan, { at: now(), page: 1, limit: 20 })
    expect(history.docs.map((b) => [b.id, b.status])).toEqual([
      [cancelledPaid.bookingId, 'cancelled'],
      [completed.bookingId, 'completed'],
    ])
    expect(history.totalDocs).toBe(2)
  })
})

/** Notifications are stored as message + data and read in the reader's current language (issue 12). */
describe('notifications in the reader’s language', () => {
  let world: PaymentsWorld
  let payload: Payload

  beforeAll(async () => {
    world = await startPaymentsWorld()
    payload = world.payload
  })
  afterAll(() => stopPaymentsWorld(world))

  const read = async (userId: number, context: Record<string, unknown> = {}) => {
    const user = (await payload.findByID({ collection: 'users', id: userId, depth: 0 })) as User
    return (await payload.find({ collection: 'notifications', where: { user: { equals: userId } }, sort: '-createdAt', depth: 0, overrideAccess: false, user, context })).docs
  }

  it('a notification written for an English reader reads in French once they switch to French', async () => {
    const { fanB } = world.actors
    await payload.update({ collection: 'users', id: fanB.id, data: { locale: 'en' } })
    const id = await notify(payload, { userId: fanB.id, message: 'booking_confirmed.fan', data: { title: 'Guitar lesson' }, link: storefrontPaths('/account') })
    const [stored] = await query<{ message: string; data: unknown; title: string }>(payload, 'SELECT message, data, title FROM notifications WHERE id = $1', [id])
    expect(stored).toEqual({ message: 'booking_confirmed.fan', data: { title: 'Guitar lesson' }, title: 'Your call is booked' })
    expect((await read(fanB.id))[0]).toMatchObject({ id, title: 'Your call is booked', link: '/en/account' })

    // Over REST, as the storefront's user would switch it in their settings.
    const switched = await api('PATCH', `/users/${fanB.id}`, { token: fanB.token, body: { locale: 'fr' } })
    expect(switched.status).toBe(200)
    const [after] = await read(fanB.id)
    expect(after).toMatchObject({ id, title: 'Votre appel est réservé', body: expect.stringContaining('« Guitar lesson » est confirmé'), link: '/fr/account' })
    // A page in English (the URL's language) shows it in English whatever the saved language.
    expect((await read(fanB.id, { [NOTIFICATION_LOCALE_CONTEXT]: 'en' }))[0]).toMatchObject({ title: 'Your call is booked' })
    // Over REST: the saved language, unless the request names one (the admin panel's language).
    const rest = async (headers: Record<string, string> = {}) => (await api<{ docs: { id: number; title: string }[] }>('GET', '/notifications?sort=-createdAt&limit=1', { token: fanB.token, headers })).body.docs[0]
    expect(await rest()).toMatchObject({ id, title: 'Votre appel est réservé' })
    expect(await rest({ 'accept-language': 'en-GB,en;q=0.9' })).toMatchObject({ id, title: 'Your call is booked' })
  })

  it('rows from before keep their text, and those the backfill recognises follow the reader’s language', async () => {
    const { fanA } = world.actors
    await payload.update({ collection: 'users', id: fanA.id, data: { locale: 'en' } })
    const write = (row: { type: string; title: string; body: string }) => payload.create({ collection: 'notifications', data: { user: fanA.id, ...row } as never, depth: 0 })
    const legacy = await write({ type: 'booking_confirmed', title: 'Your call is booked', body: '“Old call” is confirmed.' })
    const known = await write({ type: 'refund_approved', title: 'You have been refunded', body: 'Your payment arrived after the slot was released, so we refunded it in full. Nothing is charged.' })
    await query(payload, 'UPDATE notifications SET message = NULL, data = NULL WHERE id = ANY($1::int[])', [[legacy.id, known.id]])
    await backfillNotificationMessages({ db: payload.db.drizzle } as never)
    const rows = await query<{ id: number; message: string | null }>(payload, 'SELECT id, message FROM notifications WHERE id = ANY($1::int[]) ORDER BY id', [[legacy.id, known.id]])
    expect(rows.map((r) => r.message)).toEqual([null, 'refund_approved.late_payment'])

    await payload.update({ collection: 'users', id: fanA.id, data: { locale: 'fr' } })
    const byId = new Map((await read(fanA.id)).map((n) => [n.id, n.title]))
    expect(byId.get(legacy.id)).toBe('Your call is booked')
    expect(byId.get(known.id)).toBe('Vous avez été remboursé')
  })
})
