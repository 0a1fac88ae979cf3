'use client'
import { useAuth, useTranslation } from '@payloadcms/ui'
import React, { useEffect } from 'react'

import { isLocale } from '@/i18n/locale'

const KEY = 'callastar.panelLanguage'

/**
 * The panel speaks the person's language (their account's `locale`, the one the storefront and the
 * emails use), not the browser's. Payload picks its language from its `payload-lng` cookie or the
 * browser's Accept-Language; this provider switches it once to the account's language, and again
 * whenever that changes — a choice made since in the panel's own Account → Language picker is kept.
 */
export const PanelLanguage: React.FC<{ children?: React.ReactNode }> = ({ children }) => {
  const { user } = useAuth()
  const { i18n, switchLanguage } = useTranslation()
  const wanted = (user as { locale?: unknown } | null)?.locale
  const id = user?.id

  useEffect(() => {
    if (!id || !isLocale(wanted) || !switchLanguage) return
    const key = `${KEY}.${id}`
    let applied: string | null = null
    try {
      applied = window.localStorage.getItem(key)
    } catch {
      // Storage refused (private mode): follow the account every time.
    }
    if (applied === wanted) return
    try {
      window.localStorage.setItem(key, wanted)
    } catch {
      // As above.
    }
    if (i18n.language !== wanted) void switchLanguage(wanted)
  }, [id, wanted, i18n.language, switchLanguage])

  return <>{children}</>
}
