'use client'
import { Button, toast, useAuth, useDocumentInfo } from '@payloadcms/ui'
import React, { useCallback, useEffect, useState } from 'react'

import { money, parseMajor, toMajorString } from '@/domain/money'
import { refundableOf } from '@/domain/refunds'
import { formatMoneyForTag } from '@/i18n/format'
import { COMMON, REFUND_START } from '@/messages/admin'

import { boxStyle, FieldProblem, roleOf, textareaStyle, useLocale } from './MoneyActions'

/**
 * "Refund…" on a payment or a booking (admins, SPEC §7): the admin's own refund, full or partial,
 * approved at once by `POST /api/refunds/request` (admin-initiated) and paid out at Stripe by the
 * execute-refund job. Shows what was paid, what is already refunded or on its way and the most that
 * can still be refunded, in the currency; the amount is typed in currency units and sent in minor
 * units. Nothing refundable (not paid, refunded in full, a dispute): the button is disabled with
 * the reason. The server has the last word: its refusal is shown next to the field it names.
 */

type Facts = {
  bookingId: number
  paymentId: number
  currency: string
  status: string
  paid: number
  refunded: number
  committed: number
  disputeStatus: string
}

type PaymentDoc = { id: number; booking?: number | { id: number }; amount?: number; refundedAmount?: number | null; currency?: string; status?: string; disputeStatus?: string | null }
type Refusal = { errors?: { message: string; code?: string; field?: string }[] }

const getJson = async <T,>(url: string): Promise<T | null> => {
  const res = await fetch(url, { credentials: 'include', cache: 'no-store' })
  return res.ok ? ((await res.json()) as T) : null
}

/** The payment behind the document (the payment itself, or the booking's) and its committed refunds; null when there is none. */
const loadFacts = async (collection: string | undefined, id: string | number): Promise<Facts | null> => {
  const payment =
    collection === 'payments'
      ? await getJson<PaymentDoc>(`/api/payments/${id}?depth=0`)
      : ((await getJson<{ docs: PaymentDoc[] }>(`/api/payments?where[booking][equals]=${id}&depth=0&limit=1`))?.docs[0] ?? null)
  if (!payment || typeof payment.amount !== 'number' || !payment.currency) return null
  const open = await getJson<{ docs: { amount: number }[] }>(`/api/refunds?where[payment][equals]=${payment.id}&where[status][in]=approved,processing&depth=0&limit=100`)
  return {
    bookingId: typeof payment.booking === 'object' ? payment.booking.id : Number(payment.booking),
    paymentId: payment.id,
    currency: payment.currency,
    status: payment.status ?? '',
    paid: payment.amount,
    refunded: payment.refundedAmount ?? 0,
    committed: (open?.docs ?? []).reduce((total, r) => total + r.amount, 0),
    disputeStatus: payment.disputeStatus ?? 'none',
  }
}

type Step = 'closed' | 'form' | 'confirm'

