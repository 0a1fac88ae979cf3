/**
 * The Stripe emulator as the app will use it: only through the official SDK built by
 * `stripeClient()` (env pointing at an emulator started here), the emulator's control API, and a
 * small webhook receiver that verifies signatures the way our webhook route must.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import Stripe from 'stripe'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'

import { STRIPE_API_VERSION, stripeClient, stripeConfig, stripeMode, webhookSecret } from '@/integrations/stripe/client'
import { startStripeEmulator, type StripeEmulator } from '../../emulators/stripe'

const SECRET = 'whsec_test_stripe_emulator_suite'
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

type Delivery = { raw: string; signature: string; event: Stripe.Event }

/** Stands in for POST /api/stripe/webhook: verifies every delivery and can be told to answer 500. */
const startReceiver = async () => {
  const received: Delivery[] = []
  let failuresLeft = 0
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks).toString('utf8')
    if (failuresLeft > 0) {
      failuresLeft--
      res.writeHead(500).end('temporarily broken')
      return
    }
    const signature = String(req.headers['stripe-signature'])
    try {
      received.push({ raw, signature, event: Stripe.webhooks.constructEvent(raw, signature, SECRET) })
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}')
    } catch {
      res.writeHead(400).end('bad signature')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/stripe/webhook`,
    received,
    failNext: (count: number) => {
      failuresLeft = count
    },
    clear: () => {
      received.length = 0
      failuresLeft = 0
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

const objectOf = (event: Stripe.Event): Record<string, unknown> => event.data.object as unknown as Record<string, unknown>
const idOf = (value: string | { id: string } | null | undefined): string => (typeof value === 'string' ? value : (value?.id ?? ''))

const waitFor = async <T>(probe: () => T | undefined, what: string, timeoutMs = 5_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = probe()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await sleep(10)
  }
}

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('Expected the call to fail')
}

describe('Stripe emulator through the official SDK', () => {
  let emulator: StripeEmulator
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let stripe: Stripe
  const savedEnv: Record<string, string | undefined> = {}
  const ENV_NAMES = ['STRIPE_SECRET_KEY', 'STRIPE_EMULATOR_URL', 'STRIPE_WEBHOOK_SECRET', 'STRIPE_TIMEOUT_MS', 'STRIPE_MAX_NETWORK_RETRIES'] as const

  const waitForEvent = (type: string, where: (object: Record<string, unknown>, event: Stripe.Event) => boolean = () => true) =>
    waitFor(() => receiver.received.find((delivery) => delivery.event.type === type && where(objectOf(delivery.event), delivery.event))?.event, `a ${type} webhook`)

  const availableBalance = async (account: string) => {
    const balance = await stripe.balance.retrieve({}, { stripeAccount: account })
    return balance.available.find((line) => line.currency === 'eur')?.amount
  }

  const onboardedCreator = async () => {
    const account = await stripe.accounts.create({
      type: 'express',
      country: 'FR',
      email: 'creator@test.local',
      capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
    })
    emulator.control.completeOnboarding(account.id)
    return account.id
  }

  const bookingIntent = (destination: string, extra: Partial<Stripe.PaymentIntentCreateParams> = {}, options: Stripe.RequestOptions = {}) =>
    stripe.paymentIntents.create(
      {
        amount: 10_000,
        currency: 'eur',
        transfer_data: { destination },
        application_fee_amount: 1_500,
        automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
        metadata: { bookingId: 'booking-1' },
        ...extra,
      },
      options,
    )

  const paidBooking = async (destination: string) => {
    const intent = await bookingIntent(destination)
    return stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })
  }

  beforeAll(async () => {
    receiver = await startReceiver()
    emulator = await startStripeEmulator({ webhookUrl: receiver.url, webhookSecret: SECRET, retryDelaysMs: [50, 100, 200] })
    for (const name of ENV_NAMES) savedEnv[name] = process.env[name]
    delete process.env.STRIPE_SECRET_KEY
    process.env.STRIPE_EMULATOR_URL = emulator.url
    process.env.STRIPE_WEBHOOK_SECRET = SECRET
    process.env.STRIPE_TIMEOUT_MS = '3000'
    delete process.env.STRIPE_MAX_NETWORK_RETRIES
    stripe = stripeClient()
  })

  afterAll(async () => {
    for (const name of ENV_NAMES) {
      if (savedEnv[name] === undefined) delete process.env[name]
      else process.env[name] = savedEnv[name]
    }
    await emulator.close()
    await receiver.close()
  })

  beforeEach(async () => {
    await emulator.control.whenIdle()
    emulator.control.reset()
    receiver.clear()
  })

  it('builds the client from env: emulator without a key, test or live with one, never an implicit emulator in production', () => {
    expect(stripeMode()).toBe('emulator')
    const settings = stripeConfig()
    expect(settings).toMatchObject({ mode: 'emulator', apiKey: 'sk_test_emulator', emulatorUrl: emulator.url })
    expect(settings.config).toMatchObject({ host: '127.0.0.1', port: emulator.port, protocol: 'http', apiVersion: STRIPE_API_VERSION, maxNetworkRetries: 2, timeout: 3000 })
    expect(stripeClient()).toBe(stripe)

    const real = stripeConfig({ STRIPE_SECRET_KEY: 'sk_test_123', NODE_ENV: 'production' })
    expect(real.mode).toBe('test')
    expect(real.config.host).toBeUndefined()
    expect(real.config.maxNetworkRetries).toBe(2)
    // Tests that inject failures turn the SDK's own retries off; anything but a whole number ≥ 0 keeps the default.
    expect(stripeConfig({ STRIPE_MAX_NETWORK_RETRIES: '0' }).config.maxNetworkRetries).toBe(0)
    expect(stripeConfig({ STRIPE_MAX_NETWORK_RETRIES: '-1' }).config.maxNetworkRetries).toBe(2)
    expect(stripeConfig({ STRIPE_MAX_NETWORK_RETRIES: 'x' }).config.maxNetworkRetries).toBe(2)
    expect(stripeMode({ STRIPE_SECRET_KEY: 'sk_live_123' })).toBe('live')
    expect(() => stripeConfig({ NODE_ENV: 'production' })).toThrow(/STRIPE_SECRET_KEY is required in production/)
    expect(webhookSecret()).toBe(SECRET)
    expect(webhookSecret({})).toBe('whsec_dev_emulator')
    expect(() => webhookSecret({ NODE_ENV: 'production' })).toThrow(/STRIPE_WEBHOOK_SECRET/)
  })

  it('a 100.00 EUR destination charge with a 15.00 fee paid with 4242 leaves exactly 85.00 on the creator’s balance', async () => {
    const creator = await onboardedCreator()
    const intent = await bookingIntent(creator)
    expect(intent).toMatchObject({ object: 'payment_intent', status: 'requires_payment_method', livemode: false, application_fee_amount: 1500 })
    expect(intent.client_secret).toMatch(new RegExp(`^${intent.id}_secret_[A-Za-z0-9]+$`))

    const card = await stripe.paymentMethods.create({ type: 'card', card: { number: '4242 4242 4242 4242', exp_month: 12, exp_year: 2034, cvc: '123' } })
    expect(card).toMatchObject({ id: expect.stringMatching(/^pm_/), card: { brand: 'visa', last4: '4242' } })
    const paid = await stripe.paymentIntents.confirm(intent.id, { payment_method: card.id })
    expect(paid).toMatchObject({ status: 'succeeded', amount_received: 10_000, payment_method: card.id, last_payment_error: null })

    const charge = await stripe.charges.retrieve(idOf(paid.latest_charge))
    expect(charge).toMatchObject({ id: expect.stringMatching(/^ch_/), status: 'succeeded', paid: true, amount: 10_000, application_fee_amount: 1_500, payment_intent: paid.id })
    // As on Stripe, the whole amount is transferred and the fee is collected back from the creator.
    const transfer = await stripe.transfers.retrieve(idOf(charge.transfer))
    expect(transfer).toMatchObject({ id: expect.stringMatching(/^tr_/), destination: creator, amount: 10_000, source_transaction: charge.id })
    const fee = await stripe.applicationFees.retrieve(idOf(charge.application_fee))
    expect(fee).toMatchObject({ id: expect.stringMatching(/^fee_/), account: creator, amount: 1_500, amount_refunded: 0 })
    expect(await availableBalance(creator)).toBe(8_500)
    const [payment] = (await stripe.balanceTransactions.list({}, { stripeAccount: creator })).data
    expect(payment).toMatchObject({ type: 'payment', amount: 10_000, fee: 1_500, net: 8_500 })

    const succeeded = await waitForEvent('payment_intent.succeeded', (object) => object.id === paid.id)
    expect(objectOf(succeeded)).toMatchObject({ status: 'succeeded', metadata: { bookingId: 'booking-1' } })
    await waitForEvent('charge.succeeded', (object) => object.id === charge.id)
    await waitForEvent('payment_intent.created', (object) => object.id === paid.id)
  })

  it('4000 0000 0000 0002 is declined as StripeCardError card_declined, and the same PaymentIntent then succeeds with 4242', async () => {
    const creator = await onboardedCreator()
    const intent = await bookingIntent(creator)
    const declinedCard = await stripe.paymentMethods.create({ type: 'card', card: { number: '4000000000000002', exp_month: 12, exp_year: 2034, cvc: '123' } })

    const error = await rejection(stripe.paymentIntents.confirm(intent.id, { payment_method: declinedCard.id }))
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError)
    expect(error).toMatchObject({ statusCode: 402, code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' })
    expect(error).toMatchObject({ payment_intent: { id: intent.id, status: 'requires_payment_method' } })
    const afterDecline = await stripe.paymentIntents.retrieve(intent.id)
    expect(afterDecline).toMatchObject({ status: 'requires_payment_method', last_payment_error: { type: 'card_error', code: 'card_declined' } })
    await waitForEvent('payment_intent.payment_failed', (object) => object.id === intent.id)
    expect(await availableBalance(creator)).toBe(0)

    const retried = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })
    expect(retried).toMatchObject({ status: 'succeeded', last_payment_error: null })
    expect(await availableBalance(creator)).toBe(8_500)
  })

  it('4000 0000 0000 9995 is declined for insufficient funds, also when confirming at creation', async () => {
    const creator = await onboardedCreator()
    const card = await stripe.paymentMethods.create({ type: 'card', card: { number: '4000000000009995', exp_month: 1, exp_year: 2035 } })
    const error = await rejection(bookingIntent(creator, { payment_method: card.id, confirm: true }))
    expect(error).toBeInstanceOf(Stripe.errors.StripeCardError)
    expect(error).toMatchObject({ code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' })

    const named = await rejection(bookingIntent(creator, { payment_method: 'pm_card_chargeDeclinedInsufficientFunds', confirm: true }))
    expect(named).toMatchObject({ decline_code: 'insufficient_funds' })
  })

  it('refuses what Stripe refuses: a creator who has not finished onboarding, a server-side confirm that could need a redirect', async () => {
    const pending = await stripe.accounts.create({ type: 'express', capabilities: { transfers: { requested: true } } })
    const notOnboarded = await rejection(bookingIntent(pending.id))
    expect(notOnboarded).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(notOnboarded).toMatchObject({ code: 'insufficient_capabilities_for_transfer', param: 'transfer_data[destination]' })

    const creator = await onboardedCreator()
    const automatic = await stripe.paymentIntents.create({ amount: 10_000, currency: 'eur', transfer_data: { destination: creator }, application_fee_amount: 1_500 })
    expect(automatic.automatic_payment_methods).toMatchObject({ enabled: true })
    expect(await rejection(stripe.paymentIntents.confirm(automatic.id, { payment_method: 'pm_card_visa' }))).toMatchObject({ param: 'return_url' })
    const confirmed = await stripe.paymentIntents.confirm(automatic.id, { payment_method: 'pm_card_visa', return_url: 'http://localhost:3000/bookings/1' })
    expect(confirmed.status).toBe('succeeded')

    expect(await rejection(stripe.paymentIntents.retrieve('pi_missing'))).toMatchObject({ statusCode: 404, code: 'resource_missing' })
  })

  it('replays a request made again with the same Idempotency-Key and refuses the key with different parameters', async () => {
    const creator = await onboardedCreator()
    const params: Stripe.PaymentIntentCreateParams = { amount: 5_000, currency: 'eur', transfer_data: { destination: creator }, application_fee_amount: 750, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } }
    const created = await stripe.paymentIntents.create(params, { idempotencyKey: 'booking-7/payment-intent' })
    const replayed = await stripe.paymentIntents.create(params, { idempotencyKey: 'booking-7/payment-intent' })
    expect(replayed.id).toBe(created.id)
    expect(replayed.lastResponse.headers['idempotent-replayed']).toBe('true')

    const changed = await rejection(stripe.paymentIntents.create({ ...params, amount: 6_000 }, { idempotencyKey: 'booking-7/payment-intent' }))
    expect(changed).toBeInstanceOf(Stripe.errors.StripeIdempotencyError)
    expect((await stripe.paymentIntents.list()).data.map((intent) => intent.id)).toEqual([created.id])
  })

  it('when Stripe fails the next two PaymentIntent creations, the SDK retries with one key and exactly one PaymentIntent exists', async () => {
    const creator = await onboardedCreator()
    emulator.control.failNext({ count: 2, pathPrefix: '/v1/payment_intents', method: 'POST' })
    const intent = await bookingIntent(creator)

    const attempts = emulator.control.requests().filter((request) => request.method === 'POST' && request.path === '/v1/payment_intents')
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 500, 200])
    expect(new Set(attempts.map((attempt) => attempt.idempotencyKey)).size).toBe(1)
    expect((await stripe.paymentIntents.list()).data.map((listed) => listed.id)).toEqual([intent.id])

    emulator.control.failNext({ count: 1, pathPrefix: '/v1/payment_intents' })
    const noRetries = await rejection(stripe.paymentIntents.create({ amount: 5_000, currency: 'eur', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } }, { maxNetworkRetries: 0 }))
    expect(noRetries).toBeInstanceOf(Stripe.errors.StripeAPIError)
    expect(noRetries).toMatchObject({ statusCode: 500 })
  })

  it('when Stripe does not answer, the SDK times out and retries cleanly; a lost answer is replayed, not redone', async () => {
    const creator = await onboardedCreator()
    emulator.control.failNext({ count: 1, mode: 'timeout', pathPrefix: '/v1/payment_intents', method: 'POST' })
    const startedAt = Date.now()
    const intent = await bookingIntent(creator, {}, { timeout: 300 })
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(300)
    expect(intent.status).toBe('requires_payment_method')
    expect(emulator.control.requests().filter((request) => request.path === '/v1/payment_intents').map((request) => request.status)).toEqual(['no_response', 200])

    // Stripe did the work but the answer never arrived: the retry must get the same object back.
    emulator.control.failNext({ count: 1, mode: 'lost_response', pathPrefix: '/v1/payment_intents', method: 'POST' })
    const recovered = await stripe.paymentIntents.create({ amount: 7_000, currency: 'eur', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } }, { timeout: 300 })
    const attempts = emulator.control.requests().filter((request) => request.method === 'POST' && request.path === '/v1/payment_intents').slice(-2)
    expect(attempts).toMatchObject([
      { status: 'no_response', injected: 'lost_response' },
      { status: 200, replayed: true },
    ])
    expect((await stripe.paymentIntents.list()).data.map((listed) => listed.id).sort()).toEqual([intent.id, recovered.id].sort())

    emulator.control.failNext({ count: 3, mode: 'timeout', pathPrefix: '/v1/payment_intents', method: 'POST' })
    const gaveUp = await rejection(stripe.paymentIntents.create({ amount: 5_000, currency: 'eur', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } }, { timeout: 200 }))
    expect(gaveUp).toBeInstanceOf(Stripe.errors.StripeConnectionError)
    expect((await stripe.paymentIntents.list()).data).toHaveLength(2)
  })

  it('signs every webhook with STRIPE_WEBHOOK_SECRET: constructEvent accepts it, a wrong secret or an altered body is rejected', async () => {
    const creator = await onboardedCreator()
    const intent = await bookingIntent(creator)
    await waitForEvent('payment_intent.created', (object) => object.id === intent.id)
    const delivery = receiver.received.find((candidate) => candidate.event.type === 'payment_intent.created')!
    expect(delivery.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/)
    expect(delivery.event).toMatchObject({ object: 'event', livemode: false, api_version: STRIPE_API_VERSION, request: { id: expect.stringMatching(/^req_/) } })

    const verified = stripe.webhooks.constructEvent(delivery.raw, delivery.signature, webhookSecret())
    expect(verified.id).toBe(delivery.event.id)
    expect(() => stripe.webhooks.constructEvent(delivery.raw, delivery.signature, 'whsec_someone_else')).toThrow(Stripe.errors.StripeSignatureVerificationError)
    expect(() => stripe.webhooks.constructEvent(delivery.raw.replace('"amount": 10000', '"amount": 1'), delivery.signature, SECRET)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    )
  })

  it('retries a webhook the receiver answered with 500 until it is accepted', async () => {
    const creator = await onboardedCreator()
    await emulator.control.whenIdle()
    receiver.failNext(2)
    const intent = await bookingIntent(creator)
    const event = await waitForEvent('payment_intent.created', (object) => object.id === intent.id)
    await emulator.control.whenIdle()
    const attempts = emulator.control.deliveries().filter((delivery) => delivery.eventId === event.id)
    expect(attempts.map((attempt) => [attempt.attempt, attempt.status])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200],
    ])
    expect(receiver.received.filter((delivery) => delivery.event.id === event.id)).toHaveLength(1)
  })

  it('delivers an event twice on request, with the same event id', async () => {
    const creator = await onboardedCreator()
    emulator.control.deliverNextEventTwice()
    const intent = await bookingIntent(creator)
    await emulator.control.whenIdle()
    const copies = receiver.received.filter((delivery) => delivery.event.type === 'payment_intent.created' && objectOf(delivery.event).id === intent.id)
    expect(copies).toHaveLength(2)
    expect(copies[0].event.id).toBe(copies[1].event.id)
  })

  it('delivers only the enabled_events of its endpoint (the others are recorded), and whenIdle answers as soon as the last delivery ends', async () => {
    const subscribed = await startStripeEmulator({ webhookUrl: receiver.url, webhookSecret: SECRET, enabledEvents: ['payment_intent.succeeded'] })
    try {
      const sdk = new Stripe('sk_test_emulator', stripeConfig({ STRIPE_EMULATOR_URL: subscribed.url }).config)
      const account = (await sdk.accounts.create({ type: 'express', country: 'FR' })).id
      subscribed.control.completeOnboarding(account)
      // The "twice" applies to the next delivered event, not to one that is never sent.
      subscribed.control.deliverNextEventTwice()
      const intent = await sdk.paymentIntents.create({ amount: 2_000, currency: 'eur', transfer_data: { destination: account }, application_fee_amount: 300, payment_method: 'pm_card_visa', confirm: true, automatic_payment_methods: { enabled: true, allow_redirects: 'never' } })
      const started = Date.now()
      await subscribed.control.whenIdle()
      expect(Date.now() - started).toBeLessThan(1_000)
      const mine = receiver.received.filter((delivery) => objectOf(delivery.event).id === intent.id || objectOf(delivery.event).payment_intent === intent.id)
      expect(mine.map((delivery) => delivery.event.type)).toEqual(['payment_intent.succeeded', 'payment_intent.succeeded'])
      const recorded = subscribed.control.events((event) => objectOf(event as unknown as Stripe.Event).id === intent.id).map((event) => event.type)
      expect(recorded).toEqual(expect.arrayContaining(['payment_intent.created', 'payment_intent.succeeded']))
      expect(subscribed.control.events().some((event) => event.type === 'charge.succeeded')).toBe(true)
    } finally {
      await subscribed.close()
    }
  })

  it('delivers held events out of order on request', async () => {
    const creator = await onboardedCreator()
    await emulator.control.whenIdle()
    emulator.control.holdEvents()
    const paid = await paidBooking(creator)
    await sleep(50)
    expect(receiver.received.filter((delivery) => delivery.event.type.startsWith('payment_intent.'))).toHaveLength(0)

    emulator.control.releaseEvents({ order: 'reverse' })
    await emulator.control.whenIdle()
    const types = receiver.received.filter((delivery) => objectOf(delivery.event).id === paid.id).map((delivery) => delivery.event.type)
    expect(types).toEqual(['payment_intent.succeeded', 'payment_intent.created'])
  })

  it('refunds with reverse_transfer and refund_application_fee take back the creator’s share and the fee proportionally, never more than paid', async () => {
    const creator = await onboardedCreator()
    const paid = await paidBooking(creator)
    const chargeId = idOf(paid.latest_charge)

    const partial = await stripe.refunds.create({ payment_intent: paid.id, amount: 4_000, reverse_transfer: true, refund_application_fee: true })
    expect(partial).toMatchObject({ id: expect.stringMatching(/^re_/), status: 'succeeded', amount: 4_000, charge: chargeId, transfer_reversal: expect.stringMatching(/^trr_/) })
    expect(await availableBalance(creator)).toBe(8_500 - 3_400)
    let charge = await stripe.charges.retrieve(chargeId)
    expect(charge).toMatchObject({ amount_refunded: 4_000, refunded: false })
    expect(await stripe.applicationFees.retrieve(idOf(charge.application_fee))).toMatchObject({ amount_refunded: 600, refunded: false })
    expect(await stripe.transfers.retrieve(idOf(charge.transfer))).toMatchObject({ amount_reversed: 4_000, reversed: false })
    const refunded = await waitForEvent('charge.refunded', (object) => object.id === chargeId)
    expect(objectOf(refunded)).toMatchObject({ amount_refunded: 4_000 })
    await waitForEvent('refund.created', (object) => object.id === partial.id)

    const tooMuch = await rejection(stripe.refunds.create({ payment_intent: paid.id, amount: 6_001, reverse_transfer: true, refund_application_fee: true }))
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(tooMuch).toMatchObject({ statusCode: 400, param: 'amount' })

    const rest = await stripe.refunds.create({ payment_intent: paid.id, reverse_transfer: true, refund_application_fee: true })
    expect(rest.amount).toBe(6_000)
    expect(await availableBalance(creator)).toBe(0)
    charge = await stripe.charges.retrieve(chargeId)
    expect(charge).toMatchObject({ amount_refunded: 10_000, refunded: true })
    expect(await stripe.applicationFees.retrieve(idOf(charge.application_fee))).toMatchObject({ amount_refunded: 1_500, refunded: true })
    expect(await rejection(stripe.refunds.create({ charge: chargeId }))).toMatchObject({ code: 'charge_already_refunded' })
    expect((await stripe.refunds.list({ payment_intent: paid.id })).data.map((refund) => refund.amount)).toEqual([6_000, 4_000])
  })

  it('a refund without reverse_transfer is paid by the platform; a later one with it takes back only its own share', async () => {
    const creator = await onboardedCreator()
    const paid = await paidBooking(creator)
    await stripe.refunds.create({ payment_intent: paid.id, amount: 4_000 })
    expect(await availableBalance(creator)).toBe(8_500)
    await stripe.refunds.create({ payment_intent: paid.id, reverse_transfer: true, refund_application_fee: true })
    expect(await availableBalance(creator)).toBe(8_500 - 5_100)
  })

  it('pays out from a connected account with Stripe-Account, refuses more than available, and reports payout.paid / payout.failed for that account', async () => {
    const creator = await onboardedCreator()
    await paidBooking(creator)
    const payout = await stripe.payouts.create({ amount: 5_000, currency: 'eur' }, { stripeAccount: creator, idempotencyKey: 'payout-1' })
    expect(payout).toMatchObject({ id: expect.stringMatching(/^po_/), status: 'pending', amount: 5_000, destination: expect.stringMatching(/^ba_/) })
    expect(await availableBalance(creator)).toBe(3_500)

    const tooMuch = await rejection(stripe.payouts.create({ amount: 3_501, currency: 'eur' }, { stripeAccount: creator }))
    expect(tooMuch).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError)
    expect(tooMuch).toMatchObject({ code: 'balance_insufficient' })

    emulator.control.payoutOutcome(payout.id, 'paid')
    const paidEvent = await waitForEvent('payout.paid', (object) => object.id === payout.id)
    expect(paidEvent.account).toBe(creator)
    expect(await stripe.payouts.retrieve(payout.id, {}, { stripeAccount: creator })).toMatchObject({ status: 'paid' })

    const failing = await stripe.payouts.create({ amount: 3_500, currency: 'eur' }, { stripeAccount: creator })
    expect(await availableBalance(creator)).toBe(0)
    emulator.control.payoutOutcome(failing.id, 'failed', 'account_closed')
    const failedEvent = await waitForEvent('payout.failed', (object) => object.id === failing.id)
    expect(failedEvent.account).toBe(creator)
    expect(objectOf(failedEvent)).toMatchObject({ status: 'failed', failure_code: 'account_closed' })
    expect(await availableBalance(creator)).toBe(3_500)
  })

  it('opens and closes disputes with their events; the platform can reverse and later restore the creator’s transfer', async () => {
    const creator = await onboardedCreator()
    const paid = await paidBooking(creator)
    const dispute = emulator.control.openDispute({ paymentIntent: paid.id, reason: 'product_not_received' })
    const created = await waitForEvent('charge.dispute.created', (object) => object.id === dispute.id)
    expect(objectOf(created)).toMatchObject({ id: expect.stringMatching(/^dp_/), payment_intent: paid.id, amount: 10_000, status: 'needs_response', reason: 'product_not_received' })
    await waitForEvent('charge.dispute.funds_withdrawn', (object) => object.id === dispute.id)
    const charge = await stripe.charges.retrieve(idOf(paid.latest_charge))
    expect(charge.disputed).toBe(true)
    // A destination charge's dispute is debited from the platform, not the creator.
    expect(await availableBalance(creator)).toBe(8_500)
    expect(await rejection(stripe.refunds.create({ charge: charge.id }))).toMatchObject({ code: 'charge_disputed' })

    await stripe.transfers.createReversal(idOf(charge.transfer), { amount: 8_500 }, { idempotencyKey: `dispute/${dispute.id}/reversal` })
    await waitForEvent('transfer.reversed', (object) => object.id === idOf(charge.transfer))
    expect(await availableBalance(creator)).toBe(0)

    emulator.control.closeDispute(dispute.id, 'won')
    const closed = await waitForEvent('charge.dispute.closed', (object) => object.id === dispute.id)
    expect(objectOf(closed)).toMatchObject({ status: 'won' })
    await waitForEvent('charge.dispute.funds_reinstated', (object) => object.id === dispute.id)
    await stripe.transfers.create({ amount: 8_500, currency: 'eur', destination: creator, source_transaction: charge.id }, { idempotencyKey: `dispute/${dispute.id}/restore` })
    expect(await availableBalance(creator)).toBe(8_500)

    const lostOne = emulator.control.openDispute({ paymentIntent: (await paidBooking(creator)).id })
    emulator.control.closeDispute(lostOne.id, 'lost')
    expect(objectOf(await waitForEvent('charge.dispute.closed', (object) => object.id === lostOne.id))).toMatchObject({ status: 'lost' })
  })

  it('onboards through the account link page: the button completes it, account.updated follows, the link is single-use', async () => {
    const account = await stripe.accounts.create({ type: 'express', country: 'FR', email: 'mia@test.local', capabilities: { card_payments: { requested: true }, transfers: { requested: true } } })
    expect(account).toMatchObject({ id: expect.stringMatching(/^acct_/), charges_enabled: false, payouts_enabled: false, details_submitted: false })
    expect(account.requirements?.currently_due).toContain('external_account')

    const returnUrl = 'http://localhost:3000/creator/payments?onboarding=done'
    const refreshUrl = 'http://localhost:3000/api/creators/me/stripe/onboard'
    const link = await stripe.accountLinks.create({ account: account.id, type: 'account_onboarding', refresh_url: refreshUrl, return_url: returnUrl })
    expect(link.url.startsWith(`${emulator.url}/emulator/onboarding/${account.id}`)).toBe(true)

    const page = await fetch(link.url)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(html).toMatch(/<button[^>]*>Complete onboarding<\/button>/)
    const action = html.match(/<form method="post" action="([^"]+)"/)?.[1]
    const token = html.match(/name="link" value="([^"]+)"/)?.[1]
    expect(action && token).toBeTruthy()

    const done = await fetch(new URL(action!, emulator.url), { method: 'POST', body: new URLSearchParams({ link: token! }), redirect: 'manual' })
    expect(done.status).toBe(303)
    expect(done.headers.get('location')).toBe(returnUrl)

    const updated = await waitForEvent('account.updated', (_object, event) => event.account === account.id)
    expect(objectOf(updated)).toMatchObject({ charges_enabled: true, payouts_enabled: true, details_submitted: true, default_currency: 'eur', requirements: { currently_due: [] } })
    expect(updated.data.previous_attributes).toMatchObject({ charges_enabled: false })
    expect(await stripe.accounts.retrieve(account.id)).toMatchObject({ charges_enabled: true, capabilities: { transfers: 'active', card_payments: 'active' } })

    const reused = await fetch(link.url, { redirect: 'manual' })
    expect(reused.status).toBe(302)
    expect(reused.headers.get('location')).toBe(refreshUrl)
  })
})

describe('Stripe emulator with a state file (npm run dev)', () => {
  const sdkFor = (emulator: StripeEmulator) => new Stripe('sk_test_emulator', { host: '127.0.0.1', port: emulator.port, protocol: 'http', telemetry: false, maxNetworkRetries: 0 })
  let dir: string
  let receiver: Awaited<ReturnType<typeof startReceiver>>

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'stripe-emulator-state-'))
    receiver = await startReceiver()
  })
  afterAll(async () => {
    await receiver.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps accounts, PaymentIntents, balances, idempotent answers and undelivered events across a restart', async () => {
    const file = path.join(dir, 'state.json')
    const options = { stateFile: file, webhookUrl: receiver.url, webhookSecret: SECRET, retryDelaysMs: [50] }
    let emulator = await startStripeEmulator(options)
    let stripe = sdkFor(emulator)
    const account = await stripe.accounts.create({ type: 'express', country: 'FR', capabilities: { card_payments: { requested: true }, transfers: { requested: true } } })
    emulator.control.completeOnboarding(account.id)
    const create = (bookingId: string) =>
      stripe.paymentIntents.create(
        { amount: 10_000, currency: 'eur', transfer_data: { destination: account.id }, application_fee_amount: 1_500, automatic_payment_methods: { enabled: true, allow_redirects: 'never' }, metadata: { bookingId } },
        { idempotencyKey: `checkout/booking-${bookingId}` },
      )
    const paid = await stripe.paymentIntents.confirm((await create('1')).id, { payment_method: 'pm_card_visa' })
    const open = await create('2')
    await emulator.control.whenIdle()
    // Saved within 200 ms of a change, without waiting for close.
    await sleep(400)
    expect(readFileSync(file, 'utf8')).toContain(open.id)
    // An event the receiver has not had yet when the emulator stops.
    emulator.control.holdEvents()
    await stripe.paymentIntents.update(open.id, { metadata: { note: 'before the restart' } })
    const canceled = await stripe.paymentIntents.cancel(open.id)
    receiver.clear()
    await emulator.close()

    emulator = await startStripeEmulator(options)
    stripe = sdkFor(emulator)
    try {
      expect(await stripe.paymentIntents.retrieve(paid.id)).toMatchObject({ status: 'succeeded', amount_received: 10_000, latest_charge: paid.latest_charge })
      expect(await stripe.paymentIntents.retrieve(open.id)).toMatchObject({ status: 'canceled', metadata: { bookingId: '2', note: 'before the restart' } })
      expect(await stripe.accounts.retrieve(account.id)).toMatchObject({ charges_enabled: true, payouts_enabled: true })
      const balance = await stripe.balance.retrieve({}, { stripeAccount: account.id })
      expect(balance.available.find((line) => line.currency === 'eur')?.amount).toBe(8_500)
      // The same key answers the stored PaymentIntent rather than making a new one.
      expect((await create('2')).id).toBe(open.id)
      expect((await stripe.paymentIntents.list({ limit: 10 })).data.map((i) => i.id).sort()).toEqual([paid.id, open.id].sort())
      // The held payment_intent.canceled is delivered by the new process.
      const event = await waitFor(() => receiver.received.find((d) => d.event.type === 'payment_intent.canceled')?.event, 'the undelivered event')
      expect(objectOf(event).id).toBe(canceled.id)
      expect((await emulator.control.events()).some((e) => e.type === 'payment_intent.succeeded')).toBe(true)
      // New objects get new random ids.
      const third = await create('3')
      expect([paid.id, open.id]).not.toContain(third.id)
    } finally {
      await emulator.close()
    }
  })

  it('starts empty with one warning when the file is corrupt or from another version, and keeps the old file aside', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      for (const [name, content] of [['corrupt.json', '{"version": 1, "maps": {'], ['old.json', JSON.stringify({ accounts: [] })]] as const) {
        const file = path.join(dir, name)
        writeFileSync(file, content)
        warn.mockClear()
        const emulator = await startStripeEmulator({ stateFile: file })
        try {
          expect(warn).toHaveBeenCalledTimes(1)
          expect(String(warn.mock.calls[0][0])).toMatch(/could not load .* starting with an empty state/)
          expect(readFileSync(`${file}.unreadable`, 'utf8')).toBe(content)
          const error = (await rejection(sdkFor(emulator).paymentIntents.retrieve('pi_demo_2'))) as Stripe.errors.StripeError
          expect(error).toMatchObject({ type: 'StripeInvalidRequestError', code: 'resource_missing' })
          await sdkFor(emulator).accounts.create({ type: 'express', country: 'FR' })
        } finally {
          await emulator.close()
        }
        expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1 })
        expect(existsSync(file)).toBe(true)
      }
    } finally {
      warn.mockRestore()
    }
  })
})
