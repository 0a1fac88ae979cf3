'use client'
import { Button, ConfirmationModal, toast, useModal, useTranslation } from '@payloadcms/ui'
import React, { useState } from 'react'

import { localeOf } from '@/i18n/locale'
import { BOOKING_ACTIONS } from '@/messages/creatorPanel'

const MODAL = 'booking-cancel'

/** "Cancel the booking…": the policy stated, a reason for the fan, confirmed in the panel's modal. */
export const BookingCancel: React.FC<{ bookingId: number; policy: string }> = ({ bookingId, policy }) => {
  const { i18n } = useTranslation()
  const t = BOOKING_ACTIONS[localeOf(i18n.language)]
  const { openModal } = useModal()
  const [reason, setReason] = useState('')
  const [problem, setProblem] = useState<string | null>(null)

  const cancel = async () => {
    if (!reason.trim()) {
      setProblem(t.reasonMissing)
      // The modal closes after confirming; open it again with the problem shown under the field.
      setTimeout(() => openModal(MODAL), 0)
      return
    }
    try {
      const res = await fetch(`/api/bookings/${bookingId}/cancel`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ reason: reason.trim() }),
      })
      if (res.ok) {
        toast.success(t.cancelled)
        window.location.reload()
        return
      }
      const body = (await res.json().catch(() => ({}))) as { errors?: { message?: string; code?: string }[] }
      const code = body.errors?.[0]?.code
      toast.error((code && t.refusals[code]) || body.errors?.[0]?.message || t.failed)
    } catch {
      toast.error(t.network)
    }
  }

  return (
    <div data-testid="booking-cancel">
      <p data-testid="booking-cancel-policy" style={{ margin: '0 0 8px', opacity: 0.8 }}>
        {policy}
      </p>
      <Button buttonStyle="secondary" size="medium" margin={false} onClick={() => openModal(MODAL)} id="booking-cancel-open">
        {t.cancel}
      </Button>
      <ConfirmationModal
        modalSlug={MODAL}
        heading={t.cancelHeading}
        cancelLabel={t.keep}
        confirmLabel={t.confirm}
        confirmingLabel={t.confirming}
        onConfirm={cancel}
        onCancel={() => setProblem(null)}
        body={
          <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
            <p style={{ margin: 0 }}>{policy}</p>
            <label htmlFor="booking-cancel-reason">{t.reason}</label>
            <textarea
              id="booking-cancel-reason"
              data-testid="booking-cancel-reason"
              maxLength={1000}
              rows={3}
              value={reason}
              aria-invalid={problem ? true : undefined}
              onChange={(e) => {
                setReason(e.target.value)
                setProblem(null)
              }}
              style={{ width: '100%', font: 'inherit', padding: 8, borderRadius: 4, border: '1px solid var(--theme-elevation-250)', background: 'var(--theme-input-bg)', color: 'inherit' }}
            />
            {problem ? (
              <p role="alert" style={{ margin: 0, color: 'var(--theme-error-500)' }}>
                {problem}
              </p>
            ) : null}
          </div>
        }
      />
    </div>
  )
}
