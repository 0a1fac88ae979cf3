/**
 * The daily reconciliation (SPEC §7, job `reconcile-balances`, 04:00 UTC): for every connected
 * account and currency, our ledger plus the payouts reserved but not yet created at Stripe must
 * equal the account's Stripe balance (available + pending). Drift is a CRITICAL system log with the
 * figures and an admin notification; the run's counts say how many accounts and currencies were
 * checked, drifted or could not be read (`failed` > 0 records the run as failed).
 */
import type { Payload } from 'payload'

import { connectedCreators, ledgerTotals } from '@/db/reconciliation'
import { runner } from '@/db/run'
import { reconcileAccount, reconciliationCounts, type Reconciliation, type ReconciliationCounts } from '@/domain/reconciliation'
import { stripeClient } from '@/integrations/stripe/client'

import { logSystem } from './logs'
import { notifyAdmins } from './notifications'

export const RECONCILE_TASK = 'reconcile-balances'

export const reconcileBalances = async (payload: Payload): Promise<ReconciliationCounts> => {
  const run = runner(payload)
  const creators = await connectedCreators(run)
  const totals = await ledgerTotals(run)
  const outcomes: (Reconciliation | null)[] = []
  for (const creator of creators) {
    const mine = totals.filter((t) => t.creator_id === creator.id)
    let balance: { available: { amount: number; currency: string }[]; pending: { amount: number; currency: string }[] }
    try {
      balance = await stripeClient().balance.retrieve({}, { stripeAccount: creator.stripe_account_id })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      await logSystem(payload, {
        level: 'ERROR',
        type: 'reconciliation.unreachable',
        message: `Reconciliation could not read the Stripe balance of ${creator.stripe_account_id} (creator ${creator.id}): ${message}`,
        metadata: { creatorId: creator.id, account: creator.stripe_account_id },
      })
      outcomes.push(null)
      continue
    }
    const result = reconcileAccount({
      ledger: mine.map((t) => ({ currency: t.currency, amount: t.ledger })),
      unsentPayouts: mine.map((t) => ({ currency: t.currency, amount: t.unsent })),
      stripe: { available: balance.available, pending: balance.pending },
    })
    outcomes.push(result)
    if (result.drift.length) await reportDrift(payload, creator, result)
  }
  return reconciliationCounts(outcomes)
}

const reportDrift = async (payload: Payload, creator: { id: number; display_name: string; stripe_account_id: string }, result: Reconciliation): Promise<void> => {
  const figures = result.drift.map((d) => `${d.currency} ours ${d.ours} (ledger ${d.ledger} + unsent payouts ${d.unsentPayouts}), Stripe ${d.stripe} (available ${d.stripeAvailable} + pending ${d.stripePending}), difference ${d.difference}`)
  await logSystem(payload, {
    level: 'CRITICAL',
    type: 'reconciliation.drift',
    message: `Ledger and Stripe differ for creator ${creator.id} (${creator.stripe_account_id}): ${figures.join('; ')} (minor units)`,
    metadata: { creatorId: creator.id, account: creator.stripe_account_id, drift: result.drift },
  })
  await notifyAdmins(payload, {
    message: 'system.reconciliation_drift',
    data: { creator: creator.display_name, account: creator.stripe_account_id, drift: result.drift.map(({ currency, ours, stripe, difference }) => ({ currency, ours, stripe, difference })) },
    link: `/admin/collections/ledger-entries?where[creator][equals]=${creator.id}`,
    metadata: { creatorId: creator.id, account: creator.stripe_account_id },
  })
}
