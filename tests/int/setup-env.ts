/** Runs in each test worker before any test file is imported: points Payload at this run's database. */
import { inject } from 'vitest'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
  }
}

process.env.DATABASE_URL = inject('databaseUrl')
process.env.PAYLOAD_SECRET ??= 'test-secret'
process.env.LOG_LEVEL ??= 'warn'
delete process.env.RESEND_API_KEY
