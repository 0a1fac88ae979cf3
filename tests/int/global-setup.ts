/**
 * Integration tests run against a real PostgreSQL: a throwaway embedded cluster per run, migrated
 * with the real `payload migrate` (so the committed migrations are what the tests exercise).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import pg from 'pg'
import type { TestProject } from 'vitest/node'

import { startEmbeddedDb, type EmbeddedDb } from '../../scripts/lib/embedded-db'

let db: EmbeddedDb | undefined

export async function setup(project: TestProject): Promise<void> {
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
  const migrate = () =>
    spawnSync('node', ['scripts/payload.mjs', 'migrate'], { env: { ...process.env, LOG_LEVEL: 'info', NODE_OPTIONS: '--no-deprecation' }, encoding: 'utf8' })
  const schemaReady = async (): Promise<boolean> => {
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const { rows } = await client.query(`SELECT to_regclass('public.users') IS NOT NULL AS ready`)
      return rows[0]?.ready === true
    } finally {
      await client.end()
    }
  }
  // Fail loudly here rather than with "relation does not exist" in some test later.
  const result = migrate()
  if (result.status !== 0 || !(await schemaReady())) throw new Error(`payload migrate did not build ${url}:\n${result.stdout}\n${result.stderr}`)
  // Workers read the URL through inject() (tests/int/setup-env.ts), not through inherited env.
  project.provide('databaseUrl', url)
}

export async function teardown(): Promise<void> {
  await db?.stop()
}
