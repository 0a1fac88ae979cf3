/**
 * Creator balances and payouts (SPEC §7). A request reserves the amount in the same transaction as
 * the payout row (a `payout` ledger entry, under the creator's ledger lock), so concurrent requests
 * cannot overdraw; rejection, cancellation and failure give it back with one `payout_reversal`
 * (one per payout: the ledger's one-entry-per-source index). Approval queues the `create-payout`
 * job, the only place that talks to Stripe; Stripe's `payout.*` webhooks finish the payout.
 */
import type { Payload, PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import { debtBlockedCreators, scheduledPayoutCreators } from '@/db/creators'
import { insertLedgerEntry, ledgerSums, lockCreatorLedger } from '@/db/ledger'
import { appendPayoutAudit, insertPayout, keepStripePayoutId, movePayout, openPayoutId, payoutById, payoutCreator, payoutIdOfStripe, type PayoutMove, type PayoutRow } from '@/db/payouts'
import { runner, withTransaction, type Run } from '@/db/run'
import { balanceIn, balances, type Balance } from '@/domain/ledger'
import { decidePayout, schedulesDueOn } from '@/domain/payouts'
import { Refusal } from '@/domain/refusal'
import type { SupportedCurrency } from '@/domain/currencies'
import type { PayoutStatus } from '@/domain/transitions'
import { stripeClient } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'

import { reviewDebtBlock } from './blocks'
import { logSystem, logTransaction } from './logs'
import { notify, notifyAdmins } from './notifications'
import { getSettings } from './settings'

export const CREATE_PAYOUT_TASK = 'create-payout'

export type PayoutSummary = { id: number; creator: number; amount: number; currency: string; status: PayoutStatus }
type Actor = { userId: number | null; actor: 'creator' | 'admin' | 'system' | 'stripe' }

const summary = (p: Pick<PayoutRow, 'id' | 'creator_id' | 'amount' | 'currency'>, status: PayoutStatus): PayoutSummary => ({
  id: p.id,
  creator: p.creator_id,
  amount: Number(p.amount),
  currency: p.currency,
  status,
})

const payoutLink = (id: number) => `/admin/collections/payouts/${id}`

/** The creator's balances per currency, now. */
export const creatorBalances = async (payload: Payload, creatorId: number): Promise<Balance[]> => balances(await ledgerSums(runner(payload), creatorId, now()), now())

export type PayoutTrigger = 'requested' | 'scheduled'

/**
 * `POST /api/payouts/request`, and the scheduled-payouts run (the only two ways a payout is made):
 * under the creator's ledger lock for the currency, the balance is read again, the decider says
 * how much (or refuses), and the payout row, its audit line and the `payout` ledger entry (−amount)
 * are written together. A creator's request waits for an admin (admins are told); a scheduled one
 * is approved in the same transaction unless `scheduledPayoutsNeedApproval` (then it waits too).
 */
export const requestPayout = async (
  payload: Payload,
  input: { creatorId: number; userId: number | null; amount?: number; currency?: string; trigger?: PayoutTrigger },
): Promise<{ payout: PayoutSummary; balance: Balance }> => {
  const settings = await getSettings(payload)
  const trigger = input.trigger ?? 'requested'
  const autoApprove = trigger === 'scheduled' && !settings.scheduledPayoutsNeedApproval
  return withTransaction(payload, async (req, run) => {
    const creator = await payoutCreator(run, input.creatorId)
    if (!creator) throw new Refusal(404, 'NOT_FOUND', 'Your creator profile is missing.')
    const currency = (input.currency ?? creator.currency).toUpperCase() as SupportedCurrency
    await lockCreatorLedger(run, creator.id, currency)
    const at = now()
    const before = balanceIn(balances(await ledgerSums(run, creator.id, at, currency), at), currency)
    const amount = decidePayout({
      payoutsEnabled: Boolean(creator.payouts_enabled),
      hasStripeAccount: Boolean(creator.stripe_account_id),
      payoutsBlocked: Boolean(creator.payouts_blocked),
      blockedReason: creator.payouts_blocked_reason,
      creatorMinimum: creator.payout_minimum === null ? null : Number(creator.payout_minimum),
      platformMinimum: settings.minimumPayout[currency] ?? 0,
      balance: before,
      openPayoutId: await openPayoutId(run, creator.id, currency),
      amount: input.amount,
    })
    const id = await insertPayout(run, { creatorId: creator.id, amount, currency, trigger, at })
    const actor = trigger === 'scheduled' ? 'system' : 'creator'
    await appendPayoutAudit(run, id, { at, byUserId: input.userId, actor, from: null, to: 'requested', reason: trigger === 'scheduled' ? 'Payout schedule' : null })
    await insertLedgerEntry(run, {
      creatorId: creator.id,
      currency,
      type: 'payout',
      amount: -amount,
      availableAt: at,
      sourceType: 'payout',
      sourceRef: String(id),
      memo: `Payout ${id} ${trigger === 'scheduled' ? 'scheduled' : 'requested'}`,
    })
    await logTransaction(payload, { req, type: 'payout.requested', entityType: 'payout', entityId: id, amount, currency, status: 'requested', metadata: { creatorId: creator.id, availableBefore: before.available, trigger } })
    let status: PayoutStatus = 'requested'
    if (autoApprove) {
      await approveLocked(payload, req, run, { id, creator_id: creator.id, creator_user_id: creator.user_id, amount: String(amount), currency, status: 'requested', stripe_payout_id: null, stripe_account_id: creator.stripe_account_id }, {
        userId: null,
        actor: 'system',
      })
      status = 'approved'
    } else {
      await notifyAdmins(payload, {
        req,
        message: 'payout_requested',
        data: { creator: creator.display_name, amount, currency, payoutId: id },
        link: payoutLink(id),
        metadata: { payoutId: id, creatorId: creator.id },
        emailKey: `payout-requested/${id}`,
      })
    }
    const after = balanceIn(balances(await ledgerSums(run, creator.id, at, currency), at), currency)
    return { payout: { id, creator: creator.id, amount, currency, status }, balance: after }
  })
}

/** The payout locked, or 404 (also for a creator asking about someone else's payout: it does not exist for them). */
const lockedPayout = async (run: Run, payoutId: number, creatorId?: number): Promise<PayoutRow> => {
  const p = await payoutById(run, payoutId, true)
  if (!p || (creatorId !== undefined && p.creator_id !== creatorId)) throw new Refusal(404, 'NOT_FOUND', `Payout ${payoutId} not found.`)
  return p
}

const notPending = (p: PayoutRow): Refusal => new Refusal(409, 'PAYOUT_NOT_PENDING', `Payout ${p.id} is ${p.status}, not requested: it can no longer be approved, rejected or cancelled.`)

/**
 * Gives a reserved payout back to the creator: the status move, one `payout_reversal` (+amount),
 * the audit line and the transaction log. False when the payout had already moved on.
 */
const returnPayout = async (
  payload: Payload,
  req: PayloadRequest,
  run: Run,
  p: PayoutRow,
  move: { to: Extract<PayoutStatus, 'rejected' | 'cancelled' | 'failed'>; from: readonly PayoutStatus[]; move?: Omit<PayoutMove, 'from'>; reason?: string | null; by: Actor },
): Promise<boolean> => {
  const moved = await movePayout(run, p.id, move.to, { ...move.move, from: move.from })
  if (!moved) return false
  const at = now()
  await appendPayoutAudit(run, p.id, { at, byUserId: move.by.userId, actor: move.by.actor, from: p.status, to: move.to, reason: move.reason })
  const reversed = await insertLedgerEntry(run, {
    creatorId: p.creator_id,
    currency: p.currency,
    type: 'payout_reversal',
    amount: Number(p.amount),
    availableAt: at,
    sourceType: 'payout',
    sourceRef: String(p.id),
    memo: `Payout ${p.id} ${move.to}${move.reason ? `: ${move.reason}` : ''}`.slice(0, 500),
  })
  await logTransaction(payload, {
    req,
    type: `payout.${move.to}`,
    entityType: 'payout',
    entityId: p.id,
    amount: Number(p.amount),
    currency: p.currency,
    status: move.to,
    providerIds: p.stripe_payout_id ? { payout: p.stripe_payout_id } : undefined,
    metadata: { from: p.status, reason: move.reason ?? null, reversal: reversed },
  })
  // The amount is back in the balance: it may clear a debt that blocked payouts.
  if (reversed) await reviewDebtBlock(payload, p.creator_id, { req, run })
  return true
}

/** `POST /api/payouts/:id/cancel`: the creator takes back a payout no admin has decided on yet. */
export const cancelPayout = async (payload: Payload, input: { payoutId: number; creatorId: number; userId: number }): Promise<PayoutSummary> =>
  withTransaction(payload, async (req, run) => {
    const p = await lockedPayout(run, input.payoutId, input.creatorId)
    if (p.status !== 'requested') throw notPending(p)
    await returnPayout(payload, req, run, p, { to: 'cancelled', from: ['requested'], by: { userId: input.userId, actor: 'creator' } })
    return summary(p, 'cancelled')
  })

/** requested → approved by an admin or the schedule, and the `create-payout` job queued in the same transaction; false when no longer requested. */
const approveLocked = async (payload: Payload, req: PayloadRequest, run: Run, p: PayoutRow, by: Actor): Promise<boolean> => {
  const moved = p.status === 'requested' && (await movePayout(run, p.id, 'approved', { from: 'requested', ...(by.userId ? { approvedBy: by.userId } : {}) }))
  if (!moved) return false
  await appendPayoutAudit(run, p.id, { at: now(), byUserId: by.userId, actor: by.actor, from: 'requested', to: 'approved', reason: by.actor === 'system' ? 'Approved automatically (scheduled payout)' : null })
  await logTransaction(payload, { req, type: 'payout.approved', entityType: 'payout', entityId: p.id, amount: Number(p.amount), currency: p.currency, status: 'approved', metadata: { adminId: by.userId, by: by.actor } })
  await payload.jobs.queue({ task: CREATE_PAYOUT_TASK, input: { payoutId: p.id }, req })
  await notify(payload, { req, userId: p.creator_user_id, message: 'payout_approved', data: { amount: Number(p.amount), currency: p.currency }, link: payoutLink(p.id), metadata: { payoutId: p.id } })
  return true
}

/** `POST /api/payouts/:id/approve`: requested → approved, and the `create-payout` job queued in the same transaction. */
export const approvePayout = async (payload: Payload, input: { payoutId: number; adminId: number }): Promise<PayoutSummary> =>
  withTransaction(payload, async (req, run) => {
    const p = await lockedPayout(run, input.payoutId)
    if (!(await approveLocked(payload, req, run, p, { userId: input.adminId, actor: 'admin' }))) throw notPending(p)
    return summary(p, 'approved')
  })

/** `POST /api/payouts/:id/reject {reason}`: requested → rejected, the amount back in the balance, the creator told why. */
export const rejectPayout = async (payload: Payload, input: { payoutId: number; adminId: number; reason: string }): Promise<PayoutSummary> =>
  withTransaction(payload, async (req, run) => {
    const p = await lockedPayout(run, input.payoutId)
    if (p.status !== 'requested') throw notPending(p)
    await returnPayout(payload, req, run, p, {
      to: 'rejected',
      from: ['requested'],
      move: { rejectionReason: input.reason },
      reason: input.reason,
      by: { userId: input.adminId, actor: 'admin' },
    })
    await notify(payload, {
      req,
      userId: p.creator_user_id,
      message: 'payout_rejected',
      data: { amount: Number(p.amount), currency: p.currency, reason: input.reason },
      link: payoutLink(p.id),
      metadata: { payoutId: p.id },
      emailKey: `payout-rejected/${p.id}`,
    })
    return summary(p, 'rejected')
  })

const isPermanentStripeError = (error: unknown): boolean => (error as { type?: string } | null)?.type === 'StripeInvalidRequestError'

/**
 * The payout failed for good (Stripe refused it, the job ran out of attempts, or Stripe reported it
 * failed): failed, the amount back in the balance, the creator told, and admins too when we could
 * not even create it.
 */
const failPayout = async (payload: Payload, payoutId: number, reason: string, by: Actor, tellAdmins: boolean): Promise<boolean> =>
  withTransaction(payload, async (req, run) => {
    const p = await lockedPayout(run, payoutId)
    const failed = await returnPayout(payload, req, run, p, {
      to: 'failed',
      from: ['approved', 'processing', 'paid'],
      move: { failureReason: reason },
      reason,
      by,
    })
    if (!failed) return false
    const data = { amount: Number(p.amount), currency: p.currency }
    await notify(payload, { req, userId: p.creator_user_id, message: 'payout_failed', data: { ...data, reason }, link: payoutLink(p.id), metadata: { payoutId: p.id }, emailKey: `payout-failed/${p.id}` })
    if (tellAdmins) {
      const creator = await payoutCreator(run, p.creator_id)
      await notifyAdmins(payload, {
        req,
        message: 'system.payout_failed',
        data: { ...data, payoutId: p.id, creator: creator?.display_name ?? String(p.creator_id), error: reason },
        link: payoutLink(p.id),
        metadata: { payoutId: p.id },
      })
    }
    return true
  })

export type SendOutcome = 'processing' | 'failed' | 'nothing'

/**
 * The `create-payout` job: creates the payout on the creator's connected account under an
 * idempotency key from our payout id (a retry gets the same Stripe payout back), then records it
 * as `processing`. Transient errors are retried by the job; a refusal by Stripe, or the last
 * attempt, fails the payout and returns the money to the balance.
 */
export const sendPayout = async (payload: Payload, payoutId: number, { lastAttempt = false }: { lastAttempt?: boolean } = {}): Promise<SendOutcome> => {
  const p = await payoutById(runner(payload), payoutId)
  if (!p || p.status !== 'approved') return 'nothing'
  let created: Stripe.Payout
  try {
    if (!p.stripe_account_id) throw Object.assign(new Error('The creator has no connected payment account.'), { type: 'StripeInvalidRequestError' })
    created = await stripeClient().payouts.create(
      { amount: Number(p.amount), currency: p.currency.toLowerCase(), metadata: { payoutId: String(p.id), creatorId: String(p.creator_id) } },
      { stripeAccount: p.stripe_account_id, idempotencyKey: `payout/${p.id}` },
    )
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (!isPermanentStripeError(error) && !lastAttempt) {
      await logSystem(payload, { level: 'WARNING', type: 'payout.stripe_retry', message: `Payout ${p.id} not created at Stripe yet (will retry): ${message}`, metadata: { payoutId: p.id } })
      throw error
    }
    await logSystem(payload, { level: 'ERROR', type: 'payout.failed', message: `Payout ${p.id} could not be created at Stripe: ${message}`, metadata: { payoutId: p.id, lastAttempt } })
    await failPayout(payload, p.id, message, { userId: null, actor: 'system' }, true)
    return 'failed'
  }
  return withTransaction(payload, async (req, run) => {
    const moved = await movePayout(run, p.id, 'processing', { from: 'approved', stripePayoutId: created.id })
    if (!moved) {
      // A webhook overtook us (paid or failed already): keep Stripe's id on the row all the same.
      await keepStripePayoutId(run, p.id, created.id)
      return 'nothing'
    }
    await appendPayoutAudit(run, p.id, { at: now(), actor: 'system', from: 'approved', to: 'processing' })
    await logTransaction(payload, {
      req,
      type: 'payout.created',
      entityType: 'payout',
      entityId: p.id,
      amount: Number(p.amount),
      currency: p.currency,
      status: 'processing',
      providerIds: { payout: created.id, account: p.stripe_account_id! },
    })
    return 'processing'
  })
}

export type PayoutEventOutcome = 'paid' | 'failed' | 'cancelled' | 'duplicate' | 'ignored'

/**
 * `payout.paid` / `payout.failed` / `payout.canceled` from the Connect webhook (`event.account`):
 * finds our payout by Stripe's id (or the `payoutId` of its metadata) and finishes it. Repeats
 * change nothing; a failure after `paid` is applied (Stripe can report it days later) and the
 * reversal is still written once.
 */
export const onPayoutEvent = async (
  payload: Payload,
  type: 'payout.paid' | 'payout.failed' | 'payout.canceled',
  payout: Pick<Stripe.Payout, 'id' | 'metadata' | 'failure_code' | 'failure_message'>,
  account: string | undefined,
): Promise<PayoutEventOutcome> => {
  const run = runner(payload)
  const metadataId = Number(payout.metadata?.payoutId)
  const id = await payoutIdOfStripe(run, payout.id, Number.isSafeInteger(metadataId) && metadataId > 0 ? metadataId : null)
  const p = id ? await payoutById(run, id) : undefined
  if (!p || (account && p.stripe_account_id !== account)) {
    await logSystem(payload, { level: 'WARNING', type: 'stripe.unknown_payout', message: `${type} for unknown payout ${payout.id} (account ${account ?? 'none'})` })
    return 'ignored'
  }
  const stripe: Actor = { userId: null, actor: 'stripe' }
  if (type === 'payout.failed') {
    const reason = payout.failure_message ?? payout.failure_code ?? 'The payout failed.'
    return (await failPayout(payload, p.id, reason, stripe, false)) ? 'failed' : 'duplicate'
  }
  return withTransaction(payload, async (req, run) => {
    const locked = await lockedPayout(run, p.id)
    if (type === 'payout.canceled') {
      const done = await returnPayout(payload, req, run, locked, {
        to: 'cancelled',
        from: ['approved', 'processing'],
        move: { stripePayoutId: payout.id },
        reason: 'Cancelled at Stripe',
        by: stripe,
      })
      if (!done) return 'duplicate'
      await notify(payload, {
        req,
        userId: locked.creator_user_id,
        message: 'payout_failed.canceled',
        data: { amount: Number(locked.amount), currency: locked.currency },
        link: payoutLink(locked.id),
        metadata: { payoutId: locked.id },
        emailKey: `payout-cancelled/${locked.id}`,
      })
      return 'cancelled'
    }
    const moved = await movePayout(run, locked.id, 'paid', { from: ['approved', 'processing'], stripePayoutId: payout.id })
    if (!moved) return 'duplicate'
    await appendPayoutAudit(run, locked.id, { at: now(), actor: 'stripe', from: locked.status, to: 'paid' })
    await logTransaction(payload, { req, type: 'payout.paid', entityType: 'payout', entityId: locked.id, amount: Number(locked.amount), currency: locked.currency, status: 'paid', providerIds: { payout: payout.id, ...(account ? { account } : {}) } })
    await notify(payload, {
      req,
      userId: locked.creator_user_id,
      message: 'payout_paid',
      data: { amount: Number(locked.amount), currency: locked.currency },
      link: payoutLink(locked.id),
      metadata: { payoutId: locked.id },
      emailKey: `payout-paid/${locked.id}`,
    })
    return 'paid'
  })
}

/**
 * The `scheduled-payouts` run (daily 03:00 UTC): first the debt rule for every creator blocked for
 * debt (earnings become available with time and may clear it), then, for every creator whose
 * schedule is due today (daily; weekly on Mondays; monthly on the 1st — `schedulesDueOn`) and every
 * currency with something available, a payout of all of it through `requestPayout` (trigger
 * `scheduled`: approved at once unless the platform setting asks for an admin). Refusals (blocked,
 * in debt, below the minimum, a payout already open…) skip that currency; the counts say what
 * happened and are stored on the job run.
 */
export const runScheduledPayouts = async (payload: Payload): Promise<Record<string, number>> => {
  const run = runner(payload)
  const counts: Record<string, number> = { creators: 0, requested: 0, approved: 0, skipped: 0, failed: 0, blocked: 0, unblocked: 0 }
  const reviewed = new Set<number>()
  const review = async (creatorId: number) => {
    if (reviewed.has(creatorId)) return
    reviewed.add(creatorId)
    const outcome = await reviewDebtBlock(payload, creatorId)
    if (outcome !== 'kept') counts[outcome] += 1
  }
  for (const creatorId of await debtBlockedCreators(run)) await review(creatorId)
  const due = await scheduledPayoutCreators(run, schedulesDueOn(now()))
  for (const creator of due) {
    counts.creators += 1
    await review(creator.id)
    for (const balance of await creatorBalances(payload, creator.id)) {
      if (balance.available <= 0) continue
      try {
        const { payout } = await requestPayout(payload, { creatorId: creator.id, userId: null, currency: balance.currency, trigger: 'scheduled' })
        counts.requested += 1
        if (payout.status === 'approved') counts.approved += 1
      } catch (error) {
        if (error instanceof Refusal) {
          counts.skipped += 1
          counts[`skipped_${error.code}`] = (counts[`skipped_${error.code}`] ?? 0) + 1
          continue
        }
        counts.failed += 1
        await logSystem(payload, {
          level: 'ERROR',
          type: 'payout.schedule_failed',
          message: `Scheduled payout of creator ${creator.id} in ${balance.currency} failed: ${error instanceof Error ? error.message : String(error)}`,
          metadata: { creatorId: creator.id, currency: balance.currency },
        })
      }
    }
  }
  return counts
}
