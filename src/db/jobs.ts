/**
 * Scheduled job runs (`job_runs`) and the housekeeping of Payload's own jobs queue. Run status
 * writes go through `moveStatus` on the job-run machine.
 */
import { JOB_RUN_TRANSITIONS, type JobRunStatus } from '@/domain/transitions'

import { sql, type Run } from './run'
import { moveStatus } from './status'

export type RunTrigger = 'schedule' | 'manual' | 'http'

/**
 * Inserts the run of `job` for `slot` (status `queued`). The unique (job, slot) index makes one of
 * several concurrent claimers win; the others get `null`.
 */
export const insertJobRun = async (run: Run, job: string, slot: Date, trigger: RunTrigger, instance: string): Promise<number | null> => {
  const rows = await run<{ id: number }>(sql`
    INSERT INTO job_runs (job, slot, trigger, status, attempts, instance, updated_at, created_at)
    VALUES (${job}, ${slot.toISOString()}, ${trigger}, 'queued', 0, ${instance}, now(), now())
    ON CONFLICT DO NOTHING
    RETURNING id`)
  return rows[0]?.id ?? null
}

/** `queued`/`failed` → `running` for this instance (one more attempt); the run's job, or nothing if someone else has it. */
export const startJobRun = async (run: Run, id: number, startedAt: Date, instance: string): Promise<string | undefined> =>
  (
    await moveStatus<JobRunStatus, { job: string }>(run, {
      table: 'job_runs',
      machine: JOB_RUN_TRANSITIONS,
      id,
      to: 'running',
      set: sql`started_at = ${startedAt.toISOString()}, attempts = attempts + 1, instance = ${instance}, error = NULL`,
      returning: sql`job`,
    })
  )?.job

export const finishJobRun = (run: Run, id: number, finishedAt: Date, durationMs: number, counts: Record<string, number>) =>
  moveStatus(run, {
    table: 'job_runs',
    machine: JOB_RUN_TRANSITIONS,
    id,
    to: 'succeeded',
    set: sql`finished_at = ${finishedAt.toISOString()}, duration_ms = ${durationMs}, counts = ${JSON.stringify(counts)}::jsonb`,
  })

/** `running` → `failed`, with the error; `counts` when the work finished but counted failures. */
export const failJobRun = (run: Run, id: number, finishedAt: Date, durationMs: number, error: string, counts?: Record<string, number>) =>
  moveStatus(run, {
    table: 'job_runs',
    machine: JOB_RUN_TRANSITIONS,
    id,
    to: 'failed',
    set: counts
      ? sql`finished_at = ${finishedAt.toISOString()}, duration_ms = ${durationMs}, error = ${error}, counts = ${JSON.stringify(counts)}::jsonb`
      : sql`finished_at = ${finishedAt.toISOString()}, duration_ms = ${durationMs}, error = ${error}`,
  })

/** Payload 3 can leave a job "processing" forever when a worker dies mid-run: gives back those idle longer than `staleMs`. */
export const releaseStaleJobs = async (run: Run, staleMs: number): Promise<void> => {
  await run(sql`
    UPDATE payload_jobs SET processing = false
     WHERE processing = true AND has_error = false AND completed_at IS NULL
       AND updated_at < now() - make_interval(secs => ${staleMs / 1000})`)
}
