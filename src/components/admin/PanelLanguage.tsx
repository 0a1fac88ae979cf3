'use client'
import { useAuth, useTranslation } from '@payloadcms/ui'
import React, { useEffect } from 'react'

import { isLocale } from '@/i18n/locale'

const KEY = 'callastar.panelLanguage'
const COOKIE = 'payload-lng'

const chosenInPanel = (): boolean => document.cookie.split(';').some((c) => c.trim().startsWith(`${COOKIE}=`))

/**
 * The panel speaks the person's language (their account's `locale`, the one the storefront and the
 * emails use), not the browser's. Payload picks its language from its `payload-lng` cookie or the
 * browser's Accept-Language; this provider switches it to the account's language, and again whenever
 * that changes. A language chosen in the panel's own Account → Language picker (the cookie, set
 * without this provider having switched) is kept until the account's language changes.
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
    // First visit with a language already chosen in the panel: keep it, and follow the account's from its next change.
    const keepChoice = applied === null && chosenInPanel()
    try {
      window.localStorage.setItem(key, wanted)
    } catch {
      // As above.
    }
    if (!keepChoice && i18n.language !== wanted) void switchLanguage(wanted)
  }, [id, wanted, i18n.language, switchLanguage])

  return <>{children}</>
}
