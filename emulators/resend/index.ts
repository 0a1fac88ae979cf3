/**
 * A local stand-in for the Resend API (POST /emails), for tests and offline work: the real
 * `resend` SDK is pointed at it with RESEND_BASE_URL. It keeps emails in memory, honours
 * Idempotency-Key, and can be told to fail the next N calls (HTTP 500 or a hang) like a bad day at
 * the provider. Dev and test only (tests/int/email.test.ts); nothing under src/ imports it and the
 * production image leaves emulators/ out (.dockerignore).
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type EmulatedAttachment = { filename?: string; content?: string; content_type?: string }
export type EmulatedEmail = {
  id: string
  from: string
  to: string | string[]
  subject: string
  html?: string
  text?: string
  idempotencyKey?: string
  attachments?: EmulatedAttachment[]
}

export type ResendEmulator = {
  url: string
  emails: EmulatedEmail[]
  /** The next `count` sends fail: `error` answers HTTP 500, `timeout` never answers. */
  failNext: (count: number, mode?: 'error' | 'timeout') => void
  requests: () => number
  close: () => Promise<void>
}

export const startResendEmulator = async (port = 0): Promise<ResendEmulator> => {
  const emails: EmulatedEmail[] = []
  const byKey = new Map<string, EmulatedEmail>()
  let failures: { count: number; mode: 'error' | 'timeout' } = { count: 0, mode: 'error' }
  let requestCount = 0
  const hanging = new Set<http.ServerResponse>()

  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    }
    if (req.method !== 'POST' || req.url !== '/emails') return json(404, { name: 'not_found', message: 'Unknown endpoint', statusCode: 404 })
    requestCount++
    if (!req.headers.authorization?.startsWith('Bearer re_')) {
      return json(401, { name: 'missing_api_key', message: 'Missing or invalid API key', statusCode: 401 })
    }
    if (failures.count > 0) {
      failures.count--
      if (failures.mode === 'timeout') {
        hanging.add(res)
        return
      }
      return json(500, { name: 'application_error', message: 'Emulated provider failure', statusCode: 500 })
    }
    let body: Partial<EmulatedEmail>
    try {
      body = JSON.parse(Buffer.concat(chunks).toString() || '{}')
    } catch {
      return json(422, { name: 'validation_error', message: 'Invalid JSON', statusCode: 422 })
    }
    if (!body.from || !body.to || !body.subject) {
      return json(422, { name: 'validation_error', message: 'from, to and subject are required', statusCode: 422 })
    }
    const key = req.headers['idempotency-key'] as string | undefined
    const replay = key ? byKey.get(key) : undefined
    if (replay) return json(200, { id: replay.id })
    const email: EmulatedEmail = { id: randomUUID(), from: body.from, to: body.to, subject: body.subject, html: body.html, text: body.text, idempotencyKey: key, attachments: body.attachments }
    emails.push(email)
    if (key) byKey.set(key, email)
    return json(200, { id: email.id })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url,
    emails,
    failNext: (count, mode = 'error') => {
      failures = { count, mode }
    },
    requests: () => requestCount,
    close: () =>
      new Promise((resolve) => {
        for (const res of hanging) res.destroy()
        server.close(() => resolve())
        server.closeAllConnections?.()
      }),
  }
}
