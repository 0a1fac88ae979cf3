import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { claimSlot, recordRun, scheduleRun } from '@/jobs/runs'
import { logSystem } from '@/services/logs'

import { drainJobs, getTestPayload, resetDatabase } from './harness'

type Pool = { query: (q: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> }

describe('jobs', () => {
  let payload: Payload
  let pool: Pool

  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    pool = (payload.db as unknown as { pool: Pool }).pool
  })

  it('runs each slot once, however many instances claim it at the same moment', async () => {
    const slot = new Date('2026-03-01T02:00:00Z')
    const claims = await Promise.all(Array.from({ length: 12 }, () => claimSlot(payload, 'log-retention', slot)))
    expect(claims.filter(Boolean)).toHaveLength(1)
    const runs = await payload.find({ collection: 'job-runs', where: { job: { equals: 'log-retention' } } })
    expect(runs.totalDocs).toBe(1)
  })

  it('records a run: status, duration, counts — and deletes only logs past their level retention', async () => {
    for (const level of ['INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const) {
      for (const days of [10, 45, 75, 120]) {
        await logSystem(payload, { level, type: 'test.retention', message: `${level} ${days}d` })
        await pool.query(`UPDATE system_logs SET created_at = now() - ($1 || ' days')::interval WHERE message = $2`, [days, `${level} ${days}d`])
      }
    }
    const runId = await scheduleRun(payload, 'log-retention', new Date('2026-03-02T02:00:00Z'), 'manual')
    expect(runId).toBeTruthy()
    await drainJobs(payload)
    const run = await payload.findByID({ collection: 'job-runs', id: runId! })
    expect(run).toMatchObject({ status: 'succeeded', attempts: 1, counts: { deletedInfo: 3, deletedWarning: 2, deletedError: 1 } })
    expect(run.durationMs).toBeGreaterThanOrEqual(0)
    const left = await payload.find({ collection: 'system-logs', where: { type: { equals: 'test.retention' } }, limit: 100, sort: 'message' })
    expect(left.docs.map((d) => d.message).sort()).toEqual(
      ['CRITICAL 10d', 'CRITICAL 120d', 'CRITICAL 45d', 'CRITICAL 75d', 'ERROR 10d', 'ERROR 45d', 'ERROR 75d', 'INFO 10d', 'WARNING 10d', 'WARNING 45d'].sort(),
    )
    const jobLogs = await payload.find({ collection: 'system-logs', where: { type: { in: ['job.started', 'job.finished'] } } })
    expect(jobLogs.totalDocs).toBe(2)
  })

  it('records a failing run with its error, and a retry can take it again', async () => {
    const runId = (await claimSlot(payload, 'retry-emails', new Date('2026-03-03T00:05:00Z')))!
    await expect(recordRun(payload, runId, async () => Promise.reject(new Error('provider down')))).rejects.toThrow('provider down')
    let run = await payload.findByID({ collection: 'job-runs', id: runId })
    expect(run).toMatchObject({ status: 'failed', error: 'provider down', attempts: 1 })
    await recordRun(payload, runId, async () => ({ done: 1 }))
    run = await payload.findByID({ collection: 'job-runs', id: runId })
    expect(run).toMatchObject({ status: 'succeeded', attempts: 2, counts: { done: 1 } })
    expect(run.error).toBeNull()
    // A finished run is never executed again.
    expect(await recordRun(payload, runId, async () => ({ done: 2 }))).toBeNull()
  })

  it('records a run whose work counted failures as failed, with its counts and "n of m failed", without throwing', async () => {
    const runId = (await claimSlot(payload, 'expire-holds', new Date('2026-03-04T00:01:00Z')))!
    const counts = { due: 10, expired: 7, paidMeanwhile: 0, failed: 3 }
    await expect(recordRun(payload, runId, async () => counts)).resolves.toEqual(counts)
    const run = await payload.findByID({ collection: 'job-runs', id: runId })
    expect(run).toMatchObject({ status: 'failed', error: '3 of 10 failed', attempts: 1, counts })
    expect(run.finishedAt).toBeTruthy()
    const logs = await payload.find({ collection: 'system-logs', where: { type: { equals: 'job.failed' } }, sort: '-createdAt', limit: 1 })
    expect(logs.docs[0]).toMatchObject({ level: 'ERROR', message: 'Job expire-holds finished with failures: 3 of 10 failed' })

    // No failures counted: succeeded, as before.
    const clean = (await claimSlot(payload, 'expire-holds', new Date('2026-03-04T00:02:00Z')))!
    await recordRun(payload, clean, async () => ({ due: 2, expired: 2, paidMeanwhile: 0, failed: 0 }))
    expect(await payload.findByID({ collection: 'job-runs', id: clean })).toMatchObject({ status: 'succeeded', error: null })
  })
})
