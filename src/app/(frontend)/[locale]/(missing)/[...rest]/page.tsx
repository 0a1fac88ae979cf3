import type { Metadata } from 'next'
import React from 'react'

import { StorefrontProblem } from '@/components/storefront/StorefrontProblem'
import { t } from '@/i18n'
import { localeOrNotFound } from '@/components/storefront/server'

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: t(localeOrNotFound((await params).locale), 'problem.notFound.title'), robots: { index: false } }
}

/**
 * Any path under /en or /fr that no page answers: the 404 page, rendered here (server-side, inside
 * the layout with its header) with status 404 set by the proxy (src/lib/storefrontRoutes.ts says why
 * not `notFound()`).
 */
export default async function UnknownPage({ params }: Props) {
  localeOrNotFound((await params).locale)
  return <StorefrontProblem kind="notFound" />
}
