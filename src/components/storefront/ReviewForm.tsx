'use client'

import { useRouter } from 'next/navigation'
import React, { useState } from 'react'

import { t, type Locale } from '@/i18n'

import { sendJson } from './api'
import { failureMessage, fieldErrorsOf } from './formErrors'

const MAX_COMMENT = 1000

/** Rate a completed call once: 1–5 stars and an optional comment (≤ 1000 characters). */
export function ReviewForm({ locale, bookingId }: { locale: Locale; bookingId: number }) {
  const router = useRouter()
  const [open, setOpen] = useState(false)
  const [rating, setRating] = useState(0)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!open) {
    return (
      <button type="button" className="button small secondary" onClick={() => setOpen(true)} data-testid="leave-review">
        {t(locale, 'review.leave')}
      </button>
    )
  }
  const submit = async (event: React.FormEvent) => {
    event.preventDefault()
    if (rating < 1 || rating > 5) return setError(t(locale, 'review.error.rating'))
    if (comment.length > MAX_COMMENT) return setError(t(locale, 'review.error.comment', { n: comment.length }))
    setBusy(true)
    setError(null)
    const res = await sendJson('POST', '/reviews', { booking: bookingId, rating, comment: comment.trim() })
    setBusy(false)
    if (res.ok) {
      router.refresh()
      return
    }
    setError(Object.values(fieldErrorsOf(res.body))[0] ?? failureMessage(res, t(locale, 'review.error.generic'), t(locale, 'auth.error.network')))
  }
  return (
    <form className="form" onSubmit={submit} noValidate data-testid="review-form" style={{ width: '100%' }}>
      <fieldset>
        <legend>{t(locale, 'review.rating')}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className="choice">
            <input type="radio" name="rating" value={n} checked={rating === n} onChange={() => setRating(n)} data-testid={`rating-${n}`} />
            <span aria-hidden="true">{'★'.repeat(n)}</span>
            <span className="skip-visual">{t(locale, 'review.stars', { n })}</span>
          </label>
        ))}
      </fieldset>
      <label>
        {t(locale, 'review.comment')}
        <textarea name="comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="review-comment" />
        <span className="hint">
          {comment.length}/{MAX_COMMENT}
        </span>
      </label>
      {error ? (
        <p className="error" role="alert" data-testid="review-error">
          {error}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="button small" disabled={busy} data-testid="review-submit">
          {t(locale, 'review.submit')}
        </button>
        <button type="button" className="linklike" onClick={() => setOpen(false)}>
          {t(locale, 'common.cancel')}
        </button>
      </div>
    </form>
  )
}
