/**
 * `npm run seed:large` — 10,000 creators and 100,000 offers on the dev database (or DATABASE_URL),
 * for the storefront benchmark. SEED_CREATORS / SEED_OFFERS_PER_CREATOR change the size.
 */
import pg from 'pg'

import { seedLarge } from '../src/seed/large'

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
console.log(result.skipped ? `seed:large: ${result.creators} bulk creators already there; nothing to do` : `seed:large: ${result.creators} creators and ${result.offers} offers in ${((Date.now() - started) / 1000).toFixed(1)} s`)
await pool.end()
