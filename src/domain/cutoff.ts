/**
 * The booking cut-off (SPEC §4): an offer can be booked (and created or re-timed) only while its
 * start is at least `bookingCutoffMinutes` away. The one definition every check and query uses.
 */

/** The earliest start still bookable at `now`: queries keep offers with `starts_at >= earliestBookableStart(…)`. */
export const earliestBookableStart = (now: Date, bookingCutoffMinutes: number): Date => new Date(now.getTime() + bookingCutoffMinutes * 60_000)

/** Whether a call starting at `startsAt` is past its cut-off at `now` (too late to book it). */
export const isPastCutoff = (startsAt: Date, now: Date, bookingCutoffMinutes: number): boolean =>
  startsAt.getTime() < earliestBookableStart(now, bookingCutoffMinutes).getTime()
