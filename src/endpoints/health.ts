import { sql } from '@payloadcms/db-postgres'
import type { Endpoint } from 'payload'

const TIMEOUT_MS = 2000

/** GET /api/health — 200 when the database answers, 503 otherwise. Public, no details leaked. */
export const healthEndpoint: Endpoint = {
  path: '/health',
  method: 'get',
  handler: async (req) => {
    const started = Date.now()
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        req.payload.db.drizzle.execute(sql`SELECT 1`),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS)
        }),
      ])
      return Response.json(
        { status: 'ok', checks: { database: { status: 'ok', latencyMs: Date.now() - started } } },
        { headers: { 'cache-control': 'no-store' } },
      )
    } catch {
      return Response.json(
        { status: 'error', checks: { database: { status: 'error' } } },
        { status: 503, headers: { 'cache-control': 'no-store' } },
      )
    } finally {
      clearTimeout(timer)
    }
  },
}
