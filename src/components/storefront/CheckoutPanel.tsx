'use client'

import React, { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react'

import type { BookingStatusBody, CheckoutBody, OfferAvailabilityBody, PaymentMode, TestCardPaymentBody } from '@/domain/apiTypes'
import { isRefusalCode, type KnownRefusalCode } from '@/domain/refusal'
import { t, type Locale, type MessageKey } from '@/i18n'

import { callApi } from './api'
import { formatCountdown } from '@/i18n/format'
import { TestCardForm } from './TestCardForm'

const StripePaymentForm = lazy(() => import('./StripePaymentForm'))

/** How often the page re-checks the slot (SPEC §12: "already booked" within 5 s). */
const AVAILABILITY_POLL_MS = 2_000
const BOOKING_POLL_MS = 3_000

type Hold = { bookingId: number; holdExpiresAt: string; clientSecret?: string }

type Props = {
  locale: Locale
  offerId: number
  priceLabel: string
  initialAvailability: OfferAvailabilityBody
  /** The viewer's own live hold on this offer (page reloaded during checkout). */
  initialHold: Hold | null
  /** The server's clock when it rendered the page: the countdown's first render, the same on the server and in the browser (no hydration mismatch). */
  renderedAt: number
  /** Set for guests: where to log in and come back. */
  loginHref: string | null
  paymentMode: PaymentMode
  publishableKey: string | null
  successPath: string
  /** The slot's cancellation policy, stated before booking and paying (rendered by the page). */
  policy?: React.ReactNode
  /** The id of the policy's element, which the "Book and pay" button points at (aria-describedby). */
  policyId?: string
}

/**
 * The booking page's interactive part: book (hold the slot), the hold countdown, the payment form
 * (test cards against the emulator, or Stripe's Payment Element), decline messages with retry,
 * and polling so that a slot taken by someone else shows as "already booked" within seconds.
 */
/** Card declines in the page's language (Stripe's messages are English), by Stripe's own decline or error code. */
const DECLINES: Record<string, MessageKey> = {
  insufficient_funds: 'book.decline.insufficient',
  expired_card: 'book.decline.expired',
  incorrect_cvc: 'book.decline.cvc',
}

/** Checkout refusals in the page's language (the API's messages are English). */
const CHECKOUT_ERRORS: Partial<Record<KnownRefusalCode, MessageKey>> = {
  OWN_OFFER: 'book.ownOffer',
  OFFER_RESERVED: 'book.reserved',
  BOOKING_CLOSED: 'book.unavailable',
  CREATOR_NOT_PAYABLE: 'book.creatorNotPayable',
  PAYMENT_PROVIDER_UNAVAILABLE: 'book.providerDown',
}

/** The API's refusal code, or null for anything else (a card code, an HTTP status, the network). */
const refusalOf = (code: string): KnownRefusalCode | null => (isRefusalCode(code) ? code : null)

/** What to tell the fan when a call failed: our refusal in their language, the network, or a generic error. */
const errorMessage = (code: string): MessageKey => {
  if (code === 'NETWORK') return 'auth.error.network'
  const refusal = refusalOf(code)
  return (refusal && CHECKOUT_ERRORS[refusal]) || 'book.errorGeneric'
}

export function CheckoutPanel(props: Props) {
  const { locale, offerId, priceLabel, loginHref, paymentMode, publishableKey, successPath, policy, policyId } = props
  const [availability, setAvailability] = useState(props.initialAvailability)
  const [hold, setHold] = useState<Hold | null>(props.initialHold)
  const [expired, setExpired] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [clock, setClock] = useState(props.renderedAt)
  const leaving = useRef(false)
  // Marks the panel interactive (hydrated), for people and tests alike.
  const [ready, setReady] = useState(false)
  useEffect(() => {
    setReady(true)
    setClock(Date.now())
  }, [])

  const goToSuccess = useCallback(
    (bookingId: number) => {
      if (leaving.current) return
      leaving.current = true
      window.location.assign(`${successPath}?booking=${bookingId}`)
    },
    [successPath],
  )

  // Without a hold of our own: is the slot still free?
  useEffect(() => {
    if (hold) return
    let stopped = false
    const check = async () => {
      const res = await callApi<OfferAvailabilityBody>('GET', `/offers/${offerId}/availability`)
      if (!stopped && res.ok) setAvailability(res.data)
    }
    const timer = setInterval(check, AVAILABILITY_POLL_MS)
    return () => {
      stopped = true
      clearInterval(timer)
    }
  }, [hold, offerId])

  // With a hold: the countdown, and the booking's state (the webhook confirms it; the hold may expire).
  useEffect(() => {
    if (!hold || expired) return
    const tick = setInterval(() => setClock(Date.now()), 1_000)
    let stopped = false
    const poll = setInterval(async () => {
      const res = await callApi<BookingStatusBody>('GET', `/bookings/${hold.bookingId}/status`)
      if (stopped || !res.ok) return
      if (res.data.booking === 'confirmed') goToSuccess(hold.bookingId)
      else if (res.data.booking !== 'pending') setExpired(true)
    }, BOOKING_POLL_MS)
    return () => {
      stopped = true
      clearInterval(tick)
      clearInterval(poll)
    }
  }, [hold, expired, goToSuccess])

  const startCheckout = useCallback(async () => {
    setBusy(true)
    setError(null)
    const res = await callApi<CheckoutBody>('POST', '/bookings/checkout', { offerId })
    setBusy(false)
    if (res.ok) {
      setHold({ bookingId: res.data.booking.id, holdExpiresAt: res.data.booking.holdExpiresAt, clientSecret: res.data.payment.clientSecret })
      setClock(Date.now())
      return
    }
    if (refusalOf(res.code) === 'OFFER_UNAVAILABLE') setAvailability({ status: 'held', bookable: false })
    else setError(t(locale, errorMessage(res.code)))
  }, [locale, offerId])

  // Stripe's Payment Element needs the PaymentIntent's secret: resuming a hold fetches it again (same booking).
  const needsSecret = paymentMode === 'stripe' && hold !== null && !hold.clientSecret
  useEffect(() => {
    if (needsSecret) void startCheckout()
  }, [needsSecret, startCheckout])

  const payWithTestCard = async (card: string) => {
    if (!hold) return
    setBusy(true)
    setError(null)
    const res = await callApi<TestCardPaymentBody>('POST', `/bookings/${hold.bookingId}/pay-test-card`, { card })
    if (res.ok && res.data.status === 'succeeded') {
      goToSuccess(hold.bookingId)
      return
    }
    setBusy(false)
    if (res.ok) setError(res.data.error ? t(locale, 'book.declined', { message: t(locale, DECLINES[res.data.error.declineCode ?? res.data.error.code] ?? 'book.decline.generic') }) : t(locale, 'book.errorGeneric'))
    else if (refusalOf(res.code) === 'HOLD_EXPIRED' || refusalOf(res.code) === 'BOOKING_NOT_PENDING') setExpired(true)
    else setError(t(locale, errorMessage(res.code)))
  }

  const remaining = hold ? new Date(hold.holdExpiresAt).getTime() - clock : 0
  const holdOver = expired || (hold !== null && remaining <= 0)

  const errorBox = error ? (
    <p className="error" role="alert" data-testid="checkout-error">
      {error}
    </p>
  ) : null

  if (holdOver) {
    return (
      <section className="card checkout" data-testid="checkout" data-ready={ready || undefined}>
        <p className="error" role="alert" data-testid="hold-expired">
          {t(locale, 'book.holdExpired')}
        </p>
      </section>
    )
  }

  if (!hold) {
    const taken = !availability.bookable
    return (
      <section className="card checkout" data-testid="checkout" data-ready={ready || undefined}>
        {taken ? (
          <div className="notice" role="status" data-testid="already-booked">
            <strong>{['held', 'booked'].includes(availability.status) ? t(locale, 'book.alreadyBooked') : t(locale, 'book.unavailable')}</strong>
            {availability.status === 'held' ? <p>{t(locale, 'book.heldByOther')}</p> : null}
          </div>
        ) : null}
        {taken ? null : policy}
        {taken ? null : loginHref ? (
          <a className="button" href={loginHref} data-testid="login-to-book">
            {t(locale, 'book.loginToBook')}
          </a>
        ) : paymentMode === 'unavailable' ? (
          <p className="error">{t(locale, 'book.paymentsUnavailable')}</p>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => void startCheckout()} aria-describedby={policy ? policyId : undefined} data-testid="reserve">
            {busy ? t(locale, 'book.reserving') : t(locale, 'book.reserve', { price: priceLabel })}
          </button>
        )}
        {errorBox}
      </section>
    )
  }

  const payLabel = t(locale, 'book.pay', { price: priceLabel })
  return (
    <section className="card checkout" data-testid="checkout" data-ready={ready || undefined}>
      <p className="hold" data-testid="hold-countdown">
        {t(locale, 'book.holdRemaining', { time: formatCountdown(remaining) })}
      </p>
      {policy}
      {errorBox}
      {paymentMode === 'test-card' ? (
        <TestCardForm locale={locale} payLabel={payLabel} busy={busy} onPay={(card) => void payWithTestCard(card)} />
      ) : paymentMode === 'stripe' && publishableKey && hold.clientSecret ? (
        <Suspense fallback={<p>{t(locale, 'common.loading')}</p>}>
          <StripePaymentForm
            locale={locale}
            publishableKey={publishableKey}
            clientSecret={hold.clientSecret}
            payLabel={payLabel}
            returnUrl={`${window.location.origin}${successPath}?booking=${hold.bookingId}`}
            onPaid={() => goToSuccess(hold.bookingId)}
            onError={(message) => setError(t(locale, 'book.declined', { message }))}
          />
        </Suspense>
      ) : paymentMode === 'stripe' ? (
        <p>{t(locale, 'common.loading')}</p>
      ) : (
        <p className="error">{t(locale, 'book.paymentsUnavailable')}</p>
      )}
    </section>
  )
}
