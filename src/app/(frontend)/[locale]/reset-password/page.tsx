import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { ResetPasswordForm } from '@/components/storefront/AuthForms'
import { localeOrNotFound } from '@/components/storefront/server'
import { t } from '@/i18n'

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ token?: string | string[] }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeOrNotFound((await params).locale)
  return { title: t(locale, 'reset.title'), robots: { index: false } }
}

export default async function ResetPasswordPage({ params, searchParams }: Props) {
  const locale = localeOrNotFound((await params).locale)
  const raw = (await searchParams).token
  const token = typeof raw === 'string' ? raw : ''
  return (
    <main id="main" className="store narrow">
      <h1>{t(locale, 'reset.title')}</h1>
      {token ? (
        <ResetPasswordForm locale={locale} token={token} />
      ) : (
        <p className="error" role="alert">
          {t(locale, 'reset.error.noToken')} <Link href={`/${locale}/forgot-password`}>{t(locale, 'reset.askAgain')}</Link>
        </p>
      )}
    </main>
  )
}
