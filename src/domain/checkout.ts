/** Who may check out which offer, and when (SPEC §4, §5, §14). Pure: the service supplies the facts. */

export type CheckoutFacts = {
  now: Date
  offer: { status: string; startsAt: Date; reservedFor: number | null; creatorId: number }
  creator: { chargesEnabled: boolean; stripeAccountId: string | null }
  buyer: { userId: number; ownCreatorId: number | null }
  bookingCutoffMinutes: number
}

export type CheckoutRefusal = { status: 403 | 409; code: string; message: string }

export const checkoutRefusal = (f: CheckoutFacts): CheckoutRefusal | null => {
  if (f.buyer.ownCreatorId !== null && f.buyer.ownCreatorId === f.offer.creatorId) {
    return { status: 403, code: 'OWN_OFFER', message: 'You cannot book your own offer.' }
  }
  if (f.offer.reservedFor !== null && f.offer.reservedFor !== f.buyer.userId) {
    return { status: 403, code: 'OFFER_RESERVED', message: 'This slot is reserved for another fan.' }
  }
  if (f.offer.startsAt.getTime() - f.now.getTime() < f.bookingCutoffMinutes * 60_000) {
    return { status: 409, code: 'BOOKING_CLOSED', message: `Bookings close ${f.bookingCutoffMinutes} minutes before the call starts.` }
  }
  if (!f.creator.chargesEnabled || !f.creator.stripeAccountId) {
    return { status: 409, code: 'CREATOR_NOT_PAYABLE', message: 'This creator cannot take payments yet.' }
  }
  if (f.offer.status !== 'available') {
    return { status: 409, code: 'OFFER_UNAVAILABLE', message: 'This slot was just booked by someone else.' }
  }
  return null
}

export const holdExpiresAt = (now: Date, checkoutHoldMinutes: number): Date => new Date(now.getTime() + checkoutHoldMinutes * 60_000)
