import { describe, expect, it } from 'vitest'

import { refundRequestAction, type RefundRequestFacts } from '@/domain/refunds'

const HOUR = 3_600_000
const start = new Date('2026-12-10T18:00:00Z')
const hoursBefore = (h: number) => new Date(start.getTime() - h * HOUR)

const facts = (booking: RefundRequestFacts['booking'], over: Partial<RefundRequestFacts> = {}): RefundRequestFacts => ({
  now: new Date(start.getTime() + 2 * HOUR),
  booking,
  freeCancellationHours: 24,
  hasOpenRefund: false,
  ...over,
})

describe('"Request a refund" on the fan dashboard (SPEC §5, §7)', () => {
  it('is offered for past calls: completed, or confirmed and over', () => {
    expect(refundRequestAction(facts({ status: 'completed', startsAt: start }))).toBe('request')
    expect(refundRequestAction(facts({ status: 'confirmed', startsAt: start }))).toBe('request')
  })

  it('is offered for a confirmed call past its free cancellation (late), not before', () => {
    expect(refundRequestAction(facts({ status: 'confirmed', startsAt: start }, { now: hoursBefore(23) }))).toBe('request')
    expect(refundRequestAction(facts({ status: 'confirmed', startsAt: start }, { now: hoursBefore(24) }))).toBe('none')
    expect(refundRequestAction(facts({ status: 'confirmed', startsAt: start }, { now: hoursBefore(48) }))).toBe('none')
  })

  it('is offered for a call the fan cancelled late, not one cancelled with a full refund', () => {
    expect(refundRequestAction(facts({ status: 'cancelled', startsAt: start, cancellation: { by: 'fan', at: hoursBefore(3) } }))).toBe('request')
    expect(refundRequestAction(facts({ status: 'cancelled', startsAt: start, cancellation: { by: 'fan', at: hoursBefore(24) } }))).toBe('none')
    expect(refundRequestAction(facts({ status: 'cancelled', startsAt: start, cancellation: { by: 'creator', at: hoursBefore(3) } }))).toBe('none')
    expect(refundRequestAction(facts({ status: 'cancelled', startsAt: start, cancellation: { by: 'admin', at: hoursBefore(1) } }))).toBe('none')
    expect(refundRequestAction(facts({ status: 'cancelled', startsAt: start }))).toBe('none')
  })

  it('is never offered for bookings that were not paid', () => {
    expect(refundRequestAction(facts({ status: 'expired', startsAt: start }))).toBe('none')
    expect(refundRequestAction(facts({ status: 'pending', startsAt: start }))).toBe('none')
  })

  it('shows the open request instead of a second one', () => {
    expect(refundRequestAction(facts({ status: 'completed', startsAt: start }, { hasOpenRefund: true }))).toBe('pending')
    expect(refundRequestAction(facts({ status: 'expired', startsAt: start }, { hasOpenRefund: true }))).toBe('none')
  })
})
