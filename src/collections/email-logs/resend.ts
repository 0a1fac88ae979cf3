import type { Endpoint } from 'payload'

import { isAdminReq } from '@/access'
import { forbidden, jsonError, unauthorized } from '@/endpoints/http'
import { resendEmail } from '@/services/email'

/** POST /api/email-logs/:id/resend — admins put an email back in the delivery queue. */
export const resendEndpoint: Endpoint = {
  path: '/:id/resend',
  method: 'post',
  handler: async (req) => {
    if (!req.user) return unauthorized()
    if (!isAdminReq(req)) return forbidden('Only admins can resend emails.')
    const id = Number(req.routeParams?.id)
    const found = Number.isInteger(id)
      ? await req.payload.findByID({ collection: 'email-logs', id, depth: 0, disableErrors: true })
      : null
    if (!found) return jsonError(404, 'This email does not exist.', 'NOT_FOUND')
    const status = await resendEmail(req.payload, id, req.user.id as number)
    return Response.json({
      status,
      message:
        status === 'queued'
          ? 'The email is queued and will be sent within a few seconds.'
          : 'No email provider is configured (RESEND_API_KEY): the email stays stored here.',
    })
  },
}
