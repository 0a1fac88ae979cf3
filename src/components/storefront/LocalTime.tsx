'use client'

import React, { useEffect, useState } from 'react'

import type { Locale } from '@/i18n'
import { formatDateTime, validTimeZone } from '@/i18n/format'

/**
 * A date in the viewer's time zone: the account's when logged in (rendered on the server too),
 * otherwise the browser's (known only after hydration; UTC until then).
 */
export function LocalTime({ iso, locale, timeZone, showZone = false }: { iso: string; locale: Locale; timeZone?: string | null; showZone?: boolean }) {
  const fixed = validTimeZone(timeZone)
  const [browserZone, setBrowserZone] = useState<string | null>(null)
  useEffect(() => {
    if (!fixed) setBrowserZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC')
  }, [fixed])
  const zone = fixed ?? browserZone ?? 'UTC'
  return (
    <time dateTime={iso} data-timezone={zone}>
      {formatDateTime(iso, { locale, timeZone: zone })}
      {showZone ? <span className="tz"> ({zone.replace(/_/g, ' ')})</span> : null}
    </time>
  )
}
