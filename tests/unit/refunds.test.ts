import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { money, MoneyError, splitFee } from '@/domain/money'
import {
  feeRefundOf,
  cancelsBooking,
  creatorShareOfRefund,
  decideRefundRequest,
  refundableOf,
  refundRequestAction,
  type RefundRequestDecisionFacts,
  type RefundRequestFacts,
} from '@/domain/refunds'
import { Refusal } from '@/domain/refusal'

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

  it('says "refunded" once the payment was refunded in full, whatever the booking became', () => {
    expect(refundRequestAction(facts({ status: 'completed', startsAt: start }, { refundedInFull: true }))).toBe('refunded')
    expect(refundRequestAction(facts({ status: 'cancelled', startsAt: start, cancellation: { by: 'fan', at: hoursBefore(48) } }, { refundedInFull: true }))).toBe('refunded')
    expect(refundRequestAction(facts({ status: 'completed', startsAt: start }, { refundedInFull: false }))).toBe('request')
  })
})

describe('the creator’s share of a refund', () => {
  const paid = money(10000, 'EUR')
  const fee = money(1500, 'EUR')
  it('a full refund takes back exactly the creator amount (85.00 of 100.00 at 15 %)', () => {
    expect(creatorShareOfRefund({ amount: paid, platformFee: fee }, money(0, 'EUR'), paid)).toEqual(money(8500, 'EUR'))
  })
  it('refuses more than what is left, non-positive refunds and mixed currencies', () => {
    expect(() => creatorShareOfRefund({ amount: paid, platformFee: fee }, money(5000, 'EUR'), money(5001, 'EUR'))).toThrow(MoneyError)
    expect(() => creatorShareOfRefund({ amount: paid, platformFee: fee }, money(0, 'EUR'), money(0, 'EUR'))).toThrow(MoneyError)
    expect(() => creatorShareOfRefund({ amount: paid, platformFee: fee }, money(0, 'EUR'), money(100, 'USD'))).toThrow(MoneyError)
  })
  it('property: partial refunds of any split add up to exactly the creator amount, each share between 0 and the refund', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }),
        fc.constantFrom('EUR', 'JPY'),
        (price, feeBps, weights, currency) => {
          const split = splitFee(money(price, currency), { feeBps, fixedFee: 0 })
          const total = weights.reduce((a, b) => a + b, 0)
          // Cut the price into parts proportional to the weights (the last takes the rest).
          const parts = weights.map((w) => Math.floor((price * w) / total))
          parts[parts.length - 1] += price - parts.reduce((a, b) => a + b, 0)
          let refunded = 0
          let creator = 0
          for (const part of parts.filter((p) => p > 0)) {
            const share = creatorShareOfRefund({ amount: split.price, platformFee: split.platformFee }, money(refunded, currency), money(part, currency))
            expect(share.amount).toBeGreaterThanOrEqual(0)
            expect(share.amount).toBeLessThanOrEqual(part)
            refunded += part
            creator += share.amount
          }
          expect(creator).toBe(split.creatorAmount.amount)
        },
      ),
    )
  })
})

describe('partial refunds of one payment (SPEC §7 rounding)', () => {
  it('property: any sequence of partial refunds gives shares summing to at most the creator amount, exactly it at a full refund', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 500 }),
        fc.array(fc.integer({ min: 1, max: 5_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        fc.constantFrom('EUR', 'JPY', 'CHF'),
        (price, feeBps, fixedFee, asks, finish, currency) => {
          const split = splitFee(money(price, currency), { feeBps, fixedFee: Math.min(fixedFee, price) })
          const payment = { amount: split.price, platformFee: split.platformFee }
          let refunded = 0
          let shares = 0
          for (const ask of asks) {
            const left = price - refunded
            if (left === 0) break
            // Each refund is whatever is asked, capped to what is left (the endpoint refuses more).
            const part = Math.min(ask, left)
            const share = creatorShareOfRefund(payment, money(refunded, currency), money(part, currency)).amount
            expect(share).toBeGreaterThanOrEqual(0)
            expect(share).toBeLessThanOrEqual(part)
            refunded += part
            shares += share
            expect(shares).toBeLessThanOrEqual(split.creatorAmount.amount)
          }
          if (finish && refunded < price) {
            shares += creatorShareOfRefund(payment, money(refunded, currency), money(price - refunded, currency)).amount
            refunded = price
          }
          if (refunded === price) expect(shares).toBe(split.creatorAmount.amount)
        },
      ),
    )
  })

  it('a refund is proportional, half-up on the minor unit: 33.33 of 100.00 at 15 % takes 28.33 from the creator', () => {
    const payment = { amount: money(10000, 'EUR'), platformFee: money(1500, 'EUR') }
    // fee part of 33.33 = 4.9995 → 5.00 (half-up), creator part 28.33
    expect(creatorShareOfRefund(payment, money(0, 'EUR'), money(3333, 'EUR'))).toEqual(money(2833, 'EUR'))
    // the last refund takes exactly the remainder: 85.00 − 28.33 − 28.33
    const second = creatorShareOfRefund(payment, money(3333, 'EUR'), money(3333, 'EUR'))
    const last = creatorShareOfRefund(payment, money(6666, 'EUR'), money(3334, 'EUR'))
    expect(2833 + second.amount + last.amount).toBe(8500)
  })
})

