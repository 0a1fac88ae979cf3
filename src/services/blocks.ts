/**
 * Payout blocks (SPEC §7): an admin blocks or unblocks a creator's payouts with a reason; the debt
 * rule blocks them when a debt exceeds the platform's threshold and lifts its own block once the
 * debt is cleared. Every change is a system log (the audit: who, when, from → to, why) and a
 * notification to the creator. The rules are in src/domain/blocks.ts.
 */
import type { Payload, PayloadRequest } from 'payload'

import { lockCreatorBlock, setCreatorBlock, type CreatorBlock } from '@/db/creators'
import { ledgerSums } from '@/db/ledger'
import { withTransaction, type Run } from '@/db/run'
import { decideAdminBlock, decideAdminUnblock, decideDebtBlock, type BlockState } from '@/domain/blocks'
import { balances } from '@/domain/ledger'
import { Refusal } from '@/domain/refusal'
import { now } from '@/lib/clock'

import { logSystem } from './logs'
import { notify } from './notifications'
import { getSettings } from './settings'

export type CreatorBlockView = { id: number; payoutsBlocked: boolean; payoutsBlockedReason: string | null; payoutsBlockedBy: 'admin' | 'debt' | null }

const stateOf = (c: CreatorBlock): BlockState => ({ blocked: Boolean(c.payouts_blocked), by: c.payouts_blocked_by, reason: c.payouts_blocked_reason })
const view = (id: number, s: BlockState): CreatorBlockView => ({ id, payoutsBlocked: s.blocked, payoutsBlockedReason: s.reason, payoutsBlockedBy: s.by })

type Tx = { req: PayloadRequest; run: Run }

const inTransaction = <T>(payload: Payload, tx: Tx | undefined, work: (req: PayloadRequest, run: Run) => Promise<T>): Promise<T> =>
  tx ? work(tx.req, tx.run) : withTransaction(payload, work)

export type DebtReview = 'blocked' | 'unblocked' | 'kept'

/**
 * Applies the debt rule to one creator now: blocks their payouts when a debt exceeds its threshold
 * (and nothing blocks them yet), lifts a debt block once no debt is left. Called after every
 * dispute, refund, reversal or admin adjustment that moves their balance, and daily by the scheduled-payouts run
 * (earnings become available with time). Runs in the caller's transaction when given one.
 */
export const reviewDebtBlock = async (payload: Payload, creatorId: number, tx?: Tx): Promise<DebtReview> => {
  const settings = await getSettings(payload)
  return inTransaction(payload, tx, async (req, run) => {
    const creator = await lockCreatorBlock(run, creatorId)
    if (!creator) return 'kept'
    const at = now()
    const decision = decideDebtBlock(stateOf(creator), balances(await ledgerSums(run, creatorId, at), at), settings.debtThreshold)
    if (decision.action === 'keep') return 'kept'
    await setCreatorBlock(run, creatorId, decision.state)
    if (decision.action === 'block') {
      const { debt } = decision
      await logSystem(payload, {
        req,
        level: 'WARNING',
        type: 'payouts.blocked',
        message: `Payouts of creator ${creatorId} blocked automatically: ${decision.state.reason}`,
        metadata: { creatorId, by: 'debt', from: 'unblocked', to: 'blocked', reason: decision.state.reason, debt: debt.debt, currency: debt.currency },
      })
      await notify(payload, {
        req,
        userId: creator.user_id,
        message: 'payouts_blocked.debt',
        data: { amount: debt.debt, currency: debt.currency, threshold: settings.debtThreshold[debt.currency as keyof typeof settings.debtThreshold] ?? 0 },
        metadata: { creatorId, by: 'debt' },
        emailKey: `payouts-blocked/${creatorId}/${at.getTime()}`,
      })
      return 'blocked'
    }
    await logSystem(payload, {
      req,
      level: 'INFO',
      type: 'payouts.unblocked',
      message: `Payouts of creator ${creatorId} unblocked automatically: the debt is cleared`,
      metadata: { creatorId, by: 'debt', from: 'blocked', to: 'unblocked', previousReason: creator.payouts_blocked_reason },
    })
    await notify(payload, { req, userId: creator.user_id, message: 'payouts_unblocked', data: {}, metadata: { creatorId, by: 'debt' } })
    return 'unblocked'
  })
}

const lockedCreator = async (run: Run, creatorId: number): Promise<CreatorBlock> => {
  const creator = await lockCreatorBlock(run, creatorId)
  if (!creator) throw new Refusal(404, 'NOT_FOUND', `Creator ${creatorId} not found.`)
  return creator
}

/** `POST /api/creators/:id/payouts/block {reason}` (admins): blocks the creator's payouts until an admin lifts the block. */
export const blockPayouts = async (payload: Payload, input: { creatorId: number; adminId: number; reason: string }): Promise<CreatorBlockView> =>
  withTransaction(payload, async (req, run) => {
    const creator = await lockedCreator(run, input.creatorId)
    const before = stateOf(creator)
    const after = decideAdminBlock(before, input.reason)
    await setCreatorBlock(run, creator.id, after)
    await logSystem(payload, {
      req,
      level: 'WARNING',
      type: 'payouts.blocked',
      actor: 'ADMIN',
      actorId: input.adminId,
      message: `Payouts of creator ${creator.id} blocked by admin ${input.adminId}: ${after.reason}`,
      metadata: { creatorId: creator.id, by: 'admin', from: before.blocked ? `blocked (${before.by})` : 'unblocked', to: 'blocked', reason: after.reason },
    })
    await notify(payload, {
      req,
      userId: creator.user_id,
      message: 'payouts_blocked',
      data: { reason: after.reason ?? '' },
      metadata: { creatorId: creator.id, by: 'admin' },
      emailKey: `payouts-blocked/${creator.id}/${now().getTime()}`,
    })
    return view(creator.id, after)
  })

/** `POST /api/creators/:id/payouts/unblock {reason?}` (admins): lifts any block, an admin's or a debt block. */
export const unblockPayouts = async (payload: Payload, input: { creatorId: number; adminId: number; reason?: string }): Promise<CreatorBlockView> =>
  withTransaction(payload, async (req, run) => {
    const creator = await lockedCreator(run, input.creatorId)
    const before = stateOf(creator)
    const after = decideAdminUnblock(before)
    await setCreatorBlock(run, creator.id, after)
    await logSystem(payload, {
      req,
      level: 'INFO',
      type: 'payouts.unblocked',
      actor: 'ADMIN',
      actorId: input.adminId,
      message: `Payouts of creator ${creator.id} unblocked by admin ${input.adminId}${input.reason ? `: ${input.reason}` : ''}`,
      metadata: { creatorId: creator.id, by: 'admin', from: `blocked (${before.by})`, to: 'unblocked', reason: input.reason ?? null, previousReason: before.reason },
    })
    await notify(payload, { req, userId: creator.user_id, message: 'payouts_unblocked', data: {}, metadata: { creatorId: creator.id, by: 'admin' } })
    return view(creator.id, after)
  })
