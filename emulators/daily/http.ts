/**
 * The /v1 API over HTTP: Bearer authentication, injected faults (429 with Retry-After, 5xx,
 * timeouts), Daily's rate limits when enforced, JSON bodies, and Daily's error shape.
 */
import type http from 'node:http'

import { DailyApiError, DailyJoinError, invalid } from './errors'
import { isPlainObject, type PlainObject } from './helpers'
import type { EmulatorState } from './state'
import type { EmulatedRequest, FaultFilter } from './types'

export type RouteContext = { body: PlainObject; params: URLSearchParams; ids: string[] }
export type Route = { method: string; pattern: RegExp; handle: (ctx: RouteContext) => unknown }

export const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body))
}

export const readBody = async (req: http.IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export const parseJsonObject = (raw: string): PlainObject => {
  if (!raw.trim()) return {}
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    throw invalid('the request body is not valid JSON')
  }
  if (!isPlainObject(body)) throw invalid('the request body must be a JSON object')
  return body
}

const matches = (filter: FaultFilter & { count: number; pathPrefix: string }, method: string, path: string) =>
  filter.count > 0 && path.startsWith(filter.pathPrefix) && (!filter.method || filter.method === method)

/** Daily's limits: ≈ 20 requests/s for most endpoints, ≈ 2/s for DELETE /rooms/:name. */
const RATE_LIMITS = { 'delete-room': 2, default: 20 }
const overRateLimit = (state: EmulatorState, method: string, path: string): boolean => {
  const bucket = method === 'DELETE' && /^\/v1\/rooms\/[^/]+$/.test(path) ? 'delete-room' : 'default'
  const now = Date.now()
  const recent = (state.windows.get(bucket) ?? []).filter((at) => now - at < 1_000)
  state.windows.set(bucket, recent)
  if (recent.length >= RATE_LIMITS[bucket]) return true
  recent.push(now)
  return false
}

const hang = (state: EmulatorState, res: http.ServerResponse) => {
  state.hanging.add(res)
  res.on('close', () => state.hanging.delete(res))
}

export const handleApi = async (state: EmulatorState, routes: Route[], req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
  const method = req.method ?? 'GET'
  const path = url.pathname
  const entry: EmulatedRequest = { method, path, status: 'no_response', injected: null, at: Date.now() }
  state.requestLog.push(entry)
  const respond = (status: number, body: unknown, headers: Record<string, string> = {}) => {
    entry.status = status
    send(res, status, body, headers)
  }
  const refuse = (error: DailyApiError, headers: Record<string, string> = {}) => respond(error.status, error.body, headers)

  const raw = await readBody(req)
  const auth = req.headers.authorization
  if (!auth || !/^Bearer \S+$/.test(auth)) return refuse(new DailyApiError(401, 'authorization-header-error', 'the Authorization header must be "Bearer <API key>"'))
  if (auth.slice(7) !== state.apiKey) return refuse(new DailyApiError(401, 'authentication-error', 'the API key is not valid (the emulator accepts only the key it was started with)'))

  if (matches(state.rateLimit, method, path)) {
    state.rateLimit.count--
    entry.injected = 'rate_limit'
    return refuse(new DailyApiError(429, 'rate-limit-error', 'Rate-limit exceeded, please try again later (emulated).'), { 'retry-after': String(state.rateLimit.retryAfter) })
  }
  if (state.enforceRateLimits && overRateLimit(state, method, path)) {
    entry.injected = 'rate_limited'
    return refuse(new DailyApiError(429, 'rate-limit-error', 'Rate-limit exceeded, please try again later.'), { 'retry-after': '1' })
  }
  if (matches(state.failure, method, path)) {
    state.failure.count--
    entry.injected = state.failure.mode
    if (state.failure.mode === 'timeout') return hang(state, res)
    return refuse(new DailyApiError(state.failure.status, 'server-error', `Emulated Daily failure (failNext) on ${method} ${path}.`))
  }

  const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path))
  if (!route) return refuse(new DailyApiError(404, 'not-found', `${method} ${path} is not an endpoint of the Daily emulator (see emulators/daily/)`))
  try {
    const body = method === 'POST' ? parseJsonObject(raw) : {}
    const ids = route.pattern.exec(path)!.slice(1).map(decodeURIComponent)
    respond(200, await route.handle({ body, params: url.searchParams, ids }))
  } catch (error) {
    if (error instanceof DailyApiError) return refuse(error)
    if (error instanceof DailyJoinError) return respond(error.status, error.body)
    console.error('[daily-emulator]', error)
    refuse(new DailyApiError(500, 'server-error', `Daily emulator internal error: ${error instanceof Error ? error.message : String(error)}`))
  }
}
