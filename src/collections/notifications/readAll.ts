import type { Endpoint } from 'payload'

import { unauthorized } from '@/endpoints/http'
import { markAllRead } from '@/services/notifications'

/** POST /api/notifications/read-all — marks the caller's unread notifications read. */
export const readAllEndpoint: Endpoint = {
  path: '/read-all',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    const updated = await markAllRead(req.payload, req.user.id as number)
    return Response.json({ updated })
  },
}
