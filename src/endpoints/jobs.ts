import { timingSafeEqual } from 'node:crypto'

import { Refusal } from '@/domain/refusal'
import { scheduleRun } from '@/jobs/runs'
import { isScheduledJob, slotOf } from '@/jobs/schedule'
import { now } from '@/lib/clock'

import { defineEndpoint, Reply } from './define'

const secretMatches = (given: string, expected: string): boolean => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * POST /api/jobs/:job/trigger — for external schedulers. Needs `Authorization: Bearer <CRON_SECRET>`
 * (never a query string) and refuses to run at all when CRON_SECRET is unset. The run is queued for
 * the worker under the current minute's slot, so a double trigger runs once.
 */
export const triggerJobEndpoint = defineEndpoint({
  path: '/jobs/:job/trigger',
  method: 'post',
  // The caller is a scheduler with the bearer secret, not a user.
  auth: false,
  handler: async ({ req }) => {
    const secret = process.env.CRON_SECRET
    if (!secret) throw new Refusal(503, 'CRON_DISABLED', 'Job triggers are disabled: CRON_SECRET is not configured.')
    const header = req.headers.get('authorization') ?? ''
    const given = header.startsWith('Bearer ') ? header.slice(7) : ''
    if (!given || !secretMatches(given, secret)) throw new Refusal(401, 'UNAUTHORIZED', 'A valid Authorization: Bearer <CRON_SECRET> header is required.')
    const job = String(req.routeParams?.job ?? '')
    if (!isScheduledJob(job)) throw new Refusal(404, 'NOT_FOUND', `Unknown job "${job}".`)
    const slot = slotOf(now())
    const runId = await scheduleRun(req.payload, job, slot, 'http')
    return new Reply({ job, slot: slot.toISOString(), queued: Boolean(runId), runId }, runId ? 202 : 200)
  },
})
