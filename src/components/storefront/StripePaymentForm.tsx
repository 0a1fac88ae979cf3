'use client'

import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js'
import type { Stripe } from '@stripe/stripe-js'
import { loadStripe } from '@stripe/stripe-js/pure'
import React, { useState } from 'react'

import { t, type Locale } from '@/i18n'

let stripePromise: { key: string; promise: Promise<Stripe | null> } | null = null
const stripeFor = (key: string) => {
  if (!stripePromise || stripePromise.key !== key) stripePromise = { key, promise: loadStripe(key) }
  return stripePromise.promise
}

type Props = { locale: Locale; publishableKey: string; clientSecret: string; payLabel: string; returnUrl: string; onPaid: () => void; onError: (message: string) => void }

function PayButton({ locale, payLabel, returnUrl, onPaid, onError }: Omit<Props, 'publishableKey' | 'clientSecret'>) {
  const stripe = useStripe()
  const elements = useElements()
  const [busy, setBusy] = useState(false)
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault()
        if (!stripe || !elements) return
        setBusy(true)
        // PaymentIntents allow no redirects, so this resolves here unless the card needs 3-D Secure.
        const { error } = await stripe.confirmPayment({ elements, redirect: 'if_required', confirmParams: { return_url: returnUrl } })
        setBusy(false)
        if (error) onError(error.message ?? t(locale, 'book.errorGeneric'))
        else onPaid()
      }}
    >
      <PaymentElement />
      <button type="submit" className="button" disabled={!stripe || busy} data-testid="pay">
        {busy ? t(locale, 'book.paying') : payLabel}
      </button>
    </form>
  )
}

/** With NEXT_PUBLIC_STRIPE_PUBLISHABLE_KEY: Stripe's Payment Element (loaded only on this path). */
export default function StripePaymentForm({ publishableKey, clientSecret, ...rest }: Props) {
  return (
    <Elements stripe={stripeFor(publishableKey)} options={{ clientSecret, locale: rest.locale }}>
      <PayButton {...rest} />
    </Elements>
  )
}
