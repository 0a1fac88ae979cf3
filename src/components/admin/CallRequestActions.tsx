'use client'
import { Button, ConfirmationModal, toast, useAuth, useDocumentInfo, useModal, useTranslation } from '@payloadcms/ui'
import React, { useEffect, useState } from 'react'

import { EXPIRE_HOURS_BEFORE_START, isPastAnswerDeadline } from '@/domain/callRequests'
import type { KnownRefusalCode } from '@/domain/refusal'
import { localeOf } from '@/i18n/locale'

/** Someone (or the expiry) answered first: the page shows a stale request. */
const ANSWERED_ELSEWHERE: readonly KnownRefusalCode[] = ['CALL_REQUEST_NOT_PENDING', 'CALL_REQUEST_EXPIRED']

const TEXT = {
  en: {
    heading: 'Answer this request',
    help: 'The fan is notified either way.',
    accept: 'Accept',
    accepting: 'Accepting…',
    acceptHeading: 'Accept this call request?',
    confirmAccept: 'An offer reserved for this fan is created at the proposed time and price; they can then book and pay.',
    messageLabel: 'Message to the fan (optional)',
    accepted: 'Request accepted: the fan can now book the offer.',
    decline: 'Decline',
    reasonLabel: 'Message to the fan (optional)',
    confirmDeclineButton: 'Decline request',
    declining: 'Declining…',
    cancel: 'Cancel',
    declineHeading: 'Decline this call request?',
    confirmDecline: 'The fan is told, with your message if you wrote one.',
    declined: 'Request declined.',
    overdue: `This request can no longer be answered: requests expire ${EXPIRE_HOURS_BEFORE_START} hours before the proposed start.`,
    failed: 'Could not answer this request.',
    network: 'Network error: nothing was changed.',
  },
  fr: {
    heading: 'Répondre à cette demande',
    help: 'Le fan est prévenu dans les deux cas.',
    accept: 'Accepter',
    accepting: 'Acceptation…',
    acceptHeading: 'Accepter cette demande d’appel ?',
    confirmAccept: 'Une offre réservée à ce fan est créée à l’heure et au prix proposés ; il pourra ensuite réserver et payer.',
    messageLabel: 'Message au fan (facultatif)',
    accepted: 'Demande acceptée : le fan peut maintenant réserver l’offre.',
    decline: 'Refuser',
    reasonLabel: 'Message au fan (facultatif)',
    confirmDeclineButton: 'Refuser la demande',
    declining: 'Refus…',
    cancel: 'Annuler',
    declineHeading: 'Refuser cette demande d’appel ?',
    confirmDecline: 'Le fan est prévenu, avec votre message si vous en avez écrit un.',
    declined: 'Demande refusée.',
    overdue: `Cette demande ne peut plus recevoir de réponse : elle expire ${EXPIRE_HOURS_BEFORE_START} heures avant le début proposé.`,
    failed: 'Impossible de répondre à cette demande.',
    network: 'Erreur réseau : rien n’a été modifié.',
  },
} as const

type Stored = { status?: string; proposedStart?: string; creator?: { user?: unknown } | number | null }

const MODAL = { accept: 'call-request-accept', reject: 'call-request-decline' } as const

/**
 * Sidebar of a call request: "Accept" and "Decline" for the creator it was sent to, while it is
 * pending. Each opens the panel's own confirmation modal, with an optional message to the fan. The
 * page reloads afterwards so the status, answer and resulting offer show what the server stored.
 */
