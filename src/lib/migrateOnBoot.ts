import type { Payload } from 'payload'

import { withAdvisoryLock } from '@/db/system'

import { isProduction } from './env'

type Migration = { name: string; up: (args: never) => Promise<void>; down: (args: never) => Promise<void> }

/** Arbitrary constant: every instance takes the same PostgreSQL advisory lock around migrations. */
const MIGRATION_LOCK = 727_001

/**
 * In production (web and worker) pending migrations run at boot, serialised across instances by an
 * advisory lock, so a rolling deploy never runs one migration twice. Dev and tests run `payload migrate`.
 */
export const runMigrationsOnBoot = async (payload: Payload, migrations: Migration[]): Promise<void> => {
  if (!isProduction() || process.env.NEXT_PHASE === 'phase-production-build' || process.env.MIGRATE_ON_BOOT === 'false') return
  await withAdvisoryLock(payload, MIGRATION_LOCK, () =>
    (payload.db as unknown as { migrate: (args: { migrations: Migration[] }) => Promise<void> }).migrate({ migrations }),
  )
}
