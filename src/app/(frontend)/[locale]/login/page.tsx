import type { Metadata } from 'next'
import Link from 'next/link'
import { redirect } from 'next/navigation'
import React from 'react'

import { LoginForm } from '@/components/storefront/LoginForm'
import { localeOrNotFound, safeNext, storefrontContext } from '@/components/storefront/server'
import { t } from '@/i18n'

export const dynamic = 'force-dynamic'

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ next?: string | string[] }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params
  return { title: `${t(localeOrNotFound(locale), 'login.title')} — Callastar` }
}

export default async function LoginPage({ params, searchParams }: Props) {
  const locale = localeOrNotFound((await params).locale)
  const next = safeNext((await searchParams).next, `/${locale}/account`)
  const { user } = await storefrontContext()
  if (user) redirect(next)
  return (
    <main id="main" className="store narrow">
      <h1>{t(locale, 'login.title')}</h1>
      <LoginForm locale={locale} next={next} />
      <p className="actions">
        <Link href={`/${locale}/forgot-password`}>{t(locale, 'login.forgot')}</Link>
        <span>
          {t(locale, 'login.noAccount')} <Link href={`/${locale}/signup?next=${encodeURIComponent(next)}`}>{t(locale, 'nav.signup')}</Link>
        </span>
      </p>
    </main>
  )
}
