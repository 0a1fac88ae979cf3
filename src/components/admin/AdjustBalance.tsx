'use client'
import { Button, toast, useAuth, useDocumentInfo } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { money, parseMajor, toMajorString } from '@/domain/money'
import { formatMoneyForTag } from '@/i18n/format'
import { BALANCE_ADJUST, COMMON } from '@/messages/admin'

import { boxStyle, FieldProblem, roleOf, textareaStyle, useLocale } from './MoneyActions'

/**
 * "Adjust balance…" on a creator (admins, SPEC §7: "adjustment (admin, reason required)"): one signed
 * `adjustment` entry in the creator's ledger through `POST /api/ledger-entries/adjust`, in the
 * creator's currency, the amount typed in currency units ("-12.50" debits). A book entry only: it
 * moves no money at Stripe, so unless it mirrors a movement made at Stripe by hand, the daily
 * reconciliation (ledger vs the connected account's Stripe balance) reports it as drift — the box
 * says so before anything is written. Confirmation first; the server's refusal is shown next to
 * the field it names; on success the new balance and a link to the entry.
 */

type Refusal = { errors?: { message: string; field?: string }[] }
type Adjusted = { entry: { id: number }; balance: { available: number; debt: number; currency: string }; debtBlock: 'blocked' | 'unblocked' | 'kept' }

export const AdjustBalance: React.FC = () => {
  const { user } = useAuth()
  const { id } = useDocumentInfo()
  const locale = useLocale()
  const t = BALANCE_ADJUST[locale]
  const isAdmin = roleOf(user) === 'admin'
  const [currency, setCurrency] = useState<string | null>(null)
  const [step, setStep] = useState<'closed' | 'form' | 'confirm'>('closed')
  const [text, setText] = useState('')
  const [reason, setReason] = useState('')
  const [errors, setErrors] = useState<{ amount?: string; reason?: string; general?: string }>({})
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<Adjusted | null>(null)

  useEffect(() => {
    if (!isAdmin || !id) return
    let live = true
    void (async () => {
      const res = await fetch(`/api/creators/${id}?depth=0`, { credentials: 'include', cache: 'no-store' })
      const doc = res.ok ? ((await res.json()) as { currency?: string }) : null
      if (live) setCurrency(doc?.currency ?? 'EUR')
    })()
    return () => {
      live = false
    }
  }, [isAdmin, id])

  if (!isAdmin || !id || !currency) return null
  const shown = (amount: number) => formatMoneyForTag(money(amount, currency), locale)

  const amountOf = (): number | string => {
    let amount: number
    try {
      amount = parseMajor(text, currency).amount
    } catch {
      return t.notAnAmount(text, toMajorString(money(1250, currency)))
    }
    return amount === 0 ? t.notZero : amount
  }
  const chosen = amountOf()
  const what = typeof chosen === 'number' ? (chosen < 0 ? t.debit(shown(-chosen)) : t.credit(shown(chosen))) : ''

  const review = () => {
    const next = { amount: typeof chosen === 'string' ? chosen : undefined, reason: reason.trim().length < 3 ? t.reasonRequired : undefined }
    setErrors(next)
    if (!next.amount && !next.reason) setStep('confirm')
  }

  const send = async () => {
    if (typeof chosen !== 'number') return
    setBusy(true)
    try {
      const res = await fetch('/api/ledger-entries/adjust', {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ creator: Number(id), currency, amount: chosen, reason: reason.trim() }),
      })
      const reply = (await res.json().catch(() => ({}))) as Refusal & Partial<Adjusted>
      if (res.ok && reply.entry && reply.balance) {
        setResult(reply as Adjusted)
        toast.success(t.done(shown(reply.balance.available), reply.balance.debt > 0 ? shown(reply.balance.debt) : null))
        setStep('closed')
        setText('')
        setReason('')
        setErrors({})
        return
      }
      const error = reply.errors?.[0]
      const message = error?.message ?? `HTTP ${res.status}`
      setErrors(error?.field === 'amount' ? { amount: message } : error?.field === 'reason' ? { reason: message } : { general: message })
      setStep('form')
    } catch {
      setErrors({ general: COMMON[locale].network })
    } finally {
      setBusy(false)
    }
  }


  return (
    <section data-testid="balance-adjust" style={boxStyle}>
      <p style={{ margin: '0 0 4px', fontWeight: 600 }}>{t.heading}</p>
      <p style={{ margin: '0 0 12px', opacity: 0.8 }}>{t.help}</p>
      {result ? (
        <div data-testid="balance-adjust-done" style={{ margin: '0 0 12px' }}>
          <p style={{ margin: 0 }}>{t.done(shown(result.balance.available), result.balance.debt > 0 ? shown(result.balance.debt) : null)}</p>
          {result.debtBlock === 'blocked' ? <p style={{ margin: 0 }}>{t.blocked}</p> : result.debtBlock === 'unblocked' ? <p style={{ margin: 0 }}>{t.unblocked}</p> : null}
          <a href={`/admin/collections/ledger-entries/${result.entry.id}`}>{t.openEntry(result.entry.id)}</a>
        </div>
      ) : null}
      {step === 'closed' ? (
        <Button buttonStyle="secondary" size="medium" onClick={() => setStep('form')} margin={false} id="balance-adjust-open">
          {t.open}
        </Button>
      ) : step === 'form' ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <label htmlFor="balance-adjust-amount">{t.amountLabel(currency)}</label>
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <input
              id="balance-adjust-amount"
              data-testid="balance-adjust-amount"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={text}
              aria-invalid={Boolean(errors.amount)}
              placeholder={`-${toMajorString(money(0, currency))}`}
              onChange={(e) => setText(e.target.value)}
              style={{ ...textareaStyle, width: 140, fontVariantNumeric: 'tabular-nums' }}
            />
            <span aria-hidden style={{ opacity: 0.7 }}>{currency}</span>
          </div>
          {text.trim() && what ? <div style={{ opacity: 0.7, fontSize: '0.9em' }}>{what}</div> : null}
          <FieldProblem message={errors.amount} testId='balance-adjust-amount-error' />
          <label htmlFor="balance-adjust-reason">{t.reasonLabel}</label>
          <textarea
            id="balance-adjust-reason"
            data-testid="balance-adjust-reason"
            maxLength={500}
            rows={3}
            value={reason}
            aria-invalid={Boolean(errors.reason)}
            onChange={(e) => setReason(e.target.value)}
            style={textareaStyle}
          />
          <FieldProblem message={errors.reason} testId='balance-adjust-reason-error' />
          <FieldProblem message={errors.general} testId='balance-adjust-error' />
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button buttonStyle="primary" size="medium" onClick={review} margin={false} id="balance-adjust-review">
              {t.review}
            </Button>
            <Button buttonStyle="secondary" size="medium" onClick={() => (setStep('closed'), setErrors({}))} margin={false}>
              {t.back}
            </Button>
          </div>
        </div>
      ) : (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <p data-testid="balance-adjust-confirm" style={{ margin: 0 }}>
            {t.confirm(what)}
          </p>
          <blockquote style={{ margin: 0, opacity: 0.8 }}>{reason.trim()}</blockquote>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button buttonStyle="primary" size="medium" disabled={busy} onClick={() => void send()} margin={false} id="balance-adjust-send">
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
