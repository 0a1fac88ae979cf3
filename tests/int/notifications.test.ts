import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { notify } from '@/services/notifications'

import { api, createActors, getTestPayload, resetDatabase, type Actors } from './harness'

const HOUR = 3_600_000
const reminder = { message: 'booking_reminder.late', data: { title: 'Guitar lesson', with: 'Lea Martin', startsAt: '2026-06-05T14:00:00.000Z' } } as const
const cancelled = { message: 'booking_cancelled.fan', data: { title: 'Guitar lesson', by: 'creator', creatorName: 'Lea Martin', refunded: true, reason: 'I am ill' } } as const

describe('notifications, reviews and call requests', () => {
  let payload: Payload
  let actors: Actors

  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    actors = await createActors(payload)
  })

  it('stores the notification in the user language and emails only what the preferences allow', async () => {
    await payload.update({ collection: 'users', id: actors.fanB.id, data: { locale: 'fr', emailPreferences: { reminders: false } } })
    await notify(payload, { userId: actors.fanB.id, ...reminder })
    await notify(payload, { userId: actors.fanB.id, ...cancelled, emailKey: 'cancel/1' })
    await notify(payload, { userId: actors.fanB.id, ...cancelled, emailKey: 'cancel/1' })
    const list = await api<{ docs: { title: string; type: string; read: boolean }[]; totalDocs: number }>('GET', '/notifications?sort=createdAt', { token: actors.fanB.token })
    expect(list.body.docs.map((d) => d.title)).toEqual(['Votre appel commence bientôt', 'Votre appel est annulé', 'Votre appel est annulé'])
    expect(list.body.docs.map((d) => d.type)).toEqual(['booking_reminder', 'booking_cancelled', 'booking_cancelled'])
    const emails = await payload.find({ collection: 'email-logs', where: { and: [{ to: { equals: actors.fanB.email } }, { template: { equals: 'notification' } }] } })
    // The reminder was opted out of; the cancellation is essential and sent once (idempotency key).
    expect(emails.docs.map((e) => e.subject)).toEqual(['Votre appel est annulé'])
  })

  it('marks all of the caller’s notifications read, and only theirs', async () => {
    await notify(payload, { userId: actors.fanA.id, message: 'system.hold_expired', data: { title: 'Guitar lesson' } })
    const res = await api<{ updated: number }>('POST', '/notifications/read-all', { token: actors.fanB.token })
    expect(res).toMatchObject({ status: 200, body: { updated: 3 } })
    const unreadB = await api<{ totalDocs: number }>('GET', '/notifications?where[read][equals]=false&limit=0', { token: actors.fanB.token })
    const unreadA = await api<{ totalDocs: number }>('GET', '/notifications?where[read][equals]=false&limit=0', { token: actors.fanA.token })
    expect(unreadB.body.totalDocs).toBe(0)
    expect(unreadA.body.totalDocs).toBe(1)
    expect((await api('POST', '/notifications/read-all')).status).toBe(401)
  })

  it('lets the booking’s fan review a completed call once; the creator is notified and rated', async () => {
    const offer = await payload.create({
      collection: 'offers',
      data: { creator: actors.creatorA.creatorId!, title: 'Past call', startsAt: new Date(Date.now() - 48 * HOUR).toISOString(), durationMinutes: 30, price: 3000, currency: 'EUR', status: 'completed' },
      context: { allowPastStart: true },
    })
    const booking = await payload.create({ collection: 'bookings', data: { offer: offer.id, fan: actors.fanA.id, status: 'confirmed' } })
    const review = (body: Record<string, unknown>, token = actors.fanA.token) => api<{ errors?: { message: string; data?: { errors: { message: string }[] } }[] }>('POST', '/reviews', { token, body })

    const notCompleted = await review({ booking: booking.id, rating: 5 })
    expect(notCompleted.status).toBe(400)
    expect(JSON.stringify(notCompleted.body)).toContain('You can review a call once it has taken place.')

    await payload.update({ collection: 'bookings', id: booking.id, data: { status: 'completed' } })
    expect((await review({ booking: booking.id, rating: 5 }, actors.fanB.token)).status).toBe(403)
    const six = await review({ booking: booking.id, rating: 6 })
    expect(six.status).toBe(400)
    expect(JSON.stringify(six.body)).toContain('Rating must be between 1 and 5.')
    const long = await review({ booking: booking.id, rating: 4, comment: 'x'.repeat(2000) })
    expect(long.status).toBe(400)
    expect(JSON.stringify(long.body)).toContain('Comment must be at most 1000 characters (got 2000).')

    const ok = await review({ booking: booking.id, rating: 4, comment: 'Great advice.' })
    expect(ok.status).toBe(201)
    const twice = await review({ booking: booking.id, rating: 5 })
    expect(twice.status).toBe(400)
    expect(JSON.stringify(twice.body)).toContain('You have already reviewed this call.')

    let creator = await payload.findByID({ collection: 'creators', id: actors.creatorA.creatorId! })
    expect(creator).toMatchObject({ ratingAverage: 4, ratingCount: 1 })
    const note = await api<{ docs: { type: string; title: string }[] }>('GET', '/notifications', { token: actors.creatorA.token })
    expect(note.body.docs.some((n) => n.type === 'review_received' && n.title === 'New 4★ review')).toBe(true)

    // An admin hides it: gone from the public list and from the rating.
    const id = (ok.body as unknown as { doc: { id: number } }).doc.id
    expect((await api('PATCH', `/reviews/${id}`, { token: actors.admin.token, body: { hidden: true } })).status).toBe(200)
    const publicList = await api<{ docs: { id: number }[] }>('GET', `/reviews?where[creator][equals]=${actors.creatorA.creatorId}`)
    expect(publicList.body.docs).toHaveLength(0)
    creator = await payload.findByID({ collection: 'creators', id: actors.creatorA.creatorId! })
    expect(creator).toMatchObject({ ratingAverage: 0, ratingCount: 0 })
  })

  it('validates call requests with messages naming the problem and notifies the creator', async () => {
    const request = (body: Record<string, unknown>) =>
      api('POST', '/call-requests', { token: actors.fanA.token, body: { creator: actors.creatorB.creatorId, durationMinutes: 30, proposedPrice: 5000, message: 'I would love a session on pricing.', ...body } })
    const soon = await request({ proposedStart: new Date(Date.now() + 2 * HOUR).toISOString() })
    expect(soon.status).toBe(400)
    expect(JSON.stringify(soon.body)).toContain('at least 24 hours from now')
    const short = await request({ proposedStart: new Date(Date.now() + 48 * HOUR).toISOString(), message: 'hello' })
    expect(short.status).toBe(400)
    expect(JSON.stringify(short.body)).toContain('Message must be at least 10 characters (got 5).')
    const self = await api('POST', '/call-requests', {
      token: actors.creatorB.token,
      body: { creator: actors.creatorB.creatorId, proposedStart: new Date(Date.now() + 48 * HOUR).toISOString(), durationMinutes: 30, proposedPrice: 5000, message: 'Talking to myself here.' },
    })
    expect(self.status).toBe(400)
    const ok = await request({ proposedStart: new Date(Date.now() + 48 * HOUR).toISOString(), status: 'accepted' })
    expect(ok.status).toBe(201)
    expect((ok.body as { doc: { status: string; fan: { id: number }; currency: string } }).doc).toMatchObject({ status: 'pending', fan: { id: actors.fanA.id }, currency: 'EUR' })
    const inbox = await api<{ docs: { type: string }[] }>('GET', '/notifications', { token: actors.creatorB.token })
    expect(inbox.body.docs.map((n) => n.type)).toContain('call_request_received')
  })
})
