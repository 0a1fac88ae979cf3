/**
 * Whether a creator may be paid out now, and how much (SPEC §7). Pure: the service reads the
 * creator, the balance (under the ledger lock) and the settings, and asks this decider.
 */
import type { Balance } from './ledger'
import { formatMoney, money } from './money'
import { Refusal } from './refusal'

export type PayoutCandidate = {
  /** The connected account can receive payouts (`payouts_enabled` from `account.updated`). */
  payoutsEnabled: boolean
  hasStripeAccount: boolean
  payoutsBlocked: boolean
  blockedReason?: string | null
  /** The creator's own minimum in this currency's minor units (null: none). */
  creatorMinimum: number | null
  platformMinimum: number
  balance: Balance
  /** An open payout (requested, approved, processing) in this currency, if any. */
  openPayoutId: number | null
  /** What was asked for; absent = everything available. */
  amount?: number
}

const shown = (amount: number, currency: string) => formatMoney(money(amount, currency), 'en')

/** The payout amount in minor units, or the refusal naming the figure at fault. */
export const decidePayout = (c: PayoutCandidate): number => {
  const { currency, available, debt } = c.balance
  if (c.amount !== undefined && (!Number.isSafeInteger(c.amount) || c.amount <= 0)) {
    throw new Refusal(400, 'INVALID_INPUT', `amount must be a positive whole number of minor units (${c.amount} given).`, 'amount')
  }
  if (!c.hasStripeAccount || !c.payoutsEnabled) {
    throw new Refusal(422, 'PAYOUTS_NOT_ENABLED', 'Your payment account cannot receive payouts yet: finish its onboarding with Stripe first.')
  }
  if (c.payoutsBlocked) throw new Refusal(422, 'PAYOUTS_BLOCKED', `Payouts are blocked on your account${c.blockedReason ? `: ${c.blockedReason}` : '.'}`)
  if (c.openPayoutId !== null) {
    throw new Refusal(409, 'PAYOUT_ALREADY_OPEN', `Payout ${c.openPayoutId} in ${currency} is still open; wait until it is paid or cancel it before requesting another.`)
  }
  if (debt > 0) throw new Refusal(422, 'CREATOR_IN_DEBT', `Your ${currency} balance is negative (${shown(-debt, currency)}): no payout until the debt is cleared.`)
  const minimum = Math.max(c.creatorMinimum ?? 0, c.platformMinimum)
  if (available < minimum) {
    throw new Refusal(422, 'BELOW_MINIMUM', `Available ${shown(available, currency)} is below the minimum payout of ${shown(minimum, currency)}.`)
  }
  // Nothing to pay out is refused whatever the minimums say (a minimum of 0 would otherwise grant a payout of 0).
  if (available <= 0) throw new Refusal(422, 'BELOW_MINIMUM', `Nothing is available to pay out in ${currency} yet.`)
  const amount = c.amount ?? available
  if (amount > available) {
    throw new Refusal(422, 'AMOUNT_OVER_AVAILABLE', `You asked for ${shown(amount, currency)} but only ${shown(available, currency)} is available.`, 'amount')
  }
  if (amount < minimum) throw new Refusal(422, 'BELOW_MINIMUM', `A payout must be at least ${shown(minimum, currency)}; you asked for ${shown(amount, currency)}.`, 'amount')
  return amount
}

export type PayoutSchedule = 'manual' | 'daily' | 'weekly' | 'monthly'

/**
 * The automatic schedules due on `day` (UTC), for the daily scheduled-payouts run: daily every day,
 * weekly on Mondays, monthly on the 1st. Manual creators are never paid out automatically.
 */
export const schedulesDueOn = (day: Date): Exclude<PayoutSchedule, 'manual'>[] => [
  'daily' as const,
  ...(day.getUTCDay() === 1 ? ['weekly' as const] : []),
  ...(day.getUTCDate() === 1 ? ['monthly' as const] : []),
]
