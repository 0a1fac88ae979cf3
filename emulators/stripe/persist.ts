/**
 * The emulator's state kept in a file (the `stateFile` option: `npm run dev` keeps one beside its
 * database, tests keep theirs in memory). Loaded at start; saved at most every 200 ms after a change
 * and once more on close, through a temporary file renamed over the old one, so a killed process
 * leaves the previous complete file rather than half a new one.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

import { type EmulatorState, restoreState, snapshotState } from './state'
import type { StripeEmulatorControl } from './types'

const SAVE_DELAY_MS = 200

export type StateFile = {
  /** Saves within SAVE_DELAY_MS (one write for a burst of changes). */
  schedule: () => void
  /** Saves now (on close). */
  flush: () => void
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Loads `file` into the (fresh) state if it exists, then saves the state there after every change.
 * A file that cannot be read (corrupt, or written by another snapshot version) is moved aside to
 * `<file>.unreadable` and the emulator starts empty, with one warning line.
 */
export const openStateFile = (state: EmulatorState, file: string, warn: (line: string) => void = console.warn): StateFile => {
  if (existsSync(file)) {
    try {
      restoreState(state, JSON.parse(readFileSync(file, 'utf8')))
    } catch (error) {
      const aside = `${file}.unreadable`
      try {
        renameSync(file, aside)
      } catch {
        // Overwritten by the next save instead.
      }
      warn(`[stripe-emulator] could not load ${file} (${reasonOf(error)}); starting with an empty state (old file kept as ${aside})`)
    }
  }

  let timer: NodeJS.Timeout | null = null
  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = null
    try {
      mkdirSync(path.dirname(file), { recursive: true })
      const temporary = `${file}.${process.pid}.tmp`
      writeFileSync(temporary, JSON.stringify(snapshotState(state)))
      renameSync(temporary, file)
    } catch (error) {
      console.error(`[stripe-emulator] could not save ${file}: ${reasonOf(error)}`)
    }
  }
  const schedule = () => {
    if (timer || state.closed) return
    timer = setTimeout(flush, SAVE_DELAY_MS)
  }
  state.changed = schedule
  return { schedule, flush }
}

/** The control object, saving after each call (tests and scripts call it directly, not over HTTP). */
export const savingControl = (control: StripeEmulatorControl, stateFile: StateFile): StripeEmulatorControl => {
  const wrapped: Record<string, unknown> = {}
  for (const [name, operation] of Object.entries(control) as [string, (...args: unknown[]) => unknown][]) {
    wrapped[name] = (...args: unknown[]) => {
      const result = operation(...args)
      stateFile.schedule()
      return result
    }
  }
  return wrapped as StripeEmulatorControl
}
