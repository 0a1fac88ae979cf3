'use client'

import Link from 'next/link'
import { useParams } from 'next/navigation'
import React from 'react'

import { localeOf, t } from '@/i18n'

/** The storefront's 404 and error pages: what happened, in the URL's language, and where to go from here. */
export function StorefrontProblem({ kind, retry, digest }: { kind: 'notFound' | 'error'; retry?: () => void; digest?: string }) {
  const locale = localeOf(useParams<{ locale?: string }>()?.locale)
  return (
    <main id="main" className="store narrow problem" data-testid={kind === 'notFound' ? 'not-found' : 'page-error'}>
      <p className="problem__code" aria-hidden="true">
        {kind === 'notFound' ? '404' : '500'}
      </p>
      <h1>{t(locale, kind === 'notFound' ? 'problem.notFound.title' : 'problem.error.title')}</h1>
      <p>{t(locale, kind === 'notFound' ? 'problem.notFound.body' : 'problem.error.body')}</p>
      <div className="actions">
        {retry ? (
          <button type="button" className="button" onClick={() => retry()} data-testid="retry">
            {t(locale, 'problem.retry')}
          </button>
        ) : null}
        <Link className={retry ? 'button secondary' : 'button'} href={`/${locale}/creators`}>
          {t(locale, 'problem.browse')}
        </Link>
        <Link href={`/${locale}`}>{t(locale, 'problem.home')}</Link>
      </div>
      {digest ? <p className="muted small">{t(locale, 'problem.reference', { ref: digest })}</p> : null}
    </main>
  )
}
