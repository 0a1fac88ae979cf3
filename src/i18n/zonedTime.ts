/**
 * Wall-clock times in a named time zone, for date pickers that only know the browser's zone: the
 * offer start is picked as the creator's wall time (their profile's zone) and stored as the UTC
 * instant it means. Plain Intl, no library.
 */

/** A wall-clock time: month 1–12, hour 0–23. */
export type WallTime = { year: number; month: number; day: number; hour: number; minute: number }

const partsFormats = new Map<string, Intl.DateTimeFormat>()

const partsFormat = (timeZone: string): Intl.DateTimeFormat => {
  let format = partsFormats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' })
    partsFormats.set(timeZone, format)
  }
  return format
}

/** The wall time of an instant in `timeZone` (seconds dropped). */
export const wallTimeIn = (at: Date, timeZone: string): WallTime => {
  const parts: Record<string, number> = {}
  for (const p of partsFormat(timeZone).formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value)
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute! }
}

/** Minutes the zone is ahead of UTC at an instant (Paris in winter: 60). */
const offsetMinutes = (at: Date, timeZone: string): number => {
  const w = wallTimeIn(at, timeZone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute)
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000)
}

/**
 * The instant a wall time in `timeZone` means. In the hour a spring-forward skips, the time is read
 * with the offset before the change (02:30 in Paris on the last Sunday of March is 03:30 CEST); in
 * the hour an autumn change repeats, the first (summer) occurrence is taken.
 */
export const instantOf = (wall: WallTime, timeZone: string): Date => {
  const guess = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute)
  const before = offsetMinutes(new Date(guess - 24 * 3_600_000), timeZone)
  const after = offsetMinutes(new Date(guess + 24 * 3_600_000), timeZone)
  const candidates = [...new Set([before, after])].map((o) => guess - o * 60_000).filter((t) => {
    const w = wallTimeIn(new Date(t), timeZone)
    return w.year === wall.year && w.month === wall.month && w.day === wall.day && w.hour === wall.hour && w.minute === wall.minute
  })
  if (candidates.length) return new Date(Math.min(...candidates))
  return new Date(guess - before * 60_000)
}

/** A browser-local Date showing `at`'s wall time in `timeZone` (what a date picker should display). */
export const pickerDateOf = (at: Date, timeZone: string): Date => {
  const w = wallTimeIn(at, timeZone)
  return new Date(w.year, w.month - 1, w.day, w.hour, w.minute)
}

/** The instant meant by a browser-local Date from a date picker, read as a wall time in `timeZone`. */
export const instantFromPicker = (picked: Date, timeZone: string): Date =>
  instantOf({ year: picked.getFullYear(), month: picked.getMonth() + 1, day: picked.getDate(), hour: picked.getHours(), minute: picked.getMinutes() }, timeZone)
