/** The database itself: the health probe and the lock that serialises migrations across instances. */
import type { Payload } from 'payload'

import { runner, sql } from './run'

/** One round trip to the database (throws when it does not answer). */
export const pingDatabase = async (payload: Payload): Promise<void> => {
  await runner(payload)(sql`SELECT 1`)
}

type Client = { query: (q: string, values?: unknown[]) => Promise<unknown>; release: () => void }
type Pooled = { pool: { connect: () => Promise<Client> } }

/**
 * Runs `work` holding PostgreSQL advisory lock `key` on one pooled connection (the lock belongs
 * to the session, so the same connection takes and releases it: this is the one statement pair
 * that runs on a raw pool client rather than through `runner`, which may use any connection).
 */
export const withAdvisoryLock = async <T>(payload: Payload, key: number, work: () => Promise<T>): Promise<T> => {
  const client = await (payload.db as unknown as Pooled).pool.connect()
  try {
    await client.query('SELECT pg_advisory_lock($1)', [key])
    return await work()
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined)
    client.release()
  }
}
