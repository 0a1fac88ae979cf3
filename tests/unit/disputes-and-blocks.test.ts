import { describe, expect, it } from 'vitest'

import { decideAdminBlock, decideAdminUnblock, decideDebtBlock, UNBLOCKED, type BlockState } from '@/domain/blocks'
import { disputeCreatorShare, disputeFunds, disputeOutcome, evidenceRefusal, evidenceState, isClosedDispute, paymentDisputeStatus } from '@/domain/disputes'
import type { Balance } from '@/domain/ledger'
import { schedulesDueOn } from '@/domain/payouts'
import { Refusal } from '@/domain/refusal'
import { canTransition, DISPUTE_TRANSITIONS, fromStatuses, REFUND_TRANSITIONS } from '@/domain/transitions'
import { attendanceLog, evidenceFields, evidenceSummary, NO_ATTENDANCE_RECORD, type EvidenceFacts } from '@/messages/disputeEvidence'

const bal = (currency: string, available: number): Balance => ({ currency, available, pending: 0, reserved: 0, debt: Math.max(0, -available) })
const thresholds = { EUR: 10000, USD: 5000 }

describe('dispute evidence', () => {
  const facts: EvidenceFacts = {
    title: 'Guitar lesson',
    creatorName: 'Lea Martin',
    fanName: 'Sam Fan',
    fanEmail: 'sam@example.com',
    startsAt: new Date('2026-06-05T14:00:00Z'),
    endsAt: new Date('2026-06-05T14:30:00Z'),
    paidAt: new Date('2026-06-01T09:15:00Z'),
    paidAmount: 4200,
    currency: 'EUR',
    bookingStatus: 'completed',
    noShowFan: false,
    noShowCreator: false,
    attendance: [],
    presence: { fan: null, creator: null },
  }

  it('where the evidence stands, from the row', () => {
    const base = { version: 0, sentVersion: 0, submitRequested: false, submittedAt: null, error: null }
    expect(evidenceState(base)).toBe('none')
    expect(evidenceState({ ...base, version: 2, sentVersion: 1 })).toBe('sending')
    expect(evidenceState({ ...base, version: 2, sentVersion: 2 })).toBe('saved')
    expect(evidenceState({ ...base, version: 3, sentVersion: 2, submitRequested: true })).toBe('submitting')
    expect(evidenceState({ ...base, version: 3, sentVersion: 3, submitRequested: true, submittedAt: '2026-06-06T10:00:00Z' })).toBe('submitted')
    expect(evidenceState({ ...base, version: 3, error: 'closed' })).toBe('failed')
  })

  it('saving is refused once the dispute is closed, or evidence submitted or being submitted', () => {
    const open = { status: 'needs_response' as const, submitRequested: false, submittedAt: null }
    expect(evidenceRefusal(open)).toBeNull()
    expect(evidenceRefusal({ ...open, status: 'warning_needs_response' })).toBeNull()
    for (const status of ['won', 'lost', 'warning_closed'] as const) expect(evidenceRefusal({ ...open, status })?.code).toBe('DISPUTE_CLOSED')
    for (const status of ['under_review', 'warning_under_review'] as const) expect(evidenceRefusal({ ...open, status })?.code).toBe('EVIDENCE_ALREADY_SUBMITTED')
    expect(evidenceRefusal({ ...open, submitRequested: true })).toMatchObject({ status: 409, code: 'EVIDENCE_ALREADY_SUBMITTED' })
    expect(evidenceRefusal({ ...open, submittedAt: new Date() })?.code).toBe('EVIDENCE_ALREADY_SUBMITTED')
  })

  it('the summary and Stripe fields come from the booking; no call events → “no attendance record”', () => {
    expect(evidenceFields(facts)).toEqual({
      service_date: '2026-06-05',
      customer_name: 'Sam Fan',
      customer_email_address: 'sam@example.com',
      product_description: 'A 30-minute live one-to-one video call, “Guitar lesson”, with Lea Martin, booked for 2026-06-05 14:00 UTC on Callastar and paid in advance.',
      access_activity_log: NO_ATTENDANCE_RECORD,
    })
    expect(evidenceSummary({ ...facts, noShowFan: true })).toBe(
      [
        'Service: A 30-minute live one-to-one video call, “Guitar lesson”, with Lea Martin, booked for 2026-06-05 14:00 UTC on Callastar and paid in advance.',
        'Booked and paid by: Sam Fan <sam@example.com>, paid €42.00 on 2026-06-01 09:15 UTC.',
        'Scheduled: 2026-06-05 14:00 UTC to 2026-06-05 14:30 UTC. Booking status: completed (the fan did not attend).',
        '',
        'Attendance:',
        NO_ATTENDANCE_RECORD,
      ].join('\n'),
    )
    expect(evidenceFields({ ...facts, fanName: '  ' }).customer_name).toBe('sam@example.com')
    expect(attendanceLog({ attendance: [{ type: 'meeting_started', at: new Date('2026-06-05T14:00:05Z'), source: 'provider', who: null }] })).toBe(
      '2026-06-05 14:00:05 UTC — participant: meeting started (reported by the video provider)',
    )
  })
})

