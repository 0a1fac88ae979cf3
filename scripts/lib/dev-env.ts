import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { startEmbeddedDb } from './embedded-db'
import { canReach, EmbeddedDbError, postgresUser, prepareSharedParent, relocatedDataDir } from './pg-as-root'

export const ROOT = path.resolve(import.meta.dirname, '../..')
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
 * The persistent dev data folder: `.data/postgres`, unless we run as root and the postgres user
 * cannot enter `.data` (a clone inside /root or another 0700 folder): then
 * /var/lib/callastar/dev-<folder name>-<hash of the project path>/postgres, the same on every run.
 */
const devDataDir = (): string => {
  mkdirSync(path.join(ROOT, '.data'), { recursive: true })
  if (canReach(postgresUser(), path.join(ROOT, '.data'))) return path.join(ROOT, '.data/postgres')
  const dataDir = relocatedDataDir(ROOT)
  prepareSharedParent(dataDir)
  console.log(`[db] the postgres user cannot enter ${ROOT}; the dev database lives in ${dataDir}`)
  return dataDir
}

export type DevDatabase = {
  url: string
  embedded: boolean
  /**
   * The folder holding the dev database's data folder (`.data`, or /var/lib/callastar/dev-… as
   * root, see devDataDir), where the other dev state that must agree with it lives (the Stripe
   * emulator's state file), so deleting it starts both afresh. `.data` with DATABASE_URL.
   */
  dataRoot: string
  stop: () => Promise<void>
}

/**
 * The dev database: DATABASE_URL when set, else the persistent embedded PostgreSQL (devDataDir).
 * If a running `npm run dev` already owns it, it is shared (not stopped on exit); if its owner was
 * killed, the orphaned server is stopped and started afresh. When it cannot start for a reason
 * people can fix, says so in one line and exits.
 */
export const devDatabase = async (): Promise<DevDatabase> => {
  try {
    return await startDevDatabase()
  } catch (error) {
    if (!(error instanceof EmbeddedDbError)) throw error
    console.error(`[db] ${error.message}`)
    process.exit(1)
  }
}

const startDevDatabase = async (): Promise<DevDatabase> => {
  loadDotEnv()
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, dataRoot: path.join(ROOT, '.data'), stop: async () => {} }
  const port = Number(process.env.EMBEDDED_PG_PORT || 54329)
  const url = `postgres://postgres:postgres@127.0.0.1:${port}/callastar`
  const dataDir = devDataDir()
  const owner = existsSync(OWNER_FILE) ? Number(readFileSync(OWNER_FILE, 'utf8')) : 0
  if (owner && owner !== process.pid && alive(owner) && existsSync(path.join(dataDir, 'postmaster.pid'))) {
    console.log(`[db] using the embedded PostgreSQL of the running dev process ${owner}`)
    return { url, embedded: true, dataRoot: path.dirname(dataDir), stop: async () => {} }
  }
  const db = await startEmbeddedDb({ dataDir, port, persistent: true, log: (m) => console.log(`[db] ${m}`) })
  writeFileSync(OWNER_FILE, String(process.pid))
  return {
    url: db.url,
    embedded: true,
    dataRoot: path.dirname(dataDir),
    stop: async () => {
      await db.stop()
      rmSync(OWNER_FILE, { force: true })
    },
  }
}
