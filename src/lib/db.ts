import type { Payload } from 'payload'
import type { Pool, PoolClient, QueryResultRow } from 'pg'

/** The pg pool under Payload's postgres adapter: for conditional updates and hot paths in raw SQL. */
export const poolOf = (payload: Payload): Pool => (payload.db as unknown as { pool: Pool }).pool

export const query = async <R extends QueryResultRow>(payload: Payload, text: string, values: unknown[] = []): Promise<R[]> =>
  (await poolOf(payload).query<R>(text, values)).rows

/** Runs `work` in one transaction on one connection; rolls back on any throw. */
export const inTransaction = async <T>(payload: Payload, work: (client: PoolClient) => Promise<T>): Promise<T> => {
  const client = await poolOf(payload).connect()
  try {
    await client.query('BEGIN')
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
