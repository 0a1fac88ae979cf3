import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { describe, expect, it } from 'vitest'

import { freePort, startEmbeddedDb } from '../../scripts/lib/embedded-db'

const startInChild = (dataDir: string, port: number) =>
  new Promise<{ pid: number; url: string }>((resolve, reject) => {
    // node itself (not npx), so the SIGKILL below hits the process that owns postgres.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/start-db.ts'), dataDir, String(port)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    child.stdout.on('data', (chunk: Buffer) => {
      const match = chunk.toString().match(/READY (\S+)/)
      if (match) resolve({ pid: child.pid!, url: match[1] })
    })
    child.on('exit', (code, signal) => reject(new Error(`child exited ${code ?? signal}`)))
  })

const query = async (url: string, sql: string) => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

describe('embedded PostgreSQL (dev database)', () => {
  it('keeps data across a killed run and is not blocked by the PostgreSQL it left behind', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'callastar-stale-'))
    const port = await freePort()
    const first = await startInChild(dataDir, port)
    await query(first.url, `CREATE TABLE kept (v text); INSERT INTO kept VALUES ('survives')`)

    // Kill the owner the hard way (like a closed terminal): its postgres keeps running, orphaned.
    process.kill(first.pid, 'SIGKILL')
    const orphanPid = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0])
    expect(() => process.kill(orphanPid, 0)).not.toThrow()

    const second = await startEmbeddedDb({ dataDir, port, persistent: true, log: () => {} })
    try {
      expect(() => process.kill(orphanPid, 0)).toThrow()
      expect(await query(second.url, 'SELECT v FROM kept')).toEqual([{ v: 'survives' }])
    } finally {
      await second.stop()
    }
    expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false)
    rmSync(dataDir, { recursive: true, force: true })
  }, 90_000)
})
