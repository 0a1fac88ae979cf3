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

  const download = (token: string | undefined, data: Record<string, unknown>) => api<string>('POST', '/exports/download', { token, body: { data: { format: 'csv', ...data } } })
  const rowsOf = (csv: string) => csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/)

  it('exports the filtered system logs as CSV for admins (the one export, plugin-import-export), secrets redacted and formulas neutralised, the download audited', async () => {
    const res = await download(actors.admin.token, {
      collectionSlug: 'system-logs',
      where: { and: [{ type: { equals: 'test.export' } }, { level: { equals: 'WARNING' } }] },
      fields: ['level', 'type', 'message', 'metadata'],
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/csv/)
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="/)
    const lines = rowsOf(res.body)
    // A file always keeps each row's id (after the asked columns).
    expect(lines[0]).toBe('level,type,message,metadata,id')
    expect(lines).toHaveLength(2)
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"") ""quoted"""`)
    expect(lines[1]).toContain('[redacted]')
    expect(lines[1]).not.toContain('secret-1')
    const audit = await payload.find({ collection: 'system-logs', where: { type: { equals: 'admin.exported' } }, overrideAccess: true })
    expect(audit.docs[0]).toMatchObject({ actor: 'ADMIN', actorId: String(actors.admin.id), metadata: { collection: 'system-logs' } })
  })

  it('exports transaction logs with amounts in currency units, and refuses everyone but admins', async () => {
    const tx = await download(actors.admin.token, { collectionSlug: 'transaction-logs', fields: ['type', 'entityType', 'entityId', 'amount', 'currency', 'status'] })
    expect(tx.status).toBe(200)
    expect(rowsOf(tx.body).map((row) => row.replace(/,\d+$/, ',<id>'))).toContain('payment.succeeded,payment,42,100.00,EUR,succeeded,<id>')
    expect((await download(undefined, { collectionSlug: 'system-logs' })).status).toBe(401)
    for (const who of [actors.fanA, actors.creatorA]) {
      expect((await download(who.token, { collectionSlug: 'system-logs' })).status).toBe(403)
      expect((await download(who.token, { collectionSlug: 'transaction-logs' })).status).toBe(403)
    }
  })
})
