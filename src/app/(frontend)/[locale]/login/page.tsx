import type { Metadata } from 'next'
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
  const next = safeNext((await searchParams).next, `/${locale}/account/bookings`)
  const { user } = await storefrontContext()
  if (user) redirect(next)
  return (
    <main id="main" className="store narrow">
      <h1>{t(locale, 'login.title')}</h1>
      <LoginForm locale={locale} next={next} />
    </main>
  )
}
