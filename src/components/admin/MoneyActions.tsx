'use client'
import { Button, toast, useAuth, useDocumentInfo, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { money } from '@/domain/money'
import { formatMoneyForTag } from '@/i18n/format'
import { localeOf, type Locale } from '@/i18n/locale'
import { AUDIT_TRAIL, COMMON, PAYOUT_ACTIONS, PAYOUT_BLOCK, REFUND_ACTIONS, STATUS_LABELS } from '@/messages/admin'

/**
 * Sidebar actions on money documents (SPEC §7): the panel shows payouts, refunds and creators'
 * payout state read-only and these buttons beside them. Each asks for confirmation, posts to its
 * endpoint (which enforces the permissions), shows the API's message when refused and reloads the
 * document on success so the page shows what the server stored.
 */

type Refusal = { errors?: { message: string; code?: string }[] }
type Role = 'admin' | 'creator' | 'fan'

export const roleOf = (user: unknown): Role | null => ((user as { role?: Role } | null)?.role ?? null)

/** The stored document as the current user may read it (null until loaded or when unreadable). */
const useStoredDoc = <T,>(collection: string, enabled: boolean, depth = 0): T | null => {
  const { id } = useDocumentInfo()
  const [doc, setDoc] = useState<T | null>(null)
  useEffect(() => {
    if (!enabled || !id) return
    let live = true
    void (async () => {
      const res = await fetch(`/api/${collection}/${id}?depth=${depth}`, { credentials: 'include', cache: 'no-store' })
      if (res.ok && live) setDoc((await res.json()) as T)
    })()
    return () => {
      live = false
    }
  }, [collection, enabled, id, depth])
  return doc
}

export const useLocale = (): Locale => localeOf(useTranslation().i18n.language)

const shownMoney = (amount: unknown, currency: unknown, locale: Locale): string =>
  typeof amount === 'number' && typeof currency === 'string' ? formatMoneyForTag(money(amount, currency), locale) : String(amount ?? '')

/** POSTs an action; true on success (toast + reload), false with the API's message otherwise. */
const post = async (url: string, body: object, done: string, locale: Locale): Promise<boolean> => {
  const common = COMMON[locale]
  try {
    const res = await fetch(url, { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const reply = (await res.json().catch(() => ({}))) as Refusal
    if (res.ok) {
      toast.success(done)
      window.location.reload()
      return true
    }
    toast.error(reply.errors?.[0]?.message ?? common.failed)
    // Someone else decided first: show what is stored now.
    if (res.status === 409) setTimeout(() => window.location.reload(), 1500)
    return false
  } catch {
    toast.error(common.network)
    return false
  }
}

export const boxStyle: React.CSSProperties = { border: '1px solid var(--theme-elevation-150)', borderRadius: 8, padding: 16, margin: '16px 0 24px' }
export const textareaStyle: React.CSSProperties = { width: '100%', font: 'inherit', padding: 8, borderRadius: 4, border: '1px solid var(--theme-elevation-250)', background: 'var(--theme-input-bg)', color: 'inherit' }

/** A problem shown under the field it names (nothing when there is none), announced to screen readers. */
export const FieldProblem: React.FC<{ message: string | undefined; testId: string }> = ({ message, testId }) =>
  message ? (
    <p role="alert" data-testid={testId} style={{ color: 'var(--theme-error-500)', margin: '4px 0 0' }}>
      {message}
    </p>
  ) : null

/** A primary action and a "with a reason" action, e.g. Approve / Reject. */
const Decision: React.FC<{
  testId: string
  heading: string
  help: string
  primary?: { label: string; busy: string; confirm: string; run: () => Promise<boolean> }
  withReason?: { label: string; reasonLabel: string; submit: string; busy: string; confirm: string; required: boolean; run: (reason: string) => Promise<boolean> }
  locale: Locale
}> = ({ testId, heading, help, primary, withReason, locale }) => {
  const common = COMMON[locale]
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [busy, setBusy] = useState<'primary' | 'reason' | null>(null)

  const runPrimary = async () => {
    if (!primary || !window.confirm(primary.confirm)) return
    setBusy('primary')
    if (!(await primary.run())) setBusy(null)
  }
  const runReason = async () => {
    if (!withReason) return
    if (withReason.required && reason.trim().length < 3) return void toast.error(common.reasonRequired)
    if (!window.confirm(withReason.confirm)) return
    setBusy('reason')
    if (!(await withReason.run(reason.trim()))) setBusy(null)
  }

  return (
    <section data-testid={testId} style={boxStyle}>
      <p style={{ margin: '0 0 4px', fontWeight: 600 }}>{heading}</p>
      <p style={{ margin: '0 0 12px', opacity: 0.8 }}>{help}</p>
      {open && withReason ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <label htmlFor={`${testId}-reason`}>{withReason.reasonLabel}</label>
          <textarea id={`${testId}-reason`} data-testid={`${testId}-reason`} maxLength={1000} rows={4} value={reason} onChange={(e) => setReason(e.target.value)} style={textareaStyle} />
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button buttonStyle="primary" size="medium" disabled={busy !== null} onClick={() => void runReason()} margin={false} id={`${testId}-submit-reason`}>
              {busy === 'reason' ? withReason.busy : withReason.submit}
            </Button>
            <Button buttonStyle="secondary" size="medium" disabled={busy !== null} onClick={() => setOpen(false)} margin={false}>
              {common.cancel}
            </Button>
          </div>
        </div>
      ) : (
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
          {primary ? (
            <Button buttonStyle="primary" size="medium" disabled={busy !== null} onClick={() => void runPrimary()} margin={false} id={`${testId}-primary`}>
              {busy === 'primary' ? primary.busy : primary.label}
            </Button>
          ) : null}
          {withReason ? (
            <Button buttonStyle={primary ? 'secondary' : 'primary'} size="medium" disabled={busy !== null} onClick={() => setOpen(true)} margin={false} id={`${testId}-open-reason`}>
              {withReason.label}
            </Button>
          ) : null}
        </div>
      )}
    </section>
  )
}

type PayoutDoc = { id: number; status?: string; amount?: number; currency?: string }

/** Payout sidebar: admins approve or reject (reason) a requested payout; its creator may cancel it. */
export const PayoutActions: React.FC = () => {
  const { user } = useAuth()
  const locale = useLocale()
  const role = roleOf(user)
  const doc = useStoredDoc<PayoutDoc>('payouts', role === 'admin' || role === 'creator')
  if (!doc || doc.status !== 'requested') return null
  const t = PAYOUT_ACTIONS[locale]
  const amount = shownMoney(doc.amount, doc.currency, locale)
  if (role === 'admin') {
    return (
      <Decision
        testId="payout-actions"
        locale={locale}
        heading={t.heading}
        help={t.help}
        primary={{ label: t.approve, busy: t.approving, confirm: t.confirmApprove(amount), run: () => post(`/api/payouts/${doc.id}/approve`, {}, t.approved, locale) }}
        withReason={{ label: t.reject, reasonLabel: t.reasonLabel, submit: t.confirmRejectButton, busy: t.rejecting, confirm: t.confirmReject(amount), required: true, run: (reason) => post(`/api/payouts/${doc.id}/reject`, { reason }, t.rejected, locale) }}
      />
    )
  }
  // A creator reads only their own payouts: if it loaded, it is theirs.
  return (
    <Decision
      testId="payout-actions"
      locale={locale}
      heading={t.creatorHeading}
      help={t.creatorHelp}
      primary={{ label: t.cancelPayout, busy: t.cancelling, confirm: t.confirmCancel(amount), run: () => post(`/api/payouts/${doc.id}/cancel`, {}, t.cancelled, locale) }}
    />
  )
}

type RefundDoc = { id: number; status?: string; amount?: number; currency?: string }

/** Refund sidebar: admins approve or reject (reason) a refund request. */
export const RefundActions: React.FC = () => {
  const { user } = useAuth()
  const locale = useLocale()
  const doc = useStoredDoc<RefundDoc>('refunds', roleOf(user) === 'admin')
  if (!doc || doc.status !== 'requested') return null
  const t = REFUND_ACTIONS[locale]
  const amount = shownMoney(doc.amount, doc.currency, locale)
  return (
    <Decision
      testId="refund-actions"
      locale={locale}
      heading={t.heading}
      help={t.help}
      primary={{ label: t.approve, busy: t.approving, confirm: t.confirmApprove(amount), run: () => post(`/api/refunds/${doc.id}/approve`, {}, t.approved, locale) }}
      withReason={{ label: t.reject, reasonLabel: t.reasonLabel, submit: t.confirmRejectButton, busy: t.rejecting, confirm: t.confirmReject(amount), required: true, run: (reason) => post(`/api/refunds/${doc.id}/reject`, { reason }, t.rejected, locale) }}
    />
  )
}

type CreatorDoc = { id: number; payoutsBlocked?: boolean | null; payoutsBlockedReason?: string | null; payoutsBlockedBy?: string | null }

/** Creator sidebar (admins): block payouts with a reason, or unblock them. */
export const PayoutBlockActions: React.FC = () => {
  const { user } = useAuth()
  const locale = useLocale()
  const doc = useStoredDoc<CreatorDoc>('creators', roleOf(user) === 'admin')
  if (!doc) return null
  const t = PAYOUT_BLOCK[locale]
  const url = (action: 'block' | 'unblock') => `/api/creators/${doc.id}/payouts/${action}`
  return doc.payoutsBlocked ? (
    <Decision
      testId="payout-block"
      locale={locale}
      heading={t.heading}
      help={t.blocked(doc.payoutsBlockedBy ?? 'admin', doc.payoutsBlockedReason ?? '')}
      withReason={{ label: t.unblock, reasonLabel: t.unblockReasonLabel, submit: t.unblock, busy: t.unblocking, confirm: t.confirmUnblock, required: false, run: (reason) => post(url('unblock'), reason ? { reason } : {}, t.unblockedDone, locale) }}
    />
  ) : (
    <Decision
      testId="payout-block"
      locale={locale}
      heading={t.heading}
      help={t.open}
      withReason={{ label: t.block, reasonLabel: t.reasonLabel, submit: t.block, busy: t.blocking, confirm: t.confirmBlock, required: true, run: (reason) => post(url('block'), { reason }, t.blockedDone, locale) }}
    />
  )
}

type AuditLine = { id?: string; at: string; by?: number | { id: number; name?: string; email?: string } | null; actor?: string | null; from?: string | null; to: string; reason?: string | null }

/** The payout's status history (who, when, from → to, why) as a table, oldest first. */
export const AuditTrail: React.FC = () => {
  const { user } = useAuth()
  const locale = useLocale()
  const doc = useStoredDoc<{ auditTrail?: AuditLine[] }>('payouts', Boolean(user), 1)
  const t = AUDIT_TRAIL[locale]
  const status = (s: string | null | undefined) => (s ? (STATUS_LABELS[locale][s] ?? s) : t.created)
  const when = (at: string) => new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at))
  const who = (line: AuditLine) => {
    const by = typeof line.by === 'object' && line.by ? (line.by.name ?? line.by.email ?? `#${line.by.id}`) : typeof line.by === 'number' ? `#${line.by}` : ''
    const actor = line.actor ? (STATUS_LABELS[locale][line.actor] ?? line.actor) : ''
    return [actor, by].filter(Boolean).join(' · ') || '—'
  }
  const lines = doc?.auditTrail ?? []
  return (
    <section data-testid="payout-audit" style={{ margin: '8px 0 24px' }}>
      <h4 style={{ margin: '0 0 8px' }}>{t.heading}</h4>
      {doc && lines.length === 0 ? <p style={{ opacity: 0.8 }}>{t.empty}</p> : null}
      {lines.length ? (
        <table style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr style={{ textAlign: 'left', borderBottom: '1px solid var(--theme-elevation-150)' }}>
              <th style={{ padding: '4px 8px 4px 0' }}>{t.at}</th>
              <th style={{ padding: '4px 8px' }}>{t.change}</th>
              <th style={{ padding: '4px 8px' }}>{t.who}</th>
              <th style={{ padding: '4px 8px' }}>{t.why}</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line, i) => (
              <tr key={line.id ?? i} data-testid="audit-line" data-to={line.to} style={{ borderBottom: '1px solid var(--theme-elevation-100)' }}>
                <td style={{ padding: '4px 8px 4px 0', whiteSpace: 'nowrap' }}>{when(line.at)}</td>
                <td style={{ padding: '4px 8px' }}>
                  {status(line.from)} → <strong>{status(line.to)}</strong>
                </td>
                <td style={{ padding: '4px 8px' }}>{who(line)}</td>
                <td style={{ padding: '4px 8px' }}>{line.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  )
}
