import { describe, expect, it } from 'vitest'

import {
  callClock,
  clockOffsetMs,
  connectionQuality,
  formatClock,
  isPolite,
  joinOutcome,
  lossBetween,
  offerCollision,
  roomRetryDelayMs,
  summaryStatus,
  type SummaryFacts,
} from '@/domain/callPage'

describe('call page: the server clock', () => {
  it('takes the middle of the round trip', () => {
    expect(clockOffsetMs('2026-01-01T00:00:10.000Z', Date.parse('2026-01-01T00:00:00.400Z'), Date.parse('2026-01-01T00:00:00.000Z'))).toBe(9_800)
    expect(clockOffsetMs('nonsense', 5)).toBe(0)
  })
})

describe('call page: the join answer', () => {
  it('maps statuses and codes to stages', () => {
    expect(joinOutcome(200, null)).toEqual({ stage: 'ready' })
    expect(joinOutcome(401, 'UNAUTHORIZED')).toEqual({ stage: 'login' })
    expect(joinOutcome(403, 'CALL_NOT_OPEN', { opensAt: '2026-01-01T10:00:00.000Z' })).toEqual({ stage: 'countdown', opensAt: '2026-01-01T10:00:00.000Z' })
    expect(joinOutcome(403, 'CALL_ENDED')).toEqual({ stage: 'ended' })
    expect(joinOutcome(403, 'FORBIDDEN')).toEqual({ stage: 'forbidden' })
    expect(joinOutcome(404, 'NOT_FOUND')).toEqual({ stage: 'unknown' })
    expect(joinOutcome(409, 'BOOKING_NOT_CONFIRMED')).toEqual({ stage: 'notConfirmed' })
    expect(joinOutcome(503, 'ROOM_NOT_READY', { retryAfterSeconds: 5 })).toEqual({ stage: 'preparing', retryAfterSeconds: 5 })
    expect(joinOutcome(0, 'NETWORK')).toEqual({ stage: 'preparing', retryAfterSeconds: null })
    expect(joinOutcome(500, 'INTERNAL')).toEqual({ stage: 'error' })
  })

  it('backs off while the room is prepared, honouring Retry-After, capped at 30 s', () => {
    expect([0, 1, 2, 3, 10].map((a) => roomRetryDelayMs(a, null))).toEqual([2_000, 4_000, 8_000, 16_000, 30_000])
    expect(roomRetryDelayMs(0, 5)).toBe(5_000)
    expect(roomRetryDelayMs(3, 5)).toBe(16_000)
    expect(roomRetryDelayMs(0, 120)).toBe(30_000)
  })
})

describe('call page: time in the call', () => {
  const startsAt = '2026-01-01T10:00:00.000Z'
  const endsAt = '2026-01-01T10:30:00.000Z'
  it('counts elapsed from the start and warns 2 minutes before the end', () => {
    expect(callClock(Date.parse('2026-01-01T09:50:00.000Z'), startsAt, endsAt)).toEqual({ elapsedMs: 0, remainingMs: 40 * 60_000, warn: false, over: false })
    expect(callClock(Date.parse('2026-01-01T10:28:30.000Z'), startsAt, endsAt)).toMatchObject({ warn: true, over: false, remainingMs: 90_000 })
    expect(callClock(Date.parse('2026-01-01T10:31:00.000Z'), startsAt, endsAt)).toMatchObject({ warn: false, over: true, remainingMs: 0 })
  })
  it('formats as m:ss or h:mm:ss', () => {
    expect(formatClock(247_000)).toBe('4:07')
    expect(formatClock(3_909_000)).toBe('1:05:09')
    expect(formatClock(-5)).toBe('0:00')
  })
})

describe('call page: perfect negotiation', () => {
  it('makes the creator polite and the fan impolite', () => {
    expect(isPolite('creator')).toBe(true)
    expect(isPolite('fan')).toBe(false)
  })
  it('sees a collision for an offer while making one or not stable, never for an answer', () => {
    expect(offerCollision('offer', true, 'stable')).toBe(true)
    expect(offerCollision('offer', false, 'have-local-offer')).toBe(true)
    expect(offerCollision('offer', false, 'stable')).toBe(false)
    expect(offerCollision('answer', true, 'have-local-offer')).toBe(false)
  })
})

describe('call page: connection quality', () => {
  it('grades round trip and loss', () => {
    expect(connectionQuality({ rttMs: null, lossRatio: null })).toBe('unknown')
    expect(connectionQuality({ rttMs: 40, lossRatio: 0 })).toBe('good')
    expect(connectionQuality({ rttMs: 300, lossRatio: 0 })).toBe('fair')
    expect(connectionQuality({ rttMs: 40, lossRatio: 0.05 })).toBe('fair')
    expect(connectionQuality({ rttMs: 40, lossRatio: 0.2 })).toBe('poor')
    expect(connectionQuality({ rttMs: 900, lossRatio: null })).toBe('poor')
  })
  it('measures loss between two samples', () => {
    expect(lossBetween(null, { received: 90, lost: 10 })).toBe(0.1)
    expect(lossBetween({ received: 90, lost: 10 }, { received: 190, lost: 10 })).toBe(0)
    expect(lossBetween({ received: 90, lost: 10 }, { received: 90, lost: 10 })).toBeNull()
  })
})

describe('call page: the summary status', () => {
  const base: SummaryFacts = {
    outcome: null,
    bookingStatus: 'confirmed',
    scheduledEndsAt: '2026-01-01T10:30:00.000Z',
    fanJoined: true,
    creatorJoined: true,
    endedAt: null,
    serverNow: '2026-01-01T10:31:00.000Z',
  }
  it('follows the completion job once it decided', () => {
    expect(summaryStatus({ ...base, outcome: 'completed' })).toBe('completed')
    expect(summaryStatus({ ...base, outcome: 'creator_no_show' })).toBe('no_show')
    expect(summaryStatus({ ...base, bookingStatus: 'cancelled' })).toBe('cancelled')
  })
  it('before the job: completed, interrupted, no-show or in progress', () => {
    expect(summaryStatus(base)).toBe('completed')
    expect(summaryStatus({ ...base, endedAt: '2026-01-01T10:29:45.000Z' })).toBe('completed')
    expect(summaryStatus({ ...base, endedAt: '2026-01-01T10:10:00.000Z' })).toBe('interrupted')
    expect(summaryStatus({ ...base, creatorJoined: false })).toBe('no_show')
    expect(summaryStatus({ ...base, serverNow: '2026-01-01T10:20:00.000Z' })).toBe('in_progress')
    expect(summaryStatus({ ...base, creatorJoined: false, serverNow: '2026-01-01T10:20:00.000Z' })).toBe('in_progress')
  })
})
