import { spawnSync } from 'node:child_process'
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { migrations } from '@/migrations'

import { getTestPayload } from './harness'

type Pool = { query: (q: string) => Promise<{ rows: Record<string, unknown>[] }> }

const cli = (args: string[], databaseUrl: string) =>
  spawnSync('node', ['scripts/payload.mjs', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', NODE_OPTIONS: '--no-deprecation' },
    encoding: 'utf8',
  })

describe('migrations', () => {
  let payload: Payload
  beforeAll(async () => {
    payload = await getTestPayload()
  })

  it('build an empty database from scratch with `payload migrate`, and migrate:status reports every one applied', async () => {
    const pool = (payload.db as unknown as { pool: Pool }).pool
    await pool.query('DROP DATABASE IF EXISTS callastar_fresh WITH (FORCE)')
    await pool.query('CREATE DATABASE callastar_fresh')
    const url = process.env.DATABASE_URL!.replace(/\/[^/]+$/, '/callastar_fresh')

    const migrate = cli(['migrate'], url)
    expect(migrate.status, migrate.stderr).toBe(0)
    for (const m of migrations) expect(migrate.stdout + migrate.stderr).toContain(`Migrated:  ${m.name}`)

    const status = cli(['migrate:status'], url)
    expect(status.status, status.stderr).toBe(0)
    // eslint-disable-next-line no-control-regex
    const output = (status.stdout + status.stderr).replace(/\x1b\[[0-9;]*m/g, '')
    for (const m of migrations) expect(output).toMatch(new RegExp(`${m.name}\\s*│\\s*\\d+\\s*│\\s*Yes`))
    expect(output).not.toMatch(/\bNo\b/)

    const again = cli(['migrate'], url)
    expect(again.status).toBe(0)
    expect(again.stdout + again.stderr).not.toContain('Migrating:')
  }, 120_000)
})
