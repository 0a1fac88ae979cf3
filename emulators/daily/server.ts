/**
 * Starts the Daily emulator: one state object (./state.ts), the /v1 API (./routes.ts, ./http.ts)
 * and the /emulator/… control endpoints (./control.ts) on one HTTP server, plus the timer that
 * ejects participants at their `will_eject_at` while the clock runs.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { createControl, createControlRoutes, handleControl } from './control'
import { handleApi, send } from './http'
import { ejectDue } from './meetings'
import { createApiRoutes } from './routes'
import { createState } from './state'
import type { DailyEmulator, DailyEmulatorOptions } from './types'

export const startDailyEmulator = async (options: DailyEmulatorOptions = {}): Promise<DailyEmulator> => {
  const state = createState(options)
  const routes = createApiRoutes(state)
  const control = createControl(state)
  const controlRoutes = createControlRoutes(control)

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid')
    const work = url.pathname.startsWith('/v1/')
      ? handleApi(state, routes, req, res, url)
      : url.pathname.startsWith('/emulator/')
        ? handleControl(controlRoutes, req, res, url)
        : Promise.resolve(send(res, url.pathname === '/' ? 200 : 404, { emulator: 'daily', api: '/v1/…', control: '/emulator/…', domain: state.domain }))
    work.catch((error: unknown) => {
      console.error('[daily-emulator]', error)
      if (!res.headersSent) send(res, 500, { error: 'server-error', info: error instanceof Error ? error.message : String(error) })
    })
  })

  // Daily's servers eject participants at their will_eject_at; with a frozen clock, setClock does it.
  const ejector = setInterval(() => {
    if (state.frozenAt === null && state.present.size) ejectDue(state)
  }, 250)
  ejector.unref()

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

  return {
    url,
    apiUrl: `${url}/v1`,
    apiKey: state.apiKey,
    domain: state.domain,
    domainId: state.domainId,
    roomUrlBase: state.roomUrlBase,
    host,
    port,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        state.closed = true
        clearInterval(ejector)
        for (const timer of state.retryTimers.values()) clearTimeout(timer)
        for (const timer of state.endTimers.values()) clearTimeout(timer)
        for (const controller of state.inFlight) controller.abort()
        for (const res of state.hanging) res.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
