import { Resend } from 'resend'

import { emailFrom } from '@/lib/env'

/** True when a real (or emulated, via RESEND_BASE_URL) Resend API is configured. */
export const emailProviderConfigured = (): boolean => Boolean(process.env.RESEND_API_KEY)

let client: { key: string; base: string | undefined; resend: Resend } | null = null
const resendClient = (): Resend => {
  const key = process.env.RESEND_API_KEY!
  const base = process.env.RESEND_BASE_URL
  if (!client || client.key !== key || client.base !== base) client = { key, base, resend: new Resend(key) }
  return client.resend
}

const TIMEOUT_MS = Number(process.env.RESEND_TIMEOUT_MS || 15_000)

export type OutgoingEmail = {
  to: string
  subject: string
  html: string
  text: string
  idempotencyKey: string
  attachments?: { filename: string; contentType: string; content: string }[]
}

/** Sends through Resend. Resolves with the provider id, rejects with a readable reason. */
export const sendWithResend = async (email: OutgoingEmail): Promise<string> => {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Resend did not answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS)
  })
  try {
    const { data, error } = await Promise.race([
      resendClient().emails.send(
        {
          from: emailFrom(),
          to: email.to,
          subject: email.subject,
          html: email.html,
          text: email.text,
          ...(email.attachments?.length
            ? { attachments: email.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content).toString('base64') })) }
            : {}),
        },
        { idempotencyKey: email.idempotencyKey },
      ),
      timeout,
    ])
    if (error || !data?.id) throw new Error(`Resend refused the email: ${error?.message ?? 'no id returned'}`)
    return data.id
  } finally {
    clearTimeout(timer)
  }
}
