/**
 * `npm run seed:large` — 10,000 creators and 100,000 offers on the dev database (or DATABASE_URL),
 * for the storefront benchmark, then their money for the dashboard and payout benchmarks: 100,000
 * past paid calls with ledger entries, refunds, disputes and payouts (src/seed/large.ts).
 * SEED_CREATORS / SEED_OFFERS_PER_CREATOR / SEED_PAYMENTS_PER_CREATOR change the size.
 */
import pg from 'pg'

import { seedLarge, seedLargeMoney } from '../src/seed/large'

const url = process.env.DATABASE_URL
if (!url) {
  console.error('seed:large needs DATABASE_URL (npm run seed:large sets it to the dev database)')
  process.exit(2)
}
if (process.env.NODE_ENV === 'production') {
  console.error('seed:large refuses to run in production')
  process.exit(2)
}
const pool = new pg.Pool({ connectionString: url })
const started = Date.now()
const result = await seedLarge(pool, { creators: Number(process.env.SEED_CREATORS || 10_000), offersPerCreator: Number(process.env.SEED_OFFERS_PER_CREATOR || 10) })
console.log(result.skipped ? `seed:large: ${result.creators} bulk creators already there` : `seed:large: ${result.creators} creators and ${result.offers} offers in ${((Date.now() - started) / 1000).toFixed(1)} s`)
const moneyStarted = Date.now()
const money = await seedLargeMoney(pool, { paymentsPerCreator: Number(process.env.SEED_PAYMENTS_PER_CREATOR || 10) })
console.log(
  money.skipped
    ? 'seed:large: the bulk creators already have payments; nothing more to do'
    : `seed:large: ${money.payments} payments, ${money.refunds} refunds, ${money.disputes} disputes, ${money.payouts} payouts, ${money.ledgerEntries} ledger entries in ${((Date.now() - moneyStarted) / 1000).toFixed(1)} s`,
)
await pool.end()