export const CallRequestActions: React.FC = () => {
  const { user } = useAuth()
  const { id } = useDocumentInfo()
  const { i18n } = useTranslation()
  const { openModal } = useModal()
  const t = TEXT[localeOf(i18n.language)]
  const [stored, setStored] = useState<Stored | null>(null)
  const [message, setMessage] = useState('')
  const isCreator = (user as { role?: string } | null)?.role === 'creator'

  useEffect(() => {
    if (!isCreator || !id) return
    let live = true
    // The request with its creator populated: a creator profile's `user` is readable by its owner
    // only, so it names the current user exactly when the request was sent to them.
    void (async () => {
      const res = await fetch(`/api/call-requests/${id}?depth=1`, { credentials: 'include' })
      if (res.ok && live) setStored((await res.json()) as Stored)
    })()
    return () => {
      live = false
    }
  }, [isCreator, id])

  const creator = stored?.creator
  const owner = typeof creator === 'object' && creator !== null ? creator.user : undefined
  const ownerId = typeof owner === 'object' && owner !== null ? (owner as { id?: unknown }).id : owner
  if (!id || !user || !isCreator || stored?.status !== 'pending' || ownerId !== user.id) return null

  const proposedStart = stored.proposedStart
  // Same rule as the endpoints: a request must be answered 2 hours before its proposed start.
  const overdue = proposedStart ? isPastAnswerDeadline(new Date(proposedStart), new Date()) : false

  const send = async (action: 'accept' | 'reject') => {
    const text = message.trim() || undefined
    try {
      const res = await fetch(`/api/call-requests/${id}/${action}`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(action === 'reject' ? { reason: text } : { message: text }),
      })
      const body = (await res.json()) as { errors?: { message: string; code?: KnownRefusalCode }[] }
      if (res.ok) {
        toast.success(action === 'accept' ? t.accepted : t.declined)
        window.location.reload()
        return
      }
      toast.error(body.errors?.[0]?.message ?? t.failed)
      // Someone (or the expiry) answered first: show what is stored now.
      const code = body.errors?.[0]?.code
      if (code && ANSWERED_ELSEWHERE.includes(code)) window.location.reload()
    } catch {
      toast.error(t.network)
    }
  }

  const body = (explanation: string, action: 'accept' | 'reject') => (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      <p style={{ margin: 0 }}>{explanation}</p>
      <label htmlFor={`call-request-message-${action}`}>{action === 'reject' ? t.reasonLabel : t.messageLabel}</label>
      <textarea
        id={`call-request-message-${action}`}
        data-testid={action === 'reject' ? 'call-request-decline-reason' : 'call-request-accept-message'}
        maxLength={500}
        rows={4}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        style={{ width: '100%', font: 'inherit', padding: 8, borderRadius: 4, border: '1px solid var(--theme-elevation-250)', background: 'var(--theme-input-bg)', color: 'inherit' }}
      />
    </div>
  )

  return (
    <section data-testid="call-request-actions" style={{ border: '1px solid var(--theme-elevation-150)', borderRadius: 8, padding: 16, margin: '16px 0 24px' }}>
      <p style={{ margin: '0 0 4px', fontWeight: 600 }}>{t.heading}</p>
      {overdue ? (
        <p style={{ margin: 0, opacity: 0.8 }}>{t.overdue}</p>
      ) : (
        <>
          <p style={{ margin: '0 0 12px', opacity: 0.8 }}>{t.help}</p>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <Button buttonStyle="primary" size="medium" onClick={() => openModal(MODAL.accept)} margin={false} id="call-request-accept">
              {t.accept}
            </Button>
            <Button buttonStyle="secondary" size="medium" onClick={() => openModal(MODAL.reject)} margin={false} id="call-request-decline">
              {t.decline}
            </Button>
          </div>
          <ConfirmationModal
            modalSlug={MODAL.accept}
            heading={t.acceptHeading}
            body={body(t.confirmAccept, 'accept')}
            confirmLabel={t.accept}
            confirmingLabel={t.accepting}
            cancelLabel={t.cancel}
            onConfirm={() => send('accept')}
          />
          <ConfirmationModal
            modalSlug={MODAL.reject}
            heading={t.declineHeading}
            body={body(t.confirmDecline, 'reject')}
            confirmLabel={t.confirmDeclineButton}
            confirmingLabel={t.declining}
            cancelLabel={t.cancel}
            onConfirm={() => send('reject')}
          />
        </>
      )}
    </section>
  )
}
