'use client'

import React, { useEffect, useState } from 'react'

import type { BookingStatusBody } from '@/domain/apiTypes'
import { t, type Locale, type MessageKey } from '@/i18n'

import { callApi } from './api'

const POLL_MS = 1_500

/** The success page's status: polls until the webhook has confirmed the booking, then offers the .ics. */
export function BookingConfirmation({ locale, bookingId, initialStatus }: { locale: Locale; bookingId: number; initialStatus: string }) {
  const [status, setStatus] = useState(initialStatus)
  useEffect(() => {
    if (status !== 'pending') return
    let stopped = false
    const timer = setInterval(async () => {
      const res = await callApi<BookingStatusBody>('GET', `/bookings/${bookingId}/status`)
      if (!stopped && res.ok && res.data.booking !== 'pending') setStatus(res.data.booking)
    }, POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [bookingId, status])

  if (status === 'pending') {
    return (
      <p className="notice" role="status" data-testid="confirming">
        {t(locale, 'success.confirming')}
      </p>
    )
  }
  if (status !== 'confirmed' && status !== 'completed') {
    return (
      <p className="error" role="alert" data-testid="not-confirmed">
        {t(locale, 'success.notConfirmed', { status: t(locale, `status.booking.${status}` as MessageKey) })}
      </p>
    )
  }
  return (
    <div role="status" data-testid="confirmed">
      <p className="ok">{t(locale, 'success.confirmed')}</p>
      <p className="actions">
        <a className="button" href={`/api/bookings/${bookingId}/ics`} download={`callastar-booking-${bookingId}.ics`} data-testid="add-to-calendar">
          {t(locale, 'success.addToCalendar')}
        </a>
        <a href={`/${locale}/account`}>{t(locale, 'success.seeBookings')}</a>
      </p>
    </div>
  )
}
