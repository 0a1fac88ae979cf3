/** Who may check out which offer, and when (SPEC §4, §5, §14). Pure: the service supplies the facts. */
import { isPastCutoff } from './cutoff'
import { Refusal } from './refusal'

export type CheckoutFacts = {
  now: Date
  offer: { status: string; startsAt: Date; reservedFor: number | null; creatorId: number }
  creator: { chargesEnabled: boolean; stripeAccountId: string | null }
  buyer: { userId: number; ownCreatorId: number | null }
  bookingCutoffMinutes: number
}

/** Why this buyer cannot check out this offer now (403 or 409), or null when they can. */
export const checkoutRefusal = (f: CheckoutFacts): Refusal | null => {
  if (f.buyer.ownCreatorId !== null && f.buyer.ownCreatorId === f.offer.creatorId) {
    return new Refusal(403, 'OWN_OFFER', 'You cannot book your own offer.')
  }
  if (f.offer.reservedFor !== null && f.offer.reservedFor !== f.buyer.userId) {
    return new Refusal(403, 'OFFER_RESERVED', 'This slot is reserved for another fan.')
  }
  if (isPastCutoff(f.offer.startsAt, f.now, f.bookingCutoffMinutes)) {
    return new Refusal(409, 'BOOKING_CLOSED', `Bookings close ${f.bookingCutoffMinutes} minutes before the call starts.`)
  }
  if (!f.creator.chargesEnabled || !f.creator.stripeAccountId) {
    return new Refusal(409, 'CREATOR_NOT_PAYABLE', 'This creator cannot take payments yet.')
  }
  if (f.offer.status !== 'available') {
    return new Refusal(409, 'OFFER_UNAVAILABLE', 'This slot was just booked by someone else.')
  }
  return null
}

export const holdExpiresAt = (now: Date, checkoutHoldMinutes: number): Date => new Date(now.getTime() + checkoutHoldMinutes * 60_000)
