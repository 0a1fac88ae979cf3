/**
 * How tests drive and break the emulator: the `control` object, and the same operations over HTTP
 * under /emulator/… (JSON bodies; times are Unix seconds):
 *
 * | route | does |
 * | --- | --- |
 * | POST /emulator/rooms/:name/join `{token?, userName?, at?}` | a client joins → `{session_id, meeting_id, …}`, or `{error, info}` with daily-js's refusal type |
 * | POST /emulator/sessions/:id/leave `{at?}` | that participant leaves |
 * | POST /emulator/eject-due `{at?}` | ejects everyone whose `will_eject_at` has come → `{ejected}` |
 * | POST /emulator/clock `{now}` | freezes the clock at `now` (null: real time again), then ejects who is due |
 * | POST /emulator/fail-next `{count, mode?: error\|timeout, status?, method?, pathPrefix?}` | the next matching API calls answer 5xx or never |
 * | POST /emulator/rate-limit-next `{count, retryAfter?, method?, pathPrefix?}` | the next matching API calls answer 429 with Retry-After |
 * | POST /emulator/rate-limits `{enforce}` | refuse calls over Daily's limits (20/s, DELETE /rooms/:name 2/s) |
 * | POST /emulator/deliver-next-event-twice, /hold-events, /release-events `{order?}` | duplicated and reordered webhooks |
 * | GET /emulator/events, /deliveries, /requests | what happened |
 * | POST /emulator/reset | forget everything |
 */
import type http from 'node:http'

import { DailyApiError, DailyJoinError, invalid } from './errors'
import { clone, isUnixSeconds, type PlainObject } from './helpers'
import { parseJsonObject, readBody, send } from './http'
import { ejectDue, join, leave } from './meetings'
import { type EmulatorState, resetState } from './state'
import type { DailyEmulatorControl, FaultFilter } from './types'
import { releaseHeld, whenIdle } from './webhooks'

const filterOf = (options: FaultFilter) => ({ method: options.method?.toUpperCase(), pathPrefix: options.pathPrefix ?? '/v1/' })

export const createControl = (state: EmulatorState): DailyEmulatorControl => ({
  failNext: ({ count, mode = 'error', status = 500, ...filter }) => {
    if (![500, 502, 503, 504].includes(status)) throw invalid('status must be 500, 502, 503 or 504')
    state.failure = { count, mode, status, ...filterOf(filter) }
  },
  rateLimitNext: ({ count, retryAfter = 1, ...filter }) => {
    state.rateLimit = { count, retryAfter, ...filterOf(filter) }
  },
  enforceRateLimits: (on) => {
    state.enforceRateLimits = on
    state.windows.clear()
  },
  join: (room, input) => join(state, room, input),
  leave: (sessionId, at) => leave(state, sessionId, at),
  ejectDue: (at) => ejectDue(state, at),
  setClock: (now) => {
    if (now !== null && !isUnixSeconds(now)) throw invalid('now must be a Unix time in whole seconds, or null')
    state.frozenAt = now
    ejectDue(state)
  },
  deliverNextEventTwice: () => {
    state.duplicateNextEvent = true
  },
  holdEvents: () => {
    state.holding = true
  },
  releaseEvents: ({ order = 'fifo' } = {}) => releaseHeld(state, order),
  events: () => clone(state.events),
  deliveries: () => clone(state.deliveries),
  requests: () => clone(state.requestLog),
  whenIdle: (timeoutMs) => whenIdle(state, timeoutMs),
  reset: () => resetState(state),
})

type ControlRoute = { method: string; pattern: RegExp; handle: (body: PlainObject, ids: string[]) => unknown }

const optTime = (body: PlainObject, name = 'at'): number | undefined => {
  const value = body[name]
  if (value === undefined || value === null) return undefined
  if (!isUnixSeconds(value)) throw invalid(`${name} must be a Unix time in whole seconds`)
  return value
}
const optString = (body: PlainObject, name: string): string | undefined => (typeof body[name] === 'string' ? (body[name] as string) : undefined)
const count = (body: PlainObject) => {
  const value = body.count ?? 1
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalid('count must be a whole number')
  return value
}

export const createControlRoutes = (control: DailyEmulatorControl): ControlRoute[] => [
  {
    method: 'POST',
    pattern: /^\/emulator\/rooms\/([^/]+)\/join$/,
    handle: (body, ids) => control.join(ids[0], { token: optString(body, 'token'), userName: optString(body, 'userName') ?? optString(body, 'user_name'), at: optTime(body) }),
  },
  { method: 'POST', pattern: /^\/emulator\/sessions\/([^/]+)\/leave$/, handle: (body, ids) => (control.leave(ids[0], optTime(body)), { ok: true }) },
  { method: 'POST', pattern: /^\/emulator\/eject-due$/, handle: (body) => ({ ejected: control.ejectDue(optTime(body)) }) },
  { method: 'POST', pattern: /^\/emulator\/clock$/, handle: (body) => (control.setClock(optTime(body, 'now') ?? null), { ok: true }) },
  {
    method: 'POST',
    pattern: /^\/emulator\/fail-next$/,
    handle: (body) => (
      control.failNext({
        count: count(body),
        mode: body.mode === 'timeout' ? 'timeout' : 'error',
        status: typeof body.status === 'number' ? body.status : undefined,
        method: optString(body, 'method'),
        pathPrefix: optString(body, 'pathPrefix'),
      }),
      { ok: true }
    ),
  },
  {
    method: 'POST',
    pattern: /^\/emulator\/rate-limit-next$/,
    handle: (body) => (
      control.rateLimitNext({ count: count(body), retryAfter: typeof body.retryAfter === 'number' ? body.retryAfter : undefined, method: optString(body, 'method'), pathPrefix: optString(body, 'pathPrefix') }),
      { ok: true }
    ),
  },
  { method: 'POST', pattern: /^\/emulator\/rate-limits$/, handle: (body) => (control.enforceRateLimits(body.enforce === true), { ok: true }) },
  { method: 'POST', pattern: /^\/emulator\/deliver-next-event-twice$/, handle: () => (control.deliverNextEventTwice(), { ok: true }) },
  { method: 'POST', pattern: /^\/emulator\/hold-events$/, handle: () => (control.holdEvents(), { ok: true }) },
  { method: 'POST', pattern: /^\/emulator\/release-events$/, handle: (body) => (control.releaseEvents({ order: body.order === 'reverse' ? 'reverse' : 'fifo' }), { ok: true }) },
  { method: 'GET', pattern: /^\/emulator\/events$/, handle: () => control.events() },
  { method: 'GET', pattern: /^\/emulator\/deliveries$/, handle: () => control.deliveries() },
  { method: 'GET', pattern: /^\/emulator\/requests$/, handle: () => control.requests() },
  { method: 'POST', pattern: /^\/emulator\/reset$/, handle: () => (control.reset(), { ok: true }) },
]

export const handleControl = async (routes: ControlRoute[], req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
  const method = req.method ?? 'GET'
  const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(url.pathname))
  if (!route) return send(res, 404, { error: 'not-found', info: `no emulator control endpoint ${method} ${url.pathname}` })
  try {
    const body = parseJsonObject(await readBody(req))
    send(res, 200, route.handle(body, route.pattern.exec(url.pathname)!.slice(1).map(decodeURIComponent)))
  } catch (error) {
    if (error instanceof DailyJoinError || error instanceof DailyApiError) return send(res, error.status, error.body)
    throw error
  }
}
