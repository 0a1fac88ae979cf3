'use client'
import { Button, toast, useTranslation } from '@payloadcms/ui'
import React, { useMemo, useState } from 'react'

import { earningBuckets, type EarningPoint, type Period } from '@/domain/earnings'
import { money, parseMajor, toMajorString } from '@/domain/money'
import { formatMoneyForTag } from '@/i18n/format'
import { localeOf, type Locale } from '@/i18n/locale'
import { COMMON, MONEY_DASHBOARD } from '@/messages/admin'
import { FIELD_NAMES } from '@/messages/panel'

export type { EarningPoint }

/** The interactive parts of the creator's money dashboard (the data comes from CreatorMoneyDashboard). */

const useLocale = (): Locale => localeOf(useTranslation().i18n.language)

/** Earnings per day / week / month as SVG bars (our own small chart: no chart library). */
export const EarningsChart: React.FC<{ points: EarningPoint[]; currencies: string[]; nowIso: string }> = ({ points, currencies, nowIso }) => {
  const locale = useLocale()
  const t = MONEY_DASHBOARD[locale]
  const [period, setPeriod] = useState<Period>('day')
  const withEarnings = currencies.filter((c) => points.some((p) => p.currency === c))
  const [currency, setCurrency] = useState(withEarnings[0] ?? currencies[0] ?? 'EUR')
  const buckets = useMemo(() => earningBuckets(points, currency, period, new Date(nowIso)), [points, currency, period, nowIso])
  const top = Math.max(...buckets.map((b) => b.amount), 0)
  const intl = locale === 'fr' ? 'fr-FR' : 'en-GB'
  const label = new Intl.DateTimeFormat(intl, period === 'month' ? { month: 'short', year: '2-digit', timeZone: 'UTC' } : { day: 'numeric', month: 'short', timeZone: 'UTC' })
  const shown = (amount: number) => formatMoneyForTag(money(amount, currency), locale)
  const periodName = { day: t.byDay, week: t.byWeek, month: t.byMonth }[period].toLowerCase()

  const W = 720
  const H = 220
  const left = 64
  const bottom = 28
  const plotW = W - left - 8
  const plotH = H - bottom - 12
  const slot = plotW / buckets.length
  const barW = Math.max(2, slot * 0.7)
  // At most ~8 labels, counted back from the latest bucket so that one (today, this week…) is always
  // labelled and no label crowds it.
  const every = Math.ceil(buckets.length / 8)
  const labelled = (i: number) => (buckets.length - 1 - i) % every === 0

  const tab = (p: Period, text: string) => (
    <button
      key={p}
      type="button"
      data-testid={`chart-${p}`}
      aria-pressed={period === p}
      onClick={() => setPeriod(p)}
      style={{ padding: '4px 10px', borderRadius: 4, border: '1px solid var(--theme-elevation-250)', background: period === p ? 'var(--theme-elevation-150)' : 'transparent', color: 'inherit', cursor: 'pointer' }}
    >
      {text}
    </button>
  )

  return (
    <div data-testid="earnings-chart" data-period={period} data-currency={currency} style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 8, padding: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', gap: 8, marginBottom: 8 }}>
        <h3 style={{ margin: 0 }}>{t.chart}</h3>
        <div style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
          {tab('day', t.byDay)}
          {tab('week', t.byWeek)}
          {tab('month', t.byMonth)}
          {currencies.length > 1 ? (
            <select value={currency} onChange={(e) => setCurrency(e.target.value)} aria-label={FIELD_NAMES.currency[locale]} style={{ marginLeft: 8 }}>
              {currencies.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          ) : null}
        </div>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t.chartLabel(periodName, currency)} style={{ display: 'block', maxHeight: 260 }}>
        <line x1={left} y1={12} x2={left} y2={12 + plotH} stroke="currentColor" strokeOpacity={0.3} />
        <line x1={left} y1={12 + plotH} x2={W - 8} y2={12 + plotH} stroke="currentColor" strokeOpacity={0.3} />
        {top > 0 ? (
          <>
            <text x={left - 6} y={16} textAnchor="end" fontSize={11} fill="currentColor" opacity={0.7}>
              {shown(top)}
            </text>
            <line x1={left} y1={12} x2={W - 8} y2={12} stroke="currentColor" strokeOpacity={0.1} strokeDasharray="4 4" />
          </>
        ) : null}
        <text x={left - 6} y={12 + plotH} textAnchor="end" fontSize={11} fill="currentColor" opacity={0.7}>
          {shown(0)}
        </text>
        {buckets.map((b, i) => {
          const h = top > 0 ? Math.round((b.amount / top) * plotH) : 0
          const x = left + i * slot + (slot - barW) / 2
          return (
            <g key={b.start.getTime()}>
              {b.amount > 0 ? (
                <rect data-testid="earnings-bar" data-amount={b.amount} x={x} y={12 + plotH - Math.max(h, 1)} width={barW} height={Math.max(h, 1)} rx={2} fill="#4f46e5">
                  <title>{`${label.format(b.start)}: ${shown(b.amount)}`}</title>
                </rect>
              ) : null}
              {labelled(i) ? (
                <text data-axis="x" x={left + i * slot + slot / 2} y={H - 8} textAnchor="middle" fontSize={10} fill="currentColor" opacity={0.7}>
                  {label.format(b.start)}
                </text>
              ) : null}
            </g>
          )
        })}
        {top === 0 ? (
          <text x={left + plotW / 2} y={12 + plotH / 2} textAnchor="middle" fontSize={13} fill="currentColor" opacity={0.6}>
            {t.chartEmpty}
          </text>
        ) : null}
      </svg>
    </div>
  )
}