export const StartRefund: React.FC = () => {
  const { user } = useAuth()
  const { id, collectionSlug } = useDocumentInfo()
  const locale = useLocale()
  const t = REFUND_START[locale]
  const isAdmin = roleOf(user) === 'admin'
  const [facts, setFacts] = useState<Facts | null | 'loading'>('loading')
  const [step, setStep] = useState<Step>('closed')
  const [kind, setKind] = useState<'full' | 'partial'>('full')
  const [text, setText] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<{ amount?: string; reason?: string; general?: string }>({})
  const [busy, setBusy] = useState(false)
  const [created, setCreated] = useState<number | null>(null)

  const reload = useCallback(async () => {
    if (!id) return
    setFacts(await loadFacts(collectionSlug, id))
  }, [collectionSlug, id])
  useEffect(() => {
    if (isAdmin) void reload()
  }, [isAdmin, reload])

  if (!isAdmin || !id) return null
  if (facts === 'loading') return <section data-testid="refund-start" style={boxStyle}>{t.loading}</section>

  const shown = (amount: number) => (facts ? formatMoneyForTag(money(amount, facts.currency), locale) : '')
  const maximum = facts ? refundableOf({ status: facts.status, amount: facts.paid, refunded: facts.refunded, committed: facts.committed }) : 0
  const blockedBy = (): string | null => {
    if (!facts) return t.noPayment
    if (facts.disputeStatus === 'open') return t.disputeOpen
    if (facts.disputeStatus === 'won' || facts.disputeStatus === 'lost') return t.disputeRuled
    if (facts.status === 'refunded' || facts.paid - facts.refunded <= 0) return t.fullyRefunded
    if (facts.status !== 'succeeded' && facts.status !== 'partially_refunded') return t.notPaid
    if (maximum <= 0) return t.allOnItsWay
    return null
  }
  const blocked = blockedBy()

  /** The amount to refund in minor units, or an error for the amount field. */
  const amountOf = (): number | string => {
    if (!facts) return t.notPositive
    if (kind === 'full') return maximum
    let amount: number
    try {
      amount = parseMajor(text, facts.currency).amount
    } catch {
      return t.notAnAmount(text, toMajorString(money(1250, facts.currency)))
    }
    if (amount <= 0) return t.notPositive
    if (amount > maximum) return t.overMaximum(shown(maximum))
    return amount
  }

  const review = () => {
    const amount = amountOf()
    const next = { amount: typeof amount === 'string' ? amount : undefined, reason: reason.trim().length < 3 ? t.reasonRequired : undefined }
    setErrors(next)
    if (!next.amount && !next.reason) setStep('confirm')
  }

  const send = async () => {
    const amount = amountOf()
    if (!facts || typeof amount !== 'number') return
    setBusy(true)
    try {
      const res = await fetch('/api/refunds/request', {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ bookingId: facts.bookingId, reason: reason.trim(), amount }),
      })
      const reply = (await res.json().catch(() => ({}))) as Refusal & { refund?: { id: number } }
      if (res.ok && reply.refund) {
        toast.success(t.done(reply.refund.id))
        setCreated(reply.refund.id)
        setStep('closed')
        setText('')
        setReason('')
        setErrors({})
        await reload()
        return
      }
      const error = reply.errors?.[0]
      const message = error?.message ?? `HTTP ${res.status}`
      setErrors(error?.field === 'amount' ? { amount: message } : error?.field === 'reason' ? { reason: message } : { general: message })
      setStep('form')
      // The payment changed meanwhile (a refund, a dispute): show what is stored now.
      if (res.status === 409 || res.status === 422) await reload()
    } catch {
      setErrors({ general: COMMON[locale].network })
    } finally {
      setBusy(false)
    }
  }

  const figure = (label: string, amount: number, testId: string) => (
    <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
      <span style={{ opacity: 0.8 }}>{label}</span>
      <strong data-testid={testId} style={{ fontVariantNumeric: 'tabular-nums' }}>{shown(amount)}</strong>
    </div>
  )
  const chosen = amountOf()

  return (
    <section data-testid="refund-start" style={boxStyle}>
      <p style={{ margin: '0 0 4px', fontWeight: 600 }}>{t.heading}</p>
      {facts ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 2, margin: '0 0 12px' }}>
          {figure(t.paid, facts.paid, 'refund-start-paid')}
          {figure(t.refunded, facts.refunded, 'refund-start-refunded')}
          {facts.committed > 0 ? figure(t.committed, facts.committed, 'refund-start-committed') : null}
          {figure(t.maximum, maximum, 'refund-start-maximum')}
        </div>
      ) : null}
      {created !== null ? (
        <p data-testid="refund-start-created" style={{ margin: '0 0 12px' }}>
          {t.done(created)} <a href={`/admin/collections/refunds/${created}`}>{t.openRefund(created)}</a>
        </p>
      ) : null}
      <FieldProblem message={errors.general} testId='refund-start-error' />
      {blocked ? (
        <>
          <p data-testid="refund-start-blocked" style={{ margin: '0 0 12px', opacity: 0.8 }}>
            {blocked}
          </p>
          <Button buttonStyle="secondary" size="medium" disabled margin={false} id="refund-start-open">
            {t.open}
          </Button>
        </>
      ) : step === 'closed' ? (
        <>
          <p style={{ margin: '0 0 12px', opacity: 0.8 }}>{t.help}</p>
          <Button buttonStyle="primary" size="medium" onClick={() => (setStep('form'), setErrors({}))} margin={false} id="refund-start-open">
            {t.open}
          </Button>
        </>
      ) : step === 'form' ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 4 }}>
            <label>
              <input type="radio" name="refund-kind" data-testid="refund-start-full" checked={kind === 'full'} onChange={() => setKind('full')} /> {t.full(shown(maximum))}
            </label>
            <label>
              <input type="radio" name="refund-kind" data-testid="refund-start-partial" checked={kind === 'partial'} onChange={() => setKind('partial')} /> {t.partial}
            </label>
          </fieldset>
          {kind === 'partial' ? (
            <div>
              <label htmlFor="refund-start-amount">{t.amountLabel(facts!.currency)}</label>
              <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
                <input
                  id="refund-start-amount"
                  data-testid="refund-start-amount"
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  value={text}
                  aria-invalid={Boolean(errors.amount)}
                  placeholder={toMajorString(money(0, facts!.currency))}
                  onChange={(e) => setText(e.target.value)}
                  style={{ ...textareaStyle, width: 140, fontVariantNumeric: 'tabular-nums' }}
                />
                <span aria-hidden style={{ opacity: 0.7 }}>{facts!.currency}</span>
              </div>
              {typeof chosen === 'number' && text.trim() ? <div style={{ marginTop: 4, opacity: 0.7, fontSize: '0.9em' }}>= {shown(chosen)}</div> : null}
            </div>
          ) : null}
          <FieldProblem message={errors.amount} testId='refund-start-amount-error' />
          <label htmlFor="refund-start-reason">{t.reasonLabel}</label>
          <textarea
            id="refund-start-reason"
            data-testid="refund-start-reason"
            maxLength={1000}
            rows={3}
            value={reason}
            aria-invalid={Boolean(errors.reason)}
            onChange={(e) => setReason(e.target.value)}
            style={textareaStyle}
          />
          <FieldProblem message={errors.reason} testId='refund-start-reason-error' />
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button buttonStyle="primary" size="medium" onClick={review} margin={false} id="refund-start-review">
              {t.review}
            </Button>
            <Button buttonStyle="secondary" size="medium" onClick={() => (setStep('closed'), setErrors({}))} margin={false}>
              {t.back}
            </Button>
          </div>
        </div>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <p data-testid="refund-start-confirm" style={{ margin: 0 }}>
            {t.confirm(typeof chosen === 'number' ? shown(chosen) : '')}
          </p>
          <blockquote data-testid="refund-start-reason-review" style={{ margin: 0, opacity: 0.8 }}>
            {reason.trim()}
          </blockquote>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button buttonStyle="primary" size="medium" disabled={busy} onClick={() => void send()} margin={false} id="refund-start-send">
              {busy ? t.sending : t.confirmButton}
            </Button>
            <Button buttonStyle="secondary" size="medium" disabled={busy} onClick={() => setStep('form')} margin={false}>
              {t.back}
            </Button>
          </div>
        </div>
      )}
    </section>
  )
}
