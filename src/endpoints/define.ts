/**
 * The one endpoint shape (DESIGN.md): authentication, role check, route id parsing, zod body
 * parsing and the mapping of `Refusal` to the SPEC §14 error shape `{ errors: [{ message, code }] }`
 * (the same shape as Payload's own errors). Every custom endpoint is built with `defineEndpoint`.
 */
import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { roleOf } from '@/access'
import { Refusal, type RefusalCode } from '@/domain/refusal'
import type { Role } from '@/domain/roles'

export const jsonError = (status: number, message: string, code: RefusalCode, extra?: Record<string, unknown>): Response =>
  Response.json({ errors: [{ message, code, ...extra }] }, { status })

/** Reads and validates a JSON body; a bad body is a 400 naming the first bad field. */
export const readBody = async <T extends z.ZodType>(req: PayloadRequest, schema: T): Promise<z.infer<T>> => {
  let raw: unknown = {}
  try {
    const text = req.text ? await req.text() : ''
    raw = text ? JSON.parse(text) : {}
  } catch {
    throw new Refusal(400, 'INVALID_JSON', 'The request body is not valid JSON.')
  }
  const result = schema.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]
    const field = issue?.path.join('.') || 'body'
    throw new Refusal(400, 'INVALID_INPUT', `${field}: ${issue?.message ?? 'invalid value'}`, field)
  }
  return result.data
}

/** Answers about one person's money or bookings are never stored by a browser or a proxy. */
export const NO_STORE = { 'cache-control': 'private, no-store' } as const

/** A required reason (3–1000 characters) whose error tells the caller who reads it: `reason is required: tell the creator why`. */
export const reasonField = (who: string) =>
  z
    .string({ error: `reason is required: ${who}` })
    .trim()
    .min(3, { error: `reason is required: ${who} (at least 3 characters)` })
    .max(1000, { error: 'reason must be at most 1000 characters' })

/** A positive integer route id, or null. */
export const idOf = (value: unknown): number | null => {
  const id = Number(value)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}

export const refusalResponse = (refusal: Refusal): Response =>
  jsonError(refusal.status, refusal.message, refusal.code, { ...(refusal.field ? { field: refusal.field } : {}), ...refusal.extra })

/** A JSON answer with a status other than 200 or extra headers. */
export class Reply {
  constructor(
    readonly body: unknown,
    readonly status = 200,
    readonly headers?: Record<string, string>,
  ) {}
}

export type Caller = { userId: number; role: Role | null }

type IdSpec = { notFound: string }

type Ctx<Auth extends boolean, Body, Id extends IdSpec | undefined> = {
  req: PayloadRequest
  /** The signed-in caller (null for public endpoints called by a guest). */
  caller: Auth extends true ? Caller : Caller | null
  /** The parsed `:id` when the endpoint declares `id`. */
  id: Id extends IdSpec ? number : undefined
  body: Body
}

type Spec<Auth extends boolean, Schema extends z.ZodType | undefined, Id extends IdSpec | undefined> = {
  path: string
  method: Endpoint['method']
  /** `true` (default): guests get 401 before anything else. */
  auth?: Auth
  /** Only these roles (403 with `forbidden` otherwise). */
  roles?: readonly Role[]
  forbidden?: string
  /** Parse `:id` from the path; a malformed id is answered like a missing record (404 with this message). */
  id?: Id
  /** A zod schema for the JSON body (400 INVALID_INPUT naming the field). Parsed after auth and id. */
  body?: Schema
  /** Headers on every successful answer (e.g. `cache-control: private, no-store`). */
  headers?: Record<string, string>
  handler: (ctx: Ctx<Auth, Schema extends z.ZodType ? z.infer<Schema> : undefined, Id>) => Promise<unknown>
}

/**
 * Builds a Payload endpoint. The handler returns the JSON body (200), a `Reply` (other status or
 * headers) or a `Response` (anything else: files, CSV, redirects); it refuses by throwing `Refusal`.
 */
export const defineEndpoint = <Auth extends boolean = true, Schema extends z.ZodType | undefined = undefined, Id extends IdSpec | undefined = undefined>(
  spec: Spec<Auth, Schema, Id>,
): Endpoint => ({
  path: spec.path,
  method: spec.method,
  handler: async (req) => {
    try {
      const auth = spec.auth ?? true
      const caller: Caller | null = req.user ? { userId: req.user.id as number, role: roleOf(req) } : null
      if (auth && !caller) throw new Refusal(401, 'UNAUTHORIZED', 'You must be logged in.')
      if (spec.roles && !spec.roles.includes(caller?.role as Role)) {
        throw new Refusal(403, 'FORBIDDEN', spec.forbidden ?? 'You are not allowed to do this.')
      }
      let id: number | undefined
      if (spec.id) {
        const parsed = idOf(req.routeParams?.id)
        if (parsed === null) throw new Refusal(404, 'NOT_FOUND', spec.id.notFound)
        id = parsed
      }
      const body = spec.body ? await readBody(req, spec.body) : undefined
      const result = await spec.handler({ req, caller, id, body } as Ctx<Auth, Schema extends z.ZodType ? z.infer<Schema> : undefined, Id>)
      if (result instanceof Response) return result
      if (result instanceof Reply) return Response.json(result.body, { status: result.status, headers: { ...spec.headers, ...result.headers } })
      return Response.json(result, { headers: spec.headers })
    } catch (error) {
      if (error instanceof Refusal) return refusalResponse(error)
      throw error
    }
  },
})