export type PayoutOption = { currency: string; available: number; minimum: number; refusal: { code: string; message: string } | null }

/** "Request payout" for one currency: prefilled with what is available; disabled with the reason when not eligible. */
export const PayoutRequest: React.FC<{ option: PayoutOption }> = ({ option }) => {
  const locale = useLocale()
  const t = MONEY_DASHBOARD[locale]
  const { currency, available, refusal } = option
  const [text, setText] = useState(() => (available > 0 ? toMajorString(money(available, currency)) : ''))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const testId = `payout-request-${currency}`

  const submit = async () => {
    let amount: number
    try {
      amount = parseMajor(text, currency).amount
    } catch {
      return setError(t.invalidAmount(text))
    }
    if (!window.confirm(t.confirmRequest(formatMoneyForTag(money(amount, currency), locale)))) return
    setBusy(true)
    setError(null)
    try {
      const res = await fetch('/api/payouts/request', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount, currency }) })
      const body = (await res.json().catch(() => ({}))) as { errors?: { message: string }[] }
      if (res.ok) {
        toast.success(t.requested)
        window.location.reload()
        return
      }
      const message = body.errors?.[0]?.message ?? COMMON[locale].failed
      setError(message)
      toast.error(message)
    } catch {
      toast.error(COMMON[locale].network)
    }
    setBusy(false)
  }

  return (
    <div data-testid={testId} data-eligible={refusal ? 'false' : 'true'} style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
      <label htmlFor={`${testId}-amount`} style={{ opacity: 0.8 }}>
        {t.amountLabel(currency)}
      </label>
      <input
        id={`${testId}-amount`}
        data-testid={`${testId}-amount`}
        type="text"
        inputMode="decimal"
        value={text}
        disabled={Boolean(refusal) || busy}
        onChange={(e) => setText(e.target.value)}
        style={{ width: 120, padding: '6px 8px', borderRadius: 4, border: '1px solid var(--theme-elevation-250)', background: 'var(--theme-input-bg)', color: 'inherit', fontVariantNumeric: 'tabular-nums' }}
      />
      <Button buttonStyle="primary" size="medium" margin={false} disabled={Boolean(refusal) || busy} onClick={() => void submit()} id={`${testId}-button`}>
        {busy ? t.requesting : t.requestPayout}
      </Button>
      {refusal || error ? (
        <span data-testid={`${testId}-why`} data-code={refusal?.code} style={{ color: refusal ? 'var(--theme-elevation-600)' : '#b91c1c' }}>
          {error ?? refusal?.message}
        </span>
      ) : null}
    </div>
  )
}

/** Opens the creator's Stripe Express dashboard (a fresh single-use link each time). */
export const StripeDashboardLink: React.FC = () => {
  const locale = useLocale()
  const [busy, setBusy] = useState(false)
  const open = async () => {
    setBusy(true)
    try {
      const res = await fetch('/api/creators/me/stripe/dashboard', { method: 'POST', credentials: 'include' })
      const body = (await res.json().catch(() => ({}))) as { url?: string; errors?: { message: string }[] }
      if (res.ok && body.url) window.open(body.url, '_blank', 'noopener')
      else toast.error(body.errors?.[0]?.message ?? COMMON[locale].failed)
    } catch {
      toast.error(COMMON[locale].network)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Button buttonStyle="secondary" size="small" margin={false} disabled={busy} onClick={() => void open()} id="stripe-dashboard">
      {MONEY_DASHBOARD[locale].stripeDashboard} ↗
    </Button>
  )
}
