/**
 * The jobs worker: `npm run worker` (also started by `npm run dev`). node-schedule fires each row
 * of the schedule table; the slot is claimed in the database (one run per slot across instances)
 * and executed through Payload's jobs queue, which this process drains every few seconds.
 */
import config from '@payload-config'
import schedule from 'node-schedule'
import { getPayload } from 'payload'

import { releaseStaleJobs } from '@/db/jobs'
import { runner } from '@/db/run'
import { logSystem } from '@/services/logs'

import { SCHEDULE, slotOf } from './schedule'
import { scheduleRun } from './runs'

const DRAIN_EVERY_MS = Number(process.env.WORKER_POLL_MS || 2000)
/** Payload 3 can leave a job "processing" forever when a worker dies mid-run; give it back after this. */
const STALE_PROCESSING_MS = 10 * 60_000

const payload = await getPayload({ config })
let draining: Promise<void> | null = null
let stopping = false

const drain = async (): Promise<void> => {
  if (draining) return draining
  draining = (async () => {
    try {
      await releaseStaleJobs(runner(payload), STALE_PROCESSING_MS)
      for (;;) {
        const result = await payload.jobs.run({ limit: 20 })
        if (!result || !result.jobStatus || Object.keys(result.jobStatus).length === 0 || stopping) break
      }
    } catch (error) {
      payload.logger.error({ err: error }, 'Jobs worker: running queued jobs failed')
    } finally {
      draining = null
    }
  })()
  return draining
}

for (const entry of SCHEDULE) {
  schedule.scheduleJob(entry.job, { rule: entry.cron, tz: 'Etc/UTC' }, async (fireDate) => {
    try {
      const runId = await scheduleRun(payload, entry.job, slotOf(fireDate))
      if (runId) void drain()
    } catch (error) {
      payload.logger.error({ err: error, job: entry.job }, 'Jobs worker: could not schedule run')
    }
  })
}

const timer = setInterval(() => void drain(), DRAIN_EVERY_MS)
await logSystem(payload, {
  level: 'INFO',
  type: 'worker.started',
  message: `Jobs worker started with ${SCHEDULE.length} scheduled jobs`,
  metadata: { jobs: SCHEDULE.map((s) => `${s.job} (${s.cron})`), pid: process.pid },
})
payload.logger.info(`Jobs worker ready: ${SCHEDULE.map((s) => `${s.job} @ ${s.cron}`).join(', ')}`)

const shutdown = async (signal: string) => {
  if (stopping) return
  stopping = true
  payload.logger.info(`Jobs worker stopping (${signal})`)
  clearInterval(timer)
  await schedule.gracefulShutdown()
  await draining
  await payload.destroy?.()
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
