import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import React from 'react'

import { SignupForm } from '@/components/storefront/AuthForms'
import { localeOrNotFound, safeNext, storefrontContext } from '@/components/storefront/server'
import { t } from '@/i18n'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ next?: string | string[]; role?: string | string[] }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeOrNotFound((await params).locale)
  return { title: t(locale, 'signup.title'), description: t(locale, 'signup.description') }
}

export default async function SignupPage({ params, searchParams }: Props) {
  const locale = localeOrNotFound((await params).locale)
  const query = await searchParams
  const next = safeNext(query.next, `/${locale}/account`)
  const { user } = await storefrontContext()
  if (user) redirect(next)
  return (
    <main id="main" className="store narrow">
      <h1>{t(locale, 'signup.title')}</h1>
      <SignupForm locale={locale} next={next} initialRole={query.role === 'creator' ? 'creator' : 'fan'} />
      <p>
        {t(locale, 'signup.haveAccount')} <Link href={`/${locale}/login?next=${encodeURIComponent(next)}`}>{t(locale, 'nav.login')}</Link>
      </p>
    </main>
  )
}
