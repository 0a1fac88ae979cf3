/**
 * Makes the Stripe emulator agree with the dev database at every `npm run dev`. The emulator keeps
 * its state beside the database (`<dev data root>/stripe-emulator.json`), so after the first run
 * this finds everything in place and changes nothing:
 * - creators whose payment account is connected (in the database) keep their emulator account;
 *   only those whose account the emulator does not have (the demo seed's `acct_demo_…`, or every
 *   one after the state file was deleted) get a new, fully onboarded one;
 * - the demo seed's payments carry `pi_demo_<booking>` ids no Stripe ever issued (the seed also
 *   runs without an emulator): each becomes a real PaymentIntent on the creator's account in the
 *   state the database gives it (still to pay, paid, refunded with the creator's share and the fee
 *   taken back, canceled), and the payment and refund rows take the emulator's ids. Without this
 *   the pending demo booking's hold could never be released ("No such payment_intent").
 */
import pg from 'pg'
import Stripe from 'stripe'

import { LARGE_SEED_PREFIX } from '../../src/seed/large'

const emulatorClient = (emulatorUrl: string) => {
  const url = new URL(emulatorUrl)
  return new Stripe('sk_test_emulator', { host: url.hostname, port: Number(url.port), protocol: 'http', telemetry: false })
}

const withDb = async <T>(databaseUrl: string, work: (db: pg.Client) => Promise<T>): Promise<T> => {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    return await work(db)
  } finally {
    await db.end()
  }
}

const isMissing = (error: unknown) => error instanceof Stripe.errors.StripeError && (error.code === 'resource_missing' || error.statusCode === 404)

const completeOnboarding = async (emulatorUrl: string, accountId: string) => {
  const done = await fetch(`${new URL(emulatorUrl).origin}/emulator/accounts/${accountId}/complete-onboarding`, { method: 'POST' })
  if (!done.ok) throw new Error(`emulator refused to onboard ${accountId}: ${done.status}`)
}

/** Connected creators (not the 10,000 of `npm run seed:large`) have an onboarded emulator account; returns how many and how many were new. */
export const connectDemoCreators = async (databaseUrl: string, emulatorUrl: string): Promise<{ connected: number; created: number }> => {
  const stripe = emulatorClient(emulatorUrl)
  return withDb(databaseUrl, async (db) => {
    const { rows } = await db.query<{ id: number; currency: string; display_name: string; stripe_account_id: string | null }>(
      `SELECT id, currency, display_name, stripe_account_id FROM creators WHERE charges_enabled = true AND slug NOT LIKE $1 ORDER BY id`,
      [`${LARGE_SEED_PREFIX}-%`],
    )
    let created = 0
    for (const creator of rows) {
      const existing = creator.stripe_account_id ? await stripe.accounts.retrieve(creator.stripe_account_id).catch((error: unknown) => (isMissing(error) ? null : Promise.reject(error))) : null
      if (existing) {
        if (!existing.charges_enabled || !existing.payouts_enabled) await completeOnboarding(emulatorUrl, existing.id)
        continue
      }
      const account = await stripe.accounts.create({
        type: 'express',
        country: creator.currency === 'CHF' ? 'CH' : creator.currency === 'USD' ? 'US' : creator.currency === 'GBP' ? 'GB' : 'FR',
        default_currency: creator.currency.toLowerCase(),
        business_profile: { name: creator.display_name },
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      })
      await completeOnboarding(emulatorUrl, account.id)
      await db.query(`UPDATE creators SET stripe_account_id = $2, stripe_account_status = 'enabled', payouts_enabled = true WHERE id = $1`, [creator.id, account.id])
      created++
    }
    return { connected: rows.length, created }
  })
}

type DemoPayment = { id: number; booking_id: number; amount: string; currency: string; platform_fee: string; status: string; stripe_payment_intent_id: string; account: string | null }

/**
 * The demo seed's payments (`pi_demo_…`) become PaymentIntents in the emulator, in their database
 * state; every Stripe call has an idempotency key, so a run interrupted half-way is finished by the
 * next one without doing anything twice. Returns how many payments it made real.
 */
export const syncDemoPayments = async (databaseUrl: string, emulatorUrl: string): Promise<number> => {
  const stripe = emulatorClient(emulatorUrl)
  return withDb(databaseUrl, async (db) => {
    const { rows } = await db.query<DemoPayment>(
      `SELECT p.id, p.booking_id, p.amount, p.currency, p.platform_fee, p.status, p.stripe_payment_intent_id, c.stripe_account_id AS account
         FROM payments p JOIN creators c ON c.id = p.creator_id
        WHERE p.stripe_payment_intent_id LIKE 'pi\\_demo\\_%' ORDER BY p.id`,
    )
    let synced = 0
    for (const payment of rows) {
      if (!payment.account) continue
      const key = `dev-demo/payment-${payment.id}`
      const created = await stripe.paymentIntents.create(
        {
          amount: Number(payment.amount),
          currency: payment.currency.toLowerCase(),
          application_fee_amount: Number(payment.platform_fee),
          transfer_data: { destination: payment.account },
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          metadata: { bookingId: String(payment.booking_id), paymentId: String(payment.id), demo: 'seed' },
        },
        { idempotencyKey: key },
      )
      if (['succeeded', 'refunded', 'partially_refunded'].includes(payment.status)) {
        await stripe.paymentIntents.confirm(created.id, { payment_method: 'pm_card_visa' }, { idempotencyKey: `${key}/confirm` })
        const refunds = await db.query<{ id: number; amount: string }>(`SELECT id, amount FROM refunds WHERE payment_id = $1 AND status = 'succeeded' ORDER BY id`, [payment.id])
        for (const refund of refunds.rows) {
          const made = await stripe.refunds.create(
            { payment_intent: created.id, amount: Number(refund.amount), reverse_transfer: true, refund_application_fee: true, metadata: { refundId: String(refund.id), demo: 'seed' } },
            { idempotencyKey: `dev-demo/refund-${refund.id}` },
          )
          await db.query(`UPDATE refunds SET stripe_refund_id = $2 WHERE id = $1`, [refund.id, made.id])
        }
      } else if (payment.status === 'canceled') {
        await stripe.paymentIntents.cancel(created.id, {}, { idempotencyKey: `${key}/cancel` })
      }
      // requires_payment, failed, processing: a PaymentIntent waiting for a payment method, as Stripe leaves one after a decline.
      await db.query(`UPDATE payments SET stripe_payment_intent_id = $3 WHERE id = $1 AND stripe_payment_intent_id = $2`, [payment.id, payment.stripe_payment_intent_id, created.id])
      synced++
    }
    return synced
  })
}
