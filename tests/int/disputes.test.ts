/**
 * Disputes (SPEC §7) over real HTTP and the Stripe emulator: `charge.dispute.*` webhooks stored
 * once and applied in any order; the creator's share taken back (`dispute`, transfer reversal) when
 * the funds are withdrawn and given back (`dispute_won`, transfer) when they are reinstated; the
 * payment's dispute status; notifications; the debt rule blocking payouts and lifting its block.
 * The tests run in order on creator A's growing ledger (every call is in the future, so earnings
 * stay pending and each dispute shows as debt until the clock moves).
 */
import type { Payload } from 'payload'
import type Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { insertLedgerEntry } from '@/db/ledger'
import { withTransaction } from '@/db/run'
import { stripeClient } from '@/integrations/stripe/client'
import { advanceClock, now, resetClock } from '@/lib/clock'
import { reviewDebtBlock } from '@/services/blocks'
import { runScheduledPayouts } from '@/services/payouts'
import type { StripeEmulator } from '../../emulators/stripe'

import { api, drainJobs, query, startPaymentsWorld, stopPaymentsWorld, type Actors } from './harness'

const SECRET = 'whsec_test_disputes_secret'
const HOUR = 3_600_000
const DAY = 24 * HOUR

type Balance = { currency: string; available: number; pending: number; reserved: number; debt: number }

