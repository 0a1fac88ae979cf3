'use client'

import React, { useEffect, useState } from 'react'

import { t, type Locale } from '@/i18n'

import { sendJson } from './api'
import { failureMessage, FieldError, fieldErrorsOf, FormAlert, invalidProps as invalid } from './formErrors'

const MIN_PASSWORD = 8
type Errors = Record<string, string>
const post = (path: string, body: unknown) => sendJson('POST', path, body)

const useReady = () => {
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])
  return ready
}

const emailOk = (email: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)

/** Sign up as a fan or a creator; logs in and goes on (creators to their dashboard). */
export function SignupForm({ locale, next, initialRole }: { locale: Locale; next: string; initialRole: 'fan' | 'creator' }) {
  const ready = useReady()
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const data = {
      name: String(form.get('name') ?? '').trim(),
      email: String(form.get('email') ?? '').trim(),
      password: String(form.get('password') ?? ''),
      role: form.get('role') === 'creator' ? 'creator' : 'fan',
      locale,
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    }
    const found: Errors = {}
    if (!data.name) found.name = t(locale, 'signup.error.name')
    if (!emailOk(data.email)) found.email = t(locale, 'auth.error.email')
    if (data.password.length < MIN_PASSWORD) found.password = t(locale, 'auth.error.passwordLength', { n: MIN_PASSWORD })
    setErrors(found)
    if (Object.keys(found).length) return
    setBusy(true)
    const created = await post('/users', data)
    if (!created.ok) {
      setBusy(false)
      const fields = fieldErrorsOf(created.body)
      if (fields.email && /already|unique|registered/i.test(fields.email)) fields.email = t(locale, 'signup.error.emailTaken')
      setErrors(Object.keys(fields).length ? fields : { form: failureMessage(created, t(locale, 'auth.error.generic'), t(locale, 'auth.error.network')) })
      return
    }
    const login = await post('/users/login', { email: data.email, password: data.password })
    window.location.assign(login.ok ? (data.role === 'creator' ? '/admin' : next) : `/${locale}/login?next=${encodeURIComponent(next)}`)
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate data-testid="signup-form" data-ready={ready || undefined}>
      <fieldset>
        <legend>{t(locale, 'signup.role')}</legend>
        <label className="choice">
          <input type="radio" name="role" value="fan" defaultChecked={initialRole === 'fan'} data-testid="role-fan" />
          {t(locale, 'signup.role.fan')}
        </label>
        <label className="choice">
          <input type="radio" name="role" value="creator" defaultChecked={initialRole === 'creator'} data-testid="role-creator" />
          {t(locale, 'signup.role.creator')}
        </label>
      </fieldset>
      <label>
        {t(locale, 'signup.name')}
        <input name="name" autoComplete="name" maxLength={120} required {...invalid('name', errors)} />
        <FieldError name="name" errors={errors} />
      </label>
      <label>
        {t(locale, 'login.email')}
        <input name="email" type="email" autoComplete="email" required {...invalid('email', errors)} />
        <FieldError name="email" errors={errors} />
      </label>
      <label>
        {t(locale, 'login.password')}
        <input name="password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD} required {...invalid('password', errors)} />
        <span className="hint">{t(locale, 'auth.passwordHint', { n: MIN_PASSWORD })}</span>
        <FieldError name="password" errors={errors} />
      </label>
      <FormAlert message={errors.form} />
      <button type="submit" className="button" disabled={busy} data-testid="signup-submit">
        {busy ? t(locale, 'signup.submitting') : t(locale, 'signup.submit')}
      </button>
    </form>
  )
}

/** Asks for a reset link; always answers the same (it does not reveal who has an account). */
export function ForgotPasswordForm({ locale }: { locale: Locale }) {
  const ready = useReady()
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const [sent, setSent] = useState(false)
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const email = String(new FormData(event.currentTarget).get('email') ?? '').trim()
    if (!emailOk(email)) return setErrors({ email: t(locale, 'auth.error.email') })
    setErrors({})
    setBusy(true)
    const res = await post('/users/forgot-password', { email })
    setBusy(false)
    if (res.ok) setSent(true)
    else setErrors({ form: failureMessage(res, t(locale, 'auth.error.generic'), t(locale, 'auth.error.network')) })
  }
  if (sent) {
    return (
      <p className="ok" role="status" data-testid="forgot-sent">
        {t(locale, 'forgot.sent')}
      </p>
    )
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate data-testid="forgot-form" data-ready={ready || undefined}>
      <label>
        {t(locale, 'login.email')}
        <input name="email" type="email" autoComplete="email" required {...invalid('email', errors)} />
        <FieldError name="email" errors={errors} />
      </label>
      <FormAlert message={errors.form} />
      <button type="submit" className="button" disabled={busy} data-testid="forgot-submit">
        {t(locale, 'forgot.submit')}
      </button>
    </form>
  )
}

/** Sets a new password with the emailed token, then goes to the account (or the admin panel). */
export function ResetPasswordForm({ locale, token }: { locale: Locale; token: string }) {
  const ready = useReady()
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const password = String(form.get('password') ?? '')
    const confirm = String(form.get('confirm') ?? '')
    const found: Errors = {}
    if (password.length < MIN_PASSWORD) found.password = t(locale, 'auth.error.passwordLength', { n: MIN_PASSWORD })
    else if (password !== confirm) found.confirm = t(locale, 'reset.error.mismatch')
    setErrors(found)
    if (Object.keys(found).length) return
    setBusy(true)
    const res = await post('/users/reset-password', { token, password })
    if (res.ok) {
      const role = (res.body as { user?: { role?: string } } | null)?.user?.role
      window.location.assign(role && role !== 'fan' ? '/admin' : `/${locale}/account`)
      return
    }
    setBusy(false)
    const fields = fieldErrorsOf(res.body)
    setErrors(
      fields.password
        ? { password: fields.password }
        : { form: res.status === 403 || res.status === 400 ? t(locale, 'reset.error.token') : failureMessage(res, t(locale, 'auth.error.generic'), t(locale, 'auth.error.network')) },
    )
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate data-testid="reset-form" data-ready={ready || undefined}>
      <label>
        {t(locale, 'reset.password')}
        <input name="password" type="password" autoComplete="new-password" minLength={MIN_PASSWORD} required {...invalid('password', errors)} />
        <span className="hint">{t(locale, 'auth.passwordHint', { n: MIN_PASSWORD })}</span>
        <FieldError name="password" errors={errors} />
      </label>
      <label>
        {t(locale, 'reset.confirm')}
        <input name="confirm" type="password" autoComplete="new-password" required {...invalid('confirm', errors)} />
        <FieldError name="confirm" errors={errors} />
      </label>
      <FormAlert message={errors.form} testId="reset-error" />
      <button type="submit" className="button" disabled={busy} data-testid="reset-submit">
        {t(locale, 'reset.submit')}
      </button>
    </form>
  )
}
