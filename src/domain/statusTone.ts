/**
 * What a status means, for its colour in the admin panel: green done, amber waiting, red failed or
 * disputed, grey cancelled or over, blue open for business. One table for every status enum of
 * src/domain/statuses.ts (and the payment-account and room statuses).
 */
export type StatusTone = 'done' | 'waiting' | 'failed' | 'cancelled' | 'open'

const TONES: Record<StatusTone, readonly string[]> = {
  done: ['confirmed', 'completed', 'succeeded', 'paid', 'accepted', 'won', 'warning_closed', 'processed', 'sent', 'enabled', 'ready', 'booked'],
  waiting: [
    'pending', 'held', 'requires_payment', 'processing', 'requested', 'approved', 'under_review', 'warning_under_review', 'queued', 'running',
    'sending', 'retrying', 'received', 'creating', 'open', 'partially_refunded',
  ],
  failed: ['failed', 'rejected', 'lost', 'needs_response', 'warning_needs_response', 'restricted', 'disputed'],
  cancelled: ['cancelled', 'canceled', 'expired', 'refunded', 'ignored', 'deleted', 'none', 'stored'],
  open: ['available'],
}

const BY_VALUE = new Map<string, StatusTone>(Object.entries(TONES).flatMap(([tone, values]) => values.map((v) => [v, tone as StatusTone] as const)))

/** The tone of a status value; unknown values read as waiting (amber draws the eye without alarming). */
export const statusTone = (value: string): StatusTone => BY_VALUE.get(value) ?? 'waiting'

/** Select fields shown as coloured status words: `status` and `…Status` (stripeAccountStatus, roomStatus, disputeStatus). */
export const isStatusField = (name: string): boolean => name === 'status' || /[a-z]Status$/.test(name)
