/**
 * Dispute evidence (SPEC §7) over real HTTP and the Stripe emulator: the summary generated from the
 * booking (with the call's attendance when call events exist), a draft staged at Stripe, a
 * submission (once: needs_response → under_review at Stripe and, through charge.dispute.updated,
 * on our dispute), refusals (closed, already submitted, empty text, access) and Stripe refusing the
 * evidence of a dispute that closed meanwhile.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { stripeClient } from '@/integrations/stripe/client'
import { sendDisputeEvidence } from '@/services/disputeEvidence'
import type { StripeEmulator } from '../../emulators/stripe'

import { api, paidBooking, query, settleStripe, startPaymentsWorld, stopPaymentsWorld, type Actors } from './harness'

const SECRET = 'whsec_test_dispute_evidence'

type Errors = { errors: { code: string; message: string; field?: string }[] }
type Evidence = {
  dispute: { id: number; status: string; stripeDisputeId: string; evidenceDueBy: string | null }
  text: string
  generated: string
  fields: Record<string, string>
  state: string
  version: number
  savedAt: string | null
  sentAt: string | null
  submittedAt: string | null
  error: string | null
  editable: boolean
}

describe('dispute evidence', () => {
  let payload: Payload
  let actors: Actors
  let stripe: StripeEmulator
  let hours = 2

  const settle = async () => {
    for (let i = 0; i < 2; i++) await settleStripe(payload, stripe)
  }

  /** A paid booking disputed at Stripe, the dispute stored from its webhooks. */
  const disputed = async () => {
    const paid = await paidBooking(payload, stripe, { creatorId: actors.creatorA.creatorId!, fanToken: actors.fanA.token, hoursAhead: (hours += 2) })
    const [payment] = await query<{ stripe_payment_intent_id: string }>(payload, 'SELECT stripe_payment_intent_id FROM payments WHERE id = $1', [paid.paymentId])
    const atStripe = stripe.control.openDispute({ paymentIntent: payment.stripe_payment_intent_id, reason: 'product_not_received' })
    await settle()
    const [row] = (await payload.find({ collection: 'disputes', where: { stripeDisputeId: { equals: atStripe.id } }, depth: 0 })).docs
    return { ...paid, disputeId: row.id, stripeDisputeId: atStripe.id }
  }

  const get = (disputeId: number, token = actors.admin.token) => api<Evidence & Errors>('GET', `/disputes/${disputeId}/evidence`, { token })
  const post = (disputeId: number, body: unknown, token = actors.admin.token) => api<Evidence & Errors>('POST', `/disputes/${disputeId}/evidence`, { token, body })
  const evidenceCalls = (disputeId: number) => stripe.control.requests().filter((r) => r.method === 'POST' && r.idempotencyKey?.startsWith(`dispute/${disputeId}/evidence/`))

  beforeAll(async () => {
    ({ stripe, payload, actors } = await startPaymentsWorld({ webhookSecret: SECRET }))
  })
  afterAll(async () => {
    await stopPaymentsWorld({ stripe })
  })

  it('the summary is generated from the booking: offer, scheduled time, fan name and email, “no attendance record” without call events, the attendance lines with them', async () => {
    const d = await disputed()
    const res = await get(d.disputeId)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const booking = await payload.findByID({ collection: 'bookings', id: d.bookingId, depth: 0 })
    const startsAt = new Date(booking.startsAt!)
    expect(res.body).toMatchObject({ state: 'none', version: 0, editable: true, savedAt: null, submittedAt: null, dispute: { id: d.disputeId, status: 'needs_response' } })
    expect(res.body.text).toBe(res.body.generated)
    expect(res.body.text).toContain('30-minute live one-to-one video call, “Coaching”')
    expect(res.body.text).toContain(`${startsAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`)
    expect(res.body.text).toContain(`fanA Tester <${actors.fanA.email}>`)
    expect(res.body.text).toContain('paid €100.00')
    expect(res.body.text).toContain('No attendance record')
    expect(res.body.fields).toMatchObject({ service_date: startsAt.toISOString().slice(0, 10), customer_name: 'fanA Tester', customer_email_address: actors.fanA.email })
    expect(res.body.fields.access_activity_log).toContain('No attendance record')

    // The call's recorded events (the calls issue writes them): one line each, oldest first.
    const at = (minutes: number) => new Date(startsAt.getTime() + minutes * 60_000).toISOString()
    for (const [type, actor, minutes, source] of [
      ['joined', actors.creatorA.id, 0, 'provider'],
      ['joined', actors.fanA.id, 1, 'provider'],
      ['left', actors.fanA.id, 29, 'client'],
    ] as const) {
      // Provider presence carries the participant's role (as Daily's webhooks and the signalling write it).
      const metadata = source === 'provider' ? { role: actor === actors.creatorA.id ? 'creator' : 'fan' } : undefined
      await payload.create({ collection: 'call-events', data: { booking: d.bookingId, actor, type, at: at(minutes), source, metadata } })
    }
    const withCall = await get(d.disputeId)
    expect(withCall.body.text).not.toContain('No attendance record')
    // Who attended, as the call completion reads it: first join and minutes present (the fan's browser leave is not the provider's record).
    expect(withCall.body.text).toContain(`Creator: first joined ${at(0).slice(0, 19).replace('T', ' ')} UTC, present 30 min`)
    expect(withCall.body.text).toContain(`Fan: first joined ${at(1).slice(0, 19).replace('T', ' ')} UTC, present 29 min`)
    expect(withCall.body.fields.access_activity_log.split('\n')).toEqual([
      `${at(0).slice(0, 19).replace('T', ' ')} UTC — creator: joined (reported by the video provider)`,
      `${at(1).slice(0, 19).replace('T', ' ')} UTC — fan: joined (reported by the video provider)`,
      `${at(29).slice(0, 19).replace('T', ' ')} UTC — fan: left (reported by the participant’s browser)`,
    ])
  })

  it('a draft is staged at Stripe (has_evidence, not submitted); then the submission: under_review at Stripe and on our dispute (charge.dispute.updated), once', async () => {
    const d = await disputed()
    const text = `${(await get(d.disputeId)).body.generated}\n\nThe fan attended the whole call.`
    const draft = await post(d.disputeId, { text })
    expect(draft.status).toBe(200)
    expect(draft.body).toMatchObject({ state: 'sending', version: 1, text, editable: true })
    await settle()
    let atStripe = await stripeClient().disputes.retrieve(d.stripeDisputeId)
    expect(atStripe.status).toBe('needs_response')
    expect(atStripe.evidence_details).toMatchObject({ has_evidence: true, submission_count: 0 })
    expect(atStripe.evidence).toMatchObject({ uncategorized_text: text, customer_name: 'fanA Tester', customer_email_address: actors.fanA.email })
    expect(atStripe.evidence.product_description).toContain('“Coaching”')
    expect(atStripe.evidence.access_activity_log).toContain('No attendance record')
    expect((await get(d.disputeId)).body).toMatchObject({ state: 'saved', editable: true })
    expect(evidenceCalls(d.disputeId).map((r) => [r.idempotencyKey, r.status])).toEqual([[`dispute/${d.disputeId}/evidence/1`, 200]])
    // A job run again sends nothing twice.
    expect(await sendDisputeEvidence(payload, d.disputeId)).toBe('nothing')

    const submitted = await post(d.disputeId, { text: `${text}\nSubmitted.`, submit: true })
    expect(submitted.status).toBe(200)
    expect(submitted.body).toMatchObject({ state: 'submitting', version: 2, editable: false })
    // While the submission is under way nothing changes it.
    const during = await post(d.disputeId, { text: 'Changed my mind' })
    expect([during.status, during.body.errors[0].code]).toEqual([409, 'EVIDENCE_ALREADY_SUBMITTED'])
    await settle()
    atStripe = await stripeClient().disputes.retrieve(d.stripeDisputeId)
    expect(atStripe.status).toBe('under_review')
    expect(atStripe.evidence_details).toMatchObject({ has_evidence: true, submission_count: 1, submission_method: 'manual' })
    expect(atStripe.evidence.uncategorized_text).toBe(`${text}\nSubmitted.`)
    const after = await get(d.disputeId)
    expect(after.body).toMatchObject({ state: 'submitted', editable: false, dispute: { status: 'under_review' } })
    expect(after.body.submittedAt).toBeTruthy()
    const row = await payload.findByID({ collection: 'disputes', id: d.disputeId, depth: 0 })
    expect([row.status, row.evidenceVersion, row.evidenceSentVersion, row.evidenceSavedBy]).toEqual(['under_review', 2, 2, actors.admin.id])
    // Stripe's charge.dispute.updated events (draft, submission) were processed by our handler.
    const updates = await query<{ status: string }>(payload, `SELECT status FROM webhook_events WHERE type = 'charge.dispute.updated' AND payload::text LIKE $1`, [`%${d.stripeDisputeId}%`])
    expect(updates.map((e) => e.status)).toEqual(['processed', 'processed'])

    // Once submitted: 409 here, and Stripe itself refuses more evidence.
    for (const body of [{ text: 'More', submit: true }, { text: 'More' }]) {
      const again = await post(d.disputeId, body)
      expect([again.status, again.body.errors[0].code]).toEqual([409, 'EVIDENCE_ALREADY_SUBMITTED'])
    }
    await expect(stripeClient().disputes.update(d.stripeDisputeId, { evidence: { uncategorized_text: 'More' } })).rejects.toMatchObject({ code: 'dispute_already_submitted' })
    expect(evidenceCalls(d.disputeId).filter((r) => r.status === 200)).toHaveLength(2)

    // Stripe decides: the status keeps following its events.
    stripe.control.closeDispute(d.stripeDisputeId, 'lost')
    await settle()
    expect((await payload.findByID({ collection: 'disputes', id: d.disputeId, depth: 0 })).status).toBe('lost')
  })

  it('refusals: a closed dispute 409, an empty text 400, non-admins 401/403 — nothing stored', async () => {
    const d = await disputed()
    for (const body of [{}, { text: '' }, { text: '  \n ' }, { text: 42 }]) {
      const res = await post(d.disputeId, body)
      expect([res.status, res.body.errors[0].code, res.body.errors[0].field]).toEqual([400, 'INVALID_INPUT', 'text'])
    }
    const badSubmit = await post(d.disputeId, { text: 'Evidence', submit: 'yes' })
    expect([badSubmit.status, badSubmit.body.errors[0].field]).toEqual([400, 'submit'])
    expect((await post(d.disputeId, { text: 'x'.repeat(20_001) })).status).toBe(400)
    expect((await api<Errors>('POST', `/disputes/${d.disputeId}/evidence`, { body: { text: 'Evidence' } })).status).toBe(401)
    for (const actor of [actors.fanA, actors.creatorA]) {
      const res = await post(d.disputeId, { text: 'Evidence' }, actor.token)
      expect([res.status, res.body.errors[0].code]).toEqual([403, 'FORBIDDEN'])
      expect((await get(d.disputeId, actor.token)).status).toBe(403)
    }
    expect((await get(d.disputeId)).body.version).toBe(0)

    stripe.control.closeDispute(d.stripeDisputeId, 'lost')
    await settle()
    const closed = await post(d.disputeId, { text: 'Too late', submit: true })
    expect([closed.status, closed.body.errors[0].code]).toEqual([409, 'DISPUTE_CLOSED'])
    expect((await get(d.disputeId)).body).toMatchObject({ version: 0, editable: false, dispute: { status: 'lost' } })
    expect(evidenceCalls(d.disputeId)).toHaveLength(0)
  })

  it('Stripe refuses the evidence (the dispute closed before the job ran): the reason kept, the submission ended, admins told', async () => {
    const d = await disputed()
    stripe.control.holdEvents()
    expect((await post(d.disputeId, { text: 'Evidence', submit: true })).status).toBe(200)
    stripe.control.closeDispute(d.stripeDisputeId, 'lost')
    expect(await sendDisputeEvidence(payload, d.disputeId)).toBe('failed')
    let view = (await get(d.disputeId)).body
    expect(view).toMatchObject({ state: 'failed', submittedAt: null, editable: true })
    expect(view.error).toMatch(/already closed/)
    const notes = await query<{ title: string }>(payload, `SELECT title FROM notifications WHERE user_id = $1 AND type = 'system' AND (metadata->>'disputeId')::int = $2`, [actors.admin.id, d.disputeId])
    expect(notes.map((n) => n.title)).toEqual(['Dispute evidence not sent'])
    expect(await query(payload, `SELECT id FROM system_logs WHERE type = 'dispute.evidence_failed' AND (metadata->>'disputeId')::int = $1`, [d.disputeId])).toHaveLength(1)
    // The queued job finds nothing more to do; once Stripe's events arrive the dispute shows lost and takes no evidence.
    stripe.control.releaseEvents()
    await settle()
    view = (await get(d.disputeId)).body
    expect(view).toMatchObject({ state: 'failed', editable: false, dispute: { status: 'lost' } })
  })
})
