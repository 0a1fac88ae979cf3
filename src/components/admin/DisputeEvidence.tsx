'use client'
import { Button, toast, useAuth, useDocumentInfo } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import type { Locale } from '@/i18n/locale'
import { COMMON, DISPUTE_EVIDENCE, STATUS_LABELS } from '@/messages/admin'

import { boxStyle, textareaStyle, useLocale } from './MoneyActions'

/**
 * The Evidence action on a dispute (admins, SPEC §7): a text prefilled server-side from the booking
 * (GET /api/disputes/:id/evidence), "Save draft" (staged at Stripe) and "Submit to Stripe" (after a
 * confirmation that says it is final), both through POST /api/disputes/:id/evidence, and where the
 * evidence stands. The endpoint enforces who may do it and refuses once submitted or closed.
 */

type EvidenceState = 'none' | 'sending' | 'saved' | 'submitting' | 'submitted' | 'failed'
type EvidenceView = {
  dispute: { id: number; status: string; evidenceDueBy: string | null }
  text: string
  generated: string
  state: EvidenceState
  savedAt: string | null
  submittedAt: string | null
  error: string | null
  editable: boolean
}
type Refusal = { errors?: { message: string }[] }


const when = (at: string | null, locale: Locale) =>
  at ? new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)) : ''

export const DisputeEvidence: React.FC = () => {
  const { user } = useAuth()
  const { id } = useDocumentInfo()
  const locale = useLocale()
  const isAdmin = (user as { role?: string } | null)?.role === 'admin'
  const [view, setView] = useState<EvidenceView | null>(null)
  const [text, setText] = useState('')
  const [busy, setBusy] = useState<'draft' | 'submit' | null>(null)

  useEffect(() => {
    if (!isAdmin || !id) return
    let live = true
    void (async () => {
      const res = await fetch(`/api/disputes/${id}/evidence`, { credentials: 'include', cache: 'no-store' })
      if (!res.ok || !live) return
      const loaded = (await res.json()) as EvidenceView
      setView(loaded)
      setText(loaded.text)
    })()
    return () => {
      live = false
    }
  }, [id, isAdmin])

  if (!view) return null
  const t = DISPUTE_EVIDENCE[locale]
  const common = COMMON[locale]
  const statusWord = STATUS_LABELS[locale][view.dispute.status] ?? view.dispute.status
  const stateLine =
    view.state === 'none'
      ? t.state.none
      : view.state === 'failed'
        ? t.state.failed(view.error ?? '')
        : view.state === 'submitted'
          ? t.state.submitted(when(view.submittedAt, locale))
          : t.state[view.state](when(view.savedAt, locale))

  const save = async (submit: boolean) => {
    if (!text.trim()) return void toast.error(t.empty)
    if (submit && !window.confirm(t.confirmSubmit)) return
    setBusy(submit ? 'submit' : 'draft')
    try {
      const res = await fetch(`/api/disputes/${view.dispute.id}/evidence`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, submit }),
      })
      const reply = (await res.json().catch(() => ({}))) as EvidenceView & Refusal
      if (res.ok) {
        toast.success(submit ? t.submittedToast : t.saved)
        setView(reply)
        setText(reply.text)
      } else {
        toast.error(reply.errors?.[0]?.message ?? common.failed)
        if (res.status === 409) setTimeout(() => window.location.reload(), 1500)
      }
    } catch {
      toast.error(common.network)
    } finally {
      setBusy(null)
    }
  }

  return (
    <section data-testid="dispute-evidence" data-state={view.state} style={boxStyle}>
      <p style={{ margin: '0 0 4px', fontWeight: 600 }}>{t.heading}</p>
      <p style={{ margin: '0 0 4px' }}>
        {t.status(statusWord)} {view.dispute.evidenceDueBy ? t.dueBy(when(view.dispute.evidenceDueBy, locale)) : null}
      </p>
      <p data-testid="dispute-evidence-state" style={{ margin: '0 0 12px', opacity: 0.8 }}>
        {stateLine}
      </p>
      {view.editable ? (
        <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
          <p style={{ margin: 0, opacity: 0.8 }}>{t.help}</p>
          <label htmlFor="dispute-evidence-text">{t.label}</label>
          <textarea id="dispute-evidence-text" data-testid="dispute-evidence-text" maxLength={20000} rows={14} value={text} onChange={(e) => setText(e.target.value)} style={textareaStyle} />
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button buttonStyle="secondary" size="medium" disabled={busy !== null} onClick={() => void save(false)} margin={false} id="dispute-evidence-draft">
              {busy === 'draft' ? t.saving : t.saveDraft}
            </Button>
            <Button buttonStyle="primary" size="medium" disabled={busy !== null} onClick={() => void save(true)} margin={false} id="dispute-evidence-submit">
              {busy === 'submit' ? t.submitting : t.submit}
            </Button>
            <Button buttonStyle="subtle" size="medium" disabled={busy !== null} onClick={() => setText(view.generated)} margin={false}>
              {t.regenerate}
            </Button>
          </div>
        </div>
      ) : (
        <>
          {view.state !== 'submitted' && view.state !== 'submitting' ? <p style={{ margin: '0 0 8px' }}>{t.closed}</p> : null}
          <pre data-testid="dispute-evidence-sent" style={{ whiteSpace: 'pre-wrap', margin: 0, font: 'inherit', opacity: 0.9 }}>
            {view.text}
          </pre>
        </>
      )}
    </section>
  )
}
