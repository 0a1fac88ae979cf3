/**
 * Refunds (SPEC §5, §7): how much of a payment can still be refunded, what a refund request becomes
 * (approved at once under a policy, or waiting for an admin), the creator's share of each refund,
 * and which calls a fan may ask a refund for from the dashboard. Pure: the services supply the facts.
 */
import { freeCancellationUntil, type RefundPolicy } from './cancellation'
import { add, formatMoney, money, MoneyError, mulDivHalfUp, subtract, type Money } from './money'
import { Refusal } from './refusal'
import type { REFUND_STATUSES } from './statuses'

/**
 * Whether the storefront offers "Request a refund" (POST /api/refunds/request). While false, the
 * dashboard keeps its older texts and shows no such action.
 */
export const REFUND_REQUESTS_ENABLED: boolean = true

export type RefundStatus = (typeof REFUND_STATUSES)[number]

/** Refunds still being decided or paid out: the fan waits for them rather than asking again. */
export const OPEN_REFUND_STATUSES = ['requested', 'approved', 'processing'] as const satisfies readonly RefundStatus[]

export type RefundRequestFacts = {
  now: Date
  booking: {
    status: string
    startsAt: Date
    /** Who cancelled it and when (cancelled bookings only). */
    cancellation?: { by?: string | null; at?: Date | null } | null
  }
  freeCancellationHours: number
  /** The fan already has an open refund (requested, approved or processing) for this booking. */
  hasOpenRefund: boolean
  /** The booking's payment was refunded in full (its status is `refunded`). */
  refundedInFull?: boolean
}

/**
 * What the fan's dashboard shows for a booking: `request` ("Request a refund"), `pending` (a request
 * of theirs is open), `refunded` (its payment was refunded in full: nothing left to ask for), or
 * `none`. Offered for calls no policy refunds automatically (SPEC §5): a
 * confirmed call past its free-cancellation moment (late, started or over), a completed call, and a
 * call the fan cancelled after that moment. Bookings that were never paid (pending, expired) or that
 * were cancelled with a full refund (early by the fan, or by the creator or an admin) get nothing;
 * the endpoint has the last word on what is left to refund.
 */
export const refundRequestAction = (f: RefundRequestFacts): 'request' | 'pending' | 'refunded' | 'none' => {
  if (f.refundedInFull) return 'refunded'
  const freeUntil = freeCancellationUntil(f.booking.startsAt, f.freeCancellationHours).getTime()
  const { status, cancellation } = f.booking
  const eligible =
    (status === 'confirmed' && f.now.getTime() > freeUntil) ||
    status === 'completed' ||
    (status === 'cancelled' && cancellation?.by === 'fan' && cancellation.at != null && cancellation.at.getTime() > freeUntil)
  if (!eligible) return 'none'
  return f.hasOpenRefund ? 'pending' : 'request'
}

/** Refunds that hold money: paid out already, or approved and on their way to Stripe. */
export const COMMITTED_REFUND_STATUSES = ['approved', 'processing'] as const satisfies readonly RefundStatus[]

/** Payment statuses with captured money that can (still) be refunded. */
const REFUNDABLE_PAYMENT_STATUSES = ['succeeded', 'partially_refunded']

export type RefundablePayment = {
  status: string
  /** What was paid, minor units. */
  amount: number
  /** What Stripe already refunded (succeeded refunds). */
  refunded: number
  /** Approved or processing refunds not paid out yet. */
  committed: number
}

/** What can still be refunded: paid − already refunded − committed (approved, processing); 0 when nothing was captured. */
export const refundableOf = (p: RefundablePayment): number =>
  REFUNDABLE_PAYMENT_STATUSES.includes(p.status) ? Math.max(0, p.amount - p.refunded - p.committed) : 0

/**
 * The creator's share of a refund, as Stripe takes it back with `reverse_transfer` +
 * `refund_application_fee`: the refunded amount minus the platform fee's proportional part, half-up
 * on the minor unit. Computed on running totals — share = part(refunded after) − part(refunded
 * before), where part(x) = x − halfUp(fee × x / paid) — so the shares of any sequence of partial
 * refunds never add up to more than the creator amount, and the refund that brings the payment to
 * fully refunded takes exactly the remainder (part(paid) = paid − fee = the creator amount). This is
 * also what Stripe reverses on the connected account, so the ledger and Stripe agree to the cent.
 */
export const creatorShareOfRefund = (payment: { amount: Money; platformFee: Money }, alreadyRefunded: Money, refund: Money): Money => {
  const after = add(alreadyRefunded, refund)
  subtract(payment.amount, payment.platformFee) // same currency, or MoneyError
  if (after.currency !== payment.amount.currency) throw new MoneyError(`Cannot combine ${after.currency} and ${payment.amount.currency}.`)
  if (refund.amount <= 0) throw new MoneyError('A refund must be positive.')
  if (alreadyRefunded.amount < 0 || after.amount > payment.amount.amount) throw new MoneyError('A refund cannot exceed what was paid minus what was already refunded.')
  const creatorPart = (refunded: number) => refunded - mulDivHalfUp(payment.platformFee.amount, refunded, payment.amount.amount)
  return money(creatorPart(after.amount) - creatorPart(alreadyRefunded.amount), after.currency)
}

/**
 * A payment that has or had a dispute cannot be refunded through the app (409 PAYMENT_DISPUTED):
 * while it is open Stripe would take the money twice; once lost the fan's bank already returned the
 * money; once won the dispute moved the creator's share to a new transfer, which a refund's
 * `reverse_transfer` cannot reach, so a refund needs a manual adjustment. Null: refundable.
 */
