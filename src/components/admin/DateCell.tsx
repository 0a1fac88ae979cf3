'use client'
import { DateTimeField, FieldLabel, useAuth, useField, useTranslation } from '@payloadcms/ui'
import type { DateFieldClientComponent, DateFieldClientProps, DefaultCellComponentProps } from 'payload'
import React, { useEffect, useState } from 'react'

import { dateFormat, validTimeZone } from '@/i18n/format'
import { localeOf } from '@/i18n/locale'

const PANEL_DATE_TIME: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }

/**
 * The viewer's time zone: the logged-in user's `timezone`, else the browser's (read after mount, so
 * the server's render and the browser's first render agree), else UTC.
 */
export const useViewerTimeZone = (): string => {
  const { user } = useAuth()
  const own = validTimeZone((user as { timezone?: string } | null)?.timezone)
  const [browser, setBrowser] = useState<string | null>(null)
  useEffect(() => {
    if (!own) setBrowser(validTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone))
  }, [own])
  return own ?? browser ?? 'UTC'
}

/** "2 Dec 2026, 17:00 (Europe/Paris)" / "2 déc. 2026, 17:00 (Europe/Paris)" in the viewer's zone and language. */
export const usePanelDateTime = () => {
  const { i18n } = useTranslation()
  const timeZone = useViewerTimeZone()
  const locale = localeOf(i18n.language)
  return (value: unknown): string | null => {
    if (typeof value !== 'string' && !(value instanceof Date)) return null
    const at = new Date(value)
    if (Number.isNaN(at.getTime())) return null
    return `${dateFormat(locale, timeZone, PANEL_DATE_TIME).format(at)} (${timeZone})`
  }
}

/** List cell of a date field: the time in the viewer's zone, the zone named. */
export const DateCell: React.FC<DefaultCellComponentProps> = ({ cellData }) => {
  const format = usePanelDateTime()
  const text = format(cellData)
  return text ? <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{text}</span> : <span>—</span>
}

/** A read-only date in the edit view, as text in the viewer's zone; an editable one stays Payload's picker. */
export const DateField: DateFieldClientComponent = (props: DateFieldClientProps) => {
  const { field, path, readOnly } = props
  const { value } = useField<string>({ path: path ?? field.name })
  const format = usePanelDateTime()
  if (!readOnly && !field.admin?.readOnly) return <DateTimeField {...props} />
  return (
    <div className="field-type" style={{ marginBottom: 'var(--spacing-field, 1rem)' }}>
      <FieldLabel label={field.label} path={path} />
      <div data-date-display>{format(value) ?? '—'}</div>
    </div>
  )
}
