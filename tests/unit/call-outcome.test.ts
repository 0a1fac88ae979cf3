/** Attendance from provider presence events, the call's outcome (SPEC §5, §6) and which reminder is due. */
import { describe, expect, it } from 'vitest'

import { attendanceFromEvents, callOutcome, dueReminder, type PresenceEvent } from '@/domain/calls'

const START = new Date('2026-12-01T17:00:00Z')
const END = new Date('2026-12-01T17:30:00Z')
const at = (minutes: number) => new Date(START.getTime() + minutes * 60_000)
const ev = (type: PresenceEvent['type'], minutes: number, sessionId?: string): PresenceEvent => ({ type, at: at(minutes), role: 'fan', sessionId })

describe('attendanceFromEvents', () => {
  it('is null for someone who never joined (a leave alone is not a join)', () => {
    expect(attendanceFromEvents([], END)).toBeNull()
    expect(attendanceFromEvents([ev('left', 3)], END)).toBeNull()
  })

  it('counts from a join before the window opened', () => {
    const a = attendanceFromEvents([ev('joined', -20), ev('left', 10)], END)!
    expect(a.firstJoinedAt).toEqual(at(-20))
    expect(a.lastLeftAt).toEqual(at(10))
    expect(a.seconds).toBe(30 * 60)
  })

  it('adds up a leave and a rejoin, without the time away', () => {
    const a = attendanceFromEvents([ev('joined', 0), ev('left', 5), ev('joined', 8), ev('left', 20)], END)!
    expect(a.seconds).toBe((5 + 12) * 60)
    expect(a.lastLeftAt).toEqual(at(20))
  })

  it('counts someone who never left until the scheduled end, and nothing past it', () => {
    const a = attendanceFromEvents([ev('joined', 2)], END)!
    expect(a.lastLeftAt).toBeNull()
    expect(a.seconds).toBe(28 * 60)
    expect(attendanceFromEvents([ev('joined', 2), ev('left', 45)], END)!.seconds).toBe(28 * 60)
  })

  it('counts overlapping sessions (two tabs) once, and pairs leaves with their own session', () => {
    const a = attendanceFromEvents([ev('joined', 0, 's1'), ev('joined', 5, 's2'), ev('left', 10, 's1'), ev('left', 15, 's2')], END)!
    expect(a.seconds).toBe(15 * 60)
    // A stray leave of another session does not close this one: still there at the end.
    expect(attendanceFromEvents([ev('joined', 0, 's1'), ev('left', 10, 's9')], END)!.seconds).toBe(30 * 60)
  })
})

describe('callOutcome', () => {
  const facts = (fan: number | null, creator: number | null) => ({
    startsAt: START,
    endsAt: END,
    graceMinutes: 10,
    fan: fan === null ? null : { firstJoinedAt: at(fan) },
    creator: creator === null ? null : { firstJoinedAt: at(creator) },
  })

  it('both present → completed; one absent → that one’s no-show; neither → both absent', () => {
    expect(callOutcome(facts(0, 1))).toEqual({ outcome: 'completed', fanPresent: true, creatorPresent: true })
    expect(callOutcome(facts(0, null)).outcome).toBe('creator_no_show')
    expect(callOutcome(facts(null, 0)).outcome).toBe('fan_no_show')
    expect(callOutcome(facts(null, null)).outcome).toBe('both_absent')
  })

  it('a first join after start + grace is absent; at the grace limit it is present', () => {
    expect(callOutcome(facts(0, 11))).toEqual({ outcome: 'creator_no_show', fanPresent: true, creatorPresent: false })
    expect(callOutcome(facts(10, 10)).outcome).toBe('completed')
    expect(callOutcome(facts(10.5, 2)).outcome).toBe('fan_no_show')
  })

  it('a join before the window counts as present', () => {
    expect(callOutcome(facts(-20, -16)).outcome).toBe('completed')
  })
})

describe('dueReminder', () => {
  const offsets = [1440, 15]
  const HOUR = 60
  const facts = (minutesBefore: number, madeMinutesBefore: number, sent = { early: false, late: false }) => ({
    now: at(-minutesBefore),
    startsAt: START,
    madeAt: at(-madeMinutesBefore),
    offsetsMinutes: offsets,
    sent,
  })

  it('sends the 24 h reminder inside its window and the 15 min one inside its own, each once', () => {
    expect(dueReminder(facts(25 * HOUR, 48 * HOUR))).toBeNull()
    expect(dueReminder(facts(24 * HOUR, 48 * HOUR))).toBe('early')
    expect(dueReminder(facts(3 * HOUR, 48 * HOUR))).toBe('early')
    expect(dueReminder(facts(3 * HOUR, 48 * HOUR, { early: true, late: false }))).toBeNull()
    expect(dueReminder(facts(15, 48 * HOUR, { early: true, late: false }))).toBe('late')
    expect(dueReminder(facts(1, 48 * HOUR, { early: true, late: true }))).toBeNull()
  })

  it('a booking made less than 24 h ahead gets only the 15 min reminder', () => {
    expect(dueReminder(facts(2 * HOUR, 3 * HOUR))).toBeNull()
    expect(dueReminder(facts(14, 3 * HOUR))).toBe('late')
  })

  it('never after the start, and never the 24 h one once the 15 min one is due or sent', () => {
    expect(dueReminder(facts(0, 48 * HOUR))).toBeNull()
    expect(dueReminder(facts(-5, 48 * HOUR))).toBeNull()
    expect(dueReminder(facts(10, 48 * HOUR))).toBe('late')
  })
})
