/**
 * The one way a status changes (DESIGN.md): a conditional UPDATE whose WHERE admits only the
 * statuses the domain's transition table allows to move to `to`. Of two concurrent writers one
 * wins; the other gets no row back and decides what that means (409, "duplicate", skip).
 */
import { fromStatuses, type Machine } from '@/domain/transitions'

import { sql, type Row, type Run, type SQL } from './run'

/** Tables with a status column and their machine; the name is only ever one of these literals. */
export type StatusTable = 'offers' | 'bookings' | 'payments' | 'call_requests' | 'refunds' | 'payouts' | 'disputes' | 'email_logs' | 'webhook_events' | 'job_runs'

/** `status IN (…every status from which \`to\` is allowed…)`: the guard of a conditional transition. */
export const canMoveTo = <S extends string>(machine: Machine<S>, to: S, column = 'status'): SQL =>
  sql`${sql.identifier(column)} IN (${sql.join(fromStatuses(machine, to).map((s) => sql`${s}`), sql`, `)})`

export type MoveStatus<S extends string> = {
  table: StatusTable
  machine: Machine<S>
  /** The row's id, or a subquery that yields it (e.g. a `FOR UPDATE SKIP LOCKED` claim). */
  id: number | SQL
  to: S
  /** Only from this status (it must itself be allowed by the machine): an optimistic "still what I read". */
  from?: S | readonly S[]
  /** Other columns to set, e.g. sql`paid_at = ${at}, failure_reason = NULL`. */
  set?: SQL
  /** Extra guard, e.g. sql`hold_expires_at < now()`. */
  where?: SQL
  /** Columns to return (default `id`). */
  returning?: SQL
}

/** The guarded UPDATE for the rows `target` selects; nothing to run when no status may move to `to`. */
const statusUpdate = <S extends string>(move: Omit<MoveStatus<S>, 'id'>, target: SQL): SQL | null => {
  const allowed = fromStatuses(move.machine, move.to)
  const from = move.from === undefined ? allowed : (Array.isArray(move.from) ? move.from : [move.from]).filter((s: S) => allowed.includes(s))
  if (!from.length) return null
  return sql`
    UPDATE ${sql.identifier(move.table)}
       SET status = ${move.to}${move.set ? sql`, ${move.set}` : sql``}, updated_at = now()
     WHERE ${target}
       AND status IN (${sql.join(from.map((s) => sql`${s}`), sql`, `)})
       ${move.where ? sql`AND (${move.where})` : sql``}
     RETURNING ${move.returning ?? sql`id`}`
}

/** Moves one row to `to` if the transition table allows it; returns the row (or nothing when it did not move). */
export const moveStatus = async <S extends string, R extends Row = { id: number }>(run: Run, move: MoveStatus<S>): Promise<R | undefined> => {
  const update = statusUpdate(move, typeof move.id === 'number' ? sql`id = ${move.id}` : sql`id = (${move.id})`)
  return update ? (await run<R>(update))[0] : undefined
}

/** Moves every row whose id `ids` (a subquery) yields, in one statement, under the same guard; returns the rows that moved. */
export const moveStatuses = async <S extends string, R extends Row = { id: number }>(
  run: Run,
  move: Omit<MoveStatus<S>, 'id'> & { ids: SQL },
): Promise<R[]> => {
  const update = statusUpdate(move, sql`id IN (${move.ids})`)
  return update ? run<R>(update) : []
}
