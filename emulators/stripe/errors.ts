/**
 * Errors in Stripe's shape, so the SDK raises its own `StripeCardError`, `StripeInvalidRequestError`, … classes.
 */
import type { PaymentIntent, PaymentMethod } from './objects'

type ErrorType = 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error'
type ErrorBody = {
  type: ErrorType
  message: string
  code?: string
  decline_code?: string
  param?: string
  doc_url?: string
  charge?: string
  payment_intent?: PaymentIntent
  payment_method?: PaymentMethod
}

export class EmulatedStripeError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    /** Set when the request changed state before failing (a decline): Stripe then keeps the answer for the idempotency key. */
    readonly afterSideEffects = false,
  ) {
    super(body.message)
  }
}

export const invalid = (message: string, extra: Partial<ErrorBody> = {}) => new EmulatedStripeError(400, { type: 'invalid_request_error', message, ...extra })
export const missingResource = (kind: string, id: string, param = 'id') =>
  new EmulatedStripeError(404, { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param })
