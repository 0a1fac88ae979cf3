import type { Metadata, Viewport } from 'next'
import { cookies } from 'next/headers'
import React from 'react'

import '@/components/storefront/storefront.css'

import { storefrontContext } from '@/components/storefront/server'
import { SiteHeader } from '@/components/storefront/SiteHeader'
import { TimeZoneCookie } from '@/components/storefront/TimeZoneCookie'
import { localeOf, LOCALES, t, type Locale } from '@/i18n'
import { TZ_COOKIE } from '@/lib/cookies'
import { serverUrl } from '@/lib/env'

type Props = { children: React.ReactNode; params: Promise<{ locale: string }> }

export const viewport: Viewport = { width: 'device-width', initialScale: 1 }

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale: raw } = await params
  const locale: Locale = localeOf(raw)
  return {
    metadataBase: new URL(serverUrl()),
    title: { default: t(locale, 'meta.title'), template: `%s — Callastar` },
    description: t(locale, 'meta.description'),
    openGraph: { siteName: 'Callastar', locale: locale === 'fr' ? 'fr_FR' : 'en_GB', type: 'website' },
  }
}

/** Root layout of the storefront: one per language, so `<html lang>` is right on every page. */
export default async function StorefrontLayout({ children, params }: Props) {
  const { locale: raw } = await params
  // An unknown first segment (e.g. /de/…) renders its 404 in English.
  const locale: Locale = localeOf(raw)
  const { payload, user } = await storefrontContext()
  const tz = (await cookies()).get(TZ_COOKIE)?.value ?? null
  return (
    <html lang={locale}>
      <body>
        <a className="skip" href="#main">
          {t(locale, 'nav.skip')}
        </a>
        <SiteHeader locale={locale} user={user} payload={payload} />
        {children}
        <footer className="site-footer">
          <p>{t(locale, 'footer.tagline')}</p>
          <p>
            {LOCALES.map((l, i) => (
              <React.Fragment key={l}>
                {i ? ' · ' : ''}
                <a href={`/${l}`} hrefLang={l} lang={l}>
                  {l === 'en' ? 'English' : 'Français'}
                </a>
              </React.Fragment>
            ))}
          </p>
        </footer>
        {user?.timezone ? null : <TimeZoneCookie name={TZ_COOKIE} current={tz ? decodeURIComponent(tz) : null} />}
      </body>
    </html>
  )
}
