import type { Metadata } from 'next'
import React from 'react'

import { StorefrontProblem } from '@/components/storefront/StorefrontProblem'

export const metadata: Metadata = { robots: { index: false } }

/** An unknown creator or offer: the storefront 404 in the URL's language (Next fills it in after hydration; src/lib/storefrontRoutes.ts). */
export default function NotFound() {
  return <StorefrontProblem kind="notFound" />
}
