import type { Metadata } from 'next'
import React from 'react'

import { StorefrontProblem } from '@/components/storefront/StorefrontProblem'

export const metadata: Metadata = { robots: { index: false } }

/** The storefront's 404 in the URL's language, inside the storefront layout (see [locale]/(missing)/layout.tsx). */
export default function NotFound() {
  return <StorefrontProblem kind="notFound" />
}
