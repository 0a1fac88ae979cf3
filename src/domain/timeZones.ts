/**
 * The time-zone picker's choices (issue 12): canonical IANA zones (as `Intl.supportedValuesOf`
 * gives them) grouped by region, without legacy aliases (US/Eastern, Etc/GMT+5, single words
 * like "Cuba"), UTC kept; the person's current zone first, even when it is one of those aliases.
 */
export const TIME_ZONE_REGIONS = ['Africa', 'America', 'Antarctica', 'Arctic', 'Asia', 'Atlantic', 'Australia', 'Europe', 'Indian', 'Pacific'] as const
export type TimeZoneRegion = (typeof TIME_ZONE_REGIONS)[number]

export type ZoneChoice = { value: string; label: string; offset: string }
export type ZoneGroup = { region: TimeZoneRegion | 'UTC'; zones: ZoneChoice[] }
export type ZoneChoices = { current: ZoneChoice | null; groups: ZoneGroup[] }

const REGION_OF = new RegExp(`^(${TIME_ZONE_REGIONS.join('|')})/[A-Z]`)

/** A canonical zone of a region ("Europe/Paris", "America/Argentina/Salta") or UTC. */
export const isPickableZone = (zone: string): boolean => zone === 'UTC' || REGION_OF.test(zone)

/** "UTC+01:00" at `at` (offsets move with daylight saving time). */
export const zoneOffset = (zone: string, at: Date): string => {
  try {
    const name = new Intl.DateTimeFormat('en-GB', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT'
    return name === 'GMT' ? 'UTC+00:00' : name.replace('GMT', 'UTC')
  } catch {
    return ''
  }
}

/** "America/Argentina/Buenos_Aires" → "Argentina – Buenos Aires" (the region is the group's). */
export const zoneLabel = (zone: string): string => (zone === 'UTC' ? 'UTC' : zone.split('/').slice(zone.includes('/') ? 1 : 0).join(' – ').replace(/_/g, ' '))

const choice = (zone: string, at: Date): ZoneChoice => ({ value: zone, label: zoneLabel(zone), offset: zoneOffset(zone, at) })

export const timeZoneChoices = (all: readonly string[], current: string | null, at: Date): ZoneChoices => {
  const groups = new Map<ZoneGroup['region'], ZoneChoice[]>()
  for (const zone of [...new Set([...all, 'UTC'])].filter(isPickableZone)) {
    if (zone === current) continue
    const region = zone === 'UTC' ? 'UTC' : (zone.split('/')[0] as TimeZoneRegion)
    groups.set(region, [...(groups.get(region) ?? []), choice(zone, at)])
  }
  const order: ZoneGroup['region'][] = ['UTC', ...TIME_ZONE_REGIONS]
  return {
    current: current ? { ...choice(current, at), label: current.replace(/_/g, ' ') } : null,
    groups: order.filter((r) => groups.has(r)).map((region) => ({ region, zones: groups.get(region)!.sort((a, b) => a.label.localeCompare(b.label, 'en')) })),
  }
}

/** Case- and accent-insensitive match of a search on a zone's name and offset ("sao" finds São Paulo, "+05:30" finds Kolkata). */
export const zoneMatches = (z: ZoneChoice, search: string): boolean => {
  const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[_/–-]+/g, ' ')
  const q = fold(search.trim())
  return !q || fold(`${z.value} ${z.label} ${z.offset}`).includes(q)
}
