import { pingDatabase } from '@/db/system'

import { defineEndpoint, Reply } from './define'

const TIMEOUT_MS = 2000

/** Resolves with `work`, or rejects when it takes longer than `ms`. */
const within = async <T>(work: Promise<T>, ms: number): Promise<T> => {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)))])
  } finally {
    clearTimeout(timer)
  }
}

/** GET /api/health — 200 when the database answers, 503 otherwise. Public, no details leaked. */
export const healthEndpoint = defineEndpoint({
  path: '/health',
  method: 'get',
  auth: false,
  headers: { 'cache-control': 'no-store' },
  handler: async ({ req }) => {
    const started = Date.now()
    try {
      await within(pingDatabase(req.payload), TIMEOUT_MS)
      return { status: 'ok', checks: { database: { status: 'ok', latencyMs: Date.now() - started } } }
    } catch {
      return new Reply({ status: 'error', checks: { database: { status: 'error' } } }, 503)
    }
  },
})
