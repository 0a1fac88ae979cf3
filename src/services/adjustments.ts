/**
 * Ledger adjustments (SPEC §7: "adjustment (admin, reason required)"): an admin corrects a
 * creator's balance with one signed `adjustment` entry — e.g. after a reconciliation drift, or a
 * refund of a disputed payment made by hand. It is a book entry only: no money moves at Stripe.
 * The daily reconciliation compares the ledger with the connected account's Stripe balance, so an
 * adjustment that does not mirror a movement made at Stripe (by hand, in the dashboard) shows up
 * as drift of exactly its amount — which is the point when it corrects one, and a false alarm when
 * it does not.
 */
import type { Payload } from 'payload'

import { lockCreatorBlock } from '@/db/creators'
import { appendLedgerEntry, ledgerSums, lockCreatorLedger } from '@/db/ledger'
import { withTransaction } from '@/db/run'
import { balanceIn, balances, type Balance } from '@/domain/ledger'
import { Refusal } from '@/domain/refusal'
import { now } from '@/lib/clock'

import { reviewDebtBlock, type DebtReview } from './blocks'
import { logSystem, logTransaction } from './logs'
import { notify } from './notifications'

export type AdjustmentInput = {
  creatorId: number
  currency: string
  /** Signed minor units: + credits the creator, − debits; never 0. */
  amount: number
  reason: string
  adminId: number
}

export type AdjustmentResult = {
  entry: { id: number; creator: number; currency: string; amount: number; reason: string; createdBy: number }
  /** The creator's balance in that currency after the adjustment. */
  balance: Balance
  /** What the debt rule did: an adjustment can create a debt (block) or clear one (unblock). */
  debtBlock: DebtReview
}

export const ledgerEntryLink = (id: number) => `/admin/collections/ledger-entries/${id}`

/**
 * `POST /api/ledger-entries/adjust` (admins): under the creator's row and ledger locks, one
 * `adjustment` entry (available at once, its reason as memo, the admin as `createdBy`), one
 * transaction log, one system log, the creator told, then the debt rule reviewed — all in one
 * transaction.
 */
export const adjustBalance = async (payload: Payload, input: AdjustmentInput): Promise<AdjustmentResult> => {
  if (!Number.isSafeInteger(input.amount) || input.amount === 0) throw new Refusal(400, 'INVALID_INPUT', 'amount must be a non-zero whole number of minor units.', 'amount')
  const currency = input.currency.toUpperCase()
  return withTransaction(payload, async (req, run) => {
    const creator = await lockCreatorBlock(run, input.creatorId)
    if (!creator) throw new Refusal(404, 'NOT_FOUND', `Creator ${input.creatorId} not found.`, 'creator')
    await lockCreatorLedger(run, creator.id, currency)
    const at = now()
    const id = await appendLedgerEntry(run, {
      creatorId: creator.id,
      currency,
      type: 'adjustment',
      amount: input.amount,
      availableAt: at,
      sourceType: 'adjustment',
      sourceRef: null,
      memo: input.reason.slice(0, 500),
      createdBy: input.adminId,
    })
    if (id === null) throw new Error('The adjustment entry was not written.')
    const metadata = { creatorId: creator.id, adminId: input.adminId, reason: input.reason, ledgerEntryId: id, bookEntryOnly: true }
    await logTransaction(payload, { req, type: 'ledger.adjustment', entityType: 'ledger-entry', entityId: id, amount: input.amount, currency, status: 'posted', metadata })
    await logSystem(payload, {
      req,
      level: 'WARNING',
      type: 'ledger.adjustment',
      actor: 'ADMIN',
      actorId: input.adminId,
      message: `Balance of creator ${creator.id} adjusted by ${input.amount > 0 ? '+' : ''}${input.amount} ${currency} by admin ${input.adminId} (ledger entry ${id}, no money moved at Stripe): ${input.reason}`,
      metadata,
    })
    await notify(payload, {
      req,
      userId: creator.user_id,
      message: 'system.balance_adjusted',
      data: { amount: input.amount, currency, reason: input.reason },
      link: ledgerEntryLink(id),
      metadata: { creatorId: creator.id, ledgerEntryId: id },
    })
    const debtBlock = await reviewDebtBlock(payload, creator.id, { req, run })
    const balance = balanceIn(balances(await ledgerSums(run, creator.id, at, currency), at), currency)
    return { entry: { id, creator: creator.id, currency, amount: input.amount, reason: input.reason, createdBy: input.adminId }, balance, debtBlock }
  })
}
