'use client'
import { useAuth, useTranslation } from '@payloadcms/ui'
import Link from 'next/link'
import React, { useCallback, useEffect, useState } from 'react'

import { localeOf } from '@/i18n/locale'

const POLL_MS = 30_000

/** The bell's label in the panel's language (the list it opens renders each notification in it too). */
const TEXT = {
  en: { none: 'Notifications', unread: (n: number) => `${n} unread notification${n > 1 ? 's' : ''}` },
  fr: { none: 'Notifications', unread: (n: number) => `${n} notification${n > 1 ? 's' : ''} non lue${n > 1 ? 's' : ''}` },
}

/** Header bell for creators and admins: unread count, refreshed every 30 s and when the tab regains focus. */
export const NotificationBell: React.FC = () => {
  const { user } = useAuth()
  const text = TEXT[localeOf(useTranslation().i18n.language)]
  const [unread, setUnread] = useState<number | null>(null)

  const refresh = useCallback(async () => {
    if (!user) return
    try {
      const res = await fetch(`/api/notifications?where[read][equals]=false&limit=0&depth=0`, { credentials: 'include' })
      if (res.ok) setUnread(((await res.json()) as { totalDocs: number }).totalDocs)
    } catch {
      // Offline for a moment: keep the last count.
    }
  }, [user])

  useEffect(() => {
    void refresh()
    const timer = setInterval(() => void refresh(), POLL_MS)
    const onFocus = () => void refresh()
    window.addEventListener('focus', onFocus)
    return () => {
      clearInterval(timer)
      window.removeEventListener('focus', onFocus)
    }
  }, [refresh])

  if (!user) return null
  const label = unread ? text.unread(unread) : text.none
  return (
    <Link
      href="/admin/collections/notifications?where[read][equals]=false"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
      style={{ position: 'relative', display: 'inline-flex', alignItems: 'center', padding: '0 8px', color: 'inherit', textDecoration: 'none' }}
    >
      <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {unread ? (
        <span
          data-testid="notification-count"
          style={{
            position: 'absolute', top: -6, right: 0, minWidth: 18, height: 18, borderRadius: 9, background: '#dc2626',
            color: '#fff', fontSize: 11, fontWeight: 700, lineHeight: '18px', textAlign: 'center', padding: '0 4px',
          }}
        >
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </Link>
  )
}
