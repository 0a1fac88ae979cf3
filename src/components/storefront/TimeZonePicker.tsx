'use client'

import React, { useId, useMemo, useState } from 'react'

import { zoneMatches, type ZoneChoice, type ZoneChoices } from '@/domain/timeZones'
import { t, type Locale, type MessageKey } from '@/i18n'

const option = (z: ZoneChoice) => (
  <option key={z.value} value={z.value}>
    {z.offset ? `${z.label} (${z.offset})` : z.label}
  </option>
)

/**
 * The time-zone field: canonical zones grouped by region, the person's current one first, and a
 * search that narrows the list (city, region or offset). Choices and offsets come from the server,
 * so the first render is the same on both sides.
 */
export function TimeZonePicker({ locale, name, choices, invalid }: { locale: Locale; name: string; choices: ZoneChoices; invalid?: React.HTMLAttributes<HTMLSelectElement> }) {
  const id = useId()
  const [search, setSearch] = useState('')
  const [value, setValue] = useState(choices.current?.value ?? 'UTC')
  const groups = useMemo(
    () => choices.groups.map((g) => ({ ...g, zones: g.zones.filter((z) => z.value === value || zoneMatches(z, search)) })).filter((g) => g.zones.length),
    [choices.groups, search, value],
  )
  const count = groups.reduce((n, g) => n + g.zones.length, 0)
  return (
    <div className="tz-picker">
      <label htmlFor={`${id}-zone`}>{t(locale, 'settings.timezone')}</label>
      <input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder={t(locale, 'tz.search')}
        aria-label={t(locale, 'tz.searchLabel')}
        aria-controls={`${id}-zone`}
        aria-describedby={`${id}-count`}
        autoComplete="off"
        data-testid="timezone-search"
      />
      <select id={`${id}-zone`} name={name} value={value} onChange={(e) => setValue(e.target.value)} data-testid="settings-timezone" {...invalid}>
        {choices.current ? <optgroup label={t(locale, 'tz.current')}>{option(choices.current)}</optgroup> : null}
        {groups.map((g) => (
          <optgroup key={g.region} label={t(locale, `tz.region.${g.region}` as MessageKey)}>
            {g.zones.map(option)}
          </optgroup>
        ))}
      </select>
      <span className="hint" id={`${id}-count`} aria-live="polite">
        {search.trim() ? t(locale, count ? 'tz.found' : 'tz.none', { n: count }) : t(locale, 'tz.hint')}
      </span>
    </div>
  )
}
