/** Every status enum of the data model, in one place (state machines arrive with their features). */
export const OFFER_STATUSES = ['available', 'held', 'booked', 'completed', 'cancelled'] as const
export const BOOKING_STATUSES = ['pending', 'confirmed', 'completed', 'expired', 'cancelled'] as const
/** A booking in one of these holds its offer; the database allows one per offer. */
export const ACTIVE_BOOKING_STATUSES = ['pending', 'confirmed', 'completed'] as const
export const PAYMENT_STATUSES = ['requires_payment', 'processing', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded'] as const
export const LEDGER_ENTRY_TYPES = ['earning', 'refund', 'dispute', 'dispute_won', 'payout', 'payout_reversal', 'adjustment'] as const
export const PAYOUT_STATUSES = ['requested', 'approved', 'processing', 'paid', 'rejected', 'failed', 'cancelled'] as const
export const REFUND_STATUSES = ['requested', 'approved', 'rejected', 'processing', 'succeeded', 'failed'] as const
export const REFUND_POLICIES = ['fan_early_cancellation', 'creator_cancellation', 'creator_no_show', 'late_payment', 'manual', 'stripe_dashboard'] as const
export const DISPUTE_STATUSES = ['warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost'] as const
export const CALL_REQUEST_STATUSES = ['pending', 'accepted', 'rejected', 'expired', 'cancelled'] as const
export const CALL_EVENT_TYPES = [
  'joined', 'left', 'camera_on', 'camera_off', 'mic_on', 'mic_off', 'device_error', 'reconnecting', 'reconnected',
  'meeting_started', 'meeting_ended', 'ejected', 'ended',
] as const
/** Video providers (SPEC §6): Daily when DAILY_API_KEY is set, else our own peer-to-peer WebRTC. */
export const CALL_PROVIDERS = ['daily', 'p2p'] as const
/** A booking's video room: none yet, being created by the job, usable, given up on, deleted after the call. */
export const CALL_ROOM_STATUSES = ['none', 'creating', 'ready', 'failed', 'deleted'] as const
/** What the completion job decided after the scheduled end (SPEC §5, §6). */
export const CALL_OUTCOMES = ['completed', 'creator_no_show', 'fan_no_show', 'both_absent'] as const
export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'retrying', 'failed', 'stored'] as const
export const WEBHOOK_STATUSES = ['received', 'processing', 'processed', 'failed', 'ignored'] as const
export const JOB_RUN_STATUSES = ['queued', 'running', 'succeeded', 'failed'] as const

export const options = (values: readonly string[]) => values.map((v) => ({ label: v, value: v }))
