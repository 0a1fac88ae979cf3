import type { Payload } from 'payload'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { startResendEmulator, type ResendEmulator } from '../../emulators/resend'
import { advanceClock, resetClock } from '@/lib/clock'
import { retryEmails } from '@/services/email'

import { api, createActors, drainJobs, getTestPayload, PASSWORD, resetDatabase, type Actors } from './harness'

const emailsTo = async (payload: Payload, to: string) =>
  (await payload.find({ collection: 'email-logs', where: { to: { equals: to } }, sort: 'createdAt', depth: 0 })).docs

const signUp = (email: string, extra: Record<string, unknown> = {}) =>
  api<{ doc: { id: number } }>('POST', '/users', { body: { email, password: PASSWORD, name: 'Mia Example', ...extra } })

describe('email service', () => {
  let payload: Payload
  let emulator: ResendEmulator
  let actors: Actors

  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    actors = await createActors(payload)
    emulator = await startResendEmulator()
  })
  afterAll(async () => {
    await emulator.close()
  })
  beforeEach(() => {
    delete process.env.RESEND_API_KEY
    process.env.RESEND_BASE_URL = emulator.url
  })
  afterEach(() => {
    delete process.env.RESEND_API_KEY
    resetClock()
  })

  it('without a provider, keeps the rendered email in email-logs (not sent)', async () => {
    const res = await signUp('nomail@test.local', { locale: 'fr', timezone: 'America/Montreal' })
    expect(res.status).toBe(201)
    await drainJobs(payload)
    const [welcome] = await emailsTo(payload, 'nomail@test.local')
    expect(welcome).toMatchObject({ template: 'welcome', locale: 'fr', status: 'stored', attempts: 0, subject: 'Bienvenue sur Callastar' })
    expect(welcome.html).toContain('Bienvenue, Mia Example')
    expect(emulator.emails.filter((e) => e.to === 'nomail@test.local')).toHaveLength(0)
  })

  it('with Resend configured, delivers through the job and records the provider id', async () => {
    process.env.RESEND_API_KEY = 're_test_key'
    const res = await signUp('delivered@test.local')
    expect(res.status).toBe(201)
    expect((await emailsTo(payload, 'delivered@test.local'))[0].status).toBe('queued')
    await drainJobs(payload)
    const [sent] = await emailsTo(payload, 'delivered@test.local')
    const delivered = emulator.emails.find((e) => e.to === 'delivered@test.local')
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, providerId: delivered?.id })
    expect(delivered?.subject).toBe('Welcome to Callastar')
    expect(delivered?.idempotencyKey).toBe(`email-log/${sent.id}`)
  })

  it('with the provider failing, the sign-up still succeeds and the email ends failed after 5 attempts', async () => {
    process.env.RESEND_API_KEY = 're_test_key'
    emulator.failNext(100)
    const res = await signUp('failing@test.local')
    expect(res.status).toBe(201)
    await drainJobs(payload)
    let [email] = await emailsTo(payload, 'failing@test.local')
    expect(email).toMatchObject({ status: 'retrying', attempts: 1 })
    expect(email.lastError).toMatch(/Emulated provider failure/)
    const attemptsSeen = [email.attempts]
    for (let i = 0; i < 6; i++) {
      advanceClock(61 * 60_000)
      await retryEmails(payload)
      ;[email] = await emailsTo(payload, 'failing@test.local')
      attemptsSeen.push(email.attempts)
    }
    expect(attemptsSeen).toEqual([1, 2, 3, 4, 5, 5, 5])
    expect(email.status).toBe('failed')
    const failedLog = await payload.find({ collection: 'system-logs', where: { type: { equals: 'email.failed' } } })
    expect(failedLog.docs[0]?.message).toBe(`Email ${email.id} failed after 5 attempts`)
    emulator.failNext(0)

    // An admin resends it: back in the queue, delivered.
    const resend = await api<{ status: string }>('POST', `/email-logs/${email.id}/resend`, { token: actors.admin.token })
    expect(resend.status).toBe(200)
    expect(resend.body.status).toBe('queued')
    await drainJobs(payload)
    ;[email] = await emailsTo(payload, 'failing@test.local')
    expect(email).toMatchObject({ status: 'sent', attempts: 1 })
  })

  it('does not retry before the backoff has elapsed', async () => {
    process.env.RESEND_API_KEY = 're_test_key'
    emulator.failNext(1)
    await signUp('backoff@test.local')
    await drainJobs(payload)
    expect(await retryEmails(payload)).toMatchObject({ due: 0 })
    advanceClock(61_000)
    expect(await retryEmails(payload)).toMatchObject({ due: 1, sent: 1 })
  })

  it('forgot-password sends a localized reset email with a working link, without revealing unknown emails', async () => {
    const known = await api<{ message: string }>('POST', '/users/forgot-password', { body: { email: actors.fanA.email } })
    const unknown = await api<{ message: string }>('POST', '/users/forgot-password', { body: { email: 'nobody@test.local' } })
    expect(known.status).toBe(200)
    expect(unknown.status).toBe(200)
    expect(unknown.body.message).toBe(known.body.message)
    expect(await emailsTo(payload, 'nobody@test.local')).toHaveLength(0)
    const reset = (await emailsTo(payload, actors.fanA.email)).find((e) => e.template === 'password-reset')
    expect(reset?.subject).toBe('Reset your Callastar password')
    // The link opens the storefront's reset page in the user's language.
    const token = reset?.text?.match(/\/(?:en|fr)\/reset-password\?token=([A-Za-z0-9]+)/)?.[1]
    expect(token).toBeTruthy()

    const tooShort = await api('POST', '/users/reset-password', { body: { token, password: 'short' } })
    expect(tooShort.status).toBe(400)
    expect(JSON.stringify(tooShort.body)).toContain('at least 8 characters')
    const done = await api('POST', '/users/reset-password', { body: { token, password: 'a-brand-new-password' } })
    expect(done.status).toBe(200)
    const login = await api('POST', '/users/login', { body: { email: actors.fanA.email, password: 'a-brand-new-password' } })
    expect(login.status).toBe(200)
    const logs = await payload.find({ collection: 'system-logs', where: { type: { in: ['auth.password_reset_requested', 'auth.password_reset'] } } })
    expect(logs.docs.map((l) => l.type).sort()).toEqual(['auth.password_reset', 'auth.password_reset_requested', 'auth.password_reset_requested'])
  })

  it('rejects a malformed forgot-password request with a message naming the field', async () => {
    const res = await api<{ errors: { message: string; code: string }[] }>('POST', '/users/forgot-password', { body: { email: 'not-an-email' } })
    expect(res.status).toBe(400)
    expect(res.body.errors[0]).toMatchObject({ code: 'INVALID_INPUT', message: 'email: Enter a valid email address.' })
  })
})
