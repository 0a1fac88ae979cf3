import os from 'node:os'
import type { Payload } from 'payload'

import { failJobRun, finishJobRun, insertJobRun, startJobRun, type RunTrigger } from '@/db/jobs'
import { runner } from '@/db/run'
import { now } from '@/lib/clock'
import { logSystem } from '@/services/logs'

import type { ScheduledJob } from './schedule'

export type JobCounts = Record<string, number>

const instance = `${os.hostname()}:${process.pid}`

/**
 * Claims `slot` of `job` for this instance. The unique (job, slot) index makes exactly one of
 * several concurrent claimers win; the others get `null` and do nothing.
 */
export const claimSlot = async (
  payload: Payload,
  job: ScheduledJob,
  slot: Date,
  trigger: RunTrigger = 'schedule',
): Promise<number | null> => insertJobRun(runner(payload), job, slot, trigger, instance)

/** Claims a slot and queues the Payload job that executes it (retries are Payload's). */
export const scheduleRun = async (
  payload: Payload,
  job: ScheduledJob,
  slot: Date,
  trigger: RunTrigger = 'schedule',
): Promise<number | null> => {
  const runId = await claimSlot(payload, job, slot, trigger)
  if (runId) await payload.jobs.queue({ task: job, input: { runId } })
  return runId
}

/** "3 of 10 failed" when the work counted failures (`failed` > 0), else null. */
export const failuresOf = (counts: JobCounts): string | null => {
  const failed = counts.failed ?? 0
  if (!(failed > 0)) return null
  return typeof counts.due === 'number' ? `${failed} of ${counts.due} failed` : `${failed} failed`
}

/**
 * Executes one recorded run: marks it running (only if nobody else is), records duration, counts
 * and error, and writes start/end system logs. A run whose counts include `failed` > 0 is recorded
 * `failed` with its counts and "n of m failed", without throwing: each item failed on its own (with
 * its own error log), so Payload retrying the whole run would only redo the items that worked (the
 * failed ones are retried by the next slot, or are final on their own record). A run that throws is recorded `failed` and rethrown so the jobs queue can retry.
 */
export const recordRun = async (payload: Payload, runId: number, work: () => Promise<JobCounts>): Promise<JobCounts | null> => {
  const run = runner(payload)
  const started = now()
  const job = await startJobRun(run, runId, started, instance)
  if (!job) return null
  await logSystem(payload, { level: 'INFO', type: 'job.started', message: `Job ${job} started (run ${runId})`, metadata: { job, runId } })
  try {
    const counts = await work()
    const finished = now()
    const failures = failuresOf(counts)
    if (failures) {
      await failJobRun(run, runId, finished, finished.getTime() - started.getTime(), failures, counts)
      await logSystem(payload, { level: 'ERROR', type: 'job.failed', message: `Job ${job} finished with failures: ${failures}`, metadata: { job, runId, counts } })
      return counts
    }
    await finishJobRun(run, runId, finished, finished.getTime() - started.getTime(), counts)
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
    await failJobRun(run, runId, finished, finished.getTime() - started.getTime(), message.slice(0, 2000))
    await logSystem(payload, { level: 'ERROR', type: 'job.failed', message: `Job ${job} failed: ${message}`, metadata: { job, runId } })
    throw error
  }
}
