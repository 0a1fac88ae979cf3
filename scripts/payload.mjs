#!/usr/bin/env node
/**
 * `node scripts/payload.mjs <command>` — Payload's CLI (`payload/bin.js`), kept alive while it loads.
 *
 * Under Node 20 the CLI loads payload.config.ts through tsx's off-thread module hooks
 * (`module.register`). While the main thread waits for that worker nothing holds its event loop,
 * and Node sometimes exits — code 0 or 13 — before the command has run (seen 2 in 12 runs of
 * `payload migrate`). A timer holds the loop open; the CLI ends every command with process.exit,
 * so it never keeps the process alive afterwards.
 */
import path from 'node:path'
import { pathToFileURL } from 'node:url'

setInterval(() => {}, 1 << 30)
await import(pathToFileURL(path.resolve(import.meta.dirname, '../node_modules/payload/bin.js')).href)
