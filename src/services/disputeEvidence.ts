/**
 * Dispute evidence (SPEC §7: admins answer a dispute, for a call with its attendance record).
 * `GET /api/disputes/:id/evidence` shows the stored text, or a summary generated from the booking
 * (offer, scheduled time, fan, the call's recorded attendance); `POST` stores the admin's text as
 * a new version — a draft, or asked to be submitted — and queues `send-dispute-evidence`, the only
 * place that talks to Stripe: `disputes.update(id, {evidence, submit})` under an idempotency key
 * from our dispute id and the version. Stripe takes evidence once: after a submission (or while one
 * is under way) and once the dispute is closed, saving is refused (409).
 */
import type { Payload } from 'payload'
import type Stripe from 'stripe'

import { attendanceOf, callTimeline } from '@/db/calls'
import { disputeEvidenceRow, markEvidenceFailed, markEvidenceSent, moveDispute, saveDisputeEvidence, type DisputeEvidenceRow } from '@/db/disputes'
import { runner, withTransaction, type Run } from '@/db/run'
import { evidenceRefusal, evidenceState, type EvidenceState } from '@/domain/disputes'
import { Refusal } from '@/domain/refusal'
import { DISPUTE_STATUSES } from '@/domain/statuses'
import type { DisputeStatus } from '@/domain/transitions'
import { stripeClient } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'
import { evidenceFields, evidenceSummary, type EvidenceFacts, type EvidenceFields } from '@/messages/disputeEvidence'

import { logSystem } from './logs'
import { notifyAdmins } from './notifications'

export const SEND_DISPUTE_EVIDENCE_TASK = 'send-dispute-evidence'

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString())
const disputeLink = (id: number) => `/admin/collections/disputes/${id}`

export type EvidenceView = {
  dispute: { id: number; status: DisputeStatus; stripeDisputeId: string; evidenceDueBy: string | null }
  /** What the editor starts from: the saved text, or the generated summary when nothing was saved. */
  text: string
  generated: string
  /** Sent to Stripe beside the text (`uncategorized_text`). */
  fields: EvidenceFields
  state: EvidenceState
  version: number
  savedAt: string | null
  sentAt: string | null
  submittedAt: string | null
  error: string | null
  /** Whether saving is still possible (no refusal). */
  editable: boolean
}

const factsOf = async (run: Run, d: DisputeEvidenceRow): Promise<EvidenceFacts> => ({
  title: d.title,
  creatorName: d.creator_name,
  fanName: d.fan_name,
  fanEmail: d.fan_email,
  startsAt: new Date(d.starts_at),
  endsAt: d.ends_at ? new Date(d.ends_at) : null,
  paidAt: d.paid_at ? new Date(d.paid_at) : null,
  paidAmount: Number(d.amount),
  currency: d.currency,
  bookingStatus: d.booking_status,
  noShowFan: Boolean(d.no_show_fan),
  noShowCreator: Boolean(d.no_show_creator),
  // The call's record, read as the call summary and the completion job read it (one reader of call events).
  attendance: (await callTimeline(run, d.booking_id)).map((e) => ({
    type: e.type,
    at: new Date(e.at),
    source: e.source,
    who: roleOf(e.metadata) ?? (e.actor_id === d.fan_id ? 'fan' : e.actor_id === d.creator_user_id ? 'creator' : null),
  })),
  presence: (await attendanceOf(run, d.booking_id)) ?? { fan: null, creator: null },
})

const roleOf = (metadata: unknown): 'fan' | 'creator' | null => {
  const role = (metadata as { role?: unknown } | null)?.role
  return role === 'fan' || role === 'creator' ? role : null
}

const refusalOf = (d: DisputeEvidenceRow) => evidenceRefusal({ status: d.status, submitRequested: d.evidence_submit_requested, submittedAt: d.evidence_submitted_at })

const viewOf = async (run: Run, d: DisputeEvidenceRow): Promise<EvidenceView> => {
  const facts = await factsOf(run, d)
  const generated = evidenceSummary(facts)
  return {
    dispute: { id: d.id, status: d.status, stripeDisputeId: d.stripe_dispute_id, evidenceDueBy: iso(d.evidence_due_by) },
    text: d.evidence_text ?? generated,
    generated,
    fields: evidenceFields(facts),
    state: evidenceState({ version: d.evidence_version, sentVersion: d.evidence_sent_version, submitRequested: d.evidence_submit_requested, submittedAt: d.evidence_submitted_at, error: d.evidence_error }),
    version: d.evidence_version,
    savedAt: iso(d.evidence_saved_at),
    sentAt: iso(d.evidence_sent_at),
    submittedAt: iso(d.evidence_submitted_at),
    error: d.evidence_error,
    editable: refusalOf(d) === null,
  }
}

const notFound = (id: number) => new Refusal(404, 'NOT_FOUND', `Dispute ${id} not found.`)

/** `GET /api/disputes/:id/evidence` (admin). */
export const disputeEvidence = async (payload: Payload, disputeId: number): Promise<EvidenceView> => {
  const run = runner(payload)
  const d = await disputeEvidenceRow(run, disputeId)
  if (!d) throw notFound(disputeId)
  return viewOf(run, d)
}

