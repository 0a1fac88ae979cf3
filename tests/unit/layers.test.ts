import { fileURLToPath } from 'node:url'

import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

/**
 * DESIGN.md, "The direction of dependencies": ESLint checks the arrows, and this test proves each
 * rule still bites. Every forbidden import below must come back as a `no-restricted-imports` error
 * naming DESIGN.md; every allowed one must lint clean of it, so the rules are not blanket bans.
 * The probe files do not exist: lintText only needs a path the config's `files` globs match
 * (the config is not type-aware).
 */
const root = fileURLToPath(new URL('../..', import.meta.url))
let eslint: ESLint

beforeAll(() => {
  eslint = new ESLint({ cwd: root, overrideConfigFile: 'eslint.config.mjs' })
})

const layerErrors = async (filePath: string, source: string) => {
  // An ignored path would lint clean of everything and pass the "allowed" cases for nothing.
  expect(await eslint.isPathIgnored(filePath), `${filePath} is ignored by eslint.config.mjs`).toBe(false)
  // `import type` (a type import) or a value import that is used, so no other rule has a say.
  const code = source.startsWith('type ') ? `import ${source}\nexport type Probe = X\n` : `import ${source}\nexport const probe = X\n`
  const [result] = await eslint.lintText(code, { filePath })
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports')
}

// ESLint's first run loads the config and its plugins: give it room.
const TIMEOUT = 20_000

describe('layer rules refuse imports against the arrows', () => {
  it.each([
    ['domain → a service', 'src/domain/__probe__.ts', "{ X } from '@/services/x'"],
    ['domain → Payload', 'src/domain/__probe__.ts', "{ X } from 'payload'"],
    ['domain → the network', 'src/domain/__probe__.ts', "{ X } from 'node:http'"],
    ['domain → a relative path leaving domain', 'src/domain/__probe__.ts', "{ X } from '../lib/clock'"],
    ['integrations → a service', 'src/integrations/stripe/__probe__.ts', "{ X } from '@/services/x'"],
    ['integrations → a service, relative', 'src/integrations/email/__probe__.ts', "{ X } from '../../services/email'"],
    ['collections → an integration', 'src/collections/bookings/__probe__.ts', "{ X } from '@/integrations/stripe/client'"],
    ['hooks → an integration', 'src/hooks/__probe__.ts', "{ X } from '@/integrations/email/resend'"],
    ['plugins → an integration, relative', 'src/plugins/__probe__.ts', "{ X } from '../integrations/stripe/client'"],
    ['app → an integration', 'src/app/(frontend)/[locale]/__probe__.tsx', "{ X } from '@/integrations/stripe/client'"],
    ['app → db', 'src/app/(frontend)/[locale]/__probe__.tsx', "{ X } from '@/db/bookings'"],
    ['components → an endpoint (type only)', 'src/components/storefront/__probe__.tsx', "type { X } from '@/endpoints/bookings'"],
    ['components → an integration, relative', 'src/components/storefront/__probe__.tsx', "{ X } from '../../integrations/stripe/client'"],
  ])('%s', async (_arrow, filePath, source) => {
    const errors = await layerErrors(filePath, source)
    expect(errors, `${filePath}: import ${source}`).toHaveLength(1)
    expect(errors[0].severity).toBe(2)
    expect(errors[0].message).toContain('DESIGN.md')
  }, TIMEOUT)
})

describe('layer rules allow imports along the arrows', () => {
  it.each([
    ['domain → a sibling', 'src/domain/__probe__.ts', "{ X } from './money'"],
    ['domain → @/domain', 'src/domain/__probe__.ts', "{ X } from '@/domain/money'"],
    ['integrations → its SDK', 'src/integrations/stripe/__probe__.ts', "{ X } from 'stripe'"],
    ['integrations → lib', 'src/integrations/email/__probe__.ts', "{ X } from '@/lib/env'"],
    ['services → an integration', 'src/services/__probe__.ts', "{ X } from '@/integrations/stripe/client'"],
    ['collections → a service', 'src/collections/bookings/__probe__.ts', "{ X } from '@/services/notifications'"],
    ['hooks → a service', 'src/hooks/__probe__.ts', "{ X } from '@/services/logs'"],
    ['app → a service', 'src/app/(frontend)/[locale]/__probe__.tsx', "{ X } from '@/services/settings'"],
    ['components → domain API types', 'src/components/storefront/__probe__.tsx', "type { X } from '@/domain/apiTypes'"],
  ])('%s', async (_arrow, filePath, source) => {
    expect(await layerErrors(filePath, source), `${filePath}: import ${source}`).toEqual([])
  }, TIMEOUT)
})
