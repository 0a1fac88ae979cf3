/**
 * The schedule table (SPEC §10): which job runs when, in UTC. Jobs of later features (holds,
 * reminders, calls, rooms, offers, payouts, reconciliation) join this table with their feature.
 */
export const SCHEDULE = [
  { job: 'expire-holds', cron: '* * * * *', description: 'Release checkout holds past their time; cancel their PaymentIntents' },
  { job: 'retry-emails', cron: '*/5 * * * *', description: 'Retry failed emails whose backoff has elapsed' },
  { job: 'call-reminders', cron: '*/5 * * * *', description: 'Remind fan and creator 24 h and 15 min before a confirmed call (each once, with the join link and the .ics)' },
  { job: 'complete-calls', cron: '*/5 * * * *', description: 'Decide ended calls from the provider attendance: completed, creator no-show (refund), fan no-show, nobody (admin)' },
  { job: 'expire-call-requests', cron: '0 * * * *', description: 'Expire pending call requests whose proposed start − 2 h has passed' },
  { job: 'close-past-offers', cron: '0 * * * *', description: 'Cancel offers still available past their booking cut-off' },
  { job: 'delete-call-rooms', cron: '7 * * * *', description: 'Delete Daily video rooms past their expiry (end + 10 min) or of cancelled bookings, 2 per second at most' },
  { job: 'log-retention', cron: '0 2 * * *', description: 'Delete system logs past their retention (CRITICAL kept) and call signals a day after their call' },
  { job: 'scheduled-payouts', cron: '0 3 * * *', description: 'Pay out daily / weekly (Mondays) / monthly (1st) creators; lift debt blocks whose debt is cleared' },
  { job: 'reconcile-balances', cron: '0 4 * * *', description: 'Check every connected account: ledger + payouts not yet at Stripe = Stripe balance; drift is CRITICAL' },
] as const

export type ScheduledJob = (typeof SCHEDULE)[number]['job']

export const isScheduledJob = (name: string): name is ScheduledJob => SCHEDULE.some((s) => s.job === name)

/** A slot is the minute a run belongs to; every instance computes the same slot for one tick. */
export const slotOf = (at: Date): Date => {
  const slot = new Date(at)
  slot.setUTCSeconds(0, 0)
  return slot
}
