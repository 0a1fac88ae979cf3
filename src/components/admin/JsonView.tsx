'use client'
import { FieldDescription, FieldLabel, fieldBaseClass, useField, useTranslation } from '@payloadcms/ui'
import { getTranslation } from '@payloadcms/translations'
import type { JSONFieldClientProps } from 'payload'
import React from 'react'

import { localeOf } from '@/i18n/locale'
import { formatJson } from '@/lib/json'
import { JSON_VIEW } from '@/messages/panel'

const preStyle: React.CSSProperties = {
  margin: 0,
  padding: '12px 14px',
  maxHeight: 480,
  overflow: 'auto',
  background: 'var(--theme-elevation-50)',
  border: '1px solid var(--theme-elevation-150)',
  borderRadius: 'var(--style-radius-s, 4px)',
  fontFamily: 'var(--font-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace)',
  fontSize: 13,
  lineHeight: 1.5,
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
}

/**
 * Every `json` field of the panel (log metadata, webhook payloads, job counts…): a read-only,
 * indented view drawn here. Payload's own JSON field loads its code editor from a CDN and stays
 * blank offline. The block takes the keyboard focus so long values scroll with the arrow keys.
 */
export const JsonView: React.FC<JSONFieldClientProps> = ({ field, path: pathFromProps }) => {
  const { i18n } = useTranslation()
  const t = JSON_VIEW[localeOf(i18n.language)]
  const { value, path } = useField<unknown>({ potentiallyStalePath: pathFromProps })
  const text = formatJson(value)
  const label = field.label ? getTranslation(field.label, i18n) : field.name
  return (
    <div className={`${fieldBaseClass} json-view`} data-testid={`json-view-${path}`}>
      <FieldLabel label={field.label} path={path} />
      {text === null ? (
        <p style={{ margin: 0, color: 'var(--theme-elevation-500)' }}>{t.empty}</p>
      ) : (
        <pre tabIndex={0} role="region" aria-label={label} style={preStyle}>
          {text}
        </pre>
      )}
      <FieldDescription description={field.admin?.description} path={path} />
    </div>
  )
}
