import { describe, expect, it } from 'vitest'

import { isPickableZone, timeZoneChoices, zoneMatches } from '@/domain/timeZones'

const WINTER = new Date('2026-01-15T12:00:00Z')

/** The time-zone picker (issue 12): canonical zones by region, current first, searchable. */
describe('time-zone choices', () => {
  it('keeps canonical zones and UTC, drops legacy aliases and Etc/*', () => {
    for (const zone of ['Europe/Paris', 'America/Argentina/Salta', 'Pacific/Auckland', 'UTC']) expect(isPickableZone(zone), zone).toBe(true)
    for (const zone of ['US/Eastern', 'Etc/GMT+5', 'Etc/UTC', 'Cuba', 'GMT', 'EST5EDT', 'Canada/Pacific']) expect(isPickableZone(zone), zone).toBe(false)
  })

  it('groups the platform’s zones by region with offsets, the current zone first and not repeated', () => {
    const all = Intl.supportedValuesOf('timeZone')
    const { current, groups } = timeZoneChoices(all, 'Europe/Paris', WINTER)
    expect(current).toEqual({ value: 'Europe/Paris', label: 'Europe/Paris', offset: 'UTC+01:00' })
    expect(groups.map((g) => g.region)).toEqual(['UTC', 'Africa', 'America', 'Antarctica', 'Arctic', 'Asia', 'Atlantic', 'Australia', 'Europe', 'Indian', 'Pacific'])
    const zones = groups.flatMap((g) => g.zones.map((z) => z.value))
    expect(zones).not.toContain('Europe/Paris')
    expect(zones.every(isPickableZone)).toBe(true)
    expect(new Set(zones).size).toBe(zones.length)
    const europe = groups.find((g) => g.region === 'Europe')!.zones
    expect(europe.find((z) => z.value === 'Europe/London')).toEqual({ value: 'Europe/London', label: 'London', offset: 'UTC+00:00' })
    expect(europe.map((z) => z.label)).toEqual([...europe.map((z) => z.label)].sort((a, b) => a.localeCompare(b, 'en')))
  })

  it('shows a legacy current zone first rather than losing it', () => {
    const { current, groups } = timeZoneChoices(['Europe/Paris', 'US/Eastern'], 'US/Eastern', WINTER)
    expect(current?.value).toBe('US/Eastern')
    expect(groups.flatMap((g) => g.zones.map((z) => z.value))).toEqual(['UTC', 'Europe/Paris'])
  })

  it('finds zones by city without accents or underscores, and by offset', () => {
    const { groups } = timeZoneChoices(Intl.supportedValuesOf('timeZone'), null, WINTER)
    const found = (q: string) => groups.flatMap((g) => g.zones).filter((z) => zoneMatches(z, q)).map((z) => z.value)
    expect(found('sao paulo')).toEqual(['America/Sao_Paulo'])
    expect(found('new york')).toEqual(['America/New_York'])
    expect(found('+05:30').length).toBeGreaterThan(0)
  })
})
