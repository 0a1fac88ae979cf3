/**
 * Balances and payouts (SPEC §7) over real HTTP: earnings from paid bookings made through the Stripe
 * emulator, payout requests, cancellations, approvals and rejections, the `create-payout` job
 * creating the payout on the creator's connected account, and Stripe's `payout.*` webhooks
 * finishing it. The tests run in order on one creator's growing ledger.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { stripeClient } from '@/integrations/stripe/client'
import { advanceClock, now, resetClock } from '@/lib/clock'
import { MOVE_EARNINGS_AFTER_CALLS } from '@/migrations/20261201_214955_payouts'
import { onPayoutEvent, sendPayout } from '@/services/payouts'
import { reconcileBalances } from '@/services/reconciliation'
import type { StripeEmulator } from '../../emulators/stripe'

import { api, paidBooking as paidBookingWith, settleStripe, query, startPaymentsWorld, stopPaymentsWorld, type Actor, type Actors } from './harness'

const SECRET = 'whsec_test_payouts_secret'
const HOUR = 3_600_000
const DAY = 24 * HOUR

type Errors = { errors: { code: string; message: string; field?: string }[] }
type Balance = { currency: string; available: number; pending: number; reserved: number; debt: number }
type PayoutBody = { payout: { id: number; creator: number; amount: number; currency: string; status: string }; balance?: Balance }

describe('balances and payouts', () => {
  let payload: Payload
  let actors: Actors
  let stripe: StripeEmulator
  let account: string
  let creatorA: Actor

  const settle = () => settleStripe(payload, stripe)

  /** A paid, confirmed 30-minute booking with creator A, starting `hoursAhead` from the (injectable) clock. */
  const paidBooking = async (hoursAhead: number) => {
    const paid = await paidBookingWith(payload, stripe, { creatorId: creatorA.creatorId!, fanToken: actors.fanA.token, hoursAhead })
    const booking = await payload.findByID({ collection: 'bookings', id: paid.bookingId })
    expect(booking.status).toBe('confirmed')
    return { paymentId: paid.paymentId, endsAt: new Date(booking.endsAt!) }
  }

  const balance = async (actor: Actor = creatorA) => {
    const res = await api<Balance[]>('GET', '/creators/me/balance', { token: actor.token })
    expect(res.status).toBe(200)
    return res.body.find((b) => b.currency === 'EUR') ?? { currency: 'EUR', available: 0, pending: 0, reserved: 0, debt: 0 }
  }

  const request = (actor: Actor | undefined, body: unknown = {}) => api<PayoutBody & Errors>('POST', '/payouts/request', { token: actor?.token, body })
  const action = (id: number, verb: 'approve' | 'reject' | 'cancel', actor: Actor | undefined, body?: unknown) =>
    api<PayoutBody & Errors>('POST', `/payouts/${id}/${verb}`, { token: actor?.token, body })

  const payoutRow = (id: number) => payload.findByID({ collection: 'payouts', id, depth: 0 })
  const audit = async (id: number) => ((await payoutRow(id)).auditTrail ?? []).map((a) => [a.actor, a.from ?? null, a.to])
  const ledgerOf = (id: number) =>
    query<{ type: string; amount: string }>(payload, `SELECT type, amount FROM ledger_entries WHERE source_type = 'payout' AND source_ref = $1 ORDER BY id`, [String(id)])
  const notified = async (actor: Actor, type: string, payoutId: number) =>
    (await payload.find({ collection: 'notifications', where: { and: [{ user: { equals: actor.id } }, { type: { equals: type } }] }, limit: 100, depth: 0 })).docs.filter(
      (n) => (n.metadata as { payoutId?: number } | null)?.payoutId === payoutId,
    )
  const stripePayoutCalls = () => stripe.control.requests().filter((r) => r.method === 'POST' && r.path === '/v1/payouts')

  beforeAll(async () => {
    ({ stripe, payload, actors, account } = await startPaymentsWorld({ webhookSecret: SECRET }))
    creatorA = actors.creatorA
    await payload.update({ collection: 'creators', id: creatorA.creatorId!, data: { payoutsEnabled: true } })
  })
  afterAll(async () => {
    resetClock()
    await stopPaymentsWorld({ stripe })
  })

  it('GET /api/creators/me/balance: creators only, private, and an earning for a call next week stays pending until call end + holding', async () => {
    expect((await api<Errors>('GET', '/creators/me/balance')).status).toBe(401)
    const fan = await api<Errors>('GET', '/creators/me/balance', { token: actors.fanA.token })
    expect([fan.status, fan.body.errors[0].code]).toEqual([403, 'FORBIDDEN'])
    expect((await api<Errors>('GET', '/creators/me/balance', { token: actors.admin.token })).status).toBe(403)
    const empty = await api<Balance[]>('GET', '/creators/me/balance', { token: creatorA.token })
    expect(empty.body).toEqual([])
    expect(empty.headers.get('cache-control')).toBe('private, no-store')

    const paidAt = now()
    const b = await paidBooking(7 * 24)
    const [earning] = await query<{ available_at: Date }>(payload, `SELECT available_at FROM ledger_entries WHERE type = 'earning' AND source_ref = $1`, [String(b.paymentId)])
    // Holding period (7 days) after the call's end, not after the payment.
    expect(new Date(earning.available_at).getTime()).toBe(b.endsAt.getTime() + 7 * DAY)
    expect(new Date(earning.available_at).getTime()).toBeGreaterThan(paidAt.getTime() + 7 * DAY)
    expect(await balance()).toEqual({ currency: 'EUR', available: 0, pending: 8500, reserved: 0, debt: 0 })

    // A day after the call, and a minute before its end + 7 days: still pending.
    advanceClock(b.endsAt.getTime() + 7 * DAY - 60_000 - now().getTime())
    expect(await balance()).toMatchObject({ available: 0, pending: 8500 })
    advanceClock(60_000)
    expect(await balance()).toEqual({ currency: 'EUR', available: 8500, pending: 0, reserved: 0, debt: 0 })

    // A second call two hours ahead: available 7 days after its end.
    const second = await paidBooking(2)
    expect(await balance()).toMatchObject({ available: 8500, pending: 8500 })
    advanceClock(second.endsAt.getTime() + 7 * DAY - now().getTime())
    expect(await balance()).toEqual({ currency: 'EUR', available: 17000, pending: 0, reserved: 0, debt: 0 })
    // At Stripe the connected account's funds become available too (for the payouts below).
    stripe.control.releasePendingFunds(account)
  })

  it('POST /api/payouts/request refuses with a specific code and the figures', async () => {
    expect((await request(undefined)).status).toBe(401)
    expect((await request(actors.fanA)).status).toBe(403)
    expect((await request(actors.admin)).status).toBe(403)
    for (const amount of [0, -100, 12.5, '1000']) {
      const res = await request(creatorA, { amount })
      expect([res.status, res.body.errors[0].code, res.body.errors[0].field]).toEqual([400, 'INVALID_INPUT', 'amount'])
    }
    const over = await request(creatorA, { amount: 17001 })
    expect([over.status, over.body.errors[0].code, over.body.errors[0].message]).toEqual([422, 'AMOUNT_OVER_AVAILABLE', 'You asked for €170.01 but only €170.00 is available.'])
    const small = await request(creatorA, { amount: 999 })
    expect([small.status, small.body.errors[0].code]).toEqual([422, 'BELOW_MINIMUM'])
    expect(small.body.errors[0].message).toContain('€10.00')
    const usd = await request(creatorA, { currency: 'usd' })
    expect([usd.status, usd.body.errors[0].code, usd.body.errors[0].message]).toEqual([422, 'BELOW_MINIMUM', 'Available $0.00 is below the minimum payout of $10.00.'])

    // Creator B: not enabled, then blocked, then in debt, then under their own minimum.
    const b = actors.creatorB
    const notEnabled = await request(b)
    expect([notEnabled.status, notEnabled.body.errors[0].code]).toEqual([422, 'PAYOUTS_NOT_ENABLED'])
    await payload.update({ collection: 'creators', id: b.creatorId!, data: { payoutsEnabled: true, payoutsBlocked: true, payoutsBlockedReason: 'Identity check', payoutsBlockedBy: 'admin' } })
    const blocked = await request(b)
    expect([blocked.status, blocked.body.errors[0].code, blocked.body.errors[0].message]).toEqual([422, 'PAYOUTS_BLOCKED', 'Payouts are blocked on your account: Identity check'])
    await payload.update({ collection: 'creators', id: b.creatorId!, data: { payoutsBlocked: false, payoutsBlockedReason: null, payoutsBlockedBy: null, payoutMinimum: 5000 } })
    const insert = (amount: number, memo: string) =>
      query(payload, `INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, memo) VALUES ($1, 'EUR', 'adjustment', $2, now() - interval '1 day', 'adjustment', $3)`, [b.creatorId, amount, memo])
    await insert(-1200, 'Chargeback recovered')
    const debt = await request(b)
    expect([debt.status, debt.body.errors[0].code]).toEqual([422, 'CREATOR_IN_DEBT'])
    expect(debt.body.errors[0].message).toContain('-€12.00')
    expect(await balance(b)).toEqual({ currency: 'EUR', available: -1200, pending: 0, reserved: 0, debt: 1200 })
    await insert(4200, 'Goodwill credit')
    const under = await request(b)
    expect([under.status, under.body.errors[0].code, under.body.errors[0].message]).toEqual([422, 'BELOW_MINIMUM', 'Available €30.00 is below the minimum payout of €50.00.'])

    expect(await query(payload, 'SELECT id FROM payouts')).toEqual([])
    expect(await balance()).toMatchObject({ available: 17000, reserved: 0 })
  })

  it('race: two concurrent requests for the full balance → one 201, one 409 PAYOUT_ALREADY_OPEN; the amount is reserved once', async () => {
    const results = await Promise.all([request(creatorA), request(creatorA)])
    expect(results.map((r) => r.status).sort()).toEqual([201, 409])
    const won = results.find((r) => r.status === 201)!
    const lost = results.find((r) => r.status === 409)!
    expect(lost.body.errors[0].code).toBe('PAYOUT_ALREADY_OPEN')
    expect(won.body.payout).toMatchObject({ creator: creatorA.creatorId, amount: 17000, currency: 'EUR', status: 'requested' })
    expect(won.body.balance).toEqual({ currency: 'EUR', available: 0, pending: 0, reserved: 17000, debt: 0 })
    expect(await balance()).toEqual({ currency: 'EUR', available: 0, pending: 0, reserved: 17000, debt: 0 })
    const id = won.body.payout.id
    expect((await ledgerOf(id)).map((e) => [e.type, Number(e.amount)])).toEqual([['payout', -17000]])
    expect(await query(payload, 'SELECT id FROM payouts')).toHaveLength(1)
    expect(await audit(id)).toEqual([['creator', null, 'requested']])
    expect(await notified(actors.admin, 'payout_requested', id)).toHaveLength(1)
    expect((await payoutRow(id)).requestedAt).toBeTruthy()
  })

  it('POST /api/payouts/:id/cancel: the creator takes it back while requested; the balance returns; a second cancel is 409', async () => {
    const [{ id }] = await query<{ id: number }>(payload, `SELECT id FROM payouts WHERE status = 'requested'`)
    expect((await action(id, 'cancel', actors.creatorB)).status).toBe(404)
    expect((await action(id, 'cancel', actors.fanA)).status).toBe(403)
    expect((await action(id, 'cancel', undefined)).status).toBe(401)
    const res = await action(id, 'cancel', creatorA)
    expect(res.status).toBe(200)
    expect(res.body.payout).toMatchObject({ id, status: 'cancelled' })
    expect(await balance()).toEqual({ currency: 'EUR', available: 17000, pending: 0, reserved: 0, debt: 0 })
    expect((await ledgerOf(id)).map((e) => [e.type, Number(e.amount)])).toEqual([['payout', -17000], ['payout_reversal', 17000]])
    expect(await audit(id)).toEqual([['creator', null, 'requested'], ['creator', 'requested', 'cancelled']])
    const again = await action(id, 'cancel', creatorA)
    expect([again.status, again.body.errors[0].code]).toEqual([409, 'PAYOUT_NOT_PENDING'])
    expect((await ledgerOf(id))).toHaveLength(2)
  })

  it('POST /api/payouts/:id/reject {reason}: admins only, reason required, the creator told, the balance back; then nothing more can happen', async () => {
    const created = await request(creatorA, { amount: 5000 })
    expect(created.status).toBe(201)
    const id = created.body.payout.id
    expect(await balance()).toMatchObject({ available: 12000, reserved: 5000 })
    expect((await action(id, 'reject', creatorA, { reason: 'Nope nope' })).status).toBe(403)
    expect((await action(id, 'approve', actors.fanA)).status).toBe(403)
    for (const body of [{}, { reason: '  ' }]) {
      const res = await action(id, 'reject', actors.admin, body)
      expect([res.status, res.body.errors[0].code, res.body.errors[0].field]).toEqual([400, 'INVALID_INPUT', 'reason'])
    }
    expect((await action(999_999, 'reject', actors.admin, { reason: 'Bank details missing' })).status).toBe(404)
    const res = await action(id, 'reject', actors.admin, { reason: 'Bank details missing' })
    expect(res.status).toBe(200)
    expect(res.body.payout).toMatchObject({ id, status: 'rejected' })
    const row = await payoutRow(id)
    expect(row).toMatchObject({ status: 'rejected', rejectionReason: 'Bank details missing' })
    expect(row.rejectedAt).toBeTruthy()
    expect(await balance()).toMatchObject({ available: 17000, reserved: 0 })
    expect((await ledgerOf(id)).map((e) => Number(e.amount))).toEqual([-5000, 5000])
    expect(await audit(id)).toEqual([['creator', null, 'requested'], ['admin', 'requested', 'rejected']])
    const [note] = await notified(creatorA, 'payout_rejected', id)
    expect(note.body).toBe('Your payout of €50.00 was declined and is back in your balance. Reason: Bank details missing')

    for (const verb of ['approve', 'reject'] as const) {
      const late = await action(id, verb, actors.admin, { reason: 'Second thoughts' })
      expect([late.status, late.body.errors[0].code]).toEqual([409, 'PAYOUT_NOT_PENDING'])
    }
    expect(stripePayoutCalls()).toHaveLength(0)
  })

  it('20 concurrent approvals → one 200, the job creates one Stripe payout on the connected account; payout.paid finishes it; a later payout.failed gives the money back once', async () => {
    const created = await request(creatorA, { amount: 6000 })
    const id = created.body.payout.id
    const approvals = await Promise.all(Array.from({ length: 20 }, () => action(id, 'approve', actors.admin)))
    expect(approvals.filter((r) => r.status === 200)).toHaveLength(1)
    expect(approvals.filter((r) => r.status === 409 && r.body.errors[0].code === 'PAYOUT_NOT_PENDING')).toHaveLength(19)
    expect((await payoutRow(id)).status).toBe('approved')
    expect(await notified(creatorA, 'payout_approved', id)).toHaveLength(1)

    await settle()
    expect(stripePayoutCalls()).toHaveLength(1)
    expect(stripePayoutCalls()[0]).toMatchObject({ account, idempotencyKey: `payout/${id}`, status: 200 })
    const row = await payoutRow(id)
    expect(row.status).toBe('processing')
    const atStripe = await stripeClient().payouts.retrieve(row.stripePayoutId!, {}, { stripeAccount: account })
    expect(atStripe).toMatchObject({ amount: 6000, currency: 'eur', status: 'pending', metadata: { payoutId: String(id) } })
    expect(await balance()).toMatchObject({ available: 11000, reserved: 6000 })

    stripe.control.payoutOutcome(row.stripePayoutId!, 'paid')
    await settle()
    expect((await payoutRow(id)).status).toBe('paid')
    expect(await balance()).toEqual({ currency: 'EUR', available: 11000, pending: 0, reserved: 0, debt: 0 })
    expect(await audit(id)).toEqual([
      ['creator', null, 'requested'],
      ['admin', 'requested', 'approved'],
      ['system', 'approved', 'processing'],
      ['stripe', 'processing', 'paid'],
    ])
    const [paidNote] = await notified(creatorA, 'payout_paid', id)
    expect(paidNote.body).toBe('€60.00 has been paid to your bank account.')
    const paidEvents = await query<{ status: string }>(payload, `SELECT status FROM webhook_events WHERE type = 'payout.paid'`)
    expect(paidEvents.map((e) => e.status)).toEqual(['processed'])

    // Stripe can report a paid payout failed days later (the emulator credits the account back and
    // sends payout.failed): the money comes back, once.
    stripe.control.payoutOutcome(row.stripePayoutId!, 'failed', 'account_closed')
    await settle()
    const late = { id: row.stripePayoutId!, metadata: { payoutId: String(id) }, failure_code: 'account_closed', failure_message: 'The bank account has been closed.' }
    expect(await onPayoutEvent(payload, 'payout.failed', late, account)).toBe('duplicate')
    expect(await onPayoutEvent(payload, 'payout.paid', late, account)).toBe('duplicate')
    expect((await payoutRow(id))).toMatchObject({ status: 'failed', failureReason: 'The bank account has been closed.' })
    expect((await ledgerOf(id)).map((e) => Number(e.amount))).toEqual([-6000, 6000])
    expect(await balance()).toMatchObject({ available: 17000, reserved: 0 })
    expect(await notified(creatorA, 'payout_failed', id)).toHaveLength(1)
    expect((await audit(id)).at(-1)).toEqual(['stripe', 'paid', 'failed'])
    expect((await stripeClient().payouts.retrieve(row.stripePayoutId!, {}, { stripeAccount: account })).status).toBe('failed')
    expect(await reconcileBalances(payload)).toMatchObject({ drift: 0 })
    // An event from another account never touches our payout.
    expect(await onPayoutEvent(payload, 'payout.paid', late, 'acct_someone_else')).toBe('ignored')
  })

  it('payout.failed from Stripe (Connect webhook): failed with the reason, the money back, the creator told', async () => {
    const id = (await request(creatorA, { amount: 4000 })).body.payout.id
    expect((await action(id, 'approve', actors.admin)).status).toBe(200)
    await settle()
    const { stripePayoutId, status } = await payoutRow(id)
    expect(status).toBe('processing')
    stripe.control.payoutOutcome(stripePayoutId!, 'failed', 'no_account')
    await settle()
    const row = await payoutRow(id)
    expect(row.status).toBe('failed')
    expect(row.failureReason).toMatch(/No bank account could be located/)
    expect((await ledgerOf(id)).map((e) => Number(e.amount))).toEqual([-4000, 4000])
    expect(await balance()).toMatchObject({ available: 17000, reserved: 0 })
    expect(await notified(creatorA, 'payout_failed', id)).toHaveLength(1)
    expect((await audit(id)).at(-1)).toEqual(['stripe', 'processing', 'failed'])
  })

  it('the job: Stripe down → retried with the same idempotency key; after the last attempt → failed, money back, admins told', async () => {
    const id = (await request(creatorA, { amount: 3000 })).body.payout.id
    expect((await action(id, 'approve', actors.admin)).status).toBe(200)
    // stripe-node retries twice itself: three 500s make the attempt fail, and the job would retry.
    stripe.control.failNext({ count: 3, mode: 'error', pathPrefix: '/v1/payouts' })
    await expect(sendPayout(payload, id)).rejects.toThrow()
    expect((await payoutRow(id)).status).toBe('approved')
    expect(await sendPayout(payload, id)).toBe('processing')
    const calls = stripePayoutCalls().filter((r) => r.idempotencyKey === `payout/${id}`)
    expect(calls.map((c) => c.status)).toEqual([500, 500, 500, 200])
    // The queued job finds the payout already processing: nothing twice.
    await settle()
    expect(stripePayoutCalls().filter((r) => r.idempotencyKey === `payout/${id}`)).toHaveLength(4)
    expect((await stripeClient().payouts.list({}, { stripeAccount: account })).data.filter((p) => p.metadata?.payoutId === String(id))).toHaveLength(1)
    // Still open, so no second payout in EUR until it is finished.
    const second = await request(creatorA, { amount: 2000 })
    expect([second.status, second.body.errors[0].code]).toEqual([409, 'PAYOUT_ALREADY_OPEN'])
    stripe.control.payoutOutcome((await payoutRow(id)).stripePayoutId!, 'paid')
    await settle()
    expect((await payoutRow(id)).status).toBe('paid')

    const doomed = (await request(creatorA, { amount: 2000 })).body.payout.id
    expect((await action(doomed, 'approve', actors.admin)).status).toBe(200)
    stripe.control.failNext({ count: 3, mode: 'error', pathPrefix: '/v1/payouts' })
    // The task as the worker runs it, on its last attempt (five failures in the job's log already).
    const task = payload.config.jobs.tasks!.find((t) => t.slug === 'create-payout')!
    const log = Array.from({ length: 5 }, () => ({ taskSlug: 'create-payout', state: 'failed' }))
    await (task.handler as (args: unknown) => Promise<unknown>)({ input: { payoutId: doomed }, req: { payload }, job: { log } })
    const row = await payoutRow(doomed)
    expect(row.status).toBe('failed')
    expect(row.failureReason).toMatch(/Emulated Stripe failure/)
    expect((await ledgerOf(doomed)).map((e) => Number(e.amount))).toEqual([-2000, 2000])
    const [adminNote] = await notified(actors.admin, 'system', doomed)
    expect(adminNote.title).toBe('A payout failed')
    expect(await notified(creatorA, 'payout_failed', doomed)).toHaveLength(1)
    await settle()
    expect((await payoutRow(doomed)).status).toBe('failed')
    expect(await balance()).toEqual({ currency: 'EUR', available: 14000, pending: 0, reserved: 0, debt: 0 })
  })

  it('payout.canceled from Stripe (Connect webhook): cancelled, the reserved amount back once, the creator told; the ledger still matches Stripe', async () => {
    const id = (await request(creatorA, { amount: 2500 })).body.payout.id
    expect((await action(id, 'approve', actors.admin)).status).toBe(200)
    await settle()
    const { stripePayoutId, status } = await payoutRow(id)
    expect(status).toBe('processing')
    expect(await balance()).toMatchObject({ available: 11500, reserved: 2500 })

    // Canceled at Stripe while pending (POST /v1/payouts/:id/cancel on the connected account): the
    // account is credited back and payout.canceled arrives at the Connect endpoint.
    const canceled = await stripeClient().payouts.cancel(stripePayoutId!, {}, { stripeAccount: account })
    expect(canceled.status).toBe('canceled')
    await settle()
    const row = await payoutRow(id)
    expect(row.status).toBe('cancelled')
    expect(row.cancelledAt).toBeTruthy()
    expect((await ledgerOf(id)).map((e) => [e.type, Number(e.amount)])).toEqual([['payout', -2500], ['payout_reversal', 2500]])
    expect(await balance()).toEqual({ currency: 'EUR', available: 14000, pending: 0, reserved: 0, debt: 0 })
    expect((await audit(id)).at(-1)).toEqual(['stripe', 'processing', 'cancelled'])
    const [note] = await notified(creatorA, 'payout_failed', id)
    expect(note.title).toBe('Payout cancelled')
    expect(note.body).toBe('Your payout of €25.00 was cancelled at Stripe before it reached your bank. The amount is back in your balance.')
    const events = await query<{ status: string }>(payload, `SELECT status FROM webhook_events WHERE type = 'payout.canceled'`)
    expect(events.map((e) => e.status)).toEqual(['processed'])
    // A repeat changes nothing; a cancel of a payout no longer pending is refused at Stripe.
    expect(await onPayoutEvent(payload, 'payout.canceled', { id: stripePayoutId!, metadata: { payoutId: String(id) }, failure_code: null, failure_message: null }, account)).toBe('duplicate')
    expect((await ledgerOf(id)).filter((e) => e.type === 'payout_reversal')).toHaveLength(1)
    await expect(stripeClient().payouts.cancel(stripePayoutId!, {}, { stripeAccount: account })).rejects.toMatchObject({ code: 'payout_not_pending' })
    expect(await notified(creatorA, 'payout_failed', id)).toHaveLength(1)
    expect(await reconcileBalances(payload)).toMatchObject({ drift: 0 })
    expect(await query(payload, `SELECT id FROM system_logs WHERE type = 'reconciliation.drift'`)).toEqual([])

    // The same outcome through the emulator's control route (what the bank or Stripe's dashboard would do).
    const second = (await request(creatorA, { amount: 1500 })).body.payout.id
    expect((await action(second, 'approve', actors.admin)).status).toBe(200)
    await settle()
    const res = await fetch(`${stripe.url}/emulator/payouts/${(await payoutRow(second)).stripePayoutId}/outcome`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'canceled' }) })
    expect(((await res.json()) as { status: string }).status).toBe('canceled')
    await settle()
    expect((await payoutRow(second)).status).toBe('cancelled')
    expect(await balance()).toMatchObject({ available: 14000, reserved: 0 })
    expect(await reconcileBalances(payload)).toMatchObject({ drift: 0 })
  })

  it('migration 20261201_214955_payouts: earnings written before the rule move to call end + holding, their pending refunds with them; nothing else changes', async () => {
    const b = await paidBooking(10 * 24)
    const [payment] = await query<{ paid_at: Date }>(payload, 'SELECT paid_at FROM payments WHERE id = $1', [b.paymentId])
    // The old rule: paid time + 7 days (written back the way the old code wrote it).
    const oldAt = new Date(new Date(payment.paid_at).getTime() + 7 * DAY)
    await query(payload, `ALTER TABLE ledger_entries DISABLE TRIGGER ledger_entries_append_only;
      UPDATE ledger_entries SET available_at = '${oldAt.toISOString()}' WHERE type = 'earning' AND source_ref = '${b.paymentId}';
      ALTER TABLE ledger_entries ENABLE TRIGGER ledger_entries_append_only`)
    const before = await query<{ id: number; available_at: Date }>(payload, 'SELECT id, available_at FROM ledger_entries ORDER BY id')
    const sums = async () => (await query<{ total: string }>(payload, 'SELECT sum(amount) AS total FROM ledger_entries'))[0].total

    const total = await sums()
    await query(payload, MOVE_EARNINGS_AFTER_CALLS)
    const after = await query<{ id: number; type: string; source_ref: string; available_at: Date }>(payload, 'SELECT id, type, source_ref, available_at FROM ledger_entries ORDER BY id')
    for (const [i, row] of after.entries()) {
      const expected = row.type === 'earning' && row.source_ref === String(b.paymentId) ? new Date(b.endsAt.getTime() + 7 * DAY) : new Date(before[i].available_at)
      expect(new Date(row.available_at)).toEqual(expected)
    }
    expect(await sums()).toBe(total)
    // Append-only again.
    await expect(query(payload, `UPDATE ledger_entries SET memo = 'x' WHERE id = ${after[0].id}`)).rejects.toThrow(/append-only/)
  })
})