describe('disputes', () => {
  let payload: Payload
  let actors: Actors
  let stripe: StripeEmulator
  let account: string
  let hours = 2

  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await stripe.control.whenIdle(10_000)
      await drainJobs(payload)
    }
  }

  /** A paid, confirmed booking of 100.00 € with creator A (creator amount 85.00 €). */
  const paidBooking = async () => {
    const offer = await payload.create({
      collection: 'offers',
      data: { creator: actors.creatorA.creatorId!, title: `Coaching ${hours}`, startsAt: new Date(now().getTime() + (hours += 2) * HOUR).toISOString(), durationMinutes: 30, price: 10000, currency: 'EUR', status: 'available' } as never,
    })
    const res = await api<{ booking: { id: number }; payment: { id: number } }>('POST', '/bookings/checkout', { token: actors.fanA.token, body: { offerId: offer.id } })
    expect(res.status).toBe(201)
    const payment = await payload.findByID({ collection: 'payments', id: res.body.payment.id })
    await stripeClient().paymentIntents.confirm(payment.stripePaymentIntentId!, { payment_method: 'pm_card_visa' })
    await settle()
    return { paymentId: payment.id, bookingId: res.body.booking.id, intent: payment.stripePaymentIntentId! }
  }

  const balance = async (): Promise<Balance> => {
    const res = await api<Balance[]>('GET', '/creators/me/balance', { token: actors.creatorA.token })
    return res.body.find((b) => b.currency === 'EUR')!
  }
  const disputeRow = async (stripeDisputeId: string) => (await payload.find({ collection: 'disputes', where: { stripeDisputeId: { equals: stripeDisputeId } }, depth: 0 })).docs
  const entriesOf = async (disputeId: number) =>
    (await query<{ type: string; amount: string }>(payload, `SELECT type, amount FROM ledger_entries WHERE source_type = 'dispute' AND source_ref = $1 ORDER BY id`, [String(disputeId)])).map((e) => [e.type, Number(e.amount)])
  const disputeStatusOf = async (paymentId: number) => (await query<{ dispute_status: string }>(payload, 'SELECT dispute_status FROM payments WHERE id = $1', [paymentId]))[0].dispute_status
  const notified = async (userId: number, type: string, disputeId?: number) =>
    (await query<{ body: string; metadata: { disputeId?: number } }>(payload, 'SELECT body, metadata FROM notifications WHERE user_id = $1 AND type = $2 ORDER BY id', [userId, type])).filter(
      (n) => disputeId === undefined || n.metadata.disputeId === disputeId,
    )
  const stripeCalls = (path: RegExp) => stripe.control.requests().filter((r) => r.method === 'POST' && path.test(r.path) && r.status === 200 && !r.replayed)
  const connectedTotal = async () => {
    const b = await stripeClient().balance.retrieve({}, { stripeAccount: account })
    const sum = (lines: Stripe.Balance.Available[]) => lines.filter((l) => l.currency === 'eur').reduce((t, l) => t + l.amount, 0)
    return sum(b.available) + sum(b.pending)
  }

  beforeAll(async () => {
    ({ stripe, payload, actors, account } = await startPaymentsWorld({ webhookSecret: SECRET }))
    await payload.update({ collection: 'creators', id: actors.creatorA.creatorId!, data: { payoutsEnabled: true } })
    // Other paid bookings keep the platform's balance able to transfer a won share back.
    await paidBooking()
    await paidBooking()
  })
  afterAll(async () => {
    resetClock()
    await stopPaymentsWorld({ stripe })
  })

  it('created → funds withdrawn → lost: stored once with booking, payment and creator; the share reversed at Stripe; debt below the threshold does not block', async () => {
    const b = await paidBooking()
    const before = await connectedTotal()
    const opened = stripe.control.openDispute({ paymentIntent: b.intent, reason: 'fraudulent' })
    await settle()
    const [row, ...others] = await disputeRow(opened.id)
    expect(others).toEqual([])
    expect(row).toMatchObject({ payment: b.paymentId, booking: b.bookingId, creator: actors.creatorA.creatorId, amount: 10000, currency: 'EUR', status: 'needs_response', reason: 'fraudulent' })
    expect(new Date(row.evidenceDueBy!).getTime()).toBe(opened.evidence_details.due_by! * 1000)
    expect(await entriesOf(row.id)).toEqual([['dispute', -8500]])
    expect(await disputeStatusOf(b.paymentId)).toBe('open')
    // The transfer reversal, once, under our key; the connected account gives the share back.
    const reversals = stripeCalls(/^\/v1\/transfers\/tr_\w+\/reversals$/)
    expect(reversals.map((r) => r.idempotencyKey)).toEqual([`dispute/${row.id}/reversal`])
    expect((await payload.findByID({ collection: 'disputes', id: row.id, depth: 0 })).stripeReversalId).toMatch(/^trr_/)
    expect((await connectedTotal()) - before).toBe(-8500)
    expect(await balance()).toMatchObject({ available: -8500, debt: 8500 })
    expect(await notified(actors.creatorA.id, 'dispute_created', row.id)).toHaveLength(1)
    expect(await notified(actors.admin.id, 'dispute_created', row.id)).toHaveLength(1)
    expect((await notified(actors.creatorA.id, 'dispute_created', row.id))[0].body).toContain('€100.00')
    const [debt] = await notified(actors.creatorA.id, 'debt_created')
    expect(debt.body).toContain('€85.00')
    // 85.00 € of debt is under the 100.00 € threshold: payouts stay open.
    expect((await payload.findByID({ collection: 'creators', id: actors.creatorA.creatorId!, depth: 0 })).payoutsBlocked).toBe(false)

    stripe.control.closeDispute(opened.id, 'lost')
    await settle()
    const closed = await payload.findByID({ collection: 'disputes', id: row.id, depth: 0 })
    expect([closed.status, closed.outcome, Boolean(closed.closedAt)]).toEqual(['lost', 'lost', true])
    expect(await entriesOf(row.id)).toEqual([['dispute', -8500]])
    expect(await disputeStatusOf(b.paymentId)).toBe('lost')
    expect(stripeCalls(/^\/v1\/transfers$/)).toHaveLength(0)
    expect((await notified(actors.creatorA.id, 'dispute_closed', row.id)).map((n) => n.body)).toEqual([expect.stringContaining('lost')])
    expect(await notified(actors.admin.id, 'dispute_closed', row.id)).toHaveLength(1)
  })

  it('created → withdrawn → reinstated (won): the share comes back in the ledger and at Stripe (a transfer under our key)', async () => {
    const b = await paidBooking()
    const before = await connectedTotal()
    const opened = stripe.control.openDispute({ paymentIntent: b.intent })
    await settle()
    stripe.control.closeDispute(opened.id, 'won')
    await settle()
    const [row] = await disputeRow(opened.id)
    expect([row.status, row.outcome]).toEqual(['won', 'won'])
    expect(await entriesOf(row.id)).toEqual([['dispute', -8500], ['dispute_won', 8500]])
    expect(await disputeStatusOf(b.paymentId)).toBe('won')
    expect(row.stripeReversalId).toMatch(/^trr_/)
    expect(row.stripeReturnTransferId).toMatch(/^tr_/)
    expect(stripeCalls(/^\/v1\/transfers$/).map((r) => r.idempotencyKey)).toEqual([`dispute/${row.id}/return`])
    expect(await connectedTotal()).toBe(before)
    expect(await balance()).toMatchObject({ available: -8500, debt: 8500 })
    expect((await notified(actors.creatorA.id, 'dispute_closed', row.id)).map((n) => n.body)).toEqual([expect.stringContaining('won')])
  })

  it('events reordered and duplicated give the same end state', async () => {
    const b = await paidBooking()
    const before = await connectedTotal()
    const reversalsBefore = stripeCalls(/\/reversals$/).length
    stripe.control.holdEvents()
    stripe.control.deliverNextEventTwice()
    const opened = stripe.control.openDispute({ paymentIntent: b.intent })
    stripe.control.deliverNextEventTwice()
    stripe.control.closeDispute(opened.id, 'won')
    // funds_reinstated, closed ×2, funds_withdrawn, created ×2 — newest first.
    stripe.control.releaseEvents({ order: 'reverse' })
    await settle()
    const rows = await disputeRow(opened.id)
    expect(rows).toHaveLength(1)
    const [row] = rows
    expect([row.status, row.outcome, row.booking]).toEqual(['won', 'won', b.bookingId])
    expect(await entriesOf(row.id)).toEqual([['dispute', -8500], ['dispute_won', 8500]])
    expect(await disputeStatusOf(b.paymentId)).toBe('won')
    expect(stripeCalls(/\/reversals$/).length - reversalsBefore).toBe(1)
    expect(stripeCalls(/^\/v1\/transfers$/).filter((r) => r.idempotencyKey === `dispute/${row.id}/return`)).toHaveLength(1)
    expect(await connectedTotal()).toBe(before)
    expect(await notified(actors.creatorA.id, 'dispute_created', row.id)).toHaveLength(1)
    expect(await notified(actors.creatorA.id, 'dispute_closed', row.id)).toHaveLength(1)
    expect(await notified(actors.admin.id, 'dispute_created', row.id)).toHaveLength(1)
    // A stale status after the closing one changed nothing.
    const events = await query<{ status: string }>(payload, `SELECT status FROM webhook_events WHERE type LIKE 'charge.dispute.%'`)
    expect(events.every((e) => e.status === 'processed')).toBe(true)
  })

  it('debt above the threshold blocks payouts (reason debt); a win does not lift it while debt remains; the daily run lifts it once the debt is cleared', async () => {
    const b = await paidBooking()
    const opened = stripe.control.openDispute({ paymentIntent: b.intent })
    await settle()
    expect(await balance()).toMatchObject({ available: -17000, debt: 17000 })
    let creator = await payload.findByID({ collection: 'creators', id: actors.creatorA.creatorId!, depth: 0 })
    expect([creator.payoutsBlocked, creator.payoutsBlockedBy, creator.payoutsBlockedReason]).toEqual([true, 'debt', 'Debt of €170.00 above the threshold of €100.00'])
    const blocked = await notified(actors.creatorA.id, 'payouts_blocked')
    expect(blocked).toHaveLength(1)
    expect(blocked[0].body).toContain('€170.00')
    const refused = await api<{ errors: { code: string }[] }>('POST', '/payouts/request', { token: actors.creatorA.token, body: {} })
    expect(refused.body.errors[0].code).toBe('PAYOUTS_BLOCKED')

    stripe.control.closeDispute(opened.id, 'won')
    await settle()
    expect(await balance()).toMatchObject({ available: -8500, debt: 8500 })
    creator = await payload.findByID({ collection: 'creators', id: actors.creatorA.creatorId!, depth: 0 })
    expect([creator.payoutsBlocked, creator.payoutsBlockedBy]).toEqual([true, 'debt'])

    // The calls happen and their earnings become available: the debt is covered.
    advanceClock(30 * DAY)
    expect((await balance()).debt).toBe(0)
    const counts = await runScheduledPayouts(payload)
    expect(counts).toMatchObject({ unblocked: 1 })
    creator = await payload.findByID({ collection: 'creators', id: actors.creatorA.creatorId!, depth: 0 })
    expect([creator.payoutsBlocked, creator.payoutsBlockedBy ?? null, creator.payoutsBlockedReason ?? null]).toEqual([false, null, null])
    expect(await notified(actors.creatorA.id, 'payouts_unblocked')).toHaveLength(1)
    const logs = await query<{ type: string }>(payload, `SELECT type FROM system_logs WHERE type IN ('payouts.blocked', 'payouts.unblocked') ORDER BY id`)
    expect(logs.map((l) => l.type)).toEqual(['payouts.blocked', 'payouts.unblocked'])
  })

  it('two dispute events of one creator applied at the same moment do not deadlock (ledger entries, then the debt rule)', async () => {
    // What two `process-stripe-event` jobs for two payments of one creator do, in step: each
    // writes a ledger entry (its foreign key takes a KEY SHARE lock on the creator's row), then
    // reviews the debt block (which locks that row). Found by the money simulation.
    const creatorId = actors.creatorA.creatorId!
    let arrived = 0
    let release!: () => void
    const bothWritten = new Promise<void>((resolve) => (release = resolve))
    const apply = (ref: string) =>
      withTransaction(payload, async (req, run) => {
        await insertLedgerEntry(run, { creatorId, currency: 'EUR', type: 'adjustment', amount: 0, availableAt: now(), sourceType: 'adjustment', sourceRef: ref, memo: 'concurrency test' })
        if (++arrived === 2) release()
        await bothWritten
        return reviewDebtBlock(payload, creatorId, { req, run })
      })
    const results = await Promise.allSettled([apply('lock-test-1'), apply('lock-test-2')])
    expect(results.map((r) => (r.status === 'rejected' ? String(r.reason) : r.status))).toEqual(['fulfilled', 'fulfilled'])
  })
})
