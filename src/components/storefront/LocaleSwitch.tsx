'use client'

import Link from 'next/link'
import { usePathname, useSearchParams } from 'next/navigation'
import React from 'react'

import { LOCALES, type Locale } from '@/i18n'

/**
 * EN | FR: the same page in the other language (the proxy remembers the choice). Not prefetched: a
 * switch is rare, and on the 404 page the other language's path is unknown too (a 404 fetch).
 */
export function LocaleSwitch({ locale, label }: { locale: Locale; label: string }) {
  const pathname = usePathname() ?? `/${locale}`
  const search = useSearchParams()?.toString()
  const rest = pathname.split('/').slice(2).join('/')
  return (
    <nav className="lang" aria-label={label}>
      {LOCALES.map((l) => (
        <Link key={l} prefetch={false} href={`/${l}${rest ? `/${rest}` : ''}${search ? `?${search}` : ''}`} hrefLang={l} lang={l} aria-current={l === locale ? 'true' : undefined} data-testid={`locale-${l}`}>
          {l.toUpperCase()}
        </Link>
      ))}
    </nav>
  )
}
