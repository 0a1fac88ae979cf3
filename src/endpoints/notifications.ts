import { markAllRead } from '@/services/notifications'

import { defineEndpoint } from './define'

/** POST /api/notifications/read-all — marks the caller's unread notifications read. */
export const readAllEndpoint = defineEndpoint({
  path: '/read-all',
  method: 'post',
  handler: async ({ req, caller }) => ({ updated: await markAllRead(req.payload, caller.userId) }),
})
