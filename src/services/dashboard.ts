/** The admin money dashboard (`GET /api/admin/dashboard`, and the panel's home for admins). */
import type { Payload } from 'payload'

import { callsBetween, dashboardRows } from '@/db/dashboard'
import { runner } from '@/db/run'
import { assembleDashboard, utcDay, type Dashboard } from '@/domain/dashboard'
import { now } from '@/lib/clock'

export const adminDashboard = async (payload: Payload, at: Date = now()): Promise<Dashboard> => {
  const run = runner(payload)
  const day = utcDay(at)
  const [rows, calls] = await Promise.all([dashboardRows(run, at), callsBetween(run, day.start, day.end)])
  return assembleDashboard(rows, calls, at)
}
