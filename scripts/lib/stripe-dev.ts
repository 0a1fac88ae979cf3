/**
 * The emulator keeps its state in memory, so every `npm run dev` gives the demo creators whose
 * payment account was connected a fresh, fully onboarded emulator account.
 */
import pg from 'pg'
import Stripe from 'stripe'

import { LARGE_SEED_PREFIX } from '../../src/seed/large'

export const connectDemoCreators = async (databaseUrl: string, emulatorUrl: string): Promise<number> => {
  const url = new URL(emulatorUrl)
  const stripe = new Stripe('sk_test_emulator', { host: url.hostname, port: Number(url.port), protocol: 'http', telemetry: false })
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const { rows } = await db.query<{ id: number; currency: string; display_name: string }>(
      // Not the 10,000 creators of `npm run seed:large` (they are for browsing at size, not for paying).
      `SELECT id, currency, display_name FROM creators WHERE charges_enabled = true AND slug NOT LIKE $1 ORDER BY id`,
      [`${LARGE_SEED_PREFIX}-%`],
    )
    for (const creator of rows) {
      const account = await stripe.accounts.create({
        type: 'express',
        country: creator.currency === 'CHF' ? 'CH' : creator.currency === 'USD' ? 'US' : creator.currency === 'GBP' ? 'GB' : 'FR',
        default_currency: creator.currency.toLowerCase(),
        business_profile: { name: creator.display_name },
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
      })
      const done = await fetch(`${url.origin}/emulator/accounts/${account.id}/complete-onboarding`, { method: 'POST' })
      if (!done.ok) throw new Error(`emulator refused to onboard ${account.id}: ${done.status}`)
      await db.query(`UPDATE creators SET stripe_account_id = $2, stripe_account_status = 'enabled', payouts_enabled = true WHERE id = $1`, [creator.id, account.id])
    }
    return rows.length
  } finally {
    await db.end()
  }
}
