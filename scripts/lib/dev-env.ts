import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { startEmbeddedDb } from './embedded-db'

export const ROOT = path.resolve(import.meta.dirname, '../..')
const DATA_DIR = path.join(ROOT, '.data/postgres')
/** Pid of the process that started the embedded database; tells a live owner from a killed one. */
const OWNER_FILE = path.join(ROOT, '.data/postgres.owner')

/** Loads `.env` (if any) without overriding variables already set. */
export const loadDotEnv = (): void => {
  const file = path.join(ROOT, '.env')
  if (existsSync(file)) process.loadEnvFile(file)
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * The dev database: DATABASE_URL when set, else the persistent embedded PostgreSQL in
 * `.data/postgres`. If a running `npm run dev` already owns it, it is shared (not stopped on exit);
 * if its owner was killed, the orphaned server is stopped and started afresh.
 */
export const devDatabase = async (): Promise<{ url: string; embedded: boolean; stop: () => Promise<void> }> => {
  loadDotEnv()
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} }
  const port = Number(process.env.EMBEDDED_PG_PORT || 54329)
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/callastar`
  const owner = existsSync(OWNER_FILE) ? Number(readFileSync(OWNER_FILE, 'utf8')) : 0
  if (owner && owner !== process.pid && alive(owner) && existsSync(path.join(DATA_DIR, 'postmaster.pid'))) {
    console.log(`[db] using the embedded PostgreSQL of the running dev process ${owner}`)
    return { url, embedded: true, stop: async () => {} }
  }
  mkdirSync(path.dirname(OWNER_FILE), { recursive: true })
  const db = await startEmbeddedDb({ dataDir: DATA_DIR, port, persistent: true, log: (m) => console.log(`[db] ${m}`) })
  writeFileSync(OWNER_FILE, String(process.pid))
  return {
    url: db.url,
    embedded: true,
    stop: async () => {
      await db.stop()
      rmSync(OWNER_FILE, { force: true })
    },
  }
}
