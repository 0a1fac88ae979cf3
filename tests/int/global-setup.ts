/**
 * Integration tests run against a real PostgreSQL: a throwaway embedded cluster per run, migrated
 * with the real `payload migrate` (so the committed migrations are what the tests exercise).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { startEmbeddedDb, type EmbeddedDb } from '../../scripts/lib/embedded-db'

let db: EmbeddedDb | undefined

export async function setup(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callastar-test-pg-'))
    db = await startEmbeddedDb({ dataDir, persistent: false, database: 'callastar_test', log: () => {} })
  }
  const url = process.env.TEST_DATABASE_URL ?? db!.url
  process.env.DATABASE_URL = url
  process.env.PAYLOAD_SECRET = 'test-secret'
  process.env.LOG_LEVEL ??= 'warn'
  process.env.EMBEDDED_TEST_DB_DIR = db?.dataDir ?? ''
  delete process.env.RESEND_API_KEY
  const migrate = spawnSync('npx', ['payload', 'migrate'], {
    env: { ...process.env, LOG_LEVEL: 'info', NODE_OPTIONS: '--no-deprecation' },
    encoding: 'utf8',
  })
  if (migrate.status !== 0) throw new Error(`payload migrate failed:\n${migrate.stdout}\n${migrate.stderr}`)
  if (process.env.DEBUG_MIGRATE) console.log(migrate.stdout, migrate.stderr)
}

export async function teardown(): Promise<void> {
  await db?.stop()
}
