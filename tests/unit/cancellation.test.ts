import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import {
  bookingPolicy,
  cancellerOf,
  decideCancellation,
  freeCancellationUntil,
  isRefusal,
  offerAfterCancellation,
  previewCancellation,
  type CancellationFacts,
} from '@/domain/cancellation'

const HOUR = 3_600_000
const start = new Date('2026-12-10T18:00:00Z')
const hoursBefore = (h: number) => new Date(start.getTime() - h * HOUR)

const facts = (over: Partial<CancellationFacts> = {}): CancellationFacts => ({
  now: hoursBefore(48),
  by: 'fan',
  booking: { status: 'confirmed', startsAt: start },
  paymentStatus: 'succeeded',
  refundable: 10000,
  offerReserved: false,
  freeCancellationHours: 24,
  bookingCutoffMinutes: 30,
  ...over,
})

const codeOf = (f: CancellationFacts) => {
  const d = decideCancellation(f)
  return isRefusal(d) ? d.code : null
}

describe('who cancels', () => {
  const booking = { fanId: 10, creatorId: 3 }
  it('the booking’s fan, its creator, an admin; nobody else', () => {
    expect(cancellerOf({ userId: 10, role: 'fan', ownCreatorId: null }, booking)).toBe('fan')
    expect(cancellerOf({ userId: 20, role: 'creator', ownCreatorId: 3 }, booking)).toBe('creator')
    expect(cancellerOf({ userId: 1, role: 'admin', ownCreatorId: null }, booking)).toBe('admin')
    expect(cancellerOf({ userId: 11, role: 'fan', ownCreatorId: null }, booking)).toBeNull()
    expect(cancellerOf({ userId: 21, role: 'creator', ownCreatorId: 4 }, booking)).toBeNull()
  })
  it('a creator who booked another creator’s call cancels it as its fan', () => {
    expect(cancellerOf({ userId: 21, role: 'creator', ownCreatorId: 4 }, { fanId: 21, creatorId: 3 })).toBe('fan')
  })
})

describe('fan cancelling a confirmed booking (SPEC §5)', () => {
  it('free cancellation ends exactly 24 h before start', () => {
    expect(freeCancellationUntil(start, 24)).toEqual(hoursBefore(24))
    expect(freeCancellationUntil(start, 48)).toEqual(hoursBefore(48))
  })

  it('≥ 24 h before: cancelled with a full refund (fan_early_cancellation), the slot offered again', () => {
    for (const now of [hoursBefore(24 * 30), hoursBefore(25), hoursBefore(24)]) {
      expect(decideCancellation(facts({ now }))).toEqual({ kind: 'cancel_confirmed', refund: 'full', policy: 'fan_early_cancellation', offer: 'available' })
    }
  })

  it('< 24 h before: refused with CANCELLATION_WINDOW_PASSED, pointing to a refund request', () => {
    const d = decideCancellation(facts({ now: new Date(hoursBefore(24).getTime() + 1) }))
    expect(isRefusal(d) && d).toMatchObject({ status: 409, code: 'CANCELLATION_WINDOW_PASSED' })
    expect(isRefusal(d) && d.message).toMatch(/refund request/)
    expect(isRefusal(d) && d.message).toContain('2026-12-09 18:00 UTC')
    expect(codeOf(facts({ now: hoursBefore(1) }))).toBe('CANCELLATION_WINDOW_PASSED')
  })

  it('the window follows the platform setting', () => {
    expect(codeOf(facts({ now: hoursBefore(30), freeCancellationHours: 48 }))).toBe('CANCELLATION_WINDOW_PASSED')
    expect(codeOf(facts({ now: hoursBefore(2), freeCancellationHours: 1 }))).toBeNull()
  })

  it('a private slot (accepted call request) is closed, not offered to others', () => {
    expect(decideCancellation(facts({ offerReserved: true }))).toMatchObject({ refund: 'full', offer: 'cancelled' })
  })
})

describe('creator and admin cancelling', () => {
  it('the creator, any time before start: full refund (creator_cancellation), the slot is gone', () => {
    for (const now of [hoursBefore(72), hoursBefore(2), new Date(start.getTime() - 1)]) {
      expect(decideCancellation(facts({ by: 'creator', now }))).toEqual({ kind: 'cancel_confirmed', refund: 'full', policy: 'creator_cancellation', offer: 'cancelled' })
    }
  })
  it('an admin: full refund under the `manual` policy, the slot is gone', () => {
    expect(decideCancellation(facts({ by: 'admin', now: hoursBefore(1) }))).toEqual({ kind: 'cancel_confirmed', refund: 'full', policy: 'manual', offer: 'cancelled' })
  })
  it('nothing captured (or already refunded): cancelled, nothing to refund', () => {
    expect(decideCancellation(facts({ by: 'creator', refundable: 0, paymentStatus: 'refunded' }))).toEqual({ kind: 'cancel_confirmed', refund: 'none', policy: null, offer: 'cancelled' })
  })
})

describe('refusals for everyone', () => {
  it('at or after start: BOOKING_STARTED', () => {
    for (const by of ['fan', 'creator', 'admin'] as const) {
      expect(codeOf(facts({ by, now: start }))).toBe('BOOKING_STARTED')
      expect(codeOf(facts({ by, now: new Date(start.getTime() + HOUR) }))).toBe('BOOKING_STARTED')
    }
  })
  it('expired, cancelled or completed bookings: BOOKING_NOT_CANCELLABLE', () => {
    for (const status of ['expired', 'cancelled', 'completed']) {
      for (const by of ['fan', 'creator', 'admin'] as const) expect(codeOf(facts({ by, booking: { status, startsAt: start } }))).toBe('BOOKING_NOT_CANCELLABLE')
    }
    const d = decideCancellation(facts({ booking: { status: 'cancelled', startsAt: start } }))
    expect(isRefusal(d) && d.message).toBe('This booking is already cancelled and cannot be cancelled.')
  })
})

