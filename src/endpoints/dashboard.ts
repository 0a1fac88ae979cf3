import { currentAdminDashboard } from '@/services/dashboard'

import { defineEndpoint, NO_STORE, Reply } from './define'

/**
 * GET /api/admin/dashboard — the admin money dashboard's figures per currency, with their list
 * links. Admins only. The figures are reused for a few seconds (src/services/dashboard.ts);
 * `x-callastar-cache` says whether this answer summed them (`miss`) or reused them (`hit`, `shared`).
 */
export const adminDashboardEndpoint = defineEndpoint({
  path: '/admin/dashboard',
  method: 'get',
  roles: ['admin'],
  forbidden: 'Only admins can read the money dashboard.',
  headers: NO_STORE,
  handler: async ({ req }) => {
    const { dashboard, reuse } = await currentAdminDashboard(req.payload)
    return new Reply(dashboard, 200, { 'x-callastar-cache': reuse })
  },
})
