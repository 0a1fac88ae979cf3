'use client'

import React, { useEffect } from 'react'

import { StorefrontProblem } from '@/components/storefront/StorefrontProblem'

/** A page that failed while rendering: the reason in the visitor's language and a retry (re-renders the segment). */
export default function StorefrontError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    // The server logged the cause under this digest; the console keeps it for whoever reports the problem.
    console.warn('Page error', error.digest ?? error.message)
  }, [error])
  return <StorefrontProblem kind="error" retry={reset} digest={error.digest} />
}
