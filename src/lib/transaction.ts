import type { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { bumpPageGeneration } from './pageCache'

type SQL = ReturnType<typeof sql>
type Drizzle = { execute: (query: SQL) => Promise<{ rows: Record<string, unknown>[] }> }

export type TxRun = <R extends Record<string, unknown>>(query: SQL) => Promise<R[]>

/**
 * One Payload transaction shared by raw SQL (conditional updates, row locks) and local API calls
 * made with `req` (notifications, emails, logs, jobs): all commit together or not at all.
 */
export const withTransaction = async <T>(payload: Payload, work: (req: PayloadRequest, run: TxRun) => Promise<T>): Promise<T> => {
  const req = await createLocalReq({}, payload)
  await initTransaction(req)
  const adapter = payload.db as unknown as { sessions: Record<string, { db: Drizzle }>; drizzle: Drizzle }
  const run: TxRun = async <R extends Record<string, unknown>>(query: SQL) => {
    const id = await req.transactionID
    const db = (id && adapter.sessions[String(id)]?.db) || adapter.drizzle
    return (await db.execute(query)).rows as R[]
  }
  try {
    const result = await work(req, run)
    await commitTransaction(req)
    // Bookings, offers and reviews change in these transactions: guests' cached pages are redrawn.
    bumpPageGeneration()
    return result
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
