#!/usr/bin/env node
/**
 * `node scripts/payload.mjs <command>` — Payload's CLI (`payload/bin.js`), run again when Node drops
 * its config import.
 *
 * Under Node 20 the CLI loads payload.config.ts through tsx's off-thread module hooks, and now and
 * then the pending import never settles: nothing holds the event loop, it drains, and Node exits
 * 0 (or 13) before the command has done anything — `payload migrate` did nothing in 2 of 12 runs
 * here (payloadcms/payload#17757). Holding the loop open only turns that into a hang. So the CLI
 * runs in a child: the CLI ends every command with process.exit(), so a drained loop
 * ('beforeExit', never emitted for process.exit) means the command never ran, and the child
 * reports it with DROPPED; the parent then starts it again. Output and prompts are the CLI's own.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const DROPPED = 75
const ATTEMPTS = 4

if (process.env.CALLASTAR_PAYLOAD_CLI_CHILD) {
  process.on('beforeExit', () => process.exit(DROPPED))
  await import(pathToFileURL(path.resolve(import.meta.dirname, '../node_modules/payload/bin.js')).href)
} else {
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const child = spawnSync(process.execPath, [import.meta.filename, ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, CALLASTAR_PAYLOAD_CLI_CHILD: '1' },
    })
    if (child.status !== DROPPED && child.status !== 13) process.exit(child.status ?? 1)
    console.error(`[payload] the CLI exited before running its command (Node dropped the config import); attempt ${attempt + 1} of ${ATTEMPTS}`)
  }
  console.error(`[payload] giving up after ${ATTEMPTS} attempts`)
  process.exit(1)
}
