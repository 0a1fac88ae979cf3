import type { Endpoint } from 'payload'

import { roleOf } from '@/access'
import type { BookingStatusBody, OfferAvailabilityBody } from '@/domain/apiTypes'
import { now } from '@/lib/clock'
import { query } from '@/lib/db'
import { getSettings } from '@/services/settings'

import { jsonError, unauthorized } from './http'

const noStore = { 'cache-control': 'private, no-store' }

const idOf = (value: unknown): number | null => {
  const id = Number(value)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

/**
 * GET /api/bookings/:id/status — the booking's fan polls it during checkout and on the success page
 * (one indexed query: booking, its offer and its latest payment).
 */
export const bookingStatusEndpoint: Endpoint = {
  path: '/:id/status',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    const id = idOf(req.routeParams?.id)
    const [row] = id
      ? await query<{ status: string; offer_status: string; hold_expires_at: Date | null; fan_id: number; payment_status: string | null }>(
          req.payload,
          `SELECT b.status, o.status AS offer_status, b.hold_expires_at, b.fan_id,
                  (SELECT p.status FROM payments p WHERE p.booking_id = b.id ORDER BY p.id DESC LIMIT 1) AS payment_status
             FROM bookings b JOIN offers o ON o.id = b.offer_id
            WHERE b.id = $1`,
          [id],
        )
      : []
    // Not their booking: it does not exist as far as they are concerned (admins excepted).
    if (!row || (row.fan_id !== req.user.id && roleOf(req) !== 'admin')) return jsonError(404, 'This booking does not exist.', 'NOT_FOUND')
    const body: BookingStatusBody = {
      booking: row.status,
      offer: row.offer_status,
      holdExpiresAt: row.hold_expires_at ? new Date(row.hold_expires_at).toISOString() : null,
      paymentStatus: row.payment_status,
    }
    return Response.json(body, { headers: noStore })
  },
}

/**
 * GET /api/offers/:id/availability — public and cheap: whether the slot can still be booked, for
 * the booking page's "already booked" check. An offer reserved for another fan does not exist here.
 */
export const offerAvailabilityEndpoint: Endpoint = {
  path: '/:id/availability',
  method: 'get',
  handler: async (req) => {
    const id = idOf(req.routeParams?.id)
    const [offer] = id
      ? await query<{ status: string; starts_at: Date; reserved_for_id: number | null }>(
          req.payload,
          `SELECT status, starts_at, reserved_for_id FROM offers WHERE id = $1`,
          [id],
        )
      : []
    const userId = (req.user?.id as number | undefined) ?? null
    const visible = offer && (offer.reserved_for_id === null || offer.reserved_for_id === userId || roleOf(req) === 'admin')
    if (!offer || !visible) return jsonError(404, 'This offer does not exist.', 'NOT_FOUND')
    const { bookingCutoffMinutes } = await getSettings(req.payload)
    const bookable = offer.status === 'available' && new Date(offer.starts_at).getTime() >= now().getTime() + bookingCutoffMinutes * 60_000
    const body: OfferAvailabilityBody = { status: offer.status, bookable }
    return Response.json(body, { headers: noStore })
  },
}
