'use client'

import React, { useEffect, useState } from 'react'

import { earliestRequestStart, MIN_REQUEST_NOTICE_HOURS as MIN_NOTICE_HOURS } from '@/domain/callRequests'
import { t, type Locale } from '@/i18n'

import { sendJson } from './api'
import { FieldError, FormAlert, formErrorsOf, invalidProps } from './formErrors'

const DURATIONS = [15, 30, 45, 60, 90]

type Errors = Partial<Record<'proposedStart' | 'durationMinutes' | 'proposedPrice' | 'message' | 'form', string>>

/** The fan's call request (SPEC §9): start ≥ 24 h ahead, duration, price in the creator's currency, message 10–500. */
export function CallRequestForm({ locale, creatorId, currency, currencyDigits }: { locale: Locale; creatorId: number; currency: string; currencyDigits: number }) {
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const [sent, setSent] = useState(false)
  const [ready, setReady] = useState(false)
  const [minStart, setMinStart] = useState('')
  useEffect(() => {
    setReady(true)
    const d = new Date(Date.now() + (MIN_NOTICE_HOURS * 60 + 5) * 60_000)
    const pad = (n: number) => String(n).padStart(2, '0')
    setMinStart(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`)
  }, [])

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const startText = String(form.get('proposedStart') ?? '')
    const start = startText ? new Date(startText) : null
    const priceText = String(form.get('proposedPrice') ?? '').replace(',', '.').trim()
    const price = Number(priceText)
    const message = String(form.get('message') ?? '').trim()
    const next: Errors = {}
    if (!start || Number.isNaN(start.getTime())) next.proposedStart = t(locale, 'request.error.startMissing')
    else if (start.getTime() < earliestRequestStart(new Date()).getTime()) next.proposedStart = t(locale, 'request.error.startTooSoon', { hours: MIN_NOTICE_HOURS })
    if (!priceText || !Number.isFinite(price) || price < 1 || price > 10_000) next.proposedPrice = t(locale, 'request.error.price', { currency })
    if (message.length < 10 || message.length > 500) next.message = t(locale, 'request.error.message', { n: message.length })
    setErrors(next)
    if (Object.keys(next).length) return
    setBusy(true)
    const res = await sendJson('POST', '/call-requests', {
      creator: creatorId,
      proposedStart: start!.toISOString(),
      durationMinutes: Number(form.get('durationMinutes')),
      proposedPrice: Math.round(price * 10 ** currencyDigits),
      message,
    })
    setBusy(false)
    if (res.ok) {
      setSent(true)
      return
    }
    setErrors(formErrorsOf(res, t(locale, 'request.error.generic'), t(locale, 'request.error.network')))
  }

  if (sent) {
    return (
      <p className="ok" role="status" data-testid="request-sent">
        {t(locale, 'request.sent')}
      </p>
    )
  }
  return (
    <form className="form" onSubmit={onSubmit} noValidate data-testid="request-form" data-ready={ready || undefined}>
      <label>
        {t(locale, 'request.start')}
        <input type="datetime-local" name="proposedStart" min={minStart} required {...invalidProps('proposedStart', errors)} />
        <span className="hint">{t(locale, 'request.startHint', { hours: MIN_NOTICE_HOURS })}</span>
        <FieldError name="proposedStart" errors={errors} />
      </label>
      <label>
        {t(locale, 'request.duration')}
        <select name="durationMinutes" defaultValue="30">
          {DURATIONS.map((d) => (
            <option key={d} value={d}>
              {t(locale, 'common.minutes', { n: d })}
            </option>
          ))}
        </select>
        <FieldError name="durationMinutes" errors={errors} />
      </label>
      <label>
        {t(locale, 'request.price', { currency })}
        <input type="number" name="proposedPrice" min={1} max={10000} step="0.01" inputMode="decimal" required {...invalidProps('proposedPrice', errors)} />
        <FieldError name="proposedPrice" errors={errors} />
      </label>
      <label>
        {t(locale, 'request.message')}
        <textarea name="message" rows={4} minLength={10} maxLength={500} required {...invalidProps('message', errors)} />
        <span className="hint">{t(locale, 'request.messageHint')}</span>
        <FieldError name="message" errors={errors} />
      </label>
      <FormAlert message={errors.form} />
      <button type="submit" className="button" disabled={busy} data-testid="request-submit">
        {busy ? t(locale, 'request.sending') : t(locale, 'request.submit')}
      </button>
    </form>
  )
}
