'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import type { KnownRefusalCode } from '@/domain/refusal'
import { t, type Locale, type MessageKey } from '@/i18n'

import { sendJson } from './api'
import { FieldError, FormAlert, formErrorsOf, invalidProps, type FormErrors } from './formErrors'

const MAX_REASON = 1000

/** Refusals of a refund request in the page's language, by the API's code (its messages are English). */
const REFUSALS: Partial<Record<KnownRefusalCode, MessageKey>> = {
  FORBIDDEN: 'refund.error.notAllowed',
  NOT_FOUND: 'refund.error.notAllowed',
  UNAUTHORIZED: 'refund.error.notAllowed',
  NOTHING_TO_REFUND: 'refund.error.nothingToRefund',
  PAYMENT_DISPUTED: 'refund.error.disputed',
  REFUND_ALREADY_OPEN: 'refund.error.alreadyOpen',
  REFUND_OVER_MAXIMUM: 'refund.error.overMaximum',
}

/**
 * The errors of a failed request, in the page's language: a missing or bad reason under the field,
 * a known refusal by its code, otherwise the API's own message when the page is in English (the
 * API speaks English) and a generic message in any other language.
 */
const errorsOf = (res: { status: number; body: unknown }, locale: Locale): { reason?: string; form?: string } => {
  const network = t(locale, 'auth.error.network')
  const generic = t(locale, 'refund.error.generic')
  if (res.status === 0) return { form: network }
  const first = (res.body as { errors?: { code?: string; field?: string }[] } | null)?.errors?.[0]
  if (first?.field === 'reason') return { reason: t(locale, 'refund.reasonMissing') }
  const known = first?.code !== undefined ? REFUSALS[first.code as KnownRefusalCode] : undefined
  if (known) return { form: t(locale, known) }
  if (locale !== 'en') return { form: generic }
  const errors = formErrorsOf(res, generic, network)
  return errors.reason ? { reason: errors.reason } : { form: errors.form ?? Object.values(errors)[0] ?? generic }
}

/**
 * "Request a refund" (SPEC §7) for a call no policy refunds automatically: a required reason, a
 * confirmation step, then POST /api/refunds/request; an admin decides and the fan is notified.
 */
export function RefundRequest({ locale, bookingId }: { locale: Locale; bookingId: number }) {
  const router = useRouter()
  const [step, setStep] = useState<'closed' | 'reason' | 'confirm' | 'sent'>('closed')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<FormErrors>({})
  const [busy, setBusy] = useState(false)
  // The reason's error key, unique on the page (ids `<key>-error`): several rows can have a form open.
  const field = `refund-reason-${bookingId}`

  if (step === 'closed') {
    return (
      <button type="button" className="button small secondary" onClick={() => setStep('reason')} data-testid="request-refund">
        {t(locale, 'refund.request')}
      </button>
    )
  }
  if (step === 'sent') {
    return (
      <p className="notice" role="status" data-testid="refund-sent">
        {t(locale, 'refund.sent')}
      </p>
    )
  }

  const review = (event: React.FormEvent) => {
    event.preventDefault()
    if (!reason.trim()) return setErrors({ [field]: t(locale, 'refund.reasonMissing') })
    setErrors({})
    setStep('confirm')
  }
  const send = async () => {
    setBusy(true)
    setErrors({})
    const res = await sendJson('POST', '/refunds/request', { bookingId, reason: reason.trim() })
    setBusy(false)
    if (res.ok) {
      setStep('sent')
      router.refresh()
      return
    }
    const next = errorsOf(res, locale)
    if (next.reason) {
      setErrors({ [field]: next.reason })
      setStep('reason')
    } else setErrors(next)
  }

  if (step === 'confirm') {
    return (
      <div className="card" style={{ width: '100%', margin: 0 }} data-testid="refund-confirm">
        <p>{t(locale, 'refund.confirmText')}</p>
        <blockquote data-testid="refund-reason-review">{reason.trim()}</blockquote>
        <FormAlert message={errors.form} testId="refund-error" />
        <div className="actions">
          <button type="button" className="button small" disabled={busy} onClick={() => void send()} data-testid="refund-send">
            {busy ? t(locale, 'refund.sending') : t(locale, 'refund.send')}
          </button>
          <button type="button" className="linklike" disabled={busy} onClick={() => setStep('reason')}>
            {t(locale, 'refund.edit')}
          </button>
        </div>
      </div>
    )
  }
  return (
    <form className="form card" style={{ width: '100%', margin: 0 }} onSubmit={review} noValidate data-testid="refund-form">
      <label>
        {t(locale, 'refund.reason')}
        <textarea
          name="reason"
          rows={3}
          maxLength={MAX_REASON}
          required
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          {...invalidProps(field, errors)}
          data-testid="refund-reason"
        />
        <FieldError name={field} errors={errors} />
      </label>
      <FormAlert message={errors.form} testId="refund-error" />
      <div className="actions">
        <button type="submit" className="button small" data-testid="refund-continue">
          {t(locale, 'refund.continue')}
        </button>
        <button type="button" className="linklike" onClick={() => setStep('closed')}>
          {t(locale, 'common.cancel')}
        </button>
      </div>
    </form>
  )
}
