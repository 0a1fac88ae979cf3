'use client'
import { Button, toast, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useState } from 'react'

import { localeOf } from '@/i18n/locale'
import { EMAIL_LOG } from '@/messages/panel'

/** "Resend" on an email log: asks first, then calls the admin-only endpoint and reports the outcome. */
export const ResendEmailButton: React.FC = () => {
  const { id } = useDocumentInfo()
  const [busy, setBusy] = useState(false)
  const t = EMAIL_LOG[localeOf(useTranslation().i18n.language)]
  if (!id) return null
  const onClick = async () => {
    if (!window.confirm(t.confirmResend)) return
    setBusy(true)
    try {
      const res = await fetch(`/api/email-logs/${id}/resend`, { method: 'POST', credentials: 'include' })
      const body = (await res.json()) as { message?: string; errors?: { message: string }[] }
      if (res.ok) toast.success(t.queued)
      else toast.error(body.errors?.[0]?.message ?? t.failed)
    } catch {
      toast.error(t.network)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button buttonStyle="secondary" size="medium" disabled={busy} onClick={onClick}>
      {busy ? t.resending : t.resend}
    </Button>
  )
}
