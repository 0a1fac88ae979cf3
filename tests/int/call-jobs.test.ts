/**
 * The call jobs (SPEC §6, §10) on paid bookings made through the Stripe emulator: reminders 24 h and
 * 15 min before (each once per recipient even when two runs overlap, in the recipient's language
 * and zone, with the call page and the .ics), and the completion job deciding each ended call once
 * from provider presence events (fixtures): completed, creator no-show refunded through the refund
 * path, fan no-show paid, nobody → an admin decides.
 */
import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'

import { formatEmailDateTime } from '@/i18n/format'
import { stripeClient } from '@/integrations/stripe/client'
import { advanceClock, now, resetClock } from '@/lib/clock'
import { completeCalls, sendCallReminders } from '@/services/callJobs'
import { startResendEmulator, type ResendEmulator } from '../../emulators/resend'

import { api, drainJobs, paidBooking, query, startPaymentsWorld, stopPaymentsWorld, type PaymentsWorld } from './harness'

const SECRET = 'whsec_test_call_jobs_secret'
const MINUTE = 60_000
const HOUR = 60 * MINUTE

describe('call jobs', () => {
  let world: PaymentsWorld
  let payload: Payload
  let resend: ResendEmulator

  beforeAll(async () => {
    world = await startPaymentsWorld({ webhookSecret: SECRET })
    payload = world.payload
    resend = await startResendEmulator()
    process.env.RESEND_BASE_URL = resend.url
  }, 120_000)

  afterEach(() => {
    delete process.env.RESEND_API_KEY
    resetClock()
  })

  afterAll(async () => {
    await resend?.close()
    delete process.env.RESEND_BASE_URL
    await stopPaymentsWorld(world)
  })

  const settle = async () => {
    await world.stripe.control.whenIdle(10_000)
    await drainJobs(payload)
    await drainJobs(payload)
    await world.stripe.control.whenIdle(10_000)
    await drainJobs(payload)
  }

  const book = (hoursAhead: number, fanToken = world.actors.fanA.token) => paidBooking(payload, world.stripe, { creatorId: world.actors.creatorA.creatorId!, fanToken, hoursAhead })

  type NotificationRow = { user_id: number; type: string; title: string; body: string; link: string | null; metadata: Record<string, unknown> }
  const notificationsOf = (bookingId: number, type?: string) =>
    query<NotificationRow>(
      payload,
      `SELECT user_id, type, title, body, link, metadata FROM notifications WHERE metadata->>'bookingId' = $1 AND type <> 'booking_confirmed' ${type ? 'AND type = $2' : ''} ORDER BY id`,
      type ? [String(bookingId), type] : [String(bookingId)],
    )

  describe('reminders', () => {
    it('sends the 24 h and the 15 min reminders once per recipient when two runs overlap, in the recipient’s language and zone, with the call page and the .ics', async () => {
      const { fanB, creatorA } = world.actors
      await payload.update({ collection: 'users', id: fanB.id, data: { locale: 'fr', timezone: 'Asia/Tokyo' } })
      await payload.update({ collection: 'users', id: creatorA.id, data: { locale: 'en', timezone: 'Europe/London' } })
      const { bookingId } = await book(30, fanB.token)
      const startsAt = new Date((await payload.findByID({ collection: 'bookings', id: bookingId, depth: 0 })).startsAt!)
      process.env.RESEND_API_KEY = 're_test_key'

      // 25 h before: nothing is due yet.
      advanceClock(5 * HOUR)
      await sendCallReminders(payload)
      expect(await notificationsOf(bookingId, 'booking_reminder')).toEqual([])

      // 23 h 59 before: the 24 h reminder, twice at once → once each.
      advanceClock(HOUR + MINUTE)
      const runs = await Promise.all([sendCallReminders(payload), sendCallReminders(payload), sendCallReminders(payload)])
      expect(runs.reduce((n, r) => n + r.early, 0)).toBe(1)
      await sendCallReminders(payload)
      let reminders = await notificationsOf(bookingId, 'booking_reminder')
      expect(reminders.map((r) => [r.user_id, r.metadata.reminder])).toEqual([
        [fanB.id, 'early'],
        [creatorA.id, 'early'],
      ])
      const fan = reminders[0]
      expect(fan.title).toBe('Votre appel a lieu demain')
      expect(fan.body).toContain(formatEmailDateTime(startsAt, { locale: 'fr', timeZone: 'Asia/Tokyo' }))
      expect(fan.body).toContain('UTC+9')
      const creator = await payload.findByID({ collection: 'creators', id: creatorA.creatorId!, depth: 0 })
      expect(fan.body).toContain(creator.displayName)
      expect(fan.link).toBe(`/fr/call/${bookingId}`)
      expect(reminders[1].title).toBe('Your call is tomorrow')
      expect(reminders[1].body).toContain(formatEmailDateTime(startsAt, { locale: 'en', timeZone: 'Europe/London' }))
      expect(reminders[1].body).toContain('fanB Tester')
      expect(reminders[1].link).toBe(`/en/call/${bookingId}`)

      // The emails: one per recipient, in their language, the .ics attached (sent to Resend with it).
      await drainJobs(payload)
      const emails = await query<{ to: string; locale: string; subject: string; status: string; attachments: { filename: string; contentType: string; content: string }[] }>(
        payload,
        `SELECT "to", locale, subject, status, attachments FROM email_logs WHERE idempotency_key LIKE $1 ORDER BY id`,
        [`call-reminder/${bookingId}/early/%`],
      )
      expect(emails.map((e) => [e.to, e.locale, e.subject, e.status])).toEqual([
        [fanB.email, 'fr', 'Votre appel a lieu demain', 'sent'],
        [creatorA.email, 'en', 'Your call is tomorrow', 'sent'],
      ])
      expect(emails[0].attachments[0].filename).toBe(`callastar-booking-${bookingId}.ics`)
      expect(emails[0].attachments[0].contentType).toMatch(/^text\/calendar/)
      expect(emails[0].attachments[0].content).toContain('SUMMARY:Appel Callastar avec')
      expect(emails[0].attachments[0].content).toContain(`/fr/call/${bookingId}`)
      expect(emails[1].attachments[0].content).toContain('SUMMARY:Callastar call with')
      const delivered = resend.emails.filter((e) => e.subject === 'Votre appel a lieu demain')
      expect(delivered).toHaveLength(1)
      expect(Buffer.from(delivered[0].attachments![0].content!, 'base64').toString()).toContain('BEGIN:VCALENDAR')

      // 14 min before: the 15 min reminder, twice at once → once each; nothing more after.
      advanceClock(startsAt.getTime() - 14 * MINUTE - now().getTime())
      const late = await Promise.all([sendCallReminders(payload), sendCallReminders(payload)])
      expect(late.reduce((n, r) => n + r.late, 0)).toBe(1)
      advanceClock(5 * MINUTE)
      await sendCallReminders(payload)
      reminders = await notificationsOf(bookingId, 'booking_reminder')
      expect(reminders.map((r) => [r.user_id, r.metadata.reminder])).toEqual([
        [fanB.id, 'early'],
        [creatorA.id, 'early'],
        [fanB.id, 'late'],
        [creatorA.id, 'late'],
      ])
      expect(reminders[2].title).toBe('Votre appel commence bientôt')
      const flags = await payload.findByID({ collection: 'bookings', id: bookingId, depth: 0 })
      expect(flags.reminders).toEqual({ sent24h: true, sent15m: true })
    }, 120_000)

    it('a booking made less than 24 h ahead gets only the 15 min reminder', async () => {
      const { bookingId } = await book(3)
      const startsAt = new Date((await payload.findByID({ collection: 'bookings', id: bookingId, depth: 0 })).startsAt!)
      advanceClock(HOUR)
      await sendCallReminders(payload)
      expect(await notificationsOf(bookingId, 'booking_reminder')).toEqual([])
      advanceClock(startsAt.getTime() - 10 * MINUTE - now().getTime())
      await Promise.all([sendCallReminders(payload), sendCallReminders(payload)])
      const reminders = await notificationsOf(bookingId, 'booking_reminder')
      expect(reminders.map((r) => [r.user_id, r.metadata.reminder])).toEqual([
        [world.actors.fanA.id, 'late'],
        [world.actors.creatorA.id, 'late'],
      ])
      const flags = await payload.findByID({ collection: 'bookings', id: bookingId, depth: 0 })
      expect(flags.reminders).toEqual({ sent24h: false, sent15m: true })
    }, 120_000)
  })

  describe('completion', () => {
    let hoursAhead = 40

    /** A paid booking, its provider presence fixtures (minutes from the start), and the clock moved past its end + settling delay. */
    const endedCall = async (presence: { role: 'fan' | 'creator'; type: 'joined' | 'left'; minute: number }[]) => {
      const c = await book((hoursAhead += 2))
      const b = await payload.findByID({ collection: 'bookings', id: c.bookingId, depth: 0 })
      const startsAt = new Date(b.startsAt!)
      for (const p of presence) {
        const actor = p.role === 'fan' ? world.actors.fanA.id : world.actors.creatorA.id
        await query(
          payload,
          `INSERT INTO call_events (booking_id, actor_id, type, at, source, metadata) VALUES ($1, $2, $3, $4, 'provider', $5)`,
          [c.bookingId, actor, p.type, new Date(startsAt.getTime() + p.minute * MINUTE).toISOString(), JSON.stringify({ role: p.role, sessionId: `${p.role}-1` })],
        )
      }
      // A client event never counts as presence.
      await query(payload, `INSERT INTO call_events (booking_id, actor_id, type, at, source, metadata) VALUES ($1, $2, 'joined', $3, 'client', '{"role":"creator"}')`, [
        c.bookingId,
        world.actors.creatorA.id,
        startsAt.toISOString(),
      ])
      advanceClock(new Date(b.endsAt!).getTime() + MINUTE - now().getTime())
      return { ...c, offerId: typeof b.offer === 'number' ? b.offer : b.offer.id }
    }

    const state = async (c: { bookingId: number; paymentId: number; offerId: number }) => {
      const b = await query<{ status: string; no_show_fan: boolean; no_show_creator: boolean; call_outcome: string | null; call_needs_admin: boolean; completed_at: Date | null; cancellation_by: string | null }>(
        payload,
        `SELECT status, no_show_fan, no_show_creator, call_outcome, call_needs_admin, completed_at, cancellation_by FROM bookings WHERE id = $1`,
        [c.bookingId],
      )
      const payment = await payload.findByID({ collection: 'payments', id: c.paymentId, depth: 0 })
      return {
        booking: b[0],
        offer: (await payload.findByID({ collection: 'offers', id: c.offerId, depth: 0 })).status,
        payment: [payment.status, payment.refundedAmount ?? 0],
        refunds: (await payload.find({ collection: 'refunds', where: { payment: { equals: c.paymentId } }, depth: 0, sort: 'id' })).docs.map((r) => [r.status, r.amount, r.policy ?? null]),
        ledger: (
          await query<{ type: string; amount: string }>(
            payload,
            `SELECT type, amount FROM ledger_entries WHERE (source_type = 'payment' AND source_ref = $1) OR (source_type = 'refund' AND source_ref IN (SELECT id::text FROM refunds WHERE payment_id = $2)) ORDER BY id`,
            [String(c.paymentId), c.paymentId],
          )
        ).map((e) => [e.type, Number(e.amount)]),
        intent: payment.stripePaymentIntentId!,
      }
    }

    it('waits for the settling delay after the end', async () => {
      const c = await endedCall([{ role: 'fan', type: 'joined', minute: 0 }, { role: 'creator', type: 'joined', minute: 0 }])
      // 1 minute after the end: not yet (2 minutes of settling).
      await completeCalls(payload)
      expect((await state(c)).booking.call_outcome).toBeNull()
      advanceClock(2 * MINUTE)
      await completeCalls(payload)
      expect((await state(c)).booking.call_outcome).toBe('completed')
    }, 120_000)

    it('both present → completed, offer completed, the earning stands and the fan may review', async () => {
      const c = await endedCall([
        { role: 'creator', type: 'joined', minute: -5 },
        { role: 'fan', type: 'joined', minute: 2 },
        { role: 'fan', type: 'left', minute: 10 },
        { role: 'fan', type: 'joined', minute: 11 },
      ])
      advanceClock(2 * MINUTE)
      await completeCalls(payload)
      await settle()
      const s = await state(c)
      expect(s.booking).toMatchObject({ status: 'completed', no_show_fan: false, no_show_creator: false, call_outcome: 'completed', call_needs_admin: false })
      expect(s.booking.completed_at).not.toBeNull()
      expect(s.offer).toBe('completed')
      expect(s.refunds).toEqual([])
      expect(s.ledger).toEqual([['earning', 8500]])
      const review = await api('POST', '/reviews', { token: world.actors.fanA.token, body: { booking: c.bookingId, rating: 5, comment: 'Great call' } })
      expect(review.status).toBe(201)
    }, 120_000)

    it('a participant whose web process died mid-call counts until their stream’s last heartbeat, not until the end', async () => {
      const c = await endedCall([{ role: 'fan', type: 'joined', minute: 0 }])
      const b = await payload.findByID({ collection: 'bookings', id: c.bookingId, depth: 0 })
      const startsAt = new Date(b.startsAt!).getTime()
      // The creator's stream opened at minute 0 and last beat at minute 3; its process died and never closed it.
      const at = (minute: number) => new Date(startsAt + minute * MINUTE).toISOString()
      await query(payload, `INSERT INTO call_streams (id, booking_id, user_id, role, instance, opened_at, seen_at) VALUES ('dead-stream', $1, $2, 'creator', 'web-9', $3, $4)`, [
        c.bookingId,
        world.actors.creatorA.id,
        at(0),
        at(3),
      ])
      await query(payload, `INSERT INTO call_events (booking_id, actor_id, type, at, source, metadata) VALUES ($1, $2, 'joined', $3, 'provider', '{"role":"creator","instance":"web-9","streamId":"dead-stream"}')`, [
        c.bookingId,
        world.actors.creatorA.id,
        at(0),
      ])
      advanceClock(2 * MINUTE)
      await completeCalls(payload)
      await settle()
      expect((await state(c)).booking).toMatchObject({ status: 'completed', call_outcome: 'completed' })
      const summary = await api<{ actual: { creator: { lastLeftAt: string; seconds: number } } }>('GET', `/calls/${c.bookingId}/summary`, { token: world.actors.creatorA.token })
      expect(summary.body.actual.creator).toMatchObject({ lastLeftAt: at(3), seconds: 180 })
      const left = await query<{ reason: string }>(payload, `SELECT metadata->>'reason' AS reason FROM call_events WHERE booking_id = $1 AND type = 'left' AND metadata->>'streamId' = 'dead-stream'`, [c.bookingId])
      expect(left).toEqual([{ reason: 'lost' }])
    }, 120_000)

    it('the creator never joins (or only after the grace) → the fan is refunded in full through the refund path, both told', async () => {
      const c = await endedCall([
        { role: 'fan', type: 'joined', minute: -1 },
        { role: 'creator', type: 'joined', minute: 11 },
      ])
      advanceClock(2 * MINUTE)
      const [a, b] = await Promise.all([completeCalls(payload), completeCalls(payload)])
      expect(a.creator_no_show + b.creator_no_show).toBe(1)
      await settle()
      const s = await state(c)
      expect(s.booking).toMatchObject({ status: 'cancelled', cancellation_by: 'system', no_show_fan: false, no_show_creator: true, call_outcome: 'creator_no_show', call_needs_admin: false })
      expect(s.offer).toBe('cancelled')
      expect(s.refunds).toEqual([['succeeded', 10000, 'creator_no_show']])
      expect(s.payment).toEqual(['refunded', 10000])
      expect(s.ledger).toEqual([
        ['earning', 8500],
        ['refund', -8500],
      ])
      const stripeRefunds = await stripeClient().refunds.list({ payment_intent: s.intent })
      expect(stripeRefunds.data.map((r) => [r.amount, r.status])).toEqual([[10000, 'succeeded']])
      const told = await notificationsOf(c.bookingId)
      expect(told.filter((n) => n.user_id === world.actors.fanA.id).map((n) => [n.type, n.title])).toEqual([
        ['booking_cancelled', 'Your call did not take place'],
        ['refund_approved', 'You have been refunded'],
      ])
      expect(told.filter((n) => n.user_id === world.actors.creatorA.id).map((n) => [n.type, n.title])).toEqual([['booking_cancelled', 'You missed a call']])
      // Run again: nothing more.
      await completeCalls(payload)
      await settle()
      expect((await state(c)).refunds).toHaveLength(1)
      expect(await notificationsOf(c.bookingId)).toHaveLength(told.length)
    }, 120_000)

    it('the fan never joins → completed with the fan no-show flag, the creator’s earning stands', async () => {
      const c = await endedCall([
        { role: 'creator', type: 'joined', minute: 0 },
        { role: 'creator', type: 'left', minute: 30 },
      ])
      advanceClock(2 * MINUTE)
      await Promise.all([completeCalls(payload), completeCalls(payload)])
      await settle()
      const s = await state(c)
      expect(s.booking).toMatchObject({ status: 'completed', no_show_fan: true, no_show_creator: false, call_outcome: 'fan_no_show', call_needs_admin: false })
      expect(s.offer).toBe('completed')
      expect(s.refunds).toEqual([])
      expect(s.payment).toEqual(['succeeded', 0])
      expect(s.ledger).toEqual([['earning', 8500]])
      const told = await notificationsOf(c.bookingId)
      expect(told.map((n) => [n.user_id, n.title])).toEqual([
        [world.actors.fanA.id, 'You missed your call'],
        [world.actors.creatorA.id, 'The fan did not come'],
      ])
    }, 120_000)

    it('nobody joins → flagged for an admin with a refund request waiting, admins told; decided once', async () => {
      const c = await endedCall([])
      advanceClock(2 * MINUTE)
      const runs = await Promise.all([completeCalls(payload), completeCalls(payload), completeCalls(payload)])
      expect(runs.reduce((n, r) => n + r.both_absent, 0)).toBe(1)
      await settle()
      const s = await state(c)
      expect(s.booking).toMatchObject({ status: 'confirmed', no_show_fan: true, no_show_creator: true, call_outcome: 'both_absent', call_needs_admin: true })
      expect(s.refunds).toEqual([['requested', 10000, null]])
      expect(s.payment).toEqual(['succeeded', 0])
      expect(s.ledger).toEqual([['earning', 8500]])
      const admins = await query<{ type: string; title: string }>(payload, `SELECT type, title FROM notifications WHERE user_id = $1 AND (metadata->>'bookingId') = $2 ORDER BY id`, [
        world.actors.admin.id,
        String(c.bookingId),
      ])
      expect(admins.map((n) => n.type).sort()).toEqual(['refund_requested', 'system'])
      expect(admins.find((n) => n.type === 'system')!.title).toBe('A call needs a decision')
      await completeCalls(payload)
      expect((await state(c)).refunds).toHaveLength(1)
    }, 120_000)
  })
})
