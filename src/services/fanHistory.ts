/**
 * A fan's call history (storefront /account/history): calls that took place, or were paid and then
 * cancelled. A checkout never paid (a hold that expired, a pending booking past its time, a booking
 * cancelled before paying) was never a call and is left out.
 */
import type { PaginatedDocs, Payload } from 'payload'

import type { Booking, User } from '@/payload-types'

/** Payment statuses of a booking that was paid at some point (refunds come after a payment). */
const PAID_PAYMENT_STATUSES = ['succeeded', 'refunded', 'partially_refunded'] as const

/** The fan's bookings that were paid at some point, read under their own access. */
export const paidBookingIds = async (payload: Payload, user: User): Promise<number[]> => {
  const { docs } = await payload.find({
    collection: 'payments',
    where: { and: [{ fan: { equals: user.id } }, { status: { in: [...PAID_PAYMENT_STATUSES] } }] },
    depth: 0,
    pagination: false,
    select: { booking: true },
    overrideAccess: false,
    user,
  })
  return docs.map((p) => (typeof p.booking === 'object' ? p.booking.id : p.booking))
}

/** One page of the fan's history, latest first (offers and creators joined for the rows). */
export const findFanHistory = async (payload: Payload, user: User, { at, page, limit }: { at: Date; page: number; limit: number }): Promise<PaginatedDocs<Booking>> => {
  const paid = await paidBookingIds(payload, user)
  return payload.find({
    collection: 'bookings',
    where: {
      and: [
        { fan: { equals: user.id } },
        {
          or: [
            { status: { equals: 'completed' } },
            { and: [{ status: { equals: 'confirmed' } }, { endsAt: { less_than_equal: at.toISOString() } }] },
            ...(paid.length ? [{ and: [{ status: { equals: 'cancelled' } }, { id: { in: paid } }] }] : []),
          ],
        },
      ],
    },
    sort: '-startsAt',
    depth: 2,
    limit,
    page,
    overrideAccess: false,
    user,
  })
}
