/**
 * Payout blocks (SPEC §7). An admin blocks or unblocks a creator's payouts with a reason; payouts
 * block by themselves when the creator's debt in a currency exceeds the platform's threshold for
 * it, and unblock by themselves once no debt is left — only when the block was for debt (an
 * admin's block stays until an admin lifts it). Pure: the service reads the creator's block and
 * balances under the creator's row lock and applies the decision.
 */
import type { Balance } from './ledger'
import { formatMoney, money } from './money'
import { Refusal } from './refusal'

export type BlockedBy = 'admin' | 'debt'

export type BlockState = { blocked: boolean; by: BlockedBy | null; reason: string | null }

export const UNBLOCKED: BlockState = { blocked: false, by: null, reason: null }

const shown = (amount: number, currency: string) => formatMoney(money(amount, currency), 'en')

/** The first currency whose debt is over its threshold (strictly above), if any. */
export const debtOverThreshold = (balances: readonly Balance[], thresholds: Readonly<Record<string, number>>): Balance | undefined =>
  balances.find((b) => b.debt > 0 && b.debt > (thresholds[b.currency] ?? 0))

export type DebtDecision = { action: 'block'; state: BlockState; debt: Balance } | { action: 'unblock'; state: BlockState } | { action: 'keep' }

/**
 * What the creator's balances say about an automatic block: block for debt when a debt exceeds its
 * threshold and nothing blocks yet; lift a debt block once no currency is in debt; otherwise keep
 * (an admin's block is never touched, and a debt block stays while any debt remains).
 */
export const decideDebtBlock = (current: BlockState, balances: readonly Balance[], thresholds: Readonly<Record<string, number>>): DebtDecision => {
  if (!current.blocked) {
    const over = debtOverThreshold(balances, thresholds)
    if (!over) return { action: 'keep' }
    const reason = `Debt of ${shown(over.debt, over.currency)} above the threshold of ${shown(thresholds[over.currency] ?? 0, over.currency)}`
    return { action: 'block', state: { blocked: true, by: 'debt', reason }, debt: over }
  }
  if (current.by === 'debt' && balances.every((b) => b.debt === 0)) return { action: 'unblock', state: UNBLOCKED }
  return { action: 'keep' }
}

/** An admin's block: reason required; an existing debt block becomes the admin's (it will not lift by itself). */
export const decideAdminBlock = (current: BlockState, reason: string): BlockState => {
  const text = reason.trim()
  if (text.length < 3) throw new Refusal(400, 'INVALID_INPUT', 'reason is required: tell the creator why (at least 3 characters)', 'reason')
  if (current.blocked && current.by === 'admin') {
    throw new Refusal(409, 'PAYOUTS_ALREADY_BLOCKED', `Payouts are already blocked by an admin${current.reason ? `: ${current.reason}` : '.'}`)
  }
  return { blocked: true, by: 'admin', reason: text }
}

/** An admin lifts any block (an admin's or a debt block); nothing to lift is a 409. */
export const decideAdminUnblock = (current: BlockState): BlockState => {
  if (!current.blocked) throw new Refusal(409, 'PAYOUTS_NOT_BLOCKED', 'Payouts are not blocked.')
  return UNBLOCKED
}
