'use client'
import { FieldDescription, FieldError, FieldLabel, fieldBaseClass, useAuth, useField, useFormFields, useTranslation } from '@payloadcms/ui'
import type { NumberFieldClientProps } from 'payload'
import React, { useCallback, useEffect, useState } from 'react'

import type { MoneyFieldProps } from '@/collections/shared/money'
import { money, parseMajor, toMajorString } from '@/domain/money'
import { formatMoneyForTag } from '@/i18n/format'
import { localeOf } from '@/i18n/locale'
import { moneyProblem } from '@/lib/validators'

const CODE = /^[A-Z]{3}$/

/** The text a stored value shows in the input: "25.50" for 2550 (empty when unset; typed text as is). */
const textOf = (value: unknown, currency: string | undefined): string =>
  typeof value === 'number' && Number.isSafeInteger(value) ? toMajorString(money(value, currency ?? 'XXX')) : typeof value === 'string' ? value : ''

/** The amount a text stands for in minor units, or null when it is not one. */
const amountOf = (text: string, currency: string | undefined): number | null => {
  try {
    return parseMajor(text, currency ?? 'XXX').amount
  } catch {
    return null
  }
}

/**
 * Money in the admin panel: typed and shown in currency units ("25.50" next to "EUR"), stored as
 * integer minor units (2550). Text that is not an amount stays in the form as text, so the shared
 * validator names the problem ("Price: "25,5x" is not an amount") instead of a silent rounding.
 * The currency is fixed (per-currency settings) or read from the sibling `currency` field; a new
 * offer has none yet (the server sets the creator's), so a creator sees their own.
 */
export const MoneyField: React.FC<NumberFieldClientProps & MoneyFieldProps> = (props) => {
  const { path: pathFromProps, field, readOnly, currency: fixedCurrency, currencyField = 'currency', min, max, required, label } = props
  const { i18n } = useTranslation()
  const locale = localeOf(i18n.language)
  const { user } = useAuth()
  const siblingPath = (() => {
    const parts = (pathFromProps ?? field.name).split('.')
    parts[parts.length - 1] = currencyField
    return parts.join('.')
  })()
  const sibling = useFormFields(([fields]) => fields?.[siblingPath]?.value)
  const [ownCurrency, setOwnCurrency] = useState<string | undefined>(undefined)
  const fromForm = typeof sibling === 'string' && CODE.test(sibling.toUpperCase()) ? sibling.toUpperCase() : undefined
  const currency = fixedCurrency ?? fromForm ?? ownCurrency
  const isCreator = (user as { role?: string } | null)?.role === 'creator'

  useEffect(() => {
    if (fixedCurrency || fromForm || !isCreator) return
    let live = true
    void (async () => {
      const res = await fetch('/api/creators/me', { credentials: 'include', cache: 'no-store' })
      const body = res.ok ? ((await res.json()) as { currency?: string }) : null
      if (live && body?.currency) setOwnCurrency(body.currency)
    })()
    return () => {
      live = false
    }
  }, [fixedCurrency, fromForm, isCreator])

  const validate = useCallback(
    (value: unknown) => moneyProblem(value, { label, currency, locale, min, max, required: required ?? field.required }) ?? true,
    [label, currency, locale, min, max, required, field.required],
  )
  const { value, setValue, showError, disabled, path } = useField<number | string | null>({ potentiallyStalePath: pathFromProps, validate: validate as never })
  const [text, setText] = useState(() => textOf(value, currency))

  // A value set from outside (load, save, reset) or a currency that arrived later: show it again.
  useEffect(() => {
    setText((current) => (typeof value === 'string' || (value ?? null) === amountOf(current, currency) ? current : textOf(value, currency)))
  }, [value, currency])

  const onChange = (event: React.ChangeEvent<HTMLInputElement>) => {
    const typed = event.target.value
    setText(typed)
    if (typed.trim() === '') return setValue(null)
    const amount = amountOf(typed, currency)
    setValue(amount ?? typed)
  }

  const id = `field-${path.replace(/\./g, '__')}`
  const locked = Boolean(readOnly || disabled)
  const shown = typeof value === 'number' && Number.isSafeInteger(value) && currency ? formatMoneyForTag(money(value, currency), locale) : null

  return (
    <div className={[fieldBaseClass, 'number', 'money-field', showError && 'error', locked && 'read-only'].filter(Boolean).join(' ')} data-testid={`money-field-${path}`}>
      <FieldLabel label={field.label} path={path} required={required ?? field.required} />
      <div className={`${fieldBaseClass}__wrap`}>
        <FieldError path={path} showError={showError} />
        {locked ? (
          <div data-testid={`money-value-${path}`} style={{ padding: '8px 0', fontVariantNumeric: 'tabular-nums', fontSize: '1.05em' }}>
            {shown ?? (value === null || value === undefined ? '—' : String(value))}
          </div>
        ) : (
          <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
            <input
              id={id}
              name={path}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={text}
              onChange={onChange}
              placeholder={toMajorString(money(0, currency ?? 'XXX'))}
              style={{ fontVariantNumeric: 'tabular-nums' }}
            />
            <span aria-hidden style={{ opacity: 0.7, minWidth: 36 }}>{currency ?? ''}</span>
          </div>
        )}
        {!locked && shown ? <div style={{ marginTop: 4, opacity: 0.7, fontSize: '0.9em' }}>= {shown}</div> : null}
        <FieldDescription description={field.admin?.description} path={path} />
      </div>
    </div>
  )
}
