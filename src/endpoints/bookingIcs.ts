import type { Endpoint } from 'payload'

import { buildIcs } from '@/domain/ics'
import { now } from '@/lib/clock'
import { query } from '@/lib/db'
import { serverUrl } from '@/lib/env'

import { jsonError, unauthorized } from './http'

/** GET /api/bookings/:id/ics — the booking's fan or creator download the call for their calendar. */
export const bookingIcsEndpoint: Endpoint = {
  path: '/:id/ics',
  method: 'get',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    const id = Number(req.routeParams?.id)
    const [b] = Number.isInteger(id)
      ? await query<{ id: number; status: string; starts_at: Date; ends_at: Date; fan_id: number; creator_user_id: number; title: string; creator_name: string; locale: string }>(
          req.payload,
          `SELECT b.id, b.status, b.starts_at, b.ends_at, b.fan_id, c.user_id AS creator_user_id, o.title, c.display_name AS creator_name, u.locale
             FROM bookings b JOIN offers o ON o.id = b.offer_id JOIN creators c ON c.id = b.creator_id JOIN users u ON u.id = $2
            WHERE b.id = $1`,
          [id, req.user.id],
        )
      : []
    // Not a participant: the booking does not exist as far as they are concerned.
    if (!b || (b.fan_id !== req.user.id && b.creator_user_id !== req.user.id)) return jsonError(404, 'This booking does not exist.', 'NOT_FOUND')
    if (!['confirmed', 'completed'].includes(b.status)) return jsonError(409, 'Only a confirmed booking can be added to a calendar.', 'BOOKING_NOT_CONFIRMED')
    const locale = b.locale === 'fr' ? 'fr' : 'en'
    const callUrl = `${serverUrl()}/${locale}/call/${b.id}`
    const ics = buildIcs({
      uid: `booking-${b.id}@callastar`,
      start: new Date(b.starts_at),
      end: new Date(b.ends_at),
      stamp: now(),
      summary: locale === 'fr' ? `Appel Callastar avec ${b.creator_name} : ${b.title}` : `Callastar call with ${b.creator_name}: ${b.title}`,
      description: locale === 'fr' ? `Rejoignez l’appel ici (ouvert 15 minutes avant) : ${callUrl}` : `Join the call here (opens 15 minutes before): ${callUrl}`,
      url: callUrl,
      organizer: b.creator_name,
    })
    return new Response(ics, {
      headers: { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="callastar-booking-${b.id}.ics"`, 'cache-control': 'private, no-store' },
    })
  },
}
