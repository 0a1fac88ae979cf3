import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

import { startEmbeddedDb } from '../../scripts/lib/embedded-db'
import { canReach, EmbeddedDbError, postgresUser, relocatedDataDir, SHARED_HOME } from '../../scripts/lib/pg-as-root'

const asRoot = process.getuid?.() === 0
const scratch = mkdtempSync(path.join(os.tmpdir(), 'callastar-reach-'))
chmodSync(scratch, 0o755)
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

/** A folder inside a folder other users cannot enter, like a clone inside /root. */
const privateFolder = () => {
  const parent = mkdtempSync(path.join(scratch, 'private-'))
  chmodSync(parent, 0o700)
  const inner = path.join(parent, 'app')
  mkdirSync(inner, { mode: 0o755 })
  return inner
}

describe('embedded PostgreSQL as root (postgres user reach)', () => {
  it('PostgreSQL runs as us when we are not root, so everything we reach is reachable', () => {
    if (asRoot) expect(postgresUser()).toMatchObject({ uid: expect.any(Number), gid: expect.any(Number) })
    else expect(postgresUser()).toBeUndefined()
    expect(canReach(undefined, privateFolder())).toBe(true)
  })

  it.skipIf(!asRoot)('as root, the postgres user cannot enter a folder under a 0700 one, and can enter one under 0755 folders', () => {
    const user = postgresUser()
    expect(canReach(user, privateFolder())).toBe(false)
    expect(canReach(user, scratch)).toBe(true)
  })

  it('a relocated dev data folder is the same for a project on every run and differs between clones', () => {
    const dir = relocatedDataDir('/root/work/app')
    expect(dir).toBe(relocatedDataDir('/root/work/app'))
    expect(dir).not.toBe(relocatedDataDir('/root/other/app'))
    expect(dir.startsWith(`${SHARED_HOME}/dev-app-`)).toBe(true)
    expect(path.basename(dir)).toBe('postgres')
  })

  it.skipIf(!asRoot)('a data folder the postgres user cannot reach stops the start with one line saying what to do', async () => {
    const dataDir = path.join(privateFolder(), 'pg')
    const error = await startEmbeddedDb({ dataDir, log: () => {} }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(EmbeddedDbError)
    const { message, stack } = error as EmbeddedDbError
    expect(message).toContain(path.dirname(dataDir))
    expect(message).toContain('o+x')
    expect(message).not.toContain('\n')
    expect(stack).toBe(message)
  })
})
