import { describe, expect, it } from 'vitest'

import { checkoutRefusal } from '@/domain/checkout'
import { assertTransition, BOOKING_TRANSITIONS, canTransition, fromStatuses, OFFER_TRANSITIONS, PAYMENT_TRANSITIONS, TransitionError } from '@/domain/transitions'

describe('state machines', () => {
  it('bookings: pending → confirmed → completed, or expired / cancelled; terminal states stay terminal', () => {
    expect(canTransition(BOOKING_TRANSITIONS, 'pending', 'confirmed')).toBe(true)
    expect(canTransition(BOOKING_TRANSITIONS, 'confirmed', 'completed')).toBe(true)
    expect(canTransition(BOOKING_TRANSITIONS, 'expired', 'confirmed')).toBe(false)
    expect(canTransition(BOOKING_TRANSITIONS, 'cancelled', 'pending')).toBe(false)
    expect(fromStatuses(BOOKING_TRANSITIONS, 'expired')).toEqual(['pending'])
  })
  it('payments: a failure may be followed by a success, never the reverse', () => {
    expect(canTransition(PAYMENT_TRANSITIONS, 'failed', 'succeeded')).toBe(true)
    expect(canTransition(PAYMENT_TRANSITIONS, 'succeeded', 'failed')).toBe(false)
    expect(fromStatuses(PAYMENT_TRANSITIONS, 'succeeded').sort()).toEqual(['failed', 'processing', 'requires_payment'])
    expect(() => assertTransition('payment', PAYMENT_TRANSITIONS, 'refunded', 'succeeded')).toThrow(TransitionError)
  })
  it('offers: held slots are booked or released', () => {
    expect(fromStatuses(OFFER_TRANSITIONS, 'booked')).toEqual(['held'])
    expect(canTransition(OFFER_TRANSITIONS, 'completed', 'available')).toBe(false)
  })
})

describe('checkout rules', () => {
  const base = {
    now: new Date('2026-12-01T10:00:00Z'),
    offer: { status: 'available', startsAt: new Date('2026-12-01T12:00:00Z'), reservedFor: null, creatorId: 1 },
    creator: { chargesEnabled: true, stripeAccountId: 'acct_1' },
    buyer: { userId: 10, ownCreatorId: null },
    bookingCutoffMinutes: 30,
  }
  it('allows an available offer of a payable creator before the cut-off', () => {
    expect(checkoutRefusal(base)).toBeNull()
  })
  it('names each refusal', () => {
    expect(checkoutRefusal({ ...base, buyer: { userId: 10, ownCreatorId: 1 } })?.code).toBe('OWN_OFFER')
    expect(checkoutRefusal({ ...base, offer: { ...base.offer, reservedFor: 11 } })?.code).toBe('OFFER_RESERVED')
    expect(checkoutRefusal({ ...base, offer: { ...base.offer, reservedFor: 10 } })).toBeNull()
    expect(checkoutRefusal({ ...base, now: new Date('2026-12-01T11:31:00Z') })).toMatchObject({ status: 409, code: 'BOOKING_CLOSED', message: 'Bookings close 30 minutes before the call starts.' })
    expect(checkoutRefusal({ ...base, creator: { chargesEnabled: false, stripeAccountId: 'acct_1' } })?.code).toBe('CREATOR_NOT_PAYABLE')
    expect(checkoutRefusal({ ...base, offer: { ...base.offer, status: 'held' } })).toMatchObject({ status: 409, code: 'OFFER_UNAVAILABLE' })
  })
})
