'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import type { CancellationPreview, CancellationRefusalCode } from '@/domain/cancellation'
import { t, type Locale, type MessageKey } from '@/i18n'

import { formatDateTime } from '@/i18n/format'

import { RefundRequest } from './RefundRequest'

type Policy = CancellationPreview

/** Every refusal of a cancellation in the page's language (the API's messages are English). */
const REFUSALS: Record<CancellationRefusalCode, MessageKey> = {
  CANCELLATION_WINDOW_PASSED: 'cancel.windowPassed',
  BOOKING_STARTED: 'cancel.started',
  BOOKING_NOT_CANCELLABLE: 'cancel.notCancellable',
  PAYMENT_IN_PROGRESS: 'cancel.paymentInProgress',
}

/** The same refusals when the fan can request a refund instead (no e-mail to reply to). */
const REFUSALS_WITH_REFUND_REQUEST: Partial<Record<CancellationRefusalCode, MessageKey>> = {
  CANCELLATION_WINDOW_PASSED: 'cancel.windowPassedRefund',
  BOOKING_STARTED: 'cancel.startedRefund',
}

const refusalMessage = (code: string | undefined): MessageKey | undefined =>
  code !== undefined && Object.hasOwn(REFUSALS, code) ? REFUSALS[code as CancellationRefusalCode] : undefined

/** A late or started call: no cancellation, but a refund request when those are available. */
const refundRequestFor = (code: string | undefined): MessageKey | undefined =>
  code !== undefined && Object.hasOwn(REFUSALS_WITH_REFUND_REQUEST, code) ? REFUSALS_WITH_REFUND_REQUEST[code as CancellationRefusalCode] : undefined

/**
 * "Cancel": first states the SPEC §5 policy for this booking now (free until start − 24 h with a
 * full refund; afterwards not here), then asks for a reason and a confirmation. Past the free
 * cancellation (or once the call started) it offers "Request a refund" when `refundRequests` is on
 * (`refundPending`: the fan already has a request open), else says how to reach the team.
 */
export function CancelBooking({
  locale,
  bookingId,
  timeZone,
  refundRequests = false,
  refundPending = false,
}: {
  locale: Locale
  bookingId: number
  timeZone: string
  refundRequests?: boolean
  refundPending?: boolean
}) {
  const router = useRouter()
  const [policy, setPolicy] = useState<Policy | null>(null)
  const [open, setOpen] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [reason, setReason] = useState('')

  const start = async () => {
    setOpen(true)
    setError(null)
    const res = await fetch(`/api/bookings/${bookingId}/cancellation`, { credentials: 'include', cache: 'no-store' }).catch(() => null)
    if (!res?.ok) return setError(t(locale, 'auth.error.generic'))
    setPolicy((await res.json()) as Policy)
  }
  const confirm = async (event: React.FormEvent) => {
    event.preventDefault()
    if (!reason.trim()) return setError(t(locale, 'cancel.reasonMissing'))
    setBusy(true)
    setError(null)
    const res = await fetch(`/api/bookings/${bookingId}/cancel`, {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: reason.trim() }),
    }).catch(() => null)
    setBusy(false)
    if (res?.ok) return router.refresh()
    const code = ((await res?.json().catch(() => null)) as { errors?: { code?: string }[] } | null)?.errors?.[0]?.code
    // Too late after all (the free cancellation ended while the panel was open): state the policy as it is now.
    if (refundRequests && refundRequestFor(code)) return start()
    setError(t(locale, refusalMessage(code) || 'auth.error.generic', { until: policy ? formatDateTime(policy.freeUntil, { locale, timeZone }) : '' }))
  }
  const lateKey = refundRequests ? refundRequestFor(policy?.reasonCode) : undefined

  if (!open) {
    return (
      <button type="button" className="linklike" onClick={() => void start()} data-testid="cancel-booking">
        {t(locale, 'cancel.button')}
      </button>
    )
  }
  return (
    <div className="card" style={{ width: '100%', margin: 0 }} data-testid="cancel-panel">
      {!policy && !error ? <p>{t(locale, 'common.loading')}</p> : null}
      {policy ? (
        policy.cancellable ? (
          <form className="form" onSubmit={confirm} noValidate>
            <p className="notice" data-testid="cancel-policy">
              {policy.refund === 'full'
                ? t(locale, 'cancel.fullRefund', { until: formatDateTime(policy.freeUntil, { locale, timeZone }) })
                : t(locale, 'cancel.noCharge')}
            </p>
            <label>
              {t(locale, 'cancel.reason')}
              <textarea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="cancel-reason" />
            </label>
            <div className="actions">
              <button type="submit" className="button small danger" disabled={busy} data-testid="confirm-cancel">
                {t(locale, 'cancel.confirm')}
              </button>
              <button type="button" className="linklike" onClick={() => setOpen(false)}>
                {t(locale, 'cancel.keep')}
              </button>
            </div>
          </form>
        ) : lateKey ? (
          <>
            <p className="notice" data-testid="cancel-policy">
              {t(locale, lateKey, { until: formatDateTime(policy.freeUntil, { locale, timeZone }) })}
            </p>
            {refundPending ? (
              <p className="muted" data-testid="refund-pending">
                {t(locale, 'refund.pending')}
              </p>
            ) : (
              <RefundRequest locale={locale} bookingId={bookingId} />
            )}
            <button type="button" className="linklike" onClick={() => setOpen(false)}>
              {t(locale, 'cancel.close')}
            </button>
          </>
        ) : (
          <>
            <p className="notice" data-testid="cancel-policy">
              {t(locale, refusalMessage(policy.reasonCode) ?? 'cancel.notCancellable', { until: formatDateTime(policy.freeUntil, { locale, timeZone }) })}
            </p>
            <button type="button" className="linklike" onClick={() => setOpen(false)}>
              {t(locale, 'cancel.close')}
            </button>
          </>
        )
      ) : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  )
}
