import type { Metadata } from 'next'
import React from 'react'

import { StorefrontProblem } from '@/components/storefront/StorefrontProblem'

export const metadata: Metadata = { robots: { index: false } }

/**
 * The storefront's 404, inside the [locale] layout (header, footer, `<html lang>`). A not-found page
 * receives no params; the client part reads the URL's language.
 */
export default function NotFound() {
  return <StorefrontProblem kind="notFound" />
}