describe('refundable amount', () => {
  it('is paid − already refunded − committed, and 0 without a captured payment', () => {
    expect(refundableOf({ status: 'succeeded', amount: 10000, refunded: 0, committed: 0 })).toBe(10000)
    expect(refundableOf({ status: 'partially_refunded', amount: 10000, refunded: 3000, committed: 2000 })).toBe(5000)
    expect(refundableOf({ status: 'refunded', amount: 10000, refunded: 10000, committed: 0 })).toBe(0)
    expect(refundableOf({ status: 'requires_payment', amount: 10000, refunded: 0, committed: 0 })).toBe(0)
    expect(refundableOf({ status: 'succeeded', amount: 10000, refunded: 6000, committed: 6000 })).toBe(0)
  })
})

describe('a refund request', () => {
  const startsAt = new Date('2026-12-10T18:00:00Z')
  const base = (over: Partial<RefundRequestDecisionFacts> = {}): RefundRequestDecisionFacts => ({
    now: new Date(startsAt.getTime() + 2 * HOUR),
    by: 'fan',
    booking: { status: 'completed', startsAt, creatorNoShow: false, fanNoShow: false },
    payment: { status: 'succeeded', amount: 10000, refunded: 0, committed: 0, currency: 'EUR', disputeStatus: 'none' },
    freeCancellationHours: 24,
    ...over,
  })
  const refusal = (d: ReturnType<typeof decideRefundRequest>) => (d instanceof Refusal ? [d.status, d.code] : d)

  it('waits for an admin outside the policy cases (a fan asking for a past call)', () => {
    expect(decideRefundRequest(base())).toEqual({ amount: 10000, status: 'requested', policy: null })
  })

  it('an admin’s own refund, full or partial, before or after the call, is approved at once (manual): no second admin approves it', () => {
    expect(decideRefundRequest(base({ by: 'admin', amount: 2500 }))).toEqual({ amount: 2500, status: 'approved', policy: 'manual' })
    expect(decideRefundRequest(base({ by: 'admin' }))).toEqual({ amount: 10000, status: 'approved', policy: 'manual' })
    const before = base({ by: 'admin', now: new Date(startsAt.getTime() - 48 * HOUR), booking: { status: 'confirmed', startsAt, creatorNoShow: false, fanNoShow: false } })
    expect(decideRefundRequest(before)).toEqual({ amount: 10000, status: 'approved', policy: 'manual' })
    // The limits hold for admins too: over the maximum, a dispute, nothing left.
    const refusal = (d: ReturnType<typeof decideRefundRequest>) => (d instanceof Refusal ? [d.status, d.code] : d)
    expect(refusal(decideRefundRequest(base({ by: 'admin', amount: 10001 })))).toEqual([422, 'REFUND_OVER_MAXIMUM'])
    expect(refusal(decideRefundRequest(base({ by: 'admin', payment: { status: 'succeeded', amount: 10000, refunded: 0, committed: 0, currency: 'EUR', disputeStatus: 'open' } })))).toEqual([409, 'PAYMENT_DISPUTED'])
    expect(refusal(decideRefundRequest(base({ by: 'admin', payment: { status: 'refunded', amount: 10000, refunded: 10000, committed: 0, currency: 'EUR', disputeStatus: 'none' } })))).toEqual([409, 'NOTHING_TO_REFUND'])
  })

  it('is approved at once under the policy: the fan, in full, before the free-cancellation end; or a creator no-show', () => {
    const early = base({ now: new Date(startsAt.getTime() - 48 * HOUR), booking: { status: 'confirmed', startsAt, creatorNoShow: false, fanNoShow: false } })
    expect(decideRefundRequest(early)).toEqual({ amount: 10000, status: 'approved', policy: 'fan_early_cancellation' })
    expect(decideRefundRequest({ ...early, amount: 5000 })).toMatchObject({ status: 'requested', policy: null })
    expect(decideRefundRequest({ ...early, by: 'admin' })).toMatchObject({ status: 'approved', policy: 'manual' })
    const late = { ...early, now: new Date(startsAt.getTime() - 23 * HOUR) }
    expect(decideRefundRequest(late)).toMatchObject({ status: 'requested' })
    expect(decideRefundRequest(base({ booking: { status: 'completed', startsAt, creatorNoShow: true, fanNoShow: false } }))).toMatchObject({ status: 'approved', policy: 'creator_no_show' })
  })

  it('the platform (the call completion job): a creator no-show in full is approved; nobody attending, or anything before the call, waits for an admin', () => {
    const noShow = (creatorNoShow: boolean, fanNoShow: boolean) => base({ by: 'system', booking: { status: 'cancelled', startsAt, creatorNoShow, fanNoShow } })
    expect(decideRefundRequest(noShow(true, false))).toEqual({ amount: 10000, status: 'approved', policy: 'creator_no_show' })
    expect(decideRefundRequest(noShow(true, true))).toEqual({ amount: 10000, status: 'requested', policy: null })
    const early = base({ by: 'system', now: new Date(startsAt.getTime() - 48 * HOUR), booking: { status: 'confirmed', startsAt, creatorNoShow: false, fanNoShow: false } })
    expect(decideRefundRequest(early)).toMatchObject({ status: 'requested', policy: null })
  })

  it('refuses a payment that has or had a dispute (open, won, lost), each with its own reason', () => {
    const of = (disputeStatus: string) => decideRefundRequest(base({ payment: { status: 'succeeded', amount: 10000, refunded: 0, committed: 0, currency: 'EUR', disputeStatus } }))
    expect(refusal(of('open'))).toEqual([409, 'PAYMENT_DISPUTED'])
    expect(refusal(of('won'))).toEqual([409, 'PAYMENT_DISPUTED'])
    expect(refusal(of('lost'))).toEqual([409, 'PAYMENT_DISPUTED'])
    expect((of('lost') as Refusal).message).toContain('already returned the money')
    expect((of('won') as Refusal).message).toContain('manual adjustment')
    expect(of('none')).not.toBeInstanceOf(Refusal)
  })

  it('refuses: nothing paid, refunded in full, disputed, everything already on its way, more than the maximum (naming it)', () => {
    expect(refusal(decideRefundRequest(base({ payment: null })))).toEqual([409, 'NOTHING_TO_REFUND'])
    expect(refusal(decideRefundRequest(base({ payment: { status: 'refunded', amount: 10000, refunded: 10000, committed: 0, currency: 'EUR', disputeStatus: 'none' } })))).toEqual([409, 'NOTHING_TO_REFUND'])
    expect(refusal(decideRefundRequest(base({ payment: { status: 'succeeded', amount: 10000, refunded: 0, committed: 0, currency: 'EUR', disputeStatus: 'open' } })))).toEqual([409, 'PAYMENT_DISPUTED'])
    expect(refusal(decideRefundRequest(base({ payment: { status: 'succeeded', amount: 10000, refunded: 0, committed: 10000, currency: 'EUR', disputeStatus: 'none' } })))).toEqual([409, 'REFUND_ALREADY_OPEN'])
    const over = decideRefundRequest(base({ amount: 8801, payment: { status: 'partially_refunded', amount: 10000, refunded: 1000, committed: 200, currency: 'EUR', disputeStatus: 'none' } }))
    expect(refusal(over)).toEqual([422, 'REFUND_OVER_MAXIMUM'])
    expect((over as Refusal).message).toContain('at most €88.00')
    expect((over as Refusal).extra).toEqual({ maximum: 8800, currency: 'EUR' })
  })

  it('a full refund cancels the booking only before the call', () => {
    const f = { now: new Date(startsAt.getTime() - HOUR), booking: { status: 'confirmed', startsAt }, paid: 10000, refundedAfter: 10000 }
    expect(cancelsBooking(f)).toBe(true)
    expect(cancelsBooking({ ...f, refundedAfter: 9999 })).toBe(false)
    expect(cancelsBooking({ ...f, now: startsAt })).toBe(false)
    expect(cancelsBooking({ ...f, booking: { status: 'completed', startsAt } })).toBe(false)
  })
})

