import { adminDashboard } from '@/services/dashboard'

import { defineEndpoint } from './define'

/** GET /api/admin/dashboard — the admin money dashboard's figures per currency, with their list links. Admins only. */
export const adminDashboardEndpoint = defineEndpoint({
  path: '/admin/dashboard',
  method: 'get',
  roles: ['admin'],
  forbidden: 'Only admins can read the money dashboard.',
  headers: { 'cache-control': 'private, no-store' },
  handler: async ({ req }) => adminDashboard(req.payload),
})
