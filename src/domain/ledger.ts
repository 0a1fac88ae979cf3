/**
 * Creator balances (SPEC §7), derived from ledger entries only. Pure: the rows come from
 * `src/db/ledger.ts` (one sum per currency, type, availability and open payout), the answer is
 * `GET /api/creators/me/balance`.
 */
import type { LEDGER_ENTRY_TYPES } from './statuses'

export type LedgerEntryType = (typeof LEDGER_ENTRY_TYPES)[number]

/** One entry, or one sum of entries alike in currency, type, availability and payout state. */
export type BalanceEntry = {
  currency: string
  type: LedgerEntryType
  /** Signed minor units: + credits the creator, − debits. */
  amount: number
  availableAt: Date
  /** For `payout` entries: the payout is still open (requested, approved or processing). */
  payoutOpen?: boolean
}

export type Balance = {
  currency: string
  /** Everything already available, summed (payout reservations included); may be negative. */
  available: number
  /** Not yet available: earnings before their call end + holding period, and the refunds that cancel them. */
  pending: number
  /** Held by open payouts (requested, approved, processing): already taken out of `available`. */
  reserved: number
  /** What the creator owes: max(0, −available). */
  debt: number
}

/**
 * An entry is pending while its `availableAt` is ahead. Earnings are the ones that wait; a refund of
 * a still-pending earning waits with it (its `availableAt` is the earning's), so it cancels the
 * earning inside `pending` instead of showing as debt. Payouts, reversals, disputes and
 * adjustments are available at once.
 */
export const isPending = (entry: Pick<BalanceEntry, 'availableAt'>, at: Date): boolean => entry.availableAt.getTime() > at.getTime()

/** Balances per currency, sorted by currency code; a currency appears once it has any entry. */
export const balances = (entries: readonly BalanceEntry[], at: Date): Balance[] => {
  const byCurrency = new Map<string, Balance>()
  for (const entry of entries) {
    if (!Number.isSafeInteger(entry.amount)) throw new RangeError(`A ledger amount must be whole minor units, got ${entry.amount}.`)
    const currency = entry.currency.toUpperCase()
    const balance = byCurrency.get(currency) ?? { currency, available: 0, pending: 0, reserved: 0, debt: 0 }
    if (isPending(entry, at)) balance.pending += entry.amount
    else balance.available += entry.amount
    if (entry.type === 'payout' && entry.payoutOpen) balance.reserved -= entry.amount
    byCurrency.set(currency, balance)
  }
  return [...byCurrency.values()]
    .map((b) => ({ ...b, debt: Math.max(0, -b.available) }))
    .sort((a, b) => a.currency.localeCompare(b.currency))
}

/** The balance in one currency (all zero when the creator has no entry in it). */
export const balanceIn = (all: readonly Balance[], currency: string): Balance =>
  all.find((b) => b.currency === currency.toUpperCase()) ?? { currency: currency.toUpperCase(), available: 0, pending: 0, reserved: 0, debt: 0 }

/**
 * When an earning becomes available (SPEC §7): the holding period after the later of the payment
 * and the scheduled end of the call it pays for, so never before the call has happened.
 */
export const earningAvailableAt = (paidAt: Date, callEndsAt: Date | null, holdingDays: number): Date => {
  const from = callEndsAt && callEndsAt.getTime() > paidAt.getTime() ? callEndsAt : paidAt
  return new Date(from.getTime() + holdingDays * 86_400_000)
}
