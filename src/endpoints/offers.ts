/** /api/offers/… */
import { offerAvailability } from '@/services/bookings'

import { defineEndpoint, NO_STORE } from './define'

/**
 * GET /api/offers/:id/availability — public and cheap: whether the slot can still be booked, for
 * the booking page's "already booked" check. An offer reserved for another fan does not exist here.
 */
export const offerAvailabilityEndpoint = defineEndpoint({
  path: '/:id/availability',
  method: 'get',
  auth: false,
  id: { notFound: 'This offer does not exist.' },
  headers: NO_STORE,
  handler: ({ req, caller, id }) => offerAvailability(req.payload, caller, id),
})
