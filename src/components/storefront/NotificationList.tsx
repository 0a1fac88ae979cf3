'use client'

import Link from 'next/link'
import { useRouter } from 'next/navigation'
import React, { useState, useTransition } from 'react'

import { t, type Locale } from '@/i18n'

import { NOTIFICATIONS_CHANGED } from './NotificationBell'

export type NotificationItem = { id: number; title: string; body: string | null; link: string | null; read: boolean; createdAt: string; when: string }

/** Notifications, unread first: open (marks read), mark read, mark all read, delete (confirmed). */
export function NotificationList({ locale, items }: { locale: Locale; items: NotificationItem[] }) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [error, setError] = useState<string | null>(null)
  const call = async (method: 'PATCH' | 'DELETE' | 'POST', path: string, body?: unknown) => {
    setError(null)
    const res = await fetch(`/api${path}`, {
      method,
      credentials: 'include',
      headers: body ? { 'content-type': 'application/json' } : undefined,
      body: body ? JSON.stringify(body) : undefined,
    }).catch(() => null)
    if (!res?.ok) setError(t(locale, 'notifications.error'))
    window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED))
    startTransition(() => router.refresh())
  }
  const unread = items.filter((n) => !n.read).length
  if (!items.length) {
    return (
      <p className="empty" data-testid="no-notifications">
        {t(locale, 'notifications.empty')}
      </p>
    )
  }
  return (
    <div aria-busy={pending}>
      <div className="actions" style={{ marginBottom: 12 }}>
        <span className="muted">{t(locale, 'notifications.unreadCount', { n: unread })}</span>
        {unread ? (
          <button type="button" className="button small secondary" onClick={() => call('POST', '/notifications/read-all')} data-testid="mark-all-read">
            {t(locale, 'notifications.markAll')}
          </button>
        ) : null}
      </div>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <ul className="list" data-testid="notifications">
        {items.map((n) => (
          <li key={n.id} className={`card${n.read ? '' : ' unread'}`} data-testid="notification" data-read={n.read}>
            <strong>{n.title}</strong> <span className="muted">· {n.when}</span>
            {n.body ? <p style={{ margin: '4px 0' }}>{n.body}</p> : null}
            <div className="actions">
              {n.link ? (
                <Link href={n.link} onClick={() => (n.read ? undefined : void call('PATCH', `/notifications/${n.id}`, { read: true }))}>
                  {t(locale, 'notifications.open')}
                </Link>
              ) : null}
              {n.read ? null : (
                <button type="button" className="linklike" onClick={() => call('PATCH', `/notifications/${n.id}`, { read: true })} data-testid="mark-read">
                  {t(locale, 'notifications.markRead')}
                </button>
              )}
              <button
                type="button"
                className="linklike"
                onClick={() => {
                  if (window.confirm(t(locale, 'notifications.confirmDelete'))) void call('DELETE', `/notifications/${n.id}`)
                }}
                data-testid="delete-notification"
              >
                {t(locale, 'notifications.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  )
}
