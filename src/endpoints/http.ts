import type { PayloadRequest } from 'payload'
import type { z } from 'zod'

/** The error shape of SPEC §14 (same as Payload's own): `{ errors: [{ message, code }] }`. */
export const jsonError = (status: number, message: string, code: string, extra?: Record<string, unknown>): Response =>
  Response.json({ errors: [{ message, code, ...extra }] }, { status })

export const unauthorized = (): Response => jsonError(401, 'You must be logged in.', 'UNAUTHORIZED')
export const forbidden = (message = 'You are not allowed to do this.'): Response => jsonError(403, message, 'FORBIDDEN')

type Parsed<T> = { ok: true; data: T } | { ok: false; response: Response }

/** Reads and validates a JSON body; a bad body becomes a 400 naming the first bad field. */
export const parseBody = async <T extends z.ZodType>(req: PayloadRequest, schema: T): Promise<Parsed<z.infer<T>>> => {
  let raw: unknown = {}
  try {
    const text = req.text ? await req.text() : ''
    raw = text ? JSON.parse(text) : {}
  } catch {
    return { ok: false, response: jsonError(400, 'The request body is not valid JSON.', 'INVALID_JSON') }
  }
  const result = schema.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]
    const field = issue?.path.join('.') || 'body'
    return {
      ok: false,
      response: jsonError(400, `${field}: ${issue?.message ?? 'invalid value'}`, 'INVALID_INPUT', { field }),
    }
  }
  return { ok: true, data: result.data }
}
