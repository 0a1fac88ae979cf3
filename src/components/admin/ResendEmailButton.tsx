'use client'
import { Button, ConfirmationModal, toast, useDocumentInfo, useModal, useTranslation } from '@payloadcms/ui'
import React, { useState } from 'react'

import { localeOf } from '@/i18n/locale'
import { EMAIL_LOG } from '@/messages/panel'

const MODAL = 'resend-email'

/** "Resend" on an email log: asks first in the panel's modal, then calls the admin-only endpoint and reports the outcome. */
export const ResendEmailButton: React.FC = () => {
  const { id } = useDocumentInfo()
  const { openModal } = useModal()
  const [busy, setBusy] = useState(false)
  const t = EMAIL_LOG[localeOf(useTranslation().i18n.language)]
  if (!id) return null
  const resend = async () => {
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
    <>
      <Button buttonStyle="secondary" size="medium" disabled={busy} onClick={() => openModal(MODAL)}>
        {busy ? t.resending : t.resend}
      </Button>
      <ConfirmationModal
        modalSlug={MODAL}
        heading={t.resendHeading}
        body={t.confirmResend}
        confirmLabel={t.resend}
        confirmingLabel={t.resending}
        cancelLabel={t.cancel}
        onConfirm={resend}
      />
    </>
  )
}
