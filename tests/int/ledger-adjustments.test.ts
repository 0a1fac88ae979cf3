/**
 * Ledger adjustments (SPEC §7: "adjustment (admin, reason required)") over real HTTP:
 * `POST /api/ledger-entries/adjust` validates its body (400 naming the field, 404 for an unknown
 * creator, nothing written), writes one `adjustment` entry with the admin and the reason, one
 * transaction log, one system log and the creator's notification, moves the creator's balance
 * (`GET /api/creators/me/balance`) and applies the debt rule: a debit over the threshold blocks
 * payouts, a credit that clears the debt lifts that block (never an admin's).
 */
import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { api, createActors, getTestPayload, query, resetDatabase, type Actor, type Actors } from './harness'

type Errors = { errors: { code: string; message: string; field?: string }[] }
type Balance = { currency: string; available: number; pending: number; reserved: number; debt: number }
type Adjusted = { entry: { id: number; creator: number; currency: string; amount: number; reason: string; createdBy: number }; balance: Balance; debtBlock: string }

describe('ledger adjustments', () => {
  let payload: Payload
  let actors: Actors

  const adjust = (body: unknown, actor: Actor = actors.admin) => api<Adjusted & Errors>('POST', '/ledger-entries/adjust', { token: actor.token, body })
  const balanceOf = async (actor: Actor, currency = 'EUR') => {
    const res = await api<Balance[]>('GET', '/creators/me/balance', { token: actor.token })
    expect(res.status).toBe(200)
    return res.body.find((b) => b.currency === currency) ?? null
  }
  const counts = async () => ({
    entries: (await query(payload, 'SELECT id FROM ledger_entries')).length,
    transactionLogs: (await query(payload, `SELECT id FROM transaction_logs WHERE type = 'ledger.adjustment'`)).length,
    systemLogs: (await query(payload, `SELECT id FROM system_logs WHERE type = 'ledger.adjustment'`)).length,
  })
  const blockOf = async (creatorId: number) =>
    (await query<{ payouts_blocked: boolean | null; payouts_blocked_by: string | null }>(payload, 'SELECT payouts_blocked, payouts_blocked_by FROM creators WHERE id = $1', [creatorId]))[0]

  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    actors = await createActors(payload)
  })

  it('refuses bad input with 400 naming the field, an unknown creator with 404, non-admins with 401/403 — nothing written', async () => {
    const before = await counts()
    const creator = actors.creatorA.creatorId!
    const valid = { creator, currency: 'EUR', amount: 1000, reason: 'Reconciliation correction' }
    const cases: [Record<string, unknown>, string][] = [
      [{ ...valid, amount: 0 }, 'amount'],
      [{ ...valid, amount: 12.5 }, 'amount'],
      [{ ...valid, amount: -0.01 }, 'amount'],
      [{ ...valid, amount: '1000' }, 'amount'],
      [{ ...valid, amount: undefined }, 'amount'],
      [{ ...valid, reason: undefined }, 'reason'],
      [{ ...valid, reason: '   ' }, 'reason'],
      [{ ...valid, reason: 'ok' }, 'reason'],
      [{ ...valid, reason: 'x'.repeat(501) }, 'reason'],
      [{ ...valid, currency: 'JPY' }, 'currency'],
      [{ ...valid, currency: undefined }, 'currency'],
      [{ ...valid, creator: undefined }, 'creator'],
      [{ ...valid, creator: 'A' }, 'creator'],
    ]
    for (const [body, field] of cases) {
      const res = await adjust(body)
      expect([JSON.stringify(body).slice(0, 80), res.status, res.body.errors[0].code, res.body.errors[0].field]).toEqual([JSON.stringify(body).slice(0, 80), 400, 'INVALID_INPUT', field])
    }
    expect((await adjust({ ...valid, amount: 0 })).body.errors[0].message).toContain('must not be zero')
    const unknown = await adjust({ ...valid, creator: 999_999 })
    expect([unknown.status, unknown.body.errors[0].code]).toEqual([404, 'NOT_FOUND'])
    expect((await api('POST', '/ledger-entries/adjust', { body: valid })).status).toBe(401)
    for (const actor of [actors.fanA, actors.creatorA, actors.creatorB]) {
      const res = await adjust(valid, actor)
      expect([actor.email, res.status, res.body.errors[0].code]).toEqual([actor.email, 403, 'FORBIDDEN'])
    }
    expect(await counts()).toEqual(before)
    expect(await balanceOf(actors.creatorA)).toBeNull()
  })

  it('a credit: one adjustment entry (the admin, the reason), available at once in GET /api/creators/me/balance, one transaction log, one system log, the creator told', async () => {
    const before = await counts()
    const creator = actors.creatorA.creatorId!
    const res = await adjust({ creator, currency: 'eur', amount: 2550, reason: '  Missing earning of booking 12 (reconciliation of 3 May)  ' })
    expect(res.status).toBe(201)
    expect(res.headers.get('cache-control')).toBe('private, no-store')
    const reason = 'Missing earning of booking 12 (reconciliation of 3 May)'
    expect(res.body.entry).toMatchObject({ creator, currency: 'EUR', amount: 2550, reason, createdBy: actors.admin.id })
    expect(res.body.balance).toEqual({ currency: 'EUR', available: 2550, pending: 0, reserved: 0, debt: 0 })
    expect(res.body.debtBlock).toBe('kept')
    expect(await counts()).toEqual({ entries: before.entries + 1, transactionLogs: before.transactionLogs + 1, systemLogs: before.systemLogs + 1 })

    const [entry] = await query<{ type: string; amount: string; memo: string; created_by_id: number; source_type: string; source_ref: string | null; available_at: Date }>(
      payload,
      'SELECT type, amount, memo, created_by_id, source_type, source_ref, available_at FROM ledger_entries WHERE id = $1',
      [res.body.entry.id],
    )
    expect([entry.type, Number(entry.amount), entry.memo, entry.created_by_id, entry.source_type, entry.source_ref]).toEqual(['adjustment', 2550, reason, actors.admin.id, 'adjustment', null])
    expect(new Date(entry.available_at).getTime()).toBeLessThanOrEqual(Date.now())
    expect(await balanceOf(actors.creatorA)).toEqual({ currency: 'EUR', available: 2550, pending: 0, reserved: 0, debt: 0 })

    const [log] = await query<{ entity_type: string; entity_id: string; amount: string; currency: string; status: string; metadata: Record<string, unknown> }>(
      payload,
      `SELECT entity_type, entity_id, amount, currency, status, metadata FROM transaction_logs WHERE type = 'ledger.adjustment' ORDER BY id DESC LIMIT 1`,
    )
    expect([log.entity_type, log.entity_id, Number(log.amount), log.currency, log.status]).toEqual(['ledger-entry', String(res.body.entry.id), 2550, 'EUR', 'posted'])
    expect(log.metadata).toMatchObject({ creatorId: creator, adminId: actors.admin.id, reason, bookEntryOnly: true })
    const [system] = await query<{ level: string; actor: string; actor_id: string; message: string }>(payload, `SELECT level, actor, actor_id, message FROM system_logs WHERE type = 'ledger.adjustment' ORDER BY id DESC LIMIT 1`)
    expect([system.level, system.actor, system.actor_id]).toEqual(['WARNING', 'ADMIN', String(actors.admin.id)])
    expect(system.message).toContain('no money moved at Stripe')

    const told = await query<{ type: string; title: string; body: string; link: string }>(payload, `SELECT type, title, body, link FROM notifications WHERE user_id = $1 AND metadata->>'ledgerEntryId' = $2`, [
      actors.creatorA.id,
      String(res.body.entry.id),
    ])
    expect(told).toEqual([{ type: 'system', title: 'Your balance was adjusted', body: expect.stringContaining('credited your EUR balance by €25.50'), link: `/admin/collections/ledger-entries/${res.body.entry.id}` }])
    expect(told[0].body).toContain(reason)

    // A debit brings it back; the creator reads their own entries (adjustments included) and no one else's.
    const back = await adjust({ creator, currency: 'EUR', amount: -2550, reason: 'Reverting the test correction' })
    expect(back.body.balance.available).toBe(0)
    const own = await api<{ docs: { id: number; type: string; amount: number }[] }>('GET', '/ledger-entries?where[type][equals]=adjustment&sort=id', { token: actors.creatorA.token })
    expect(own.body.docs.map((d) => d.amount)).toEqual([2550, -2550])
    const others = await api<{ docs: unknown[] }>('GET', '/ledger-entries?where[type][equals]=adjustment', { token: actors.creatorB.token })
    expect(others.body.docs).toEqual([])
  })

  it('a debit over the debt threshold blocks payouts (debt); a credit that clears the debt lifts that block; an admin’s block stays', async () => {
    const creator = actors.creatorB.creatorId!
    // Under the threshold (100.00 EUR by default): a debt, but no block.
    const small = await adjust({ creator, currency: 'EUR', amount: -5000, reason: 'Chargeback fee recovered' })
    expect([small.status, small.body.debtBlock]).toEqual([201, 'kept'])
    expect(await balanceOf(actors.creatorB)).toEqual({ currency: 'EUR', available: -5000, pending: 0, reserved: 0, debt: 5000 })
    expect(await blockOf(creator)).toEqual({ payouts_blocked: false, payouts_blocked_by: null })

    const big = await adjust({ creator, currency: 'EUR', amount: -7000, reason: 'Refund of a disputed payment made by hand' })
    expect([big.status, big.body.debtBlock]).toEqual([201, 'blocked'])
    expect(big.body.balance).toMatchObject({ available: -12000, debt: 12000 })
    expect(await blockOf(creator)).toEqual({ payouts_blocked: true, payouts_blocked_by: 'debt' })
    const blocked = await query<{ message: string }>(payload, `SELECT message FROM system_logs WHERE type = 'payouts.blocked' AND metadata->>'creatorId' = $1`, [String(creator)])
    expect(blocked).toHaveLength(1)
    expect((await query(payload, `SELECT id FROM notifications WHERE user_id = $1 AND type = 'payouts_blocked'`, [actors.creatorB.id])).length).toBe(1)

    // A credit that leaves some debt keeps the block; clearing it lifts the debt block.
    expect((await adjust({ creator, currency: 'EUR', amount: 2000, reason: 'Partial settlement by bank transfer' })).body.debtBlock).toBe('kept')
    expect(await blockOf(creator)).toEqual({ payouts_blocked: true, payouts_blocked_by: 'debt' })
    const cleared = await adjust({ creator, currency: 'EUR', amount: 10000, reason: 'Debt settled by bank transfer' })
    expect([cleared.status, cleared.body.debtBlock]).toEqual([201, 'unblocked'])
    expect(await balanceOf(actors.creatorB)).toEqual({ currency: 'EUR', available: 0, pending: 0, reserved: 0, debt: 0 })
    expect(await blockOf(creator)).toEqual({ payouts_blocked: false, payouts_blocked_by: null })
    expect((await query(payload, `SELECT id FROM notifications WHERE user_id = $1 AND type = 'payouts_unblocked'`, [actors.creatorB.id])).length).toBe(1)

    // An admin's block is not lifted by a credit.
    expect((await api('POST', `/creators/${creator}/payouts/block`, { token: actors.admin.token, body: { reason: 'Identity check' } })).status).toBe(200)
    expect((await adjust({ creator, currency: 'EUR', amount: -20000, reason: 'Another correction' })).body.debtBlock).toBe('kept')
    expect((await adjust({ creator, currency: 'EUR', amount: 20000, reason: 'Undo the correction' })).body.debtBlock).toBe('kept')
    expect(await blockOf(creator)).toEqual({ payouts_blocked: true, payouts_blocked_by: 'admin' })
  })
})
