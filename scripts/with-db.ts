/**
 * `tsx scripts/with-db.ts <command…>` — runs a command with DATABASE_URL pointing at the dev
 * database (the embedded one, started for the command, when DATABASE_URL is unset).
 * Used for `npm run migrate:create` and other payload CLI commands.
 */
import { spawnSync } from 'node:child_process'

import { devDatabase } from './lib/dev-env'

const args = process.argv.slice(2)
if (!args.length) {
  console.error('usage: tsx scripts/with-db.ts <command> [args…]')
  process.exit(2)
}
const db = await devDatabase()
// The payload CLI goes through scripts/payload.mjs (it keeps Node 20 from exiting while the config loads).
const [command, ...rest] = args[0] === 'payload' ? ['node', 'scripts/payload.mjs', ...args.slice(1)] : args
const result = spawnSync(command, rest, {
  stdio: 'inherit',
  env: { ...process.env, DATABASE_URL: db.url, NODE_OPTIONS: '--no-deprecation' },
})
await db.stop()
process.exit(result.status ?? 1)
