import type { Payload } from 'payload'
import { beforeAll, describe, expect, it } from 'vitest'

import { api, createActors, getTestPayload, login, PASSWORD, resetDatabase, type Actors } from './harness'

const logsOfType = async (payload: Payload, type: string) =>
  (await payload.find({ collection: 'system-logs', where: { type: { equals: type } }, sort: 'createdAt', limit: 100 })).docs

describe('sign-up, login and lockout', () => {
  let payload: Payload
  let actors: Actors

  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    actors = await createActors(payload)
  })

  it('signs up a fan by default and logs it', async () => {
    const res = await api<{ doc: { id: number; role: string } }>('POST', '/users', { body: { email: 'plain@test.local', password: PASSWORD, name: 'Plain Fan' } })
    expect(res.status).toBe(201)
    expect(res.body.doc.role).toBe('fan')
    const logs = await logsOfType(payload, 'auth.signup')
    expect(logs.find((l) => l.message === `User ${res.body.doc.id} signed up as fan`)).toBeTruthy()
  })

  it('signs up a creator with their profile in the same request', async () => {
    const res = await api<{ doc: { id: number; role: string } }>('POST', '/users', {
      body: { email: 'newcreator@test.local', password: PASSWORD, name: 'Nora Creator', role: 'creator' },
    })
    expect(res.status).toBe(201)
    expect(res.body.doc.role).toBe('creator')
    const profile = await payload.find({ collection: 'creators', where: { user: { equals: res.body.doc.id } } })
    expect(profile.docs[0]).toMatchObject({ displayName: 'Nora Creator', slug: 'nora-creator', currency: 'EUR', chargesEnabled: false })
  })

  it('never grants admin at sign-up, and logs the attempt', async () => {
    const admins = async () => (await payload.count({ collection: 'users', where: { role: { equals: 'admin' } } })).totalDocs
    const before = await admins()
    const res = await api<{ errors: { message: string }[] }>('POST', '/users', { body: { email: 'sneaky@test.local', password: PASSWORD, name: 'Sneaky', role: 'admin' } })
    expect(res.status).toBe(403)
    expect(res.body.errors[0].message).toMatch(/cannot choose this role/)
    expect(await admins()).toBe(before)
    expect(await payload.count({ collection: 'users', where: { email: { equals: 'sneaky@test.local' } } })).toMatchObject({ totalDocs: 0 })
    expect((await logsOfType(payload, 'auth.privilege_escalation')).length).toBeGreaterThan(0)
  })

  it('ignores a role change in a self-update', async () => {
    const res = await api<{ doc: { role: string } }>('PATCH', `/users/${actors.fanB.id}`, { token: actors.fanB.token, body: { role: 'admin', name: 'Fan B renamed' } })
    expect(res.status).toBe(200)
    const stored = await payload.findByID({ collection: 'users', id: actors.fanB.id })
    expect(stored).toMatchObject({ role: 'fan', name: 'Fan B renamed' })
  })

  it('requires passwords of at least 8 characters', async () => {
    const res = await api<{ errors: { data?: { errors: { message: string; path: string }[] } }[] }>('POST', '/users', {
      body: { email: 'short@test.local', password: 'short', name: 'Short' },
    })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('Password must be at least 8 characters.')
  })

  it('rejects an invalid time zone naming the field', async () => {
    const res = await api('POST', '/users', { body: { email: 'tz@test.local', password: PASSWORD, name: 'Tz', timezone: 'Mars/Base' } })
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('is not an IANA time zone')
  })

  it('logs successful logins', async () => {
    await login(actors.creatorB.email)
    const logs = await logsOfType(payload, 'auth.login')
    expect(logs.some((l) => l.actorId === String(actors.creatorB.id) && l.actor === 'CREATOR')).toBe(true)
  })

  it('locks an account for 10 minutes after 5 failed logins and logs each step without the password', async () => {
    const email = actors.fanA.email
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) statuses.push((await api('POST', '/users/login', { body: { email, password: `wrong-password-${i}` } })).status)
    expect(statuses).toEqual([401, 401, 401, 401, 401])
    const locked = await api('POST', '/users/login', { body: { email, password: PASSWORD } })
    expect(locked.status).toBe(401)
    expect(JSON.stringify(locked.body)).toMatch(/locked/i)
    const user = await payload.findByID({ collection: 'users', id: actors.fanA.id, showHiddenFields: true })
    const lockedFor = new Date(user.lockUntil as string).getTime() - Date.now()
    expect(lockedFor).toBeGreaterThan(9 * 60_000)
    expect(lockedFor).toBeLessThanOrEqual(10 * 60_000)
    expect((await logsOfType(payload, 'auth.login_failed')).length).toBeGreaterThanOrEqual(4)
    expect(await logsOfType(payload, 'auth.lockout')).toHaveLength(1)
    expect((await logsOfType(payload, 'auth.login_locked')).length).toBeGreaterThanOrEqual(1)
    const all = await payload.find({ collection: 'system-logs', limit: 500 })
    expect(JSON.stringify(all.docs)).not.toMatch(/wrong-password|correct-horse/)
  })

  it('authenticates scripts with an API key', async () => {
    await payload.update({ collection: 'users', id: actors.admin.id, data: { enableAPIKey: true, apiKey: 'script-key-1234567890' } })
    const res = await api<{ totalDocs: number }>('GET', '/system-logs?limit=1', { apiKey: 'script-key-1234567890' })
    expect(res.status).toBe(200)
    expect(res.body.totalDocs).toBeGreaterThan(0)
    const wrong = await api('GET', '/system-logs?limit=1', { apiKey: 'not-the-key' })
    expect(wrong.status).toBe(403)
  })
})

describe('admin audit and demo data', () => {
  it('logs an admin changing a role, with from and to', async () => {
    const payload = await getTestPayload()
    const admin = await payload.find({ collection: 'users', where: { role: { equals: 'admin' } }, limit: 1 })
    const token = await login(admin.docs[0].email)
    const target = await payload.find({ collection: 'users', where: { email: { equals: 'plain@test.local' } }, limit: 1 })
    const res = await api('PATCH', `/users/${target.docs[0].id}`, { token, body: { role: 'creator' } })
    expect(res.status).toBe(200)
    const [log] = await logsOfType(payload, 'admin.users.update')
    expect(log).toMatchObject({ level: 'WARNING', actor: 'ADMIN', metadata: { fields: ['role'], from: 'fan', to: 'creator' } })
  })

  it('refuses to seed demo data in production', async () => {
    const payload = await getTestPayload()
    const { seedDemo } = await import('@/seed/demo')
    const env = process.env as Record<string, string | undefined>
    const previous = env.NODE_ENV
    env.NODE_ENV = 'production'
    try {
      await expect(seedDemo(payload, () => {})).rejects.toThrow(/Refusing to seed demo data in production/)
    } finally {
      env.NODE_ENV = previous
    }
  })
})
