/** Notification types (SPEC §8). `email: true` are the starred ones that also send an email. */
export const NOTIFICATION_TYPES = {
  booking_confirmed: { email: true, essential: true },
  booking_cancelled: { email: true, essential: true },
  booking_reminder: { email: true, essential: false, preference: 'reminders' },
  call_request_received: { email: true, essential: false, preference: 'callRequests' },
  call_request_accepted: { email: true, essential: false, preference: 'callRequests' },
  call_request_rejected: { email: true, essential: false, preference: 'callRequests' },
  review_received: { email: false, essential: false },
  payment_received: { email: false, essential: false },
  payout_requested: { email: false, essential: false },
  payout_approved: { email: false, essential: false },
  payout_rejected: { email: true, essential: true },
  payout_paid: { email: true, essential: false, preference: 'payouts' },
  payout_failed: { email: true, essential: true },
  refund_requested: { email: false, essential: false },
  refund_approved: { email: true, essential: true },
  refund_rejected: { email: true, essential: true },
  dispute_created: { email: true, essential: true },
  dispute_closed: { email: false, essential: false },
  debt_created: { email: true, essential: true },
  payouts_blocked: { email: true, essential: true },
  payouts_unblocked: { email: false, essential: false },
  system: { email: false, essential: false },
} as const satisfies Record<string, { email: boolean; essential: boolean; preference?: EmailPreference }>

export type NotificationType = keyof typeof NOTIFICATION_TYPES
export const NOTIFICATION_TYPE_NAMES = Object.keys(NOTIFICATION_TYPES) as NotificationType[]

/** Opt-out categories on the user; essential emails (money, bookings, security) ignore them. */
export const EMAIL_PREFERENCES = ['reminders', 'callRequests', 'payouts', 'product'] as const
export type EmailPreference = (typeof EMAIL_PREFERENCES)[number]

/** Whether a notification of `type` should also go out by email to a user with `prefs`. */
export const shouldEmail = (
  type: NotificationType,
  prefs: Partial<Record<EmailPreference, boolean | null>> | null | undefined,
): boolean => {
  const rule: { email: boolean; essential: boolean; preference?: EmailPreference } = NOTIFICATION_TYPES[type]
  if (!rule.email) return false
  if (rule.essential || !rule.preference) return true
  return prefs?.[rule.preference] !== false
}