describe('refund transitions', () => {
  it('a refund given up on can be completed when Stripe made it after all (failed → succeeded)', () => {
    expect(canTransition(REFUND_TRANSITIONS, 'failed', 'succeeded')).toBe(true)
    expect(canTransition(REFUND_TRANSITIONS, 'succeeded', 'failed')).toBe(false)
    expect(canTransition(REFUND_TRANSITIONS, 'rejected', 'succeeded')).toBe(false)
  })
})

describe('disputes', () => {
  it('statuses only move forward: a stale status after a newer one, or anything after won / lost, is not a transition', () => {
    expect(canTransition(DISPUTE_TRANSITIONS, 'needs_response', 'under_review')).toBe(true)
    expect(canTransition(DISPUTE_TRANSITIONS, 'under_review', 'needs_response')).toBe(false)
    expect(canTransition(DISPUTE_TRANSITIONS, 'needs_response', 'lost')).toBe(true)
    expect(canTransition(DISPUTE_TRANSITIONS, 'warning_needs_response', 'needs_response')).toBe(true)
    for (const end of ['won', 'lost'] as const) expect(DISPUTE_TRANSITIONS[end]).toEqual([])
    expect(fromStatuses(DISPUTE_TRANSITIONS, 'warning_needs_response')).toEqual([])
  })

  it('closed statuses, the outcome and the payment’s dispute status', () => {
    expect(['won', 'lost', 'warning_closed'].every((s) => isClosedDispute(s as never))).toBe(true)
    expect(isClosedDispute('under_review')).toBe(false)
    expect([paymentDisputeStatus('needs_response'), paymentDisputeStatus('won'), paymentDisputeStatus('lost'), paymentDisputeStatus('warning_closed')]).toEqual(['open', 'won', 'lost', 'none'])
    expect([disputeOutcome('lost'), disputeOutcome('won'), disputeOutcome('warning_closed'), disputeOutcome('under_review')]).toEqual(['lost', 'won', 'won', null])
  })

  it('funds: from the event type or the dispute’s balance transactions, whichever event carries them; reinstated implies withdrawn', () => {
    expect(disputeFunds({ eventType: 'charge.dispute.created', status: 'needs_response', balanceTransactionAmounts: [] })).toEqual({ withdrawn: false, reinstated: false })
    expect(disputeFunds({ eventType: 'charge.dispute.created', status: 'needs_response', balanceTransactionAmounts: [-10000] })).toEqual({ withdrawn: true, reinstated: false })
    expect(disputeFunds({ eventType: 'charge.dispute.funds_withdrawn', status: 'needs_response', balanceTransactionAmounts: [] })).toEqual({ withdrawn: true, reinstated: false })
    expect(disputeFunds({ eventType: 'charge.dispute.closed', status: 'lost', balanceTransactionAmounts: [] })).toEqual({ withdrawn: true, reinstated: false })
    expect(disputeFunds({ eventType: 'charge.dispute.updated', status: 'won', balanceTransactionAmounts: [-10000, 10000] })).toEqual({ withdrawn: true, reinstated: true })
    expect(disputeFunds({ eventType: 'charge.dispute.funds_reinstated', status: 'won', balanceTransactionAmounts: [] })).toEqual({ withdrawn: true, reinstated: true })
  })

  it('the creator’s share: proportional to the disputed part (half-up), capped at what refunds left them', () => {
    expect(disputeCreatorShare({ paymentAmount: 10000, creatorAmount: 8500, disputeAmount: 10000, alreadyRecovered: 0 })).toBe(8500)
    expect(disputeCreatorShare({ paymentAmount: 10000, creatorAmount: 8500, disputeAmount: 3333, alreadyRecovered: 0 })).toBe(2833)
    expect(disputeCreatorShare({ paymentAmount: 10000, creatorAmount: 8500, disputeAmount: 10000, alreadyRecovered: 4250 })).toBe(4250)
    expect(disputeCreatorShare({ paymentAmount: 10000, creatorAmount: 8500, disputeAmount: 10000, alreadyRecovered: 8500 })).toBe(0)
    expect(disputeCreatorShare({ paymentAmount: 10000, creatorAmount: 8500, disputeAmount: 20000, alreadyRecovered: 0 })).toBe(8500)
  })
})

