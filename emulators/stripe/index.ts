/**
 * A local stand-in for the part of the Stripe API Callastar uses (Connect onboarding, destination
 * charges, refunds, transfers and reversals, payouts, disputes, events), for tests and offline work.
 * The official `stripe` SDK is pointed at it with `host`/`port`/`protocol` (see
 * src/integrations/stripe/client.ts). Dev and test only: nothing under src/ imports it, and the
 * production image leaves the emulators/ folder out (.dockerignore).
 *
 * It keeps state in memory, answers with Stripe's object and error shapes (so the SDK raises its own
 * `StripeCardError`, `StripeInvalidRequestError`, … classes), honours `Idempotency-Key`, signs and
 * delivers events to one webhook URL with a real `Stripe-Signature` and retries them like Stripe.
 * Tests can make it misbehave through `control` (or the same operations under `/emulator/…`):
 * failing or hanging the next calls, duplicated and out-of-order webhooks, disputes, payout outcomes.
 *
 * Money follows Stripe's destination-charge model: the whole amount is transferred to the connected
 * account and the application fee is collected back from it, so the creator nets
 * `amount − application_fee_amount` while `transfer.amount` is the full charge.
 *
 * Layout: ./state.ts holds the one state object; ./server.ts starts the HTTP server; ./http.ts and
 * ./routes.ts answer /v1; ./control.ts answers /emulator/…; ./events.ts emits and delivers webhooks;
 * one module per resource (accounts, paymentMethods, paymentIntents, charges, transfers, refunds,
 * payouts, balance, disputes) takes that state as its first argument.
 */
export { startStripeEmulator } from './server'
export { parseForm, type FormObject, type FormValue } from './forms'
export type {
  EmulatedEvent,
  EmulatedRequest,
  FailNextOptions,
  FailureMode,
  StripeEmulator,
  StripeEmulatorControl,
  StripeEmulatorOptions,
  WebhookDelivery,
} from './types'
export type { Account, ApplicationFee, BalanceTransaction, Charge, Dispute, PaymentIntent, PaymentMethod, Payout, Refund, Transfer, TransferReversal } from './objects'
