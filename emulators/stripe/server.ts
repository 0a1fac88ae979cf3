/**
 * Starts the Stripe emulator: one state object (./state.ts), the /v1 API (./routes.ts, ./http.ts)
 * and the /emulator/… control endpoints (./control.ts) on one HTTP server.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import Stripe from 'stripe'

import { createControl, createControlRoutes, handleControl } from './control'
import { EmulatedStripeError } from './errors'
import { pump, setWebhook } from './events'
import { handleApi, send, sendError } from './http'
import { openStateFile, savingControl } from './persist'
import { createApiRoutes } from './routes'
import { createState } from './state'
import type { StripeEmulator, StripeEmulatorOptions } from './types'

export const startStripeEmulator = async (options: StripeEmulatorOptions = {}): Promise<StripeEmulator> => {
  const state = createState(options)
  const stateFile = options.stateFile ? openStateFile(state, options.stateFile) : null
  const routes = createApiRoutes(state)
  const control = stateFile ? savingControl(createControl(state), stateFile) : createControl(state)
  const controlRoutes = createControlRoutes(state, control)

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid')
    const work = url.pathname.startsWith('/v1/')
      ? handleApi(state, routes, req, res, url)
      : url.pathname.startsWith('/emulator/')
        ? handleControl(state, controlRoutes, req, res, url)
        : Promise.resolve(send(res, url.pathname === '/' ? 200 : 404, { emulator: 'stripe', api: '/v1/…', control: '/emulator/…', apiVersion: Stripe.API_VERSION }))
    // API writes and every control call (the onboarding page's GET marks its link visited) may change the state.
    if (req.method !== 'GET' || url.pathname.startsWith('/emulator/')) void work.finally(() => state.changed()).catch(() => {})
    work.catch((error: unknown) => {
      if (res.headersSent) return
      if (error instanceof EmulatedStripeError) return sendError(res, error)
      console.error('[stripe-emulator]', error)
      send(res, 500, { error: { type: 'api_error', message: error instanceof Error ? error.message : String(error) } })
    })
  })

  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  state.baseUrl = (options.publicUrl ?? url).replace(/\/$/, '')
  // Events a previous run had not delivered yet (restored from the state file).
  if (state.queue.length) void pump(state)

  return {
    url,
    host,
    port,
    setWebhook: (nextUrl, secret) => setWebhook(state, nextUrl, secret),
    control,
    close: () =>
      new Promise<void>((resolve) => {
        state.closed = true
        for (const timer of state.retryTimers) clearTimeout(timer)
        state.retryTimers.clear()
        for (const controller of state.inFlight) controller.abort()
        for (const res of state.hanging) res.destroy()
        stateFile?.flush()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
