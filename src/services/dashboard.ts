/** The admin money dashboard (`GET /api/admin/dashboard`, and the panel's home for admins). */
import type { Payload } from 'payload'

import { callsBetween, callsInProgress, dashboardRows } from '@/db/dashboard'
import { onCommitted, runner } from '@/db/run'
import { assembleDashboard, CALLS_NOW_LISTED, utcDay, type Dashboard } from '@/domain/dashboard'
import { now } from '@/lib/clock'
import { reuseFor, type Reuse, type Reused } from '@/lib/reuse'

/**
 * How long a process reuses the figures it summed (the sums read every payment and ledger entry:
 * ≈ 100–200 ms on 100,000 payments). A money write committed by this process through a service
 * (`withTransaction` / `committed()`: payouts, refunds, payments, disputes…) drops them at once;
 * writes of other processes (the jobs worker applying Stripe's webhooks, other web instances) show
 * within this time. `generatedAt` says when the figures were summed.
 */
export const DASHBOARD_FRESH_MS = 5_000

const computeDashboard = async (payload: Payload, at: Date): Promise<Dashboard> => {
  const run = runner(payload)
  const day = utcDay(at)
  const [rows, calls, callsNow] = await Promise.all([dashboardRows(run, at), callsBetween(run, day.start, day.end), callsInProgress(run, at, CALLS_NOW_LISTED)])
  return assembleDashboard(rows, calls, at, callsNow)
}

/** Figures summed less than DASHBOARD_FRESH_MS ago on the business clock too (tests move it). */
const freshOnTheClock = (d: Dashboard): boolean => {
  const age = now().getTime() - Date.parse(d.generatedAt)
  return age >= 0 && age < DASHBOARD_FRESH_MS
}

let reused: { payload: Payload; figures: Reused<Dashboard> } | null = null
// For the life of the process (on this bundle's copy of db/run, the one its services commit through).
onCommitted(() => reused?.figures.forget())

/**
 * The figures now, reused for DASHBOARD_FRESH_MS (see above), with how they were obtained
 * (`hit`: reused, `shared`: joined a running sum, `miss`: summed for this call).
 */
export const currentAdminDashboard = async (payload: Payload): Promise<{ dashboard: Dashboard; reuse: Reuse }> => {
  if (reused?.payload !== payload) reused = { payload, figures: reuseFor(DASHBOARD_FRESH_MS, () => computeDashboard(payload, now()), { fresh: freshOnTheClock }) }
  const { value, reuse } = await reused.figures.get()
  return { dashboard: value, reuse }
}

/** The figures at `at` (summed now, never reused), or the current ones (reused for a few seconds). */
export const adminDashboard = async (payload: Payload, at?: Date): Promise<Dashboard> =>
  at ? computeDashboard(payload, at) : (await currentAdminDashboard(payload)).dashboard
