import { describe, expect, it } from 'vitest'

import { buildIcs } from '@/domain/ics'

describe('ics', () => {
  const ics = buildIcs({
    uid: 'booking-7@callastar',
    start: new Date('2026-12-01T17:00:00Z'),
    end: new Date('2026-12-01T17:30:00Z'),
    stamp: new Date('2026-11-21T10:00:00Z'),
    summary: 'Call with Léa, songwriting; part 1',
    description: 'Join here: https://callastar.local/en/call/7 — a very long line that has to be folded because calendar files fold at seventy-five octets',
    url: 'https://callastar.local/en/call/7',
  })

  it('has the event in UTC with escaped text and CRLF line ends', () => {
    expect(ics).toContain('DTSTART:20261201T170000Z\r\n')
    expect(ics).toContain('DTEND:20261201T173000Z\r\n')
    expect(ics).toContain('SUMMARY:Call with Léa\\, songwriting\\; part 1\r\n')
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true)
  })

  it('folds lines at 75 octets', () => {
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75)
    const unfolded = ics.replace(/\r\n /g, '')
    expect(unfolded).toContain('calendar files fold at seventy-five octets')
  })
})
