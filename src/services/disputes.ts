/**
 * Disputes (SPEC §7). Stripe's `charge.dispute.*` events arrive at the platform endpoint in any
 * order and any number of times; each one is applied in one transaction under the payment's row
 * lock, from the dispute object it carries:
 * - the dispute row is stored once (unique Stripe id) and its status follows Stripe's through the
 *   dispute transition table (a stale status moves nothing);
 * - once the funds are withdrawn the creator's share is taken back with one `dispute` ledger entry,
 *   once they are reinstated it is given back with one `dispute_won` entry (one entry per source);
 * - the `settle-dispute` job makes Stripe agree: a transfer reversal for the share taken, a transfer
 *   back for the share returned, each under an idempotency key from our dispute id;
 * - the debt rule blocks or unblocks the creator's payouts; creator and admins are told.
 */
import type { Payload, PayloadRequest } from 'payload'
import type Stripe from 'stripe'

import {
  closeDispute,
  creatorRefundedShare,
  disputeEntries,
  disputeToSettle,
  keepDisputeTransfer,
  lockDisputedPayment,
  moveDispute,
  refreshDispute,
  setPaymentDisputeStatus,
  storeDispute,
  type DisputedPayment,
} from '@/db/disputes'
import { insertLedgerEntry, ledgerSums } from '@/db/ledger'
import { runner, withTransaction, type Run } from '@/db/run'
import { disputeCreatorShare, disputeFunds, disputeOutcome, isClosedDispute, paymentDisputeStatus } from '@/domain/disputes'
import { balanceIn, balances } from '@/domain/ledger'
import { DISPUTE_STATUSES } from '@/domain/statuses'
import type { DisputeStatus } from '@/domain/transitions'
import { stripeClient } from '@/integrations/stripe/client'
import { now } from '@/lib/clock'

import { reviewDebtBlock } from './blocks'
import { logSystem, logTransaction } from './logs'
import { notify, notifyAdmins } from './notifications'

export const SETTLE_DISPUTE_TASK = 'settle-dispute'

export const DISPUTE_EVENT_TYPES = [
  'charge.dispute.created',
  'charge.dispute.updated',
  'charge.dispute.closed',
  'charge.dispute.funds_withdrawn',
  'charge.dispute.funds_reinstated',
] as const
export type DisputeEventType = (typeof DISPUTE_EVENT_TYPES)[number]

export const isDisputeEvent = (type: string): type is DisputeEventType => (DISPUTE_EVENT_TYPES as readonly string[]).includes(type)

export type DisputeOutcome = 'recorded' | 'ignored'

const idOf = (value: string | { id: string } | null | undefined): string | null => (typeof value === 'string' ? value : (value?.id ?? null))
const disputeLink = (id: number) => `/admin/collections/disputes/${id}`

/** Writes the creator's side of the withdrawn / reinstated funds (each once), returning what changed. */
const applyFunds = async (
  payload: Payload,
  req: PayloadRequest,
  run: Run,
  p: DisputedPayment,
  disputeId: number,
  dispute: Pick<Stripe.Dispute, 'id' | 'amount'>,
  funds: { withdrawn: boolean; reinstated: boolean },
  at: Date,
): Promise<{ taken: number; returned: number }> => {
  const changed = { taken: 0, returned: 0 }
  if (!funds.withdrawn) return changed
  let { taken } = await disputeEntries(run, disputeId)
  if (taken === null) {
    const share = disputeCreatorShare({
      paymentAmount: Number(p.amount),
      creatorAmount: Number(p.creator_amount),
      disputeAmount: dispute.amount,
      alreadyRecovered: await creatorRefundedShare(run, p.id),
    })
    await insertLedgerEntry(run, {
      creatorId: p.creator_id,
      currency: p.currency,
      type: 'dispute',
      amount: -share,
      availableAt: at,
      sourceType: 'dispute',
      sourceRef: String(disputeId),
      memo: `Dispute ${dispute.id} on booking ${p.booking_id}: ${p.title}`.slice(0, 500),
    })
    await logTransaction(payload, {
      req,
      type: 'dispute.funds_withdrawn',
      entityType: 'dispute',
      entityId: disputeId,
      amount: share,
      currency: p.currency,
      status: 'withdrawn',
      providerIds: { dispute: dispute.id },
      metadata: { paymentId: p.id, creatorId: p.creator_id, disputedAmount: dispute.amount },
    })
    taken = share
    changed.taken = share
  }
  if (funds.reinstated && taken > 0) {
    const returned = await insertLedgerEntry(run, {
      creatorId: p.creator_id,
      currency: p.currency,
      type: 'dispute_won',
      amount: taken,
      availableAt: at,
      sourceType: 'dispute',
      sourceRef: String(disputeId),
      memo: `Dispute ${dispute.id} won: share returned (booking ${p.booking_id})`.slice(0, 500),
    })
    if (returned) {
      await logTransaction(payload, {
        req,
        type: 'dispute.funds_reinstated',
        entityType: 'dispute',
        entityId: disputeId,
        amount: taken,
        currency: p.currency,
        status: 'reinstated',
        providerIds: { dispute: dispute.id },
        metadata: { paymentId: p.id, creatorId: p.creator_id },
      })
      changed.returned = taken
    }
  }
  return changed
}

