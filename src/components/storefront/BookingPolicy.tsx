import React from 'react'

import type { BookingPolicy as Policy } from '@/domain/cancellation'
import { t, type Locale } from '@/i18n'

import { LocalTime } from './LocalTime'

/** The element id of the policy sentence: the booking button points at it (aria-describedby). */
export const BOOKING_POLICY_ID = 'booking-policy'

/**
 * The cancellation and refund policy of the slot on the booking page, stated before "Book and pay"
 * (SPEC §5): free cancellation until a moment shown in the viewer's time zone (the same as the
 * slot's start above it), or none when that moment has already passed.
 */
export function BookingPolicy({ policy, hours, locale, timeZone }: { policy: Policy; hours: number; locale: Locale; timeZone: string | null }) {
  if (policy.kind === 'non_refundable') {
    return (
      <p className="notice" id={BOOKING_POLICY_ID} data-testid="booking-policy" data-policy={policy.kind}>
        {t(locale, 'book.policy.nonRefundable', { hours })}
      </p>
    )
  }
  // `{until}` is left in place by t() and filled with a <time> element.
  const [before, after = ''] = t(locale, 'book.policy.freeUntil', { hours }).split('{until}')
  return (
    <p className="notice" id={BOOKING_POLICY_ID} data-testid="booking-policy" data-policy={policy.kind}>
      {before}
      <LocalTime iso={policy.until.toISOString()} locale={locale} timeZone={timeZone} showZone />
      {after}
    </p>
  )
}
