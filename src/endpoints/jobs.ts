import { timingSafeEqual } from 'node:crypto'
import type { Endpoint } from 'payload'

import { isScheduledJob, slotOf } from '@/jobs/schedule'
import { scheduleRun } from '@/jobs/runs'
import { now } from '@/lib/clock'

import { jsonError } from './http'

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
export const triggerJobEndpoint: Endpoint = {
  path: '/jobs/:job/trigger',
  method: 'post',
  handler: async (req) => {
    const secret = process.env.CRON_SECRET
    if (!secret) return jsonError(503, 'Job triggers are disabled: CRON_SECRET is not configured.', 'CRON_DISABLED')
    const header = req.headers.get('authorization') ?? ''
    const given = header.startsWith('Bearer ') ? header.slice(7) : ''
    if (!given || !secretMatches(given, secret)) return jsonError(401, 'A valid Authorization: Bearer <CRON_SECRET> header is required.', 'UNAUTHORIZED')
    const job = String(req.routeParams?.job ?? '')
    if (!isScheduledJob(job)) return jsonError(404, `Unknown job "${job}".`, 'NOT_FOUND')
    const slot = slotOf(now())
    const runId = await scheduleRun(req.payload, job, slot, 'http')
    return Response.json({ job, slot: slot.toISOString(), queued: Boolean(runId), runId }, { status: runId ? 202 : 200 })
  },
}
