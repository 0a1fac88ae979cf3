'use client'
import { DatePicker, FieldDescription, FieldError, FieldLabel, fieldBaseClass, useAuth, useDocumentInfo, useField, useTranslation } from '@payloadcms/ui'
import type { DateFieldClientProps } from 'payload'
import React, { useCallback, useMemo } from 'react'

import { validTimeZone } from '@/i18n/format'
import { localeOf } from '@/i18n/locale'
import { instantFromPicker, pickerDateOf } from '@/i18n/zonedTime'
import { OFFER_ERRORS, OFFER_START } from '@/messages/creatorPanel'

const browserZone = (): string => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'
  } catch {
    return 'UTC'
  }
}

/**
 * An offer's start, picked as a wall time in the viewer's own zone (their profile's `timezone`, else
 * the browser's), the zone named next to the field: 5-minute steps, 24-hour times, "Time" in the
 * reader's language. The picker itself only knows the browser's zone, so the value is shown as the
 * zone's wall time and read back as the instant that wall time means there (stored in UTC).
 * A start in the past is refused here, next to the field; the server still applies the cut-off.
 */
export const OfferStartField: React.FC<DateFieldClientProps> = (props) => {
  const { path: pathFromProps, field, readOnly } = props
  const { i18n } = useTranslation()
  const locale = localeOf(i18n.language)
  const t = OFFER_START[locale]
  const { user } = useAuth()
  const timeZone = validTimeZone((user as { timezone?: string | null } | null)?.timezone) ?? browserZone()
  const required = field.required
  // A stored start that has passed (a done call) does not block editing the rest of the offer.
  const stored = useDocumentInfo().initialData?.[field.name] as string | undefined

  const validate = useCallback(
    (value: unknown) => {
      if (!value) return required ? OFFER_ERRORS[locale].required : true
      const at = new Date(String(value)).getTime()
      if (stored && new Date(stored).getTime() === at) return true
      return Number.isNaN(at) || at <= Date.now() ? OFFER_ERRORS[locale].past : true
    },
    [locale, required, stored],
  )
  const { value, setValue, showError, disabled, path } = useField<string | null>({ potentiallyStalePath: pathFromProps, validate: validate as never })
  const shown = useMemo(() => (value ? pickerDateOf(new Date(value), timeZone) : null), [value, timeZone])
  const locked = Boolean(readOnly || disabled)

  const onChange = (picked: Date | null) => {
    if (locked) return
    setValue(picked ? instantFromPicker(picked, timeZone).toISOString() : null)
  }

  return (
    <div
      className={[fieldBaseClass, 'date-time-field', showError && 'date-time-field--has-error', locked && 'read-only'].filter(Boolean).join(' ')}
      data-testid="offer-start-field"
      data-time-zone={timeZone}
    >
      <FieldLabel label={field.label} path={path} required={required} />
      <div className={`${fieldBaseClass}__wrap`} id={`field-${path.replace(/\./g, '__')}`}>
        <FieldError path={path} showError={showError} />
        <DatePicker
          pickerAppearance="dayAndTime"
          timeIntervals={5}
          timeFormat={t.timeFormat}
          displayFormat={t.displayFormat}
          readOnly={locked}
          value={shown ?? undefined}
          onChange={onChange}
          overrides={{ timeCaption: t.time }}
        />
        <div data-testid="offer-start-zone" style={{ marginTop: 4, opacity: 0.8 }}>
          {t.zone(timeZone)}
        </div>
        <FieldDescription description={field.admin?.description} path={path} />
      </div>
    </div>
  )
}
