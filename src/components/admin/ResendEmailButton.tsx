'use client'
import { Button, toast, useDocumentInfo } from '@payloadcms/ui'
import React, { useState } from 'react'

/** "Resend" on an email log: asks first, then calls the admin-only endpoint and reports the outcome. */
export const ResendEmailButton: React.FC = () => {
  const { id } = useDocumentInfo()
  const [busy, setBusy] = useState(false)
  if (!id) return null
  const onClick = async () => {
    if (!window.confirm('Send this email again to its recipient?')) return
    setBusy(true)
    try {
      const res = await fetch(`/api/email-logs/${id}/resend`, { method: 'POST', credentials: 'include' })
      const body = (await res.json()) as { message?: string; errors?: { message: string }[] }
      if (res.ok) toast.success(body.message ?? 'Queued')
      else toast.error(body.errors?.[0]?.message ?? 'Could not resend this email.')
    } catch {
      toast.error('Network error: the email was not resent.')
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button buttonStyle="secondary" size="medium" disabled={busy} onClick={onClick}>
      {busy ? 'Resending…' : 'Resend'}
    </Button>
  )
}
