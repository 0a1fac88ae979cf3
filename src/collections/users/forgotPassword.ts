import type { Endpoint } from 'payload'
import { z } from 'zod'

import { parseBody } from '@/endpoints/http'
import { serverUrl } from '@/lib/env'
import { sendEmail } from '@/services/email'
import { logSystem } from '@/services/logs'

const Body = z.object({ email: z.string().trim().toLowerCase().email('Enter a valid email address.') })

/**
 * Replaces Payload's forgot-password so the reset email goes through our mail service (template,
 * language, email-logs, retries). Always answers the same way, so it does not reveal who has an account.
 */
export const forgotPasswordEndpoint: Endpoint = {
  path: '/forgot-password',
  method: 'post',
  handler: async (req) => {
    const parsed = await parseBody(req, Body)
    if (!parsed.ok) return parsed.response
    const { email } = parsed.data
    const found = await req.payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0 })
    const user = found.docs[0]
    if (user) {
      const token = await req.payload.forgotPassword({ collection: 'users', data: { email }, disableEmail: true, req })
      if (typeof token === 'string') {
        await sendEmail(req.payload, {
          template: 'password-reset',
          to: { email: user.email, userId: user.id, locale: user.locale, timezone: user.timezone },
          // The storefront reset page serves every role (creators and admins continue to /admin from there).
          data: { name: user.name, link: `${serverUrl()}/${user.locale === 'fr' ? 'fr' : 'en'}/reset-password?token=${encodeURIComponent(token)}` },
        })
      }
    }
    await logSystem(req.payload, {
      level: 'INFO',
      type: 'auth.password_reset_requested',
      actor: 'GUEST',
      actorId: user?.id,
      message: user ? `Password reset requested for user ${user.id}` : 'Password reset requested for an unknown email',
    })
    return Response.json({ message: 'If an account exists for this email, a reset link is on its way.' })
  },
}