export const disputeRefusal = (disputeStatus: string | null | undefined): Refusal | null => {
  switch (disputeStatus) {
    case 'open':
      return new Refusal(409, 'PAYMENT_DISPUTED', 'The payment is disputed with the bank: no refund can be made while the dispute is open.')
    case 'lost':
      return new Refusal(409, 'PAYMENT_DISPUTED', 'The fan’s bank ruled for the fan in a dispute and already returned the money: there is nothing to refund through the app.')
    case 'won':
      return new Refusal(409, 'PAYMENT_DISPUTED', 'The fan’s bank ruled on a dispute of this payment: it cannot be refunded through the app any more; a refund needs a manual adjustment by the platform.')
    default:
      return null
  }
}

/**
 * The application fee Stripe returns to the connected account with a fee-returning refund
 * (`refund_application_fee`): proportional over the refunds that returned the fee only —
 * halfUp(fee × (returned before + refund) / paid) − halfUp(fee × returned before / paid). What
 * Stripe takes back from the creator for a refund is its transfer reversal minus this.
 */
export const feeRefundOf = (payment: { amount: number; platformFee: number }, feeReturnedBefore: number, refund: number): number => {
  if (refund <= 0 || feeReturnedBefore < 0 || feeReturnedBefore + refund > payment.amount) throw new MoneyError('A fee-returning refund must fit in what was paid.')
  return mulDivHalfUp(payment.platformFee, feeReturnedBefore + refund, payment.amount) - mulDivHalfUp(payment.platformFee, feeReturnedBefore, payment.amount)
}

/** Who asks: the booking's fan, an admin, or the platform (the call completion job). */
export type RefundRequester = 'fan' | 'admin' | 'system'

export type RefundRequestDecisionFacts = {
  now: Date
  by: RefundRequester
  booking: { status: string; startsAt: Date; creatorNoShow: boolean; fanNoShow: boolean }
  /** The booking's payment (null when it has none). */
  payment: (RefundablePayment & { currency: string; /** payments.dispute_status: none, open, won or lost. */ disputeStatus: string | null }) | null
  /** The amount asked for (minor units); undefined: everything still refundable. */
  amount?: number
  freeCancellationHours: number
}

export type RefundRequestDecision = {
  amount: number
  /** `approved` at once under a policy (SPEC §5) or because an admin asked, or `requested`: an admin decides. */
  status: 'approved' | 'requested'
  policy: RefundPolicy | null
}

/**
 * What a refund request becomes. Refusals: nothing captured or already refunded in full → 409
 * NOTHING_TO_REFUND; a payment that has or had a dispute → 409 PAYMENT_DISPUTED (`disputeRefusal`);
 * everything left already on its way → 409 REFUND_ALREADY_OPEN; more than is left → 422
 * REFUND_OVER_MAXIMUM naming the maximum. Policy cases approved at once (what cancellation approves
 * automatically): the fan asking everything back for a confirmed call before the free-cancellation
 * end (`fan_early_cancellation`), or for a call the creator missed (`creator_no_show`, asked by the
 * fan or by the platform's completion job). An admin's own refund (full or partial, from the payment
 * or the booking in the panel) is the admin's decision already: approved at once as `manual` (the
 * policy of refunds an admin decides), never waiting for a second admin. Anything else waits for an
 * admin (`manual` once decided).
 */
export const decideRefundRequest = (f: RefundRequestDecisionFacts): RefundRequestDecision | Refusal => {
  const p = f.payment
  if (!p || !REFUNDABLE_PAYMENT_STATUSES.includes(p.status)) {
    return new Refusal(409, 'NOTHING_TO_REFUND', p?.status === 'refunded' ? 'This booking was already refunded in full.' : 'Nothing was paid for this booking, so there is nothing to refund.')
  }
  const disputed = disputeRefusal(p.disputeStatus)
  if (disputed) return disputed
  const maximum = refundableOf(p)
  if (p.amount - p.refunded <= 0) return new Refusal(409, 'NOTHING_TO_REFUND', 'This booking was already refunded in full.')
  if (maximum <= 0) return new Refusal(409, 'REFUND_ALREADY_OPEN', 'Everything left of this payment is already being refunded.')
  const amount = f.amount ?? maximum
  if (amount > maximum) {
    const shown = formatMoney(money(maximum, p.currency), 'en')
    return new Refusal(422, 'REFUND_OVER_MAXIMUM', `amount: you can refund at most ${shown} (paid minus what is already refunded or being refunded).`, 'amount', { maximum, currency: p.currency })
  }
  if (f.by === 'admin') return { amount, status: 'approved', policy: 'manual' }
  const full = amount === maximum && p.refunded === 0 && p.committed === 0
  if (full) {
    const { status, startsAt, creatorNoShow, fanNoShow } = f.booking
    const freeUntil = freeCancellationUntil(startsAt, f.freeCancellationHours).getTime()
    if (f.by === 'fan' && status === 'confirmed' && f.now.getTime() <= freeUntil) return { amount, status: 'approved', policy: 'fan_early_cancellation' }
    if (creatorNoShow && !fanNoShow) return { amount, status: 'approved', policy: 'creator_no_show' }
  }
  return { amount, status: 'requested', policy: null }
}

/**
 * Whether a refund of `amount` that succeeded leaves the payment refunded in full before its call:
 * then the booking is cancelled too (SPEC §7: "booking cancelled if the call has not happened").
 */
export const cancelsBooking = (f: { now: Date; booking: { status: string; startsAt: Date }; paid: number; refundedAfter: number }): boolean =>
  f.refundedAfter >= f.paid && f.booking.status === 'confirmed' && f.now.getTime() < f.booking.startsAt.getTime()
