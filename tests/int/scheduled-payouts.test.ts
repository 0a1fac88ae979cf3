/**
 * Scheduled payouts (SPEC §7): the daily `scheduled-payouts` run pays out everything available for
 * creators whose schedule is due (daily; weekly on Mondays; monthly on the 1st) through the same
 * request path as a creator's own request (trigger `scheduled`), approved at once unless the
 * platform setting asks for an admin. Manual creators, amounts below the minimum and currencies
 * with a payout still open are left alone. Counts are recorded on the job run.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { scheduleRun } from '@/jobs/runs'
import { SCHEDULE } from '@/jobs/schedule'
import { resetClock, setClock } from '@/lib/clock'
import { runScheduledPayouts } from '@/services/payouts'

import { createActors, getTestPayload, query, resetDatabase, type Actors } from './harness'

const WEDNESDAY = new Date('2026-12-02T03:00:00Z')
const MONDAY = new Date('2026-12-07T03:00:00Z')

let payload: Payload
let A: Actors

const earn = (creatorId: number, currency: string, amount: number, ref: string) =>
  query(payload, `INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, source_ref, memo) VALUES ($1, $2, 'earning', $3, '2026-11-01T00:00:00Z', 'payment', $4, 'fixture')`, [
    creatorId,
    currency,
    amount,
    ref,
  ])

const payoutsOf = (creatorId: number) =>
  query<{ id: number; amount: string; currency: string; status: string; trigger: string }>(payload, 'SELECT id, amount, currency, status, trigger FROM payouts WHERE creator_id = $1 ORDER BY id', [creatorId])
const auditOf = async (id: number) =>
  (await query<{ actor: string; from: string | null; to: string }>(payload, 'SELECT actor, "from", "to" FROM payouts_audit_trail WHERE _parent_id = $1 ORDER BY _order', [id])).map((a) => [a.actor, a.from, a.to])
const queuedCreatePayouts = async () =>
  (await query<{ input: { payoutId: number } }>(payload, `SELECT input FROM payload_jobs WHERE task_slug = 'create-payout' ORDER BY id`)).map((j) => j.input.payoutId)
const notifications = async (userId: number, type: string) =>
  (await query<{ metadata: { payoutId?: number } }>(payload, 'SELECT metadata FROM notifications WHERE user_id = $1 AND type = $2', [userId, type])).map((n) => n.metadata.payoutId)

describe('scheduled payouts', () => {
  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    A = await createActors(payload)
    for (const who of ['creatorA', 'creatorB'] as const) await payload.update({ collection: 'creators', id: A[who].creatorId!, data: { payoutsEnabled: true } })
    await payload.update({ collection: 'creators', id: A.creatorA.creatorId!, data: { payoutSchedule: 'daily' } })
    await earn(A.creatorA.creatorId!, 'EUR', 20000, 'a-eur')
    await earn(A.creatorA.creatorId!, 'USD', 500, 'a-usd')
    await earn(A.creatorB.creatorId!, 'EUR', 15000, 'b-eur')
  })
  afterAll(() => resetClock())

  it('is a row of the schedule: daily at 03:00 UTC', () => {
    expect(SCHEDULE.find((s) => s.job === 'scheduled-payouts')?.cron).toBe('0 3 * * *')
  })

  it('a daily creator is paid out automatically (approved, create-payout queued); below the minimum is skipped; a manual creator is untouched', async () => {
    setClock(WEDNESDAY)
    const counts = await runScheduledPayouts(payload)
    expect(counts).toMatchObject({ creators: 1, requested: 1, approved: 1, skipped: 1, skipped_BELOW_MINIMUM: 1, failed: 0 })
    const [payout, ...more] = await payoutsOf(A.creatorA.creatorId!)
    expect(more).toEqual([])
    expect([Number(payout.amount), payout.currency, payout.status, payout.trigger]).toEqual([20000, 'EUR', 'approved', 'scheduled'])
    expect(await auditOf(payout.id)).toEqual([['system', null, 'requested'], ['system', 'requested', 'approved']])
    const [entry] = await query<{ type: string; amount: string }>(payload, `SELECT type, amount FROM ledger_entries WHERE source_type = 'payout' AND source_ref = $1`, [String(payout.id)])
    expect([entry.type, Number(entry.amount)]).toEqual(['payout', -20000])
    expect(await queuedCreatePayouts()).toEqual([payout.id])
    expect(await notifications(A.creatorA.id, 'payout_approved')).toEqual([payout.id])
    // Nothing for admins to approve.
    expect(await notifications(A.admin.id, 'payout_requested')).toEqual([])
    expect(await payoutsOf(A.creatorB.creatorId!)).toEqual([])
  })

  it('the next run finds nothing more available while the payout is open; weekly creators are due on Mondays; the setting makes scheduled payouts wait for an admin', async () => {
    await payload.update({ collection: 'creators', id: A.creatorB.creatorId!, data: { payoutSchedule: 'weekly' } })
    setClock(new Date(WEDNESDAY.getTime() + 86_400_000)) // Thursday
    const thursday = await runScheduledPayouts(payload)
    // EUR is all reserved by the open payout (nothing available to pay out); USD is still below the minimum.
    expect(thursday).toMatchObject({ creators: 1, requested: 0, skipped: 1, skipped_BELOW_MINIMUM: 1 })
    expect(await payoutsOf(A.creatorB.creatorId!)).toEqual([])

    await payload.updateGlobal({ slug: 'platform-settings', data: { scheduledPayoutsNeedApproval: true } })
    setClock(MONDAY)
    const runId = await scheduleRun(payload, 'scheduled-payouts', MONDAY, 'manual')
    expect(runId).toBeTruthy()
    // Only the scheduled run itself: the create-payout job queued on Wednesday stays queued for this check.
    await payload.jobs.run({ where: { taskSlug: { equals: 'scheduled-payouts' } } })
    const [run] = await query<{ status: string; counts: Record<string, number> }>(payload, 'SELECT status, counts FROM job_runs WHERE id = $1', [runId])
    expect(run.status).toBe('succeeded')
    expect(run.counts).toMatchObject({ creators: 2, requested: 1, approved: 0 })
    const [payout] = await payoutsOf(A.creatorB.creatorId!)
    expect([Number(payout.amount), payout.status, payout.trigger]).toEqual([15000, 'requested', 'scheduled'])
    expect(await auditOf(payout.id)).toEqual([['system', null, 'requested']])
    expect(await notifications(A.admin.id, 'payout_requested')).toEqual([payout.id])
    expect(await queuedCreatePayouts()).not.toContain(payout.id)
    await payload.updateGlobal({ slug: 'platform-settings', data: { scheduledPayoutsNeedApproval: false } })
  })

  it('the run lifts a debt block once the debt is cleared', async () => {
    await payload.update({ collection: 'creators', id: A.creatorB.creatorId!, data: { payoutSchedule: 'daily', payoutsBlocked: true, payoutsBlockedBy: 'debt', payoutsBlockedReason: 'Debt' } })
    setClock(new Date(MONDAY.getTime() + 86_400_000))
    // B's debt is cleared (no negative balance): the block lifts, then B's payout is still open (requested) so nothing new.
    const counts = await runScheduledPayouts(payload)
    expect(counts).toMatchObject({ unblocked: 1 })
    const b = await payload.findByID({ collection: 'creators', id: A.creatorB.creatorId!, depth: 0 })
    expect([b.payoutsBlocked, b.payoutsBlockedBy ?? null]).toEqual([false, null])
    expect(await notifications(A.creatorB.id, 'payouts_unblocked')).toHaveLength(1)
  })
})