describe('pending bookings (a checkout hold, nothing charged)', () => {
  const pending = (over: Partial<CancellationFacts> = {}) =>
    facts({ booking: { status: 'pending', startsAt: start }, paymentStatus: 'requires_payment', refundable: 0, now: hoursBefore(2), ...over })
  it('its fan releases the hold: no refund, the slot is available again (as on hold expiry), whatever the 24 h window', () => {
    expect(decideCancellation(pending())).toEqual({ kind: 'release_hold', refund: 'none', policy: null, offer: 'available' })
    expect(decideCancellation(pending({ paymentStatus: 'failed', offerReserved: true }))).toMatchObject({ kind: 'release_hold', offer: 'available' })
  })
  it('the creator or an admin may cancel it too; the slot is then closed', () => {
    expect(decideCancellation(pending({ by: 'creator' }))).toEqual({ kind: 'release_hold', refund: 'none', policy: null, offer: 'cancelled' })
    expect(decideCancellation(pending({ by: 'admin' }))).toMatchObject({ kind: 'release_hold', offer: 'cancelled' })
  })
  it('refused while the payment is processing: its outcome decides', () => {
    expect(codeOf(pending({ paymentStatus: 'processing' }))).toBe('PAYMENT_IN_PROGRESS')
  })
})

describe('what the slot becomes', () => {
  const base = { now: hoursBefore(48), by: 'fan' as const, booking: { status: 'confirmed', startsAt: start }, offerReserved: false, bookingCutoffMinutes: 30 }
  it('a fan gives it back while it can still be booked (before the booking cut-off)', () => {
    expect(offerAfterCancellation(base)).toBe('available')
    expect(offerAfterCancellation({ ...base, now: new Date(start.getTime() - 30 * 60_000) })).toBe('available')
    expect(offerAfterCancellation({ ...base, now: new Date(start.getTime() - 29 * 60_000) })).toBe('cancelled')
  })
  it('a creator or an admin takes it away', () => {
    expect(offerAfterCancellation({ ...base, by: 'creator' })).toBe('cancelled')
    expect(offerAfterCancellation({ ...base, by: 'admin' })).toBe('cancelled')
  })
})

describe('the policy shown before confirming', () => {
  it('states cancellable, the refund and the end of free cancellation', () => {
    const freeUntil = hoursBefore(24).toISOString()
    expect(previewCancellation(facts())).toEqual({ cancellable: true, refund: 'full', freeUntil })
    expect(previewCancellation(facts({ now: hoursBefore(3) }))).toEqual({ cancellable: false, refund: 'none', reasonCode: 'CANCELLATION_WINDOW_PASSED', freeUntil })
    expect(previewCancellation(facts({ by: 'creator', now: hoursBefore(3) }))).toEqual({ cancellable: true, refund: 'full', freeUntil })
    expect(previewCancellation(facts({ now: start }))).toMatchObject({ cancellable: false, reasonCode: 'BOOKING_STARTED' })
    expect(previewCancellation(facts({ booking: { status: 'pending', startsAt: start }, paymentStatus: 'requires_payment', refundable: 0 }))).toEqual({
      cancellable: true,
      refund: 'none',
      reasonCode: 'NOTHING_TO_REFUND',
      freeUntil,
    })
  })
})

describe('the policy stated before paying (booking page)', () => {
  it('free cancellation until start − 24 h while that moment is ahead, inclusive at exactly 24 h', () => {
    expect(bookingPolicy(start, hoursBefore(72), 24)).toEqual({ kind: 'free_until', until: hoursBefore(24) })
    expect(bookingPolicy(start, hoursBefore(24), 24)).toEqual({ kind: 'free_until', until: hoursBefore(24) })
  })

  it('non-refundable once less than 24 h are left, and after the start', () => {
    expect(bookingPolicy(start, new Date(hoursBefore(24).getTime() + 1), 24)).toEqual({ kind: 'non_refundable' })
    expect(bookingPolicy(start, hoursBefore(2), 24)).toEqual({ kind: 'non_refundable' })
    expect(bookingPolicy(start, start, 24)).toEqual({ kind: 'non_refundable' })
  })

  it('follows the free-cancellation setting', () => {
    expect(bookingPolicy(start, hoursBefore(30), 48)).toEqual({ kind: 'non_refundable' })
    expect(bookingPolicy(start, hoursBefore(30), 12)).toEqual({ kind: 'free_until', until: hoursBefore(12) })
  })

  it('says "free" exactly when a fan booking now could cancel with a full refund', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2 * 24 * 60, max: 7 * 24 * 60 }), fc.integer({ min: 0, max: 96 }), (minutesBefore, hours) => {
        const now = new Date(start.getTime() - minutesBefore * 60_000)
        const policy = bookingPolicy(start, now, hours)
        const decision = decideCancellation(facts({ now, freeCancellationHours: hours }))
        const refunded = !isRefusal(decision) && decision.refund === 'full'
        expect(policy.kind === 'free_until').toBe(refunded)
      }),
    )
  })
})
