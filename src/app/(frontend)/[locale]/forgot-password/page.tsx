import type { Metadata } from 'next'
import Link from 'next/link'
import React from 'react'

import { ForgotPasswordForm } from '@/components/storefront/AuthForms'
import { localeOrNotFound } from '@/components/storefront/server'
import { t } from '@/i18n'

type Props = { params: Promise<{ locale: string }> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = localeOrNotFound((await params).locale)
  return { title: t(locale, 'forgot.title'), description: t(locale, 'forgot.intro') }
}

export default async function ForgotPasswordPage({ params }: Props) {
  const locale = localeOrNotFound((await params).locale)
  return (
    <main id="main" className="store narrow">
      <h1>{t(locale, 'forgot.title')}</h1>
      <p>{t(locale, 'forgot.intro')}</p>
      <ForgotPasswordForm locale={locale} />
      <p>
        <Link href={`/${locale}/login`}>{t(locale, 'forgot.back')}</Link>
      </p>
    </main>
  )
}
