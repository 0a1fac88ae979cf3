/** `npm run seed` — demo data on an empty database (refuses in production). */
import config from '@payload-config'
import { getPayload } from 'payload'

import { DEMO_LOGINS, seedDemo } from '../src/seed/demo'

// Node 20 + tsx can drop a pending top-level await when nothing holds the loop open (exit 13).
const loading = setInterval(() => {}, 1000)
const payload = await getPayload({ config })
clearInterval(loading)
try {
  const seeded = await seedDemo(payload, (m) => payload.logger.info(m))
  if (seeded) {
    console.log('\nDemo logins:')
    for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(14)} ${l.email.padEnd(26)} ${l.password}`)
  }
  process.exit(0)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