/**
 * `POST /api/disputes/:id/evidence {text, submit?}` (admin): under the dispute's lock, refused when
 * closed or already submitted (409); the text stored as a new version with the submit flag, and
 * `send-dispute-evidence` queued in the same transaction.
 */
export const saveEvidence = async (payload: Payload, input: { disputeId: number; adminId: number; text: string; submit: boolean }): Promise<EvidenceView> =>
  withTransaction(payload, async (req, run) => {
    const d = await disputeEvidenceRow(run, input.disputeId, true)
    if (!d) throw notFound(input.disputeId)
    const refused = refusalOf(d)
    if (refused) throw refused
    const version = await saveDisputeEvidence(run, d.id, { text: input.text, submit: input.submit, adminId: input.adminId, at: now() })
    await payload.jobs.queue({ task: SEND_DISPUTE_EVIDENCE_TASK, input: { disputeId: d.id }, req })
    await logSystem(payload, {
      req,
      level: 'INFO',
      type: input.submit ? 'dispute.evidence_submit_requested' : 'dispute.evidence_saved',
      actor: 'ADMIN',
      actorId: input.adminId,
      message: `Dispute ${d.id} (${d.stripe_dispute_id}): evidence version ${version} ${input.submit ? 'to be submitted to Stripe' : 'saved as a draft'} (${input.text.length} characters)`,
      metadata: { disputeId: d.id, version, submit: input.submit },
    })
    return viewOf(run, (await disputeEvidenceRow(run, d.id))!)
  })

export type EvidenceOutcome = 'staged' | 'submitted' | 'failed' | 'nothing'

const isPermanentStripeError = (error: unknown): boolean => (error as { type?: string } | null)?.type === 'StripeInvalidRequestError'

/**
 * The `send-dispute-evidence` job: sends the latest saved version to Stripe (the admin's text as
 * `uncategorized_text`, the booking's facts in the named fields, `submit` as asked) under the key
 * `dispute/<id>/evidence/<version>`, then records it (and Stripe's new status). A version already
 * sent, or a submitted dispute, sends nothing. Stripe failing is retried; Stripe refusing, or the
 * last attempt, keeps the reason on the dispute, ends the submission under way (the admin may try
 * again) and tells admins.
 */
export const sendDisputeEvidence = async (payload: Payload, disputeId: number, { lastAttempt = false }: { lastAttempt?: boolean } = {}): Promise<EvidenceOutcome> => {
  const run = runner(payload)
  const d = await disputeEvidenceRow(run, disputeId)
  if (!d || d.evidence_version <= 0 || d.evidence_submitted_at || d.evidence_error) return 'nothing'
  if (d.evidence_sent_version >= d.evidence_version && !d.evidence_submit_requested) return 'nothing'
  const version = d.evidence_version
  const submit = d.evidence_submit_requested
  let updated: Stripe.Dispute
  try {
    const fields = evidenceFields(await factsOf(run, d))
    updated = await stripeClient().disputes.update(
      d.stripe_dispute_id,
      { evidence: { ...fields, uncategorized_text: d.evidence_text ?? '' }, submit, metadata: { disputeId: String(d.id), evidenceVersion: String(version) } },
      { idempotencyKey: `dispute/${d.id}/evidence/${version}` },
    )
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (!isPermanentStripeError(error) && !lastAttempt) {
      await logSystem(payload, { level: 'WARNING', type: 'dispute.evidence_retry', message: `Dispute ${d.id}: evidence version ${version} not sent to Stripe yet (will retry): ${message}`, metadata: { disputeId: d.id, version } })
      throw error
    }
    await withTransaction(payload, async (req, tx) => {
      await markEvidenceFailed(tx, d.id, version, message)
      await logSystem(payload, {
        req,
        level: 'ERROR',
        type: 'dispute.evidence_failed',
        message: `Dispute ${d.id} (${d.stripe_dispute_id}): evidence version ${version} could not be ${submit ? 'submitted' : 'sent'} to Stripe: ${message}`,
        metadata: { disputeId: d.id, version, submit, lastAttempt },
      })
      await notifyAdmins(payload, { req, message: 'system.dispute_evidence_failed', data: { disputeId: d.id, submit, error: message.slice(0, 300) }, link: disputeLink(d.id), metadata: { disputeId: d.id } })
    })
    return 'failed'
  }
  const submitted = submit && updated.evidence_details.submission_count > 0
  await withTransaction(payload, async (req, tx) => {
    await markEvidenceSent(tx, d.id, version, now(), submitted)
    if ((DISPUTE_STATUSES as readonly string[]).includes(updated.status)) await moveDispute(tx, d.id, updated.status as DisputeStatus)
    await logSystem(payload, {
      req,
      level: 'INFO',
      type: submitted ? 'dispute.evidence_submitted' : 'dispute.evidence_staged',
      message: `Dispute ${d.id} (${d.stripe_dispute_id}): evidence version ${version} ${submitted ? 'submitted to the bank' : 'staged'} at Stripe (status ${updated.status})`,
      metadata: { disputeId: d.id, version, status: updated.status, submissionCount: updated.evidence_details.submission_count },
    })
  })
  return submitted ? 'submitted' : 'staged'
}