describe('payout blocks', () => {
  const debtBlock: BlockState = { blocked: true, by: 'debt', reason: 'Debt' }
  const adminBlock: BlockState = { blocked: true, by: 'admin', reason: 'Identity check' }

  it('blocks for debt only above the threshold of that currency', () => {
    expect(decideDebtBlock(UNBLOCKED, [bal('EUR', -10000)], thresholds)).toEqual({ action: 'keep' })
    const blocked = decideDebtBlock(UNBLOCKED, [bal('EUR', 500), bal('USD', -5001)], thresholds)
    expect(blocked).toMatchObject({ action: 'block', state: { blocked: true, by: 'debt', reason: 'Debt of $50.01 above the threshold of $50.00' } })
  })

  it('lifts a debt block once no currency is in debt; never lifts an admin’s block', () => {
    expect(decideDebtBlock(debtBlock, [bal('EUR', -1)], thresholds)).toEqual({ action: 'keep' })
    expect(decideDebtBlock(debtBlock, [bal('EUR', 0), bal('USD', 10)], thresholds)).toEqual({ action: 'unblock', state: UNBLOCKED })
    expect(decideDebtBlock(adminBlock, [bal('EUR', 100)], thresholds)).toEqual({ action: 'keep' })
    expect(decideDebtBlock(adminBlock, [bal('EUR', -50000)], thresholds)).toEqual({ action: 'keep' })
  })

  it('an admin blocks with a reason (a debt block becomes theirs), and unblocks any block', () => {
    expect(() => decideAdminBlock(UNBLOCKED, '  ')).toThrow(Refusal)
    expect(decideAdminBlock(UNBLOCKED, ' Identity check ')).toEqual({ blocked: true, by: 'admin', reason: 'Identity check' })
    expect(decideAdminBlock(debtBlock, 'Fraud review')).toEqual({ blocked: true, by: 'admin', reason: 'Fraud review' })
    expect(() => decideAdminBlock(adminBlock, 'Again')).toThrow(expect.objectContaining({ status: 409, code: 'PAYOUTS_ALREADY_BLOCKED' }))
    expect(decideAdminUnblock(debtBlock)).toEqual(UNBLOCKED)
    expect(() => decideAdminUnblock(UNBLOCKED)).toThrow(expect.objectContaining({ status: 409, code: 'PAYOUTS_NOT_BLOCKED' }))
  })

  it('schedules due: daily every day, weekly on Mondays, monthly on the 1st (UTC)', () => {
    expect(schedulesDueOn(new Date('2026-12-02T03:00:00Z'))).toEqual(['daily']) // a Wednesday
    expect(schedulesDueOn(new Date('2026-12-07T03:00:00Z'))).toEqual(['daily', 'weekly']) // a Monday
    expect(schedulesDueOn(new Date('2026-12-01T03:00:00Z'))).toEqual(['daily', 'monthly']) // a Tuesday, the 1st
    expect(schedulesDueOn(new Date('2027-02-01T03:00:00Z'))).toEqual(['daily', 'weekly', 'monthly']) // a Monday, the 1st
  })
})
