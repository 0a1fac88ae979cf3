/** Creators' payment accounts, kept in step with Stripe Connect. */
import { sql, type Run } from './run'

export type PaymentAccountState = {
  stripeAccountId: string
  chargesEnabled: boolean
  payoutsEnabled: boolean
  status: 'enabled' | 'restricted' | 'pending'
  /** The account's default currency when we support it (null leaves the creator's as it is). */
  currency: string | null
}

/** Updates the creator owning the Stripe account; undefined when no creator has it. */
export const updatePaymentAccount = async (run: Run, a: PaymentAccountState): Promise<number | undefined> =>
  (
    await run<{ id: number }>(sql`
      UPDATE creators SET charges_enabled = ${a.chargesEnabled}, payouts_enabled = ${a.payoutsEnabled},
             stripe_account_status = ${a.status}::enum_creators_stripe_account_status,
             currency = COALESCE(${a.currency}::enum_creators_currency, currency), updated_at = now()
       WHERE stripe_account_id = ${a.stripeAccountId} RETURNING id`)
  )[0]?.id

export type CreatorBlock = {
  id: number
  user_id: number
  display_name: string
  payouts_blocked: boolean | null
  payouts_blocked_reason: string | null
  payouts_blocked_by: 'admin' | 'debt' | null
}

/**
 * The creator's payout block, row locked (payout requests read it `FOR SHARE` and wait for a decision
 * being made). `FOR NO KEY UPDATE`, not `FOR UPDATE`: the caller has usually just written a ledger
 * entry, dispute or refund whose foreign key holds a KEY SHARE lock on this row, and two such
 * transactions each waiting for the other's KEY SHARE would deadlock.
 */
export const lockCreatorBlock = async (run: Run, creatorId: number): Promise<CreatorBlock | undefined> =>
  (
    await run<CreatorBlock>(sql`
      SELECT id, user_id, display_name, payouts_blocked, payouts_blocked_reason, payouts_blocked_by
        FROM creators WHERE id = ${creatorId} FOR NO KEY UPDATE`)
  )[0]

/** Sets the creator's payout block (blocked, why, by whom). */
export const setCreatorBlock = async (run: Run, creatorId: number, b: { blocked: boolean; reason: string | null; by: 'admin' | 'debt' | null }): Promise<void> => {
  await run(sql`
    UPDATE creators SET payouts_blocked = ${b.blocked}, payouts_blocked_reason = ${b.reason?.slice(0, 1000) ?? null},
           payouts_blocked_by = ${b.by}::enum_creators_payouts_blocked_by, updated_at = now()
     WHERE id = ${creatorId}`)
}

/** Creators paid out on a schedule that falls today (daily; weekly on Mondays; monthly on the 1st, UTC) with a payment account. */
export const scheduledPayoutCreators = async (run: Run, schedules: readonly ('daily' | 'weekly' | 'monthly')[]): Promise<{ id: number; user_id: number }[]> =>
  schedules.length
    ? run<{ id: number; user_id: number }>(sql`
        SELECT id, user_id FROM creators
         WHERE payout_schedule IN (${sql.join(schedules.map((s) => sql`${s}::enum_creators_payout_schedule`), sql`, `)})
           AND stripe_account_id IS NOT NULL
         ORDER BY id`)
    : Promise.resolve([])

/** Creators whose payouts are blocked for debt (the daily job checks whether their debt is cleared). */
export const debtBlockedCreators = async (run: Run): Promise<number[]> =>
  (await run<{ id: number }>(sql`SELECT id FROM creators WHERE payouts_blocked AND payouts_blocked_by = 'debt' ORDER BY id`)).map((r) => r.id)
