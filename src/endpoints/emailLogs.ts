import { Refusal } from '@/domain/refusal'
import { resendEmail } from '@/services/email'

import { defineEndpoint } from './define'

/** POST /api/email-logs/:id/resend — admins put an email back in the delivery queue. */
export const resendEndpoint = defineEndpoint({
  path: '/:id/resend',
  method: 'post',
  roles: ['admin'],
  forbidden: 'Only admins can resend emails.',
  id: { notFound: 'This email does not exist.' },
  handler: async ({ req, caller, id }) => {
    const found = await req.payload.findByID({ collection: 'email-logs', id, depth: 0, disableErrors: true })
    if (!found) throw new Refusal(404, 'NOT_FOUND', 'This email does not exist.')
    const status = await resendEmail(req.payload, id, caller.userId)
    return {
      status,
      message:
        status === 'queued'
          ? 'The email is queued and will be sent within a few seconds.'
          : 'No email provider is configured (RESEND_API_KEY): the email stays stored here.',
    }
  },
})
