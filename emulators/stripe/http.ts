/**
 * The /v1 API over HTTP: authentication, failure injection (`failNext`), `Stripe-Account` scoping,
 * idempotency keys, and Stripe's JSON answers.
 */
import type http from 'node:http'

import Stripe from 'stripe'

import { EmulatedStripeError } from './errors'
import { canonical, type FormObject, parseForm, readBody } from './forms'
import { newId } from './helpers'
import type { Route } from './routes'
import { type EmulatorState, IDEMPOTENCY_TTL_MS } from './state'
import type { EmulatedRequest, FailureMode } from './types'

export const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body, null, 2))
}

export const sendError = (res: http.ServerResponse, error: EmulatedStripeError, headers: Record<string, string> = {}) => send(res, error.status, { error: error.body }, headers)

const takeFailure = (state: EmulatorState, method: string, path: string): FailureMode | null => {
  if (state.failure.count <= 0 || !path.startsWith(state.failure.pathPrefix) || (state.failure.method && state.failure.method !== method)) return null
  state.failure.count--
  return state.failure.mode
}

const hang = (state: EmulatorState, res: http.ServerResponse) => {
  state.hanging.add(res)
  res.on('close', () => state.hanging.delete(res))
}

export const handleApi = async (state: EmulatorState, routes: Route[], req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
  const method = req.method ?? 'GET'
  const path = url.pathname
  const requestId = newId('req', 14)
  const apiVersion = typeof req.headers['stripe-version'] === 'string' ? req.headers['stripe-version'] : Stripe.API_VERSION
  const headerOf = (name: string) => {
    const value = req.headers[name]
    return typeof value === 'string' && value !== '' ? value : null
  }
  const account = headerOf('stripe-account')
  const idempotencyKey = method === 'POST' ? headerOf('idempotency-key') : null
  const logEntry: EmulatedRequest = { method, path, account, idempotencyKey, status: 'no_response', replayed: false, injected: null }
  state.requestLog.push(logEntry)
  const baseHeaders: Record<string, string> = { 'request-id': requestId, 'stripe-version': apiVersion, ...(account ? { 'stripe-account': account } : {}), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) }
  const respond = (status: number, body: unknown, extraHeaders: Record<string, string> = {}) => {
    logEntry.status = status
    send(res, status, body, { ...baseHeaders, ...extraHeaders })
  }

  const raw = await readBody(req)
  const auth = req.headers.authorization ?? ''
  const key = auth.startsWith('Bearer ') ? auth.slice(7) : auth.startsWith('Basic ') ? Buffer.from(auth.slice(6), 'base64').toString().split(':')[0] : ''
  if (!key.startsWith('sk_test_')) {
    const message = key ? `Invalid API Key provided: ${key.slice(0, 8)}***${key.length > 16 ? key.slice(-4) : ''}` : 'You did not provide an API key.'
    return respond(401, { error: { type: 'invalid_request_error', message: `${message} (the emulator accepts any sk_test_… key)` } })
  }

  const injected = takeFailure(state, method, path)
  logEntry.injected = injected
  if (injected === 'timeout') return hang(state, res)
  if (injected === 'error') {
    // Injected failures stand for Stripe failing before the endpoint ran; Stripe keeps no idempotent
    // result then (it only saves one once execution started), so the SDK's retry with the same key
    // is executed afresh. Storing this 500 would replay it to every retry and the SDK could never
    // succeed — the opposite of what "fail the next N calls" is meant to exercise.
    return respond(500, { error: { type: 'api_error', message: `Emulated Stripe failure (failNext) on ${method} ${path}.` } })
  }

  const route = routes.find((candidate) => candidate.method === method && candidate.pattern.test(path))
  if (!route) {
    return respond(404, {
      error: {
        type: 'invalid_request_error',
        message: `Unrecognized request URL (${method}: ${path}). The Stripe emulator does not implement this endpoint; see emulators/stripe/.`,
      },
    })
  }

  let params: FormObject
  try {
    params = parseForm(new URLSearchParams(method === 'POST' ? raw : url.search))
  } catch (error) {
    if (error instanceof EmulatedStripeError) return respond(error.status, { error: error.body })
    throw error
  }

  if (account) {
    if (!route.connectScoped) {
      return respond(400, { error: { type: 'invalid_request_error', message: `The Stripe emulator does not support the Stripe-Account header on ${method} ${path} (only balance, balance transactions, payouts, events and account retrieval).` } })
    }
    if (!state.accounts.has(account)) {
      return respond(403, {
        error: {
          type: 'invalid_request_error',
          code: 'account_invalid',
          message: `The provided key 'sk_test_***' does not have access to account '${account}' (or that account does not exist). Application access may have been revoked.`,
        },
      })
    }
  }

  const scopedKey = idempotencyKey ? `${account ?? ''}\u0000${idempotencyKey}` : null
  const fingerprint = `${method} ${path} ${canonical(params)}`
  if (idempotencyKey && idempotencyKey.length > 255) {
    return respond(400, { error: { type: 'invalid_request_error', message: 'Idempotency-Key must be at most 255 characters long.' } })
  }
  if (scopedKey) {
    const stored = state.idempotent.get(scopedKey)
    if (stored && Date.now() - stored.storedAt < IDEMPOTENCY_TTL_MS) {
      if (stored.fingerprint !== fingerprint) {
        return respond(400, {
          error: {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          },
        })
      }
      logEntry.replayed = true
      return respond(stored.status, stored.body, { 'idempotent-replayed': 'true', ...(stored.status >= 500 ? { 'stripe-should-retry': 'false' } : {}) })
    }
  }

  let status = 200
  let body: unknown
  let store = true
  state.currentRequest = { id: requestId, idempotencyKey }
  try {
    const match = route.pattern.exec(path)!
    body = route.handle({ params, account, ids: match.slice(1) })
  } catch (error) {
    if (error instanceof EmulatedStripeError) {
      status = error.status
      body = { error: error.body }
      // Validation errors leave nothing behind, so Stripe does not pin them to the key.
      store = error.afterSideEffects
    } else {
      status = 500
      body = { error: { type: 'api_error', message: `Stripe emulator internal error: ${error instanceof Error ? error.message : String(error)}` } }
      console.error('[stripe-emulator]', error)
    }
  } finally {
    state.currentRequest = null
  }
  const snapshot = JSON.parse(JSON.stringify(body)) as unknown
  if (scopedKey && store) state.idempotent.set(scopedKey, { fingerprint, status, body: snapshot, storedAt: Date.now() })
  if (injected === 'lost_response') return hang(state, res)
  respond(status, snapshot)
}
