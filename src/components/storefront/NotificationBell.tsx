'use client'

import Link from 'next/link'
import React, { useCallback, useEffect, useState } from 'react'

const POLL_MS = 20_000
export const NOTIFICATIONS_CHANGED = 'callastar:notifications-changed'

/** Header bell: unread count, refreshed every 20 s, on focus, and when the notifications page changes something. */
export function NotificationBell({ href, initial, label, labelUnread }: { href: string; initial: number; label: string; labelUnread: string }) {
  const [unread, setUnread] = useState(initial)
  const refresh = useCallback(async () => {
    try {
      const res = await fetch('/api/notifications?where[read][equals]=false&limit=0&depth=0', { credentials: 'include', cache: 'no-store' })
      if (res.ok) setUnread(((await res.json()) as { totalDocs: number }).totalDocs)
    } catch {
      // Offline for a moment: keep the last count.
    }
  }, [])
  useEffect(() => {
    const timer = setInterval(() => void refresh(), POLL_MS)
    const onChange = () => void refresh()
    window.addEventListener('focus', onChange)
    window.addEventListener(NOTIFICATIONS_CHANGED, onChange)
    return () => {
      clearInterval(timer)
      window.removeEventListener('focus', onChange)
      window.removeEventListener(NOTIFICATIONS_CHANGED, onChange)
    }
  }, [refresh])
  const text = unread ? labelUnread.replace('{n}', String(unread)) : label
  return (
    <Link href={href} className="bell" aria-label={text} title={text} data-testid="notification-bell">
      <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
        <path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" />
        <path d="M13.73 21a2 2 0 0 1-3.46 0" />
      </svg>
      {unread ? (
        <span className="badge" data-testid="notification-count">
          {unread}
        </span>
      ) : null}
    </Link>
  )
}
