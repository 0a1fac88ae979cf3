import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { stripeClient } from '@/integrations/stripe/client'
import { startStripeEmulator, type StripeEmulator } from '../../emulators/stripe'

import { api, apiBase, drainJobs, getTestPayload, login, PASSWORD, resetDatabase } from './harness'

const SECRET = 'whsec_onboarding_test'

describe('creator payment account (Stripe Connect onboarding)', () => {
  let payload: Payload
  let stripe: StripeEmulator
  let token: string
  let creatorId: number

  beforeAll(async () => {
    process.env.STRIPE_WEBHOOK_SECRET = SECRET
    stripe = await startStripeEmulator({ webhookUrl: `${await apiBase()}/api/stripe/webhook`, webhookSecret: SECRET, retryDelaysMs: [50] })
    process.env.STRIPE_EMULATOR_URL = stripe.url
    payload = await getTestPayload()
    await resetDatabase(payload)
    const signUp = await api<{ doc: { id: number } }>('POST', '/users', { body: { email: 'maker@test.local', password: PASSWORD, name: 'Maker', role: 'creator' } })
    token = await login('maker@test.local')
    creatorId = (await payload.find({ collection: 'creators', where: { user: { equals: signUp.body.doc.id } } })).docs[0].id
  })
  afterAll(async () => {
    await stripe.close()
    delete process.env.STRIPE_EMULATOR_URL
    delete process.env.STRIPE_WEBHOOK_SECRET
  })

  const offer = () =>
    api<{ errors?: unknown[] }>('POST', '/offers', { token, body: { title: 'First call', startsAt: new Date(Date.now() + 48 * 3_600_000).toISOString(), durationMinutes: 30, price: 3000 } })

  it('refuses to publish offers before the payment account can take charges', async () => {
    const res = await offer()
    expect(res.status).toBe(400)
    expect(JSON.stringify(res.body)).toContain('Connect your payment account before publishing offers')
  })

  it('onboards through the link, and account.updated turns charges on', async () => {
    const res = await api<{ url: string }>('POST', '/creators/me/stripe/onboard', { token })
    expect(res.status).toBe(200)
    const profile = await payload.findByID({ collection: 'creators', id: creatorId })
    expect(profile.stripeAccountStatus).toBe('pending')
    const account = await stripeClient().accounts.retrieve(profile.stripeAccountId!)
    expect(account.settings?.payouts?.schedule?.interval).toBe('manual')

    // Same creator again: same account, a fresh single-use link.
    const again = await api<{ url: string }>('POST', '/creators/me/stripe/onboard', { token })
    expect(again.body.url).not.toBe(res.body.url)
    expect((await payload.findByID({ collection: 'creators', id: creatorId })).stripeAccountId).toBe(profile.stripeAccountId)

    const page = await fetch(again.body.url)
    expect(await page.text()).toContain('Complete onboarding')
    stripe.control.completeOnboarding(profile.stripeAccountId!)
    await stripe.control.whenIdle(5000)
    await drainJobs(payload)
    expect(await payload.findByID({ collection: 'creators', id: creatorId })).toMatchObject({ chargesEnabled: true, payoutsEnabled: true, stripeAccountStatus: 'enabled' })
    // What the dashboard card reads: the creator's own profile, with its private payment fields.
    const me = await api<{ id: number; stripeAccountStatus: string; chargesEnabled: boolean }>('GET', '/creators/me', { token })
    expect(me.status).toBe(200)
    expect(me.body).toMatchObject({ id: creatorId, stripeAccountStatus: 'enabled', chargesEnabled: true })
    expect((await offer()).status).toBe(201)
  })

  it('is for creators only', async () => {
    await api('POST', '/users', { body: { email: 'onlyfan@test.local', password: PASSWORD, name: 'Fan' } })
    const fan = await login('onlyfan@test.local')
    expect((await api('POST', '/creators/me/stripe/onboard', { token: fan })).status).toBe(403)
    expect((await api('POST', '/creators/me/stripe/onboard')).status).toBe(401)
    expect((await api('GET', '/creators/me', { token: fan })).status).toBe(403)
    expect((await api('GET', '/creators/me')).status).toBe(401)
  })
})
