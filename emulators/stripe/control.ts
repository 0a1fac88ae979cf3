/**
 * How tests make the emulator misbehave: the `control` object and the same operations over HTTP
 * under /emulator/… (plus the onboarding and receipt pages).
 */
import type http from 'node:http'

import { completeOnboarding } from './accounts'
import { releasePendingFunds } from './balance'
import { closeDispute, openDispute } from './disputes'
import { pump, setWebhook, whenIdle } from './events'
import { parseControlBody, readBody } from './forms'
import { clone, escapeHtml, formatAmount } from './helpers'
import { send } from './http'
import { completeOnboardingFromPage, html, onboardingPage } from './onboarding'
import { finishPayout } from './payouts'
import { type EmulatorState, resetState } from './state'
import type { StripeEmulatorControl } from './types'

export const createControl = (state: EmulatorState): StripeEmulatorControl => ({
  failNext: ({ count, mode = 'error', pathPrefix = '/v1/', method }) => {
    state.failure = { count, mode, pathPrefix, method }
  },
  openDispute: (input) => openDispute(state, input),
  closeDispute: (id, status) => closeDispute(state, id, status),
  payoutOutcome: (id, outcome, failureCode) => finishPayout(state, id, outcome, failureCode),
  completeOnboarding: (accountId) => completeOnboarding(state, accountId),
  releasePendingFunds: (accountId) => releasePendingFunds(state, accountId),
  deliverNextEventTwice: () => {
    state.duplicateNextEvent = true
  },
  holdEvents: () => {
    state.holding = true
  },
  releaseEvents: ({ order = 'fifo' } = {}) => {
    state.holding = false
    const released = state.held.splice(0)
    state.queue.push(...(order === 'reverse' ? released.reverse() : released))
    void pump(state)
  },
  events: (filter) => clone(filter ? state.events.filter(filter) : state.events),
  deliveries: () => clone(state.deliveries),
  requests: () => clone(state.requestLog),
  whenIdle: (timeoutMs) => whenIdle(state, timeoutMs),
  reset: () => resetState(state),
})

type ControlRoute = { method: string; pattern: RegExp; handle: (body: Record<string, unknown>, ids: string[]) => unknown }

export const createControlRoutes = (state: EmulatorState, control: StripeEmulatorControl): ControlRoute[] => [
  {
    method: 'POST',
    pattern: /^\/emulator\/fail-next$/,
    handle: (body) => {
      const mode = body.mode === 'timeout' || body.mode === 'lost_response' ? body.mode : 'error'
      const method = body.method === 'GET' || body.method === 'POST' || body.method === 'DELETE' ? body.method : undefined
      control.failNext({ count: Number(body.count ?? 1), mode, pathPrefix: typeof body.pathPrefix === 'string' ? body.pathPrefix : undefined, method })
      return { ok: true }
    },
  },
  {
    method: 'POST',
    pattern: /^\/emulator\/disputes$/,
    handle: (body) =>
      openDispute(state, {
        paymentIntent: String(body.paymentIntent ?? body.payment_intent ?? ''),
        amount: body.amount === undefined ? undefined : Number(body.amount),
        reason: typeof body.reason === 'string' ? body.reason : undefined,
      }),
  },
  { method: 'POST', pattern: /^\/emulator\/disputes\/([\w]+)\/close$/, handle: (body, ids) => closeDispute(state, ids[0], body.status === 'won' ? 'won' : 'lost') },
  {
    method: 'POST',
    pattern: /^\/emulator\/payouts\/([\w]+)\/outcome$/,
    handle: (body, ids) =>
      finishPayout(state, ids[0], body.outcome === 'failed' || body.outcome === 'canceled' ? body.outcome : 'paid', typeof body.failureCode === 'string' ? body.failureCode : undefined),
  },
  { method: 'POST', pattern: /^\/emulator\/accounts\/([\w]+)\/complete-onboarding$/, handle: (_body, ids) => completeOnboarding(state, ids[0]) },
  {
    method: 'POST',
    pattern: /^\/emulator\/release-pending-funds$/,
    handle: (body) => (releasePendingFunds(state, typeof body.account === 'string' ? body.account : undefined), { ok: true }),
  },
  { method: 'POST', pattern: /^\/emulator\/deliver-next-event-twice$/, handle: () => (control.deliverNextEventTwice(), { ok: true }) },
  { method: 'POST', pattern: /^\/emulator\/hold-events$/, handle: () => (control.holdEvents(), { ok: true }) },
  { method: 'POST', pattern: /^\/emulator\/release-events$/, handle: (body) => (control.releaseEvents({ order: body.order === 'reverse' ? 'reverse' : 'fifo' }), { ok: true }) },
  { method: 'GET', pattern: /^\/emulator\/events$/, handle: () => control.events() },
  { method: 'GET', pattern: /^\/emulator\/deliveries$/, handle: () => control.deliveries() },
  { method: 'GET', pattern: /^\/emulator\/requests$/, handle: () => control.requests() },
  { method: 'POST', pattern: /^\/emulator\/reset$/, handle: () => (resetState(state), { ok: true }) },
  {
    method: 'POST',
    pattern: /^\/emulator\/webhook$/,
    handle: (body) => (setWebhook(state, typeof body.url === 'string' && body.url ? body.url : null, typeof body.secret === 'string' ? body.secret : undefined), { ok: true }),
  },
]

export const handleControl = async (state: EmulatorState, controlRoutes: ControlRoute[], req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
  const method = req.method ?? 'GET'
  const path = url.pathname
  const onboarding = /^\/emulator\/onboarding\/([\w]+)(\/complete)?$/.exec(path)
  if (onboarding) {
    if (method === 'GET' && !onboarding[2]) return onboardingPage(state, res, onboarding[1], url.searchParams.get('link'))
    if (method === 'POST' && onboarding[2]) {
      const body = parseControlBody(await readBody(req), req.headers['content-type'])
      return completeOnboardingFromPage(state, res, onboarding[1], typeof body.link === 'string' ? body.link : url.searchParams.get('link'))
    }
  }
  const receipt = /^\/emulator\/receipts\/([\w]+)$/.exec(path)
  if (receipt && method === 'GET') {
    const charge = state.charges.get(receipt[1])
    if (!charge) return html(res, 404, 'Receipt', '<h1>No such receipt.</h1>')
    return html(res, 200, 'Receipt', `<h1>Receipt</h1><p>${escapeHtml(formatAmount(charge.amount, charge.currency))} — ${escapeHtml(charge.status)}</p>`)
  }
  const route = controlRoutes.find((candidate) => candidate.method === method && candidate.pattern.test(path))
  if (!route) return send(res, 404, { error: { type: 'invalid_request_error', message: `No emulator control endpoint ${method} ${path}` } })
  const body = parseControlBody(await readBody(req), req.headers['content-type'])
  send(res, 200, route.handle(body, route.pattern.exec(path)!.slice(1)))
}
