'use client'
import { useFormFields } from '@payloadcms/ui'
import React from 'react'

/** Shows the stored email as the recipient would see it (sandboxed: no scripts, no same-origin). */
export const EmailPreview: React.FC = () => {
  const html = useFormFields(([fields]) => fields.html?.value as string | undefined)
  if (!html) return null
  return (
    <div style={{ marginBottom: 24 }}>
      <p style={{ fontWeight: 600, marginBottom: 8 }}>Preview</p>
      <iframe title="Email preview" sandbox="" srcDoc={html} style={{ width: '100%', height: 520, border: '1px solid var(--theme-elevation-150)', borderRadius: 4, background: '#fff' }} />
    </div>
  )
}