/**
 * One `charge.dispute.*` event (the `process-stripe-event` job): stores or advances the dispute,
 * books the creator's share as the funds move, queues `settle-dispute` for Stripe, reviews the
 * debt block and tells creator and admins. Idempotent, and the same end state in any order.
 */
export const onDisputeEvent = async (payload: Payload, type: DisputeEventType, dispute: Stripe.Dispute): Promise<DisputeOutcome> => {
  const intentId = idOf(dispute.payment_intent)
  const status = dispute.status as DisputeStatus
  if (!intentId || !(DISPUTE_STATUSES as readonly string[]).includes(status)) {
    await logSystem(payload, { level: 'WARNING', type: 'stripe.unknown_dispute', message: `${type} ${dispute.id}: no PaymentIntent or unknown status ${dispute.status}` })
    return 'ignored'
  }
  const ignored = await withTransaction(payload, async (req, run) => {
    const p = await lockDisputedPayment(run, intentId)
    if (!p) return true
    const at = now()
    const evidenceDueBy = dispute.evidence_details?.due_by ? new Date(dispute.evidence_details.due_by * 1000) : null
    const stripeChargeId = idOf(dispute.charge)
    const { row, inserted } = await storeDispute(run, {
      stripeDisputeId: dispute.id,
      stripeChargeId,
      paymentId: p.id,
      bookingId: p.booking_id,
      creatorId: p.creator_id,
      amount: dispute.amount,
      currency: p.currency,
      reason: dispute.reason ?? null,
      status,
      evidenceDueBy,
    })
    let current = row.status
    if (!inserted && (await moveDispute(run, row.id, status))) current = status
    if (!inserted) await refreshDispute(run, row.id, { evidenceDueBy, stripeChargeId })
    const closedNow = isClosedDispute(current) && !row.closed_at
    if (closedNow) await closeDispute(run, row.id, disputeOutcome(current), at)
    await setPaymentDisputeStatus(run, p.id, paymentDisputeStatus(current))

    const funds = disputeFunds({ eventType: type, status: current, balanceTransactionAmounts: (dispute.balance_transactions ?? []).map((t) => t.amount) })
    const changed = await applyFunds(payload, req, run, p, row.id, dispute, funds, at)
    if (changed.taken || changed.returned) await payload.jobs.queue({ task: SETTLE_DISPUTE_TASK, input: { disputeId: row.id }, req })

    const data = { title: p.title, amount: dispute.amount, currency: p.currency, disputeId: row.id }
    const metadata = { disputeId: row.id, paymentId: p.id, stripeDisputeId: dispute.id }
    if (inserted) {
      await notify(payload, { req, userId: p.creator_user_id, message: 'dispute_created', data, link: disputeLink(row.id), metadata, emailKey: `dispute-created/${row.id}` })
      await notifyAdmins(payload, { req, message: 'dispute_created', data, link: disputeLink(row.id), metadata, emailKey: `dispute-created/${row.id}` })
    }
    if (closedNow) {
      const closed = { ...data, won: disputeOutcome(current) === 'won' }
      await notify(payload, { req, userId: p.creator_user_id, message: 'dispute_closed', data: closed, link: disputeLink(row.id), metadata })
      await notifyAdmins(payload, { req, message: 'dispute_closed', data: closed, link: disputeLink(row.id), metadata })
    }
    if (changed.taken) {
      const balance = balanceIn(balances(await ledgerSums(run, p.creator_id, at, p.currency), at), p.currency)
      if (balance.debt > 0) {
        await notify(payload, {
          req,
          userId: p.creator_user_id,
          message: 'debt_created',
          data: { amount: balance.debt, currency: p.currency },
          metadata: { ...metadata, creatorId: p.creator_id },
          emailKey: `debt-created/dispute-${row.id}`,
        })
      }
    }
    if (changed.taken || changed.returned) await reviewDebtBlock(payload, p.creator_id, { req, run })
    return false
  })
  if (ignored) {
    await logSystem(payload, { level: 'WARNING', type: 'stripe.unknown_dispute', message: `${type} ${dispute.id} for unknown PaymentIntent ${intentId}` })
    return 'ignored'
  }
  return 'recorded'
}

export type SettleOutcome = { reversed: string | null; returned: string | null }

