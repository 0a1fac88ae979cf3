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
