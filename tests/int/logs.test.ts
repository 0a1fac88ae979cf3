import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { logSystem, logTransaction } from '@/services/logs'

import { api, createActors, getTestPayload, resetDatabase, type Actors } from './harness'

describe('logs', () => {
  let payload: Payload
  let actors: Actors

  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    actors = await createActors(payload)
    await logSystem(payload, { level: 'WARNING', type: 'test.export', message: '=HYPERLINK("x") "quoted"', metadata: { password: 'secret-1', orderId: 7 } })
    await logSystem(payload, { level: 'INFO', type: 'test.export', message: 'plain info' })
    await logTransaction(payload, { type: 'payment.succeeded', entityType: 'payment', entityId: 42, amount: 10000, currency: 'EUR', status: 'succeeded', providerIds: { paymentIntent: 'pi_1' } })
  })

  it('exports the filtered system logs as CSV for admins, secrets redacted and formulas neutralised', async () => {
    const res = await api<string>('GET', '/system-logs/export?where[type][equals]=test.export&where[level][equals]=WARNING', { token: actors.admin.token })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/csv/)
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="system-logs-/)
    const lines = res.body.trim().split('\r\n')
    expect(lines[0]).toBe('createdAt,level,type,actor,actorId,message,metadata')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"") ""quoted"""`)
    expect(lines[1]).toContain('[redacted]')
    expect(lines[1]).not.toContain('secret-1')
  })

  it('exports transaction logs too, and refuses everyone but admins', async () => {
    const tx = await api<string>('GET', '/transaction-logs/export', { token: actors.admin.token })
    expect(tx.status).toBe(200)
    expect(tx.body).toContain('"payment.succeeded","payment","42","10000","EUR","succeeded"')
    expect((await api('GET', '/system-logs/export')).status).toBe(401)
    for (const who of [actors.fanA, actors.creatorA]) {
      expect((await api('GET', '/system-logs/export', { token: who.token })).status).toBe(403)
      expect((await api('GET', '/transaction-logs/export', { token: who.token })).status).toBe(403)
    }
  })
})
