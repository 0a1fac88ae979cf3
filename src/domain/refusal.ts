/**
 * The one refusal type (DESIGN.md): a service or a domain decider refuses with an HTTP status, a
 * machine code from the union below, an English message for API clients, and the field at fault
 * when there is one. Endpoints map it through one helper (src/endpoints/define.ts); the storefront
 * imports `RefusalCode` to react to codes instead of keeping string maps of its own.
 */

export const REFUSAL_CODES = [
  // Request shape and identity.
  'INVALID_INPUT',
  'INVALID_JSON',
  'INVALID_SIGNATURE',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CRON_DISABLED',
  // Checkout.
  'OFFER_NOT_FOUND',
  'OWN_OFFER',
  'OFFER_RESERVED',
  'BOOKING_CLOSED',
  'CREATOR_NOT_PAYABLE',
  'OFFER_UNAVAILABLE',
  'PAYMENT_PROVIDER_UNAVAILABLE',
  // Paying a held booking.
  'BOOKING_NOT_PENDING',
  'HOLD_EXPIRED',
  'NO_PAYMENT',
  'ALREADY_PAID',
  'PAYMENT_NOT_CONFIRMABLE',
  // A booking's calendar file.
  'BOOKING_NOT_CONFIRMED',
  // Cancellation (SPEC §5).
  'BOOKING_NOT_CANCELLABLE',
  'BOOKING_STARTED',
  'CANCELLATION_WINDOW_PASSED',
  'PAYMENT_IN_PROGRESS',
  // Call requests (SPEC §9).
  'CALL_REQUEST_NOT_PENDING',
  'CALL_REQUEST_EXPIRED',
  'SLOT_UNAVAILABLE',
  // Payouts (SPEC §7).
  'PAYOUTS_NOT_ENABLED',
  'PAYOUTS_BLOCKED',
  'CREATOR_IN_DEBT',
  'BELOW_MINIMUM',
  'PAYOUT_ALREADY_OPEN',
  'AMOUNT_OVER_AVAILABLE',
  'PAYOUT_NOT_PENDING',
  // Refunds (SPEC §7).
  'NOTHING_TO_REFUND',
  'PAYMENT_DISPUTED',
  'REFUND_ALREADY_OPEN',
  'REFUND_OVER_MAXIMUM',
  'REFUND_NOT_PENDING',
  // Payout blocks (SPEC §7).
  'PAYOUTS_ALREADY_BLOCKED',
  'PAYOUTS_NOT_BLOCKED',
  // Dispute evidence (SPEC §7).
  'DISPUTE_CLOSED',
  'EVIDENCE_ALREADY_SUBMITTED',
  // Calls (SPEC §6).
  'CALL_NOT_OPEN',
  'CALL_ENDED',
  'ROOM_NOT_READY',
  'CALL_PROVIDER_UNAVAILABLE',
  'UNKNOWN_EVENT_TYPE',
  'TOO_MANY_EVENTS',
  'TOO_MANY_STREAMS',
] as const

export type KnownRefusalCode = (typeof REFUSAL_CODES)[number]

/**
 * A provider's own error code passed through as it is (Stripe's `card_declined`,
 * `incorrect_number`…): the storefront reads these as card errors, not as our refusals.
 */
export type ProviderCode = string & { readonly __provider: true }
export const providerCode = (code: string): ProviderCode => code as ProviderCode

export type RefusalCode = KnownRefusalCode | ProviderCode

export type RefusalStatus = 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429 | 502 | 503

export class Refusal extends Error {
  constructor(
    readonly status: RefusalStatus,
    readonly code: RefusalCode,
    message: string,
    readonly field?: string,
    /** Extra members of the error object (SPEC §14 shape), e.g. Stripe's `declineCode`. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'Refusal'
  }
}

export const isRefusalCode = (value: unknown): value is KnownRefusalCode =>
  typeof value === 'string' && (REFUSAL_CODES as readonly string[]).includes(value)
