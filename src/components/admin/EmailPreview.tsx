'use client'
import { useFormFields, useTranslation } from '@payloadcms/ui'
import React from 'react'

import { localeOf } from '@/i18n/locale'
import { EMAIL_LOG } from '@/messages/panel'

/** Shows the stored email as the recipient would see it (sandboxed: no scripts, no same-origin). */
export const EmailPreview: React.FC = () => {
  const html = useFormFields(([fields]) => fields.html?.value as string | undefined)
  const t = EMAIL_LOG[localeOf(useTranslation().i18n.language)]
  if (!html) return null
  return (
    <div style={{ marginBottom: 24 }}>
      <p style={{ fontWeight: 600, marginBottom: 8 }}>{t.preview}</p>
      <iframe title={t.previewTitle} sandbox="" srcDoc={html} style={{ width: '100%', height: 520, border: '1px solid var(--theme-elevation-150)', borderRadius: 4, background: '#fff' }} />
    </div>
  )
}
