import { sql } from '@payloadcms/db-postgres'

import { fromStatuses } from '@/domain/transitions'

type Machine<S extends string> = Record<S, readonly S[]>

/** `status IN (…every status from which \`to\` is allowed…)`: the guard of a conditional transition. */
export const canMoveTo = <S extends string>(machine: Machine<S>, to: S, column = 'status') =>
  sql`${sql.identifier(column)} IN (${sql.join(fromStatuses(machine, to).map((s) => sql`${s}`), sql`, `)})`
