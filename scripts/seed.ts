/** `npm run seed` — demo data on an empty database (refuses in production). */
import config from '@payload-config'
import { getPayload } from 'payload'

import { DEMO_LOGINS, seedDemo } from '../src/seed/demo'

const payload = await getPayload({ config })
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
