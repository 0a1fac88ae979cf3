'use client'

import React, { useState } from 'react'

import { t, type Locale, type MessageKey } from '@/i18n'

export const TEST_CARDS: { number: string; label: MessageKey }[] = [
  { number: '4242 4242 4242 4242', label: 'book.card.success' },
  { number: '4000 0000 0000 0002', label: 'book.card.declined' },
  { number: '4000 0000 0000 9995', label: 'book.card.insufficient' },
]

/** Without Stripe keys: pick one of Stripe's test cards; the server confirms the PaymentIntent against the emulator. */
export function TestCardForm({ locale, payLabel, busy, onPay }: { locale: Locale; payLabel: string; busy: boolean; onPay: (card: string) => void }) {
  const [card, setCard] = useState(TEST_CARDS[0].number)
  return (
    <form
      className="test-cards"
      data-testid="test-card-form"
      onSubmit={(event) => {
        event.preventDefault()
        onPay(card)
      }}
    >
      <p className="muted">{t(locale, 'book.testMode')}</p>
      <fieldset>
        <legend>{t(locale, 'book.card')}</legend>
        {TEST_CARDS.map((c) => (
          <label key={c.number} className="choice">
            <input type="radio" name="card" value={c.number} checked={card === c.number} onChange={() => setCard(c.number)} />
            {t(locale, c.label)}
          </label>
        ))}
      </fieldset>
      <button type="submit" className="button" disabled={busy} data-testid="pay">
        {busy ? t(locale, 'book.paying') : payLabel}
      </button>
    </form>
  )
}