describe('feeRefundOf (Stripe: the fee returned over fee-returning refunds only)', () => {
  const payment = { amount: 10000, platformFee: 1500 }
  it('is proportional over the fee-returning refunds, half-up, and adds up to the fee', () => {
    expect(feeRefundOf(payment, 0, 3)).toBe(0)
    expect(feeRefundOf(payment, 0, 3333)).toBe(500)
    expect(feeRefundOf(payment, 3333, 6667)).toBe(1000)
    expect(() => feeRefundOf(payment, 9000, 1001)).toThrow(MoneyError)
  })
  it('differs from the share over all refunds after one that did not return the fee (the one-cent case the ledger now follows)', () => {
    // After a refund of 3 that did not return the fee, a refund of 3 that does: Stripe takes 3 − 0 back; the share on all refunds says 2.
    expect(3 - feeRefundOf(payment, 0, 3)).toBe(3)
    expect(creatorShareOfRefund({ amount: money(10000, 'EUR'), platformFee: money(1500, 'EUR') }, money(3, 'EUR'), money(3, 'EUR')).amount).toBe(2)
  })
  it('fee-returning refunds in any split return exactly the fee in total', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 8 }), (parts) => {
        const total = parts.reduce((a, b) => a + b, 0)
        const paid = { amount: total, platformFee: Math.floor(total * 0.15) }
        let before = 0
        let returned = 0
        for (const part of parts) {
          returned += feeRefundOf(paid, before, part)
          before += part
        }
        expect(returned).toBe(paid.platformFee)
      }),
    )
  })
})
