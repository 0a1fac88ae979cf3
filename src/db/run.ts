/**
 * The one way SQL runs (DESIGN.md: SQL lives in `db/`, one dialect). Queries are drizzle `sql`
 * templates; a `Run` executes one and returns its rows. Inside `withTransaction` the run shares
 * Payload's transaction with the local API calls made with `req` (notifications, emails, logs,
 * jobs), so all of it commits together or not at all.
 */
import { sql } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

export { sql }
export type SQL = ReturnType<typeof sql>
export type Row = Record<string, unknown>
export type Run = <R extends Row = Row>(query: SQL) => Promise<R[]>

type Drizzle = { execute: (query: SQL) => Promise<{ rows: Row[]; rowCount?: number | null }> }
type Adapter = { sessions?: Record<string, { db: Drizzle }>; drizzle: Drizzle }

const drizzleFor = async (payload: Payload, req?: Partial<PayloadRequest>): Promise<Drizzle> => {
  const adapter = payload.db as unknown as Adapter
  const id = req?.transactionID ? await req.transactionID : undefined
  return (id && adapter.sessions?.[String(id)]?.db) || adapter.drizzle
}

/**
 * Drizzle wraps a failed statement as "Failed query: <sql> params: <values>" with PostgreSQL's error
 * as its `cause`: callers (and the logs, job runs and webhook records they write) get PostgreSQL's
 * own error — its code (23505…) and message — without the statement's parameters.
 */
const execute = async (db: Drizzle, query: SQL) => {
  try {
    return await db.execute(query)
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause
    throw cause instanceof Error && 'code' in cause ? cause : error
  }
}

/**
 * A runner on `payload`: inside the transaction of `req` when it has one (hooks, jobs, endpoints
 * that pass their request), otherwise each statement commits on its own.
 */
export const runner = (payload: Payload, req?: Partial<PayloadRequest>): Run =>
  (async <R extends Row>(query: SQL) => (await execute(await drizzleFor(payload, req), query)).rows as R[]) as Run

/** How many rows a statement touched (DELETE without RETURNING). */
export const runCount = async (payload: Payload, query: SQL, req?: Partial<PayloadRequest>): Promise<number> =>
  (await execute(await drizzleFor(payload, req), query)).rowCount ?? 0

type CommitListener = () => void
const commitListeners = new Set<CommitListener>()

/**
 * Called after every committed service write (withTransaction, and the single-statement writes
 * that report through `committed()`). Registered explicitly by whoever needs it — the guests'
 * page refresh plugin redraws cached storefront pages — so db/ imports nothing of theirs.
 */
export const onCommitted = (listener: CommitListener): (() => void) => {
  commitListeners.add(listener)
  return () => commitListeners.delete(listener)
}

/** Tells the listeners a write committed (for writes made outside `withTransaction`). */
export const committed = (): void => {
  for (const listener of commitListeners) listener()
}

/**
 * One Payload transaction shared by raw SQL (conditional updates, row locks) and local API calls
 * made with `req`: all commit together or not at all; listeners hear of the commit.
 */
export const withTransaction = async <T>(payload: Payload, work: (req: PayloadRequest, run: Run) => Promise<T>): Promise<T> => {
  const req = await createLocalReq({}, payload)
  await initTransaction(req)
  try {
    const result = await work(req, runner(payload, req))
    await commitTransaction(req)
    committed()
    return result
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