/**
 * The `settle-dispute` job: makes Stripe agree with the dispute's ledger entries. The share taken is
 * recovered from the creator's connected account by reversing the charge's transfer (at most what
 * is left of it); the share returned goes back by a transfer to the account. Each call carries an
 * idempotency key from our dispute id, and what was made is recorded on the dispute, so a retry
 * or a second run makes nothing twice. Failures are retried; the last one is a CRITICAL log and
 * the admins are told (reconciliation will show the difference).
 */
export const settleDispute = async (payload: Payload, disputeId: number, { lastAttempt = false }: { lastAttempt?: boolean } = {}): Promise<SettleOutcome> => {
  const run = runner(payload)
  const d = await disputeToSettle(run, disputeId)
  const outcome: SettleOutcome = { reversed: null, returned: null }
  if (!d) return outcome
  const { taken, returned } = await disputeEntries(run, disputeId)
  const stripe = stripeClient()
  let step = 'reversal'
  try {
    if (taken && !d.stripe_reversal_id) {
      const chargeId = d.stripe_charge_id ?? idOf((await stripe.paymentIntents.retrieve(d.payment_intent_id!)).latest_charge)
      const charge = await stripe.charges.retrieve(chargeId!)
      const transferId = idOf(charge.transfer)
      if (!transferId) throw new Error(`Charge ${chargeId} has no transfer to reverse.`)
      const transfer = await stripe.transfers.retrieve(transferId)
      // A reversal made by an earlier attempt whose answer was lost: keep it rather than reverse again.
      const earlier = transfer.reversals?.data.find((r) => r.metadata?.disputeId === String(d.id))
      const left = transfer.amount - transfer.amount_reversed
      const amount = Math.min(taken, left)
      if (amount < taken) {
        await logSystem(payload, {
          level: 'ERROR',
          type: 'dispute.reversal_short',
          message: `Dispute ${d.id}: only ${left} of the creator's share ${taken} ${d.currency} is left to reverse on transfer ${transferId}`,
          metadata: { disputeId: d.id, transferId, taken, left },
        })
      }
      const reversal =
        earlier ??
        (amount > 0
          ? await stripe.transfers.createReversal(transferId, { amount, metadata: { disputeId: String(d.id), stripeDisputeId: d.stripe_dispute_id } }, { idempotencyKey: `dispute/${d.id}/reversal` })
          : null)
      if (reversal) {
        await withTransaction(payload, async (req, tx) => {
          await keepDisputeTransfer(tx, d.id, 'reversal', reversal.id)
          await logTransaction(payload, {
            req,
            type: 'dispute.transfer_reversed',
            entityType: 'dispute',
            entityId: d.id,
            amount: reversal.amount,
            currency: d.currency,
            status: 'reversed',
            providerIds: { dispute: d.stripe_dispute_id, transfer: transferId, ...(d.stripe_account_id ? { account: d.stripe_account_id } : {}) },
            metadata: { reversal: reversal.id },
          })
        })
        outcome.reversed = reversal.id
        d.stripe_reversal_id = reversal.id
      }
    }
    step = 'return'
    if (returned && d.stripe_reversal_id && !d.stripe_return_transfer_id) {
      if (!d.stripe_account_id) throw new Error('The creator has no connected payment account.')
      const transfer = await stripe.transfers.create(
        { amount: returned, currency: d.currency.toLowerCase(), destination: d.stripe_account_id, metadata: { disputeId: String(d.id), stripeDisputeId: d.stripe_dispute_id } },
        { idempotencyKey: `dispute/${d.id}/return` },
      )
      await withTransaction(payload, async (req, tx) => {
        await keepDisputeTransfer(tx, d.id, 'return', transfer.id)
        await logTransaction(payload, {
          req,
          type: 'dispute.transfer_returned',
          entityType: 'dispute',
          entityId: d.id,
          amount: returned,
          currency: d.currency,
          status: 'returned',
          providerIds: { dispute: d.stripe_dispute_id, transfer: transfer.id, account: d.stripe_account_id! },
        })
      })
      outcome.returned = transfer.id
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const final = lastAttempt
    await logSystem(payload, {
      level: final ? 'CRITICAL' : 'WARNING',
      type: final ? 'dispute.settle_failed' : 'dispute.stripe_retry',
      message: `Dispute ${d.id}: the ${step} of the creator's share at Stripe ${final ? 'failed' : 'will be retried'}: ${message}`,
      metadata: { disputeId: d.id, step, lastAttempt },
    })
    if (!final) throw error
    await notifyAdmins(payload, {
      message: 'system.dispute_settle_failed',
      data: { disputeId: d.id, giveBack: step === 'return', error: message.slice(0, 300) },
      link: disputeLink(d.id),
      metadata: { disputeId: d.id },
    })
  }
  return outcome
}
