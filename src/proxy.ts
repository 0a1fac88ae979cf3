import { NextResponse, type NextRequest } from 'next/server'

import { isLocale, type Locale } from '@/i18n/locale'
import { LOCALE_COOKIE } from '@/lib/cookies'
import { guestPage } from '@/lib/guestPages'
import { isStorefrontRoute } from '@/lib/storefrontRoutes'

/**
 * Storefront language (SPEC §12): `/` and any un-prefixed storefront path go to the remembered
 * language (cookie), else the browser's (Accept-Language), else English. Visiting /en/… or /fr/…
 * remembers that language, so a switch sticks.
 * Guests' public pages are served from the page cache (src/lib/guestPages.ts).
 */
const YEAR = 60 * 60 * 24 * 365

const fromAcceptLanguage = (header: string | null): Locale | null => {
  const ranked = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';')
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1)
      return { lang: tag!.toLowerCase().split('-')[0]!, q: Number.isFinite(q) ? q : 0 }
    })
    .filter((entry) => entry.lang && entry.q > 0)
    .sort((a, b) => b.q - a.q)
  return ranked.map((entry) => entry.lang).find(isLocale) ?? null
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl
  const first = pathname.split('/')[1] ?? ''
  if (isLocale(first)) {
    // An unknown path renders the storefront's 404 page (the [...rest] catch-all) and answers 404.
    const known = isStorefrontRoute(pathname.slice(first.length + 1))
    const response = known ? ((await guestPage(request)) ?? NextResponse.next()) : NextResponse.next({ status: 404 })
    if (request.cookies.get(LOCALE_COOKIE)?.value !== first) {
      response.cookies.set(LOCALE_COOKIE, first, { path: '/', maxAge: YEAR, sameSite: 'lax' })
    }
    return response
  }
  const remembered = request.cookies.get(LOCALE_COOKIE)?.value
  const locale: Locale = isLocale(remembered) ? remembered : (fromAcceptLanguage(request.headers.get('accept-language')) ?? 'en')
  const target = request.nextUrl.clone()
  target.pathname = `/${locale}${pathname === '/' ? '' : pathname}`
  target.search = search
  return NextResponse.redirect(target)
}

export const config = {
  // Everything but the API, the admin panel, Next's own files and files with an extension.
  matcher: ['/((?!api|admin|_next|media|.*\\..*).*)'],
}
