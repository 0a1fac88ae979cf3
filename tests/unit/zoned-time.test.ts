import { describe, expect, it } from 'vitest'

import { instantFromPicker, instantOf, pickerDateOf, wallTimeIn } from '@/i18n/zonedTime'

describe('wall times in a named zone (the offer start picker)', () => {
  it('14:05 in Europe/Paris is 13:05Z in winter and 12:05Z in summer', () => {
    expect(instantOf({ year: 2026, month: 12, day: 3, hour: 14, minute: 5 }, 'Europe/Paris').toISOString()).toBe('2026-12-03T13:05:00.000Z')
    expect(instantOf({ year: 2026, month: 7, day: 3, hour: 14, minute: 5 }, 'Europe/Paris').toISOString()).toBe('2026-07-03T12:05:00.000Z')
    expect(instantOf({ year: 2026, month: 12, day: 3, hour: 14, minute: 5 }, 'America/New_York').toISOString()).toBe('2026-12-03T19:05:00.000Z')
    expect(instantOf({ year: 2026, month: 12, day: 3, hour: 14, minute: 5 }, 'Asia/Kolkata').toISOString()).toBe('2026-12-03T08:35:00.000Z')
  })

  it('reads back the wall time it was given, for every quarter hour of a year in several zones', () => {
    for (const zone of ['Europe/Paris', 'America/Los_Angeles', 'Australia/Lord_Howe', 'UTC']) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 15 * 60_000 * 97) {
        const wall = wallTimeIn(new Date(t), zone)
        expect(wallTimeIn(instantOf(wall, zone), zone)).toEqual(wall)
      }
    }
  })

  it('a skipped spring-forward time moves forward; a repeated autumn time is its first occurrence', () => {
    expect(instantOf({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z')
    expect(instantOf({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z')
  })

  it('the picker shows the zone’s wall time whatever the browser’s zone, and gives back the same instant', () => {
    const at = new Date('2026-12-03T13:05:00.000Z')
    const shown = pickerDateOf(at, 'Europe/Paris')
    expect([shown.getHours(), shown.getMinutes(), shown.getDate()]).toEqual([14, 5, 3])
    expect(instantFromPicker(shown, 'Europe/Paris').toISOString()).toBe(at.toISOString())
    expect(instantFromPicker(new Date(2026, 11, 3, 14, 5), 'Europe/Paris').toISOString()).toBe('2026-12-03T13:05:00.000Z')
  })
})
