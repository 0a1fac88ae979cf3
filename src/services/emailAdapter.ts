import type { EmailAdapter } from 'payload'

import { emailFrom } from '@/lib/env'
import { sendRawEmail } from '@/services/email'

/**
 * Payload's email adapter (a service, not an integration: it hands mail to the email service).
 * Anything Payload itself sends (it rarely does: our forgot-password uses the mail service directly)
 * goes through the same door: recorded in email-logs and delivered by the send-email job.
 */
export const callastarEmailAdapter: EmailAdapter = ({ payload }) => ({
  name: 'callastar',
  defaultFromAddress: emailFrom().replace(/^.*<|>.*$/g, ''),
  defaultFromName: 'Callastar',
  sendEmail: async (message) => {
    const to = Array.isArray(message.to) ? message.to[0] : message.to
    const address = typeof to === 'string' ? to : (to as { address?: string } | undefined)?.address
    if (!address) throw new Error('Email without a recipient')
    return sendRawEmail(payload, {
      to: address,
      subject: String(message.subject ?? ''),
      html: String(message.html ?? ''),
      text: typeof message.text === 'string' ? message.text : '',
    })
  },
})
