/**
 * Calls (SPEC §6): the join window and the rules the call services decide on. Pure functions over
 * plain data (no Payload, no I/O). Owned by calls-server; other helpers add their rules in clearly
 * separate sections below.
 */

// ---------------------------------------------------------------------------------------------
// The join window (calls-server owns it; this copy keeps its semantics: opens 15 min before startsAt, closes at endsAt)

/** How long before the scheduled start the participants may join. */
export const JOIN_OPENS_MINUTES_BEFORE = 15

type Scheduled = { startsAt: Date | string; endsAt: Date | string }

/** When the booking's call may be joined: from startsAt − 15 min to the scheduled end. */
export const callWindow = (booking: Scheduled): { opensAt: Date; endsAt: Date } => ({
  opensAt: new Date(new Date(booking.startsAt).getTime() - JOIN_OPENS_MINUTES_BEFORE * 60_000),
  endsAt: new Date(booking.endsAt),
})

/** Whether `at` is inside the join window (opening instant included, end excluded). */
export const isCallOpen = (at: Date, booking: Scheduled): boolean => {
  const { opensAt, endsAt } = callWindow(booking)
  return at.getTime() >= opensAt.getTime() && at.getTime() < endsAt.getTime()
}

// ---------------------------------------------------------------------------------------------
// Signalling (calls-p2p)

/** The two sides of a call; a signal is addressed to one of them. */
export const CALL_ROLES = ['fan', 'creator'] as const
export type CallRole = (typeof CALL_ROLES)[number]

export const otherRole = (role: CallRole): CallRole => (role === 'fan' ? 'creator' : 'fan')

/** What a page may send: SDP descriptions, ICE candidates, hang-up, its media state (camera/mic). */
export const CLIENT_SIGNAL_KINDS = ['description', 'candidate', 'hangup', 'state'] as const
/** What only the server sends: the other side's presence (its signalling stream opened or closed). */
export const SERVER_SIGNAL_KINDS = ['presence'] as const
export type SignalKind = (typeof CLIENT_SIGNAL_KINDS)[number] | (typeof SERVER_SIGNAL_KINDS)[number]

/** A signal's body as JSON text is at most this long (a Chromium audio+video offer is ≈ 6 KB). */
export const MAX_SIGNAL_BYTES = 64 * 1024

/** Signals of a call are kept this long after its scheduled end, then deleted (log retention job). */
export const SIGNAL_RETENTION_MS = 24 * 3_600_000

/** Which side of the booking `userId` is on, or null when they are not a participant. */
export const roleInCall = (booking: { fanUserId: number | null; creatorUserId: number | null }, userId: number): CallRole | null =>
  booking.fanUserId === userId ? 'fan' : booking.creatorUserId === userId ? 'creator' : null

export type SignalAccess =
  | { ok: true; role: CallRole; opensAt: Date; endsAt: Date }
  | { ok: false; status: 403 | 404 | 409 | 410; code: 'NOT_FOUND' | 'FORBIDDEN' | 'BOOKING_NOT_CONFIRMED' | 'CALL_NOT_OPEN' | 'CALL_ENDED'; opensAt?: Date }

/**
 * Whether `userId` may use the booking's signalling at `at`: the booking exists (404), they are its
 * fan or creator (403), it is confirmed (409), and `at` is inside the join window (403 CALL_NOT_OPEN
 * before it, 410 CALL_ENDED from the scheduled end).
 */
export const signalAccess = (
  booking: { status: string; fanUserId: number | null; creatorUserId: number | null; startsAt: Date; endsAt: Date } | null,
  userId: number,
  at: Date,
): SignalAccess => {
  if (!booking) return { ok: false, status: 404, code: 'NOT_FOUND' }
  const role = roleInCall(booking, userId)
  if (!role) return { ok: false, status: 403, code: 'FORBIDDEN' }
  if (booking.status !== 'confirmed') return { ok: false, status: 409, code: 'BOOKING_NOT_CONFIRMED' }
  const { opensAt, endsAt } = callWindow(booking)
  if (at.getTime() < opensAt.getTime()) return { ok: false, status: 403, code: 'CALL_NOT_OPEN', opensAt }
  if (!isCallOpen(at, booking)) return { ok: false, status: 410, code: 'CALL_ENDED' }
  return { ok: true, role, opensAt, endsAt }
}

/** One Server-Sent Events message: `id:` (for Last-Event-ID), `event:` when not "message", one `data:` line per line. */
export const sseMessage = (m: { id?: number | string; event?: string; data: unknown }): string => {
  const lines: string[] = []
  if (m.id !== undefined) lines.push(`id: ${m.id}`)
  if (m.event) lines.push(`event: ${m.event}`)
  for (const line of JSON.stringify(m.data).split('\n')) lines.push(`data: ${line}`)
  return `${lines.join('\n')}\n\n`
}

/** A resume point from `Last-Event-ID` or `?lastEventId=`: a non-negative integer signal id, else null. */
export const resumeIdOf = (value: string | null | undefined): number | null => {
  if (value === null || value === undefined || !/^\d{1,18}$/.test(value.trim())) return null
  const id = Number(value.trim())
  return Number.isSafeInteger(id) ? id : null
}
