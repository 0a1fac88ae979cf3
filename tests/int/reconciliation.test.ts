/**
 * The daily reconciliation (SPEC §7) against the Stripe emulator's connected balances: payments,
 * a refund with reverse_transfer + refund_application_fee, a payout paid, a payout failed and a
 * payout still waiting for approval go through the real services; the job then finds no drift.
 * A tampered ledger (an `adjustment` written behind the services' back) is one drift, with the
 * figures in a CRITICAL system log and an admin notification; Stripe not answering is a failure.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { stripeClient } from '@/integrations/stripe/client'
import { scheduleRun } from '@/jobs/runs'
import { advanceClock, resetClock } from '@/lib/clock'
import type { StripeEmulator } from '../../emulators/stripe'

import { api, drainJobs, paidBooking as paidBookingWith, settleStripe, query, startPaymentsWorld, stopPaymentsWorld, type Actor, type Actors } from './harness'

const SECRET = 'whsec_test_reconciliation'
const HOUR = 3_600_000
const DAY = 24 * HOUR

describe('reconcile-balances', () => {
  let payload: Payload
  let actors: Actors
  let stripe: StripeEmulator
  let account: string
  let creatorA: Actor
  let slot = Date.parse('2026-12-02T04:00:00Z')

  const settle = () => settleStripe(payload, stripe)

  const paidBooking = (hoursAhead: number) => paidBookingWith(payload, stripe, { creatorId: creatorA.creatorId!, fanToken: actors.fanA.token, hoursAhead })

  const payout = async (amount: number, outcome?: 'paid' | 'failed') => {
    const res = await api<{ payout: { id: number } }>('POST', '/payouts/request', { token: creatorA.token, body: { amount } })
    expect(res.status).toBe(201)
    const id = res.body.payout.id
    if (!outcome) return id
    expect((await api('POST', `/payouts/${id}/approve`, { token: actors.admin.token })).status).toBe(200)
    await settle()
    const row = await payload.findByID({ collection: 'payouts', id, depth: 0 })
    expect(row.status).toBe('processing')
    stripe.control.payoutOutcome(row.stripePayoutId!, outcome)
    await settle()
    expect((await payload.findByID({ collection: 'payouts', id, depth: 0 })).status).toBe(outcome)
    return id
  }

  /** Runs the job as the schedule does (a claimed slot, the queued task), and returns its recorded run. */
  const reconcile = async () => {
    slot += DAY
    const runId = await scheduleRun(payload, 'reconcile-balances', new Date(slot), 'manual')
    expect(runId).toBeTruthy()
    await drainJobs(payload)
    return payload.findByID({ collection: 'job-runs', id: runId! })
  }

  const stripeTotal = async () => {
    const b = await stripeClient().balance.retrieve({}, { stripeAccount: account })
    const eur = (lines: { currency: string; amount: number }[]) => lines.filter((l) => l.currency === 'eur').reduce((n, l) => n + l.amount, 0)
    return eur(b.available) + eur(b.pending)
  }
  const ledgerTotal = async () => Number((await query<{ total: string }>(payload, `SELECT coalesce(sum(amount), 0) AS total FROM ledger_entries WHERE creator_id = $1`, [creatorA.creatorId]))[0].total)

  beforeAll(async () => {
    ({ stripe, payload, actors, account } = await startPaymentsWorld({ webhookSecret: SECRET }))
    creatorA = actors.creatorA
    await payload.update({ collection: 'creators', id: creatorA.creatorId!, data: { payoutsEnabled: true } })
    // Creator B's fixture account does not exist at the emulator: B has none here (the last test gives it back).
    await payload.update({ collection: 'creators', id: actors.creatorB.creatorId!, data: { stripeAccountId: null } })
  })
  afterAll(async () => {
    resetClock()
    await stopPaymentsWorld({ stripe })
  })

  it('payments, a refund reversing the transfer, payouts paid, failed and waiting: ledger + unsent payouts = Stripe balance, no drift', async () => {
    // An account with nothing yet: Stripe's zero line, our empty ledger.
    expect((await reconcile()).counts).toMatchObject({ accounts: 1, checked: 1, drift: 0, failed: 0 })

    const cancelled = await paidBooking(72)
    await paidBooking(2)
    await paidBooking(4)
    expect(await stripeTotal()).toBe(3 * 8500)

    // Fan cancels early: full refund with reverse_transfer and refund_application_fee (the creator gives back 8500).
    const res = await api('POST', `/bookings/${cancelled.bookingId}/cancel`, { token: actors.fanA.token, body: { reason: 'Something came up' } })
    expect(res.status).toBe(200)
    await settle()
    const refunds = await query<{ status: string }>(payload, 'SELECT status FROM refunds')
    expect(refunds.map((r) => r.status)).toEqual(['succeeded'])
    expect(await stripeTotal()).toBe(2 * 8500)
    expect(await ledgerTotal()).toBe(2 * 8500)

    // Past the holding period, here and at Stripe.
    advanceClock(8 * DAY)
    stripe.control.releasePendingFunds(account)
    await payout(5000, 'paid')
    await payout(3000, 'failed')
    // Requested, not approved: reserved in our ledger, not yet at Stripe.
    await payout(2000)
    expect(await ledgerTotal()).toBe(17000 - 5000 - 2000)
    expect(await stripeTotal()).toBe(17000 - 5000)

    const run = await reconcile()
    expect(run.status).toBe('succeeded')
    expect(run.counts).toEqual({ accounts: 1, checked: 1, drift: 0, unreachable: 0, failed: 0 })
    expect(await query(payload, `SELECT id FROM system_logs WHERE level = 'CRITICAL'`)).toEqual([])
  })

  it('a tampered ledger is one drift: CRITICAL log with the figures, the admins told; Stripe not answering is a failure', async () => {
    await query(payload, `INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, memo) VALUES ($1, 'EUR', 'adjustment', -700, now(), 'adjustment', 'tampered')`, [creatorA.creatorId])

    const run = await reconcile()
    expect(run.counts).toEqual({ accounts: 1, checked: 1, drift: 1, unreachable: 0, failed: 1 })
    const [log] = await query<{ message: string; type: string; metadata: { drift: unknown[]; account: string } }>(payload, `SELECT message, type, metadata FROM system_logs WHERE level = 'CRITICAL'`)
    expect(log.type).toBe('reconciliation.drift')
    expect(log.message).toContain(account)
    expect(log.message).toContain('EUR ours 11300 (ledger 9300 + unsent payouts 2000), Stripe 12000 (available 12000 + pending 0), difference -700')
    expect(log.metadata.drift).toEqual([{ currency: 'EUR', ledger: 9300, unsentPayouts: 2000, ours: 11300, stripeAvailable: 12000, stripePending: 0, stripe: 12000, difference: -700 }])

    const notes = await payload.find({ collection: 'notifications', where: { and: [{ user: { equals: actors.admin.id } }, { type: { equals: 'system' } }] }, depth: 0 })
    expect(notes.docs).toHaveLength(1)
    expect(notes.docs[0].title).toBe('The ledger does not match Stripe')
    expect(notes.docs[0].body).toBe(`Reconciliation found a difference for ${(await payload.findByID({ collection: 'creators', id: creatorA.creatorId! })).displayName} (${account}). EUR: our ledger €113.00, Stripe €120.00, difference -€7.00.`)
    expect(notes.docs[0].link).toBe(`/admin/collections/ledger-entries?where[creator][equals]=${creatorA.creatorId}`)
    // Nobody else hears of it.
    expect((await payload.find({ collection: 'notifications', where: { and: [{ user: { equals: creatorA.id } }, { type: { equals: 'system' } }] } })).totalDocs).toBe(0)

    // Stripe down for the balance read (stripe-node retries twice itself): the account is a failure, with an ERROR log.
    stripe.control.failNext({ count: 3, mode: 'error', pathPrefix: '/v1/balance' })
    const down = await reconcile()
    expect(down.counts).toEqual({ accounts: 1, checked: 0, drift: 0, unreachable: 1, failed: 1 })
    expect(await query(payload, `SELECT id FROM system_logs WHERE type = 'reconciliation.unreachable' AND level = 'ERROR'`)).toHaveLength(1)

    // An account Stripe does not know (404) is unreachable too; the others are still checked.
    await payload.update({ collection: 'creators', id: actors.creatorB.creatorId!, data: { stripeAccountId: 'acct_unknown' } })
    expect((await reconcile()).counts).toEqual({ accounts: 2, checked: 1, drift: 1, unreachable: 1, failed: 2 })
  })
})
