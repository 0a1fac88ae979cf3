'use client'

import React, { useEffect, useState } from 'react'

import { t, type Locale } from '@/i18n'

import { callApi } from './api'

/** Email + password against Payload's `/api/users/login` (sets the session cookie), then back to `next`. */
export function LoginForm({ locale, next }: { locale: Locale; next: string }) {
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])

  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    setBusy(true)
    setError(null)
    const res = await callApi<{ user?: unknown }>('POST', '/users/login', { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? '') })
    if (res.ok) {
      // A full navigation, so the server renders the next page with the new cookie.
      window.location.assign(next)
      return
    }
    setBusy(false)
    setError(res.status === 401 ? t(locale, 'login.failed') : res.status === 423 || /locked/i.test(res.message) ? t(locale, 'login.locked') : t(locale, 'login.error'))
  }

  return (
    <form className="card form" method="post" onSubmit={onSubmit} data-testid="login-form" data-ready={ready || undefined}>
      <label>
        {t(locale, 'login.email')}
        <input name="email" type="email" autoComplete="email" required />
      </label>
      <label>
        {t(locale, 'login.password')}
        <input name="password" type="password" autoComplete="current-password" required />
      </label>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy}>
        {busy ? t(locale, 'login.submitting') : t(locale, 'login.submit')}
      </button>
    </form>
  )
}
