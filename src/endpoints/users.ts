import { z } from 'zod'

import { localeOf } from '@/i18n/locale'
import { serverUrl } from '@/lib/env'
import { sendEmail } from '@/services/email'
import { logSystem } from '@/services/logs'

import { defineEndpoint } from './define'

const Body = z.object({ email: z.string().trim().toLowerCase().email('Enter a valid email address.') })

/**
 * POST /api/users/forgot-password — replaces Payload's forgot-password so the reset email goes
 * through our mail service (template, language, email-logs, retries). Always answers the same
 * way, so it does not reveal who has an account.
 */
export const forgotPasswordEndpoint = defineEndpoint({
  path: '/forgot-password',
  method: 'post',
  auth: false,
  body: Body,
  handler: async ({ req, body: { email } }) => {
    const found = await req.payload.find({ collection: 'users', where: { email: { equals: email } }, limit: 1, depth: 0 })
    const user = found.docs[0]
    if (user) {
      const token = await req.payload.forgotPassword({ collection: 'users', data: { email }, disableEmail: true, req })
      if (typeof token === 'string') {
        await sendEmail(req.payload, {
          template: 'password-reset',
          to: { email: user.email, userId: user.id, locale: user.locale, timezone: user.timezone },
          // The storefront reset page serves every role (creators and admins continue to /admin from there).
          data: { name: user.name, link: `${serverUrl()}/${localeOf(user.locale)}/reset-password?token=${encodeURIComponent(token)}` },
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
    return { message: 'If an account exists for this email, a reset link is on its way.' }
  },
})
