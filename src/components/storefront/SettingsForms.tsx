'use client'

import React, { useState } from 'react'

import { localeOf, t, type Locale, type MessageKey } from '@/i18n'

import type { ZoneChoices } from '@/domain/timeZones'

import { sendJson as send } from './api'
import { failureMessage, FieldError, fieldErrorsOf, FormAlert, formErrorsOf, invalidProps, type FormErrors } from './formErrors'
import { TimeZonePicker } from './TimeZonePicker'

type Profile = { id: number; name: string; email: string; locale: Locale; timezone: string; emailPreferences: Record<string, boolean> }
type Errors = FormErrors

/** Name, language, time zone and email preferences. Saving in another language moves to that language. */
export function ProfileForm({ locale, profile, timeZones, preferences }: { locale: Locale; profile: Profile; timeZones: ZoneChoices; preferences: string[] }) {
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const [saved, setSaved] = useState(false)
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const form = new FormData(event.currentTarget)
    const name = String(form.get('name') ?? '').trim()
    const language = localeOf(form.get('locale'))
    if (!name) return setErrors({ name: t(locale, 'signup.error.name') })
    setBusy(true)
    setSaved(false)
    setErrors({})
    const res = await send('PATCH', `/users/${profile.id}`, {
      name,
      locale: language,
      timezone: String(form.get('timezone') ?? profile.timezone),
      emailPreferences: Object.fromEntries(preferences.map((p) => [p, form.get(`pref-${p}`) === 'on'])),
    })
    setBusy(false)
    if (!res.ok) {
      return setErrors(formErrorsOf(res, t(locale, 'auth.error.generic'), t(locale, 'auth.error.network')))
    }
    // The whole site follows the saved language and time zone: reload the page in that language.
    setSaved(true)
    window.location.assign(`/${language}/account/settings?saved=1`)
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate data-testid="profile-form">
      <h3 style={{ margin: 0 }}>{t(locale, 'settings.profile')}</h3>
      <label>
        {t(locale, 'signup.name')}
        <input name="name" defaultValue={profile.name} maxLength={120} autoComplete="name" {...invalidProps('name', errors)} />
        <FieldError name="name" errors={errors} />
      </label>
      <label>
        {t(locale, 'login.email')}
        <input value={profile.email} readOnly aria-readonly="true" />
      </label>
      <label>
        {t(locale, 'settings.language')}
        <select name="locale" defaultValue={profile.locale} data-testid="settings-locale">
          <option value="en" lang="en">
            English
          </option>
          <option value="fr" lang="fr">
            Français
          </option>
        </select>
      </label>
      <div>
        <TimeZonePicker locale={locale} name="timezone" choices={timeZones} invalid={invalidProps('timezone', errors)} />
        <FieldError name="timezone" errors={errors} />
      </div>
      <fieldset style={{ display: 'grid' }}>
        <legend>{t(locale, 'settings.emails')}</legend>
        <span className="hint">{t(locale, 'settings.emailsHint')}</span>
        {preferences.map((p) => (
          <label key={p} className="choice" style={{ fontWeight: 400 }}>
            <input type="checkbox" name={`pref-${p}`} defaultChecked={profile.emailPreferences[p] !== false} data-testid={`pref-${p}`} />
            {t(locale, `settings.pref.${p}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <FormAlert message={errors.form} />
      {saved ? (
        <p className="ok" role="status">
          {t(locale, 'settings.saved')}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy} data-testid="save-profile">
        {t(locale, 'settings.save')}
      </button>
    </form>
  )
}

/** Changes the password after checking the current one. */
export function PasswordForm({ locale, userId, email }: { locale: Locale; userId: number; email: string }) {
  const [errors, setErrors] = useState<Errors>({})
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState(false)
  const onSubmit = async (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault()
    const formElement = event.currentTarget
    const form = new FormData(formElement)
    const current = String(form.get('current') ?? '')
    const next = String(form.get('password') ?? '')
    const found: Errors = {}
    if (!current) found.current = t(locale, 'settings.error.current')
    if (next.length < 8) found.password = t(locale, 'auth.error.passwordLength', { n: 8 })
    else if (next !== String(form.get('confirm') ?? '')) found.confirm = t(locale, 'reset.error.mismatch')
    setErrors(found)
    setDone(false)
    if (Object.keys(found).length) return
    setBusy(true)
    const check = await send('POST', '/users/login', { email, password: current })
    if (!check.ok) {
      setBusy(false)
      return setErrors(check.status === 401 ? { current: t(locale, 'settings.error.currentWrong') } : { form: t(locale, 'login.locked') })
    }
    const res = await send('PATCH', `/users/${userId}`, { password: next })
    setBusy(false)
    if (!res.ok) {
      const fields = fieldErrorsOf(res.body)
      return setErrors(fields.password ? { password: fields.password } : { form: failureMessage(res, t(locale, 'auth.error.generic'), t(locale, 'auth.error.network')) })
    }
    formElement.reset()
    setDone(true)
  }
  return (
    <form className="card form" onSubmit={onSubmit} noValidate data-testid="password-form">
      <h3 style={{ margin: 0 }}>{t(locale, 'settings.password')}</h3>
      <label>
        {t(locale, 'settings.currentPassword')}
        <input name="current" type="password" autoComplete="current-password" {...invalidProps('current', errors)} />
        <FieldError name="current" errors={errors} />
      </label>
      <label>
        {t(locale, 'reset.password')}
        <input name="password" type="password" autoComplete="new-password" {...invalidProps('password', errors)} />
        <FieldError name="password" errors={errors} />
      </label>
      <label>
        {t(locale, 'reset.confirm')}
        <input name="confirm" type="password" autoComplete="new-password" {...invalidProps('confirm', errors)} />
        <FieldError name="confirm" errors={errors} />
      </label>
      <FormAlert message={errors.form} />
      {done ? (
        <p className="ok" role="status" data-testid="password-changed">
          {t(locale, 'settings.passwordChanged')}
        </p>
      ) : null}
      <button type="submit" className="button" disabled={busy} data-testid="change-password">
        {t(locale, 'settings.changePassword')}
      </button>
    </form>
  )
}
