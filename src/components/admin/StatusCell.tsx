'use client'
import { getTranslation } from '@payloadcms/translations'
import { FieldLabel, SelectField, useField, useTranslation } from '@payloadcms/ui'
import type { DefaultCellComponentProps, SelectFieldClientComponent, SelectFieldClientProps } from 'payload'
import React from 'react'

import { statusTone, type StatusTone } from '@/domain/statusTone'

/** Colours by meaning, readable on Payload's light and dark themes (text on a tinted background). */
const TONE_STYLE: Record<StatusTone, React.CSSProperties> = {
  done: { background: 'rgba(22, 163, 74, 0.14)', color: 'var(--color-success-750, #166534)', borderColor: 'rgba(22, 163, 74, 0.45)' },
  waiting: { background: 'rgba(217, 119, 6, 0.14)', color: 'var(--color-warning-750, #92400e)', borderColor: 'rgba(217, 119, 6, 0.45)' },
  failed: { background: 'rgba(220, 38, 38, 0.12)', color: 'var(--color-error-750, #991b1b)', borderColor: 'rgba(220, 38, 38, 0.45)' },
  cancelled: { background: 'rgba(107, 114, 128, 0.14)', color: 'var(--theme-elevation-650, #4b5563)', borderColor: 'rgba(107, 114, 128, 0.4)' },
  open: { background: 'rgba(37, 99, 235, 0.12)', color: 'var(--color-blue-750, #1e40af)', borderColor: 'rgba(37, 99, 235, 0.4)' },
}

type Option = { label?: unknown; value: string } | string

/** "requires_payment" → "Requires payment": a word, while an option has no label of its own. */
const humanize = (value: string): string => {
  const words = value.replace(/_/g, ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

/** The option's label in the viewer's language ("Payé" / "Paid"); a label that is just the value reads as words. */
const useStatusLabel = (options: readonly Option[] | undefined) => {
  const { i18n } = useTranslation()
  return (value: string): string => {
    const option = (options ?? []).find((o) => (typeof o === 'string' ? o : o.value) === value)
    const text: unknown = option && typeof option !== 'string' ? getTranslation(option.label as Parameters<typeof getTranslation>[0], i18n) : undefined
    return typeof text === 'string' && text && text !== value ? text : humanize(value)
  }
}

/** One status as a coloured word; `data-status` and `data-tone` let tests and styles find it. */
export const StatusBadge: React.FC<{ value: string; label: string }> = ({ value, label }) => (
  <span
    data-status={value}
    data-tone={statusTone(value)}
    style={{
      ...TONE_STYLE[statusTone(value)],
      display: 'inline-block',
      padding: '1px 8px',
      border: '1px solid',
      borderRadius: 999,
      fontSize: '0.85em',
      lineHeight: 1.6,
      whiteSpace: 'nowrap',
    }}
  >
    {label}
  </span>
)

/** List cell of a status select: the translated option label in its colour. */
export const StatusCell: React.FC<DefaultCellComponentProps> = ({ cellData, field }) => {
  const labelOf = useStatusLabel((field as { options?: Option[] }).options)
  if (typeof cellData !== 'string' || !cellData) return <span>—</span>
  return <StatusBadge value={cellData} label={labelOf(cellData)} />
}

/** Read-only status in the edit view (sidebar): the same badge under the field's label; editable selects stay Payload's. */
export const StatusField: SelectFieldClientComponent = (props: SelectFieldClientProps) => {
  const { field, path, readOnly } = props
  const { value } = useField<string>({ path: path ?? field.name })
  const labelOf = useStatusLabel(field.options as Option[])
  if (!readOnly && !field.admin?.readOnly) return <SelectField {...props} />
  return (
    <div className="field-type" id={`field-${(path ?? field.name).replace(/\./g, '__')}`} style={{ marginBottom: 'var(--spacing-field, 1rem)' }}>
      <FieldLabel label={field.label} path={path} />
      <div>{value ? <StatusBadge value={value} label={labelOf(value)} /> : '—'}</div>
    </div>
  )
}
