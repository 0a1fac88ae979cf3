/**
 * The call page's rules (SPEC §6 phases, issue 11): the server's clock in the browser, the page's
 * stage from the join answer, perfect negotiation's collision rule, the connection quality from
 * WebRTC stats, the retry backoff while the room is prepared, and the summary's status. Pure; the
 * page's components apply them.
 */

// ---------------------------------------------------------------------------------------------
// The server's clock

/** How far the server's clock is ahead of this browser's (ms): `serverNow` read when the answer arrived. */
export const clockOffsetMs = (serverNowIso: string, receivedAtMs: number, sentAtMs: number = receivedAtMs): number => {
  const server = new Date(serverNowIso).getTime()
  if (!Number.isFinite(server)) return 0
  // The server read its clock about halfway through the round trip.
  return Math.round(server - (sentAtMs + receivedAtMs) / 2)
}

/** The server's time now, from the browser's clock and the offset. */
export const serverTime = (browserNowMs: number, offsetMs: number): number => browserNowMs + offsetMs

// ---------------------------------------------------------------------------------------------
// The page's stage from the join endpoint's answer

export type JoinOutcome =
  | { stage: 'ready' }
  | { stage: 'countdown'; opensAt: string | null }
  | { stage: 'ended' }
  | { stage: 'preparing'; retryAfterSeconds: number | null }
  | { stage: 'login' }
  | { stage: 'forbidden' }
  | { stage: 'notConfirmed' }
  | { stage: 'unknown' }
  | { stage: 'error' }

/** What the page shows after POST /api/calls/:id/join answered `status` with refusal `code`. */
export const joinOutcome = (status: number, code: string | null, extra: { opensAt?: unknown; retryAfterSeconds?: unknown } = {}): JoinOutcome => {
  if (status >= 200 && status < 300) return { stage: 'ready' }
  if (status === 401) return { stage: 'login' }
  if (status === 404) return { stage: 'unknown' }
  if (status === 409) return { stage: 'notConfirmed' }
  if (status === 403 && code === 'CALL_NOT_OPEN') return { stage: 'countdown', opensAt: typeof extra.opensAt === 'string' ? extra.opensAt : null }
  if (status === 403 && code === 'CALL_ENDED') return { stage: 'ended' }
  if (status === 403) return { stage: 'forbidden' }
  if (status === 503 || status === 502 || status === 0) {
    const after = Number(extra.retryAfterSeconds)
    return { stage: 'preparing', retryAfterSeconds: Number.isFinite(after) && after >= 0 ? after : null }
  }
  return { stage: 'error' }
}

/** Delay before asking again for a room that is not ready (attempt 0-based): Retry-After when given, else 2, 4, 8… s, at most 30 s. */
export const roomRetryDelayMs = (attempt: number, retryAfterSeconds: number | null): number => {
  const backoff = Math.min(2_000 * 2 ** Math.max(0, attempt), 30_000)
  return retryAfterSeconds === null ? backoff : Math.min(Math.max(retryAfterSeconds * 1000, backoff), 30_000)
}

// ---------------------------------------------------------------------------------------------
// Timing inside the call

/** The warning before the end is shown this long before the scheduled end. */
export const END_WARNING_MS = 2 * 60_000

export type CallClock = { elapsedMs: number; remainingMs: number; warn: boolean; over: boolean }

/** Elapsed since the scheduled start (0 before it), remaining until the scheduled end, the 2-minute warning. */
export const callClock = (serverNowMs: number, startsAt: string, endsAt: string): CallClock => {
  const start = new Date(startsAt).getTime()
  const end = new Date(endsAt).getTime()
  const remainingMs = Math.max(0, end - serverNowMs)
  return { elapsedMs: Math.max(0, serverNowMs - start), remainingMs, warn: remainingMs > 0 && remainingMs <= END_WARNING_MS, over: remainingMs === 0 }
}

/**
 * The page's own fallback: if the server's `end` never arrived (signalling cut), the page hangs up
 * this long after the scheduled end. The end is the server's; this only covers a lost message.
 */
export const CLIENT_END_FALLBACK_MS = 20_000

/** "1:05:09" / "4:07": a duration as h:mm:ss or m:ss. */
export const formatClock = (ms: number): string => {
  const total = Math.max(0, Math.floor(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}

// ---------------------------------------------------------------------------------------------
// Perfect negotiation (MDN): the creator is polite, the fan impolite

export const isPolite = (role: 'fan' | 'creator'): boolean => role === 'creator'

/** An incoming offer collides when we are making one or are not stable; the impolite side ignores it. */
export const offerCollision = (type: string, makingOffer: boolean, signalingState: string): boolean =>
  type === 'offer' && (makingOffer || signalingState !== 'stable')

/** After a few seconds `disconnected`, the ICE connection is restarted (before `failed`, which takes ~30 s). */
export const ICE_DISCONNECTED_RESTART_MS = 4_000

// ---------------------------------------------------------------------------------------------
// Connection quality from getStats

export type Quality = 'good' | 'fair' | 'poor' | 'unknown'

/** Round-trip time (candidate pair, ms) and the packet loss since the last sample (0..1). */
export const connectionQuality = (s: { rttMs: number | null; lossRatio: number | null }): Quality => {
  if (s.rttMs === null && s.lossRatio === null) return 'unknown'
  const rtt = s.rttMs ?? 0
  const loss = s.lossRatio ?? 0
  if (rtt > 500 || loss > 0.08) return 'poor'
  if (rtt > 250 || loss > 0.02) return 'fair'
  return 'good'
}

/** Packet loss between two samples of (received, lost) counters; null when nothing moved. */
export const lossBetween = (before: { received: number; lost: number } | null, after: { received: number; lost: number }): number | null => {
  const received = after.received - (before?.received ?? 0)
  const lost = after.lost - (before?.lost ?? 0)
  const total = received + Math.max(0, lost)
  return total > 0 ? Math.max(0, lost) / total : null
}

// ---------------------------------------------------------------------------------------------
// The summary's status

export type SummaryFacts = {
  outcome: 'completed' | 'creator_no_show' | 'fan_no_show' | 'both_absent' | null
  bookingStatus: string
  scheduledEndsAt: string
  fanJoined: boolean
  creatorJoined: boolean
  /** When the last participant left (null: nobody left, or someone is still there). */
  endedAt: string | null
  serverNow: string
}

export type SummaryStatus = 'completed' | 'interrupted' | 'no_show' | 'in_progress' | 'cancelled'

/** How long before the scheduled end a call may end and still count as completed. */
const EARLY_END_TOLERANCE_MS = 60_000

/**
 * The status the summary shows: the completion job's outcome once decided; before it, both joined
 * and the call lasted to (about) the scheduled end → completed, ended earlier → interrupted, someone
 * never joined (after the end) → no-show, else still in progress.
 */
export const summaryStatus = (f: SummaryFacts): SummaryStatus => {
  if (f.bookingStatus === 'cancelled' || f.bookingStatus === 'expired') return 'cancelled'
  if (f.outcome) return f.outcome === 'completed' ? 'completed' : 'no_show'
  const end = new Date(f.scheduledEndsAt).getTime()
  const nowMs = new Date(f.serverNow).getTime()
  if (f.fanJoined && f.creatorJoined) {
    if (f.endedAt && new Date(f.endedAt).getTime() < end - EARLY_END_TOLERANCE_MS) return 'interrupted'
    return nowMs >= end || f.endedAt ? 'completed' : 'in_progress'
  }
  return nowMs >= end ? 'no_show' : 'in_progress'
}
