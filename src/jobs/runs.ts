import { sql } from '@payloadcms/db-postgres'
import os from 'node:os'
import type { Payload } from 'payload'

import { now } from '@/lib/clock'
import { logSystem } from '@/services/logs'

import type { ScheduledJob } from './schedule'

export type JobCounts = Record<string, number>
type Rows<T> = { rows: T[] }

const instance = `${os.hostname()}:${process.pid}`

/**
 * Claims `slot` of `job` for this instance. The unique (job, slot) index makes exactly one of
 * several concurrent claimers win; the others get `null` and do nothing.
 */
export const claimSlot = async (
  payload: Payload,
  job: ScheduledJob,
  slot: Date,
  trigger: 'schedule' | 'manual' | 'http' = 'schedule',
): Promise<number | null> => {
  const result = (await payload.db.drizzle.execute(sql`
    INSERT INTO job_runs (job, slot, trigger, status, attempts, instance, updated_at, created_at)
    VALUES (${job}, ${slot.toISOString()}, ${trigger}, 'queued', 0, ${instance}, now(), now())
    ON CONFLICT DO NOTHING
    RETURNING id`)) as unknown as Rows<{ id: number }>
  return result.rows[0]?.id ?? null
}

/** Claims a slot and queues the Payload job that executes it (retries are Payload's). */
export const scheduleRun = async (
  payload: Payload,
  job: ScheduledJob,
  slot: Date,
  trigger: 'schedule' | 'manual' | 'http' = 'schedule',
): Promise<number | null> => {
  const runId = await claimSlot(payload, job, slot, trigger)
  if (runId) await payload.jobs.queue({ task: job, input: { runId } })
  return runId
}

/**
 * Executes one recorded run: marks it running (only if nobody else is), records duration, counts
 * and error, and writes start/end system logs. Rethrows so the jobs queue can retry.
 */
export const recordRun = async (payload: Payload, runId: number, work: () => Promise<JobCounts>): Promise<JobCounts | null> => {
  const started = now()
  const claimed = (await payload.db.drizzle.execute(sql`
    UPDATE job_runs SET status = 'running', started_at = ${started.toISOString()}, attempts = attempts + 1,
      instance = ${instance}, error = NULL, updated_at = now()
    WHERE id = ${runId} AND status IN ('queued', 'failed')
    RETURNING job`)) as unknown as Rows<{ job: string }>
  const job = claimed.rows[0]?.job
  if (!job) return null
  await logSystem(payload, { level: 'INFO', type: 'job.started', message: `Job ${job} started (run ${runId})`, metadata: { job, runId } })
  try {
    const counts = await work()
    const finished = now()
    await payload.update({
      collection: 'job-runs',
      id: runId,
      data: { status: 'succeeded', finishedAt: finished.toISOString(), durationMs: finished.getTime() - started.getTime(), counts },
      depth: 0,
    })
    await logSystem(payload, {
      level: 'INFO',
      type: 'job.finished',
      message: `Job ${job} finished in ${finished.getTime() - started.getTime()} ms`,
      metadata: { job, runId, counts },
    })
    return counts
  } catch (error) {
    const finished = now()
    const message = error instanceof Error ? error.message : String(error)
    await payload.update({
      collection: 'job-runs',
      id: runId,
      data: { status: 'failed', finishedAt: finished.toISOString(), durationMs: finished.getTime() - started.getTime(), error: message.slice(0, 2000) },
      depth: 0,
    })
    await logSystem(payload, { level: 'ERROR', type: 'job.failed', message: `Job ${job} failed: ${message}`, metadata: { job, runId } })
    throw error
  }
}
