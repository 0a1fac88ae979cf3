import type { Payload } from 'payload'
import type Stripe from 'stripe'

import { updatePaymentAccount } from '@/db/creators'
import { runner } from '@/db/run'
import { SUPPORTED_CURRENCIES } from '@/domain/currencies'
import { Refusal } from '@/domain/refusal'
import { stripeClient, stripeMode } from '@/integrations/stripe/client'
import { serverUrl } from '@/lib/env'

import { logSystem } from './logs'

const COUNTRY_OF: Record<string, string> = { EUR: 'FR', CHF: 'CH', USD: 'US', GBP: 'GB' }

/**
 * Starts (or resumes) a creator's Stripe Connect onboarding and returns the single-use link.
 * The account is created once (idempotency key from our creator id) with payouts on a manual
 * schedule: the platform decides when creators are paid (SPEC §7). Any failure on the way is a 502
 * (logged): the creator can only try again.
 */
export const onboardingLink = async (payload: Payload, creatorId: number): Promise<string> => {
  try {
    return await openOnboarding(payload, creatorId)
  } catch (error) {
    payload.logger.error({ err: error }, 'Stripe onboarding failed')
    throw new Refusal(502, 'PAYMENT_PROVIDER_UNAVAILABLE', 'The payment provider is not answering. Please try again in a moment.')
  }
}

const openOnboarding = async (payload: Payload, creatorId: number): Promise<string> => {
  const creator = await payload.findByID({ collection: 'creators', id: creatorId, depth: 1 })
  const stripe = stripeClient()
  let accountId = creator.stripeAccountId
  if (!accountId) {
    const email = typeof creator.user === 'object' ? creator.user.email : undefined
    const account = await stripe.accounts.create(
      {
        type: 'express',
        country: COUNTRY_OF[creator.currency] ?? 'FR',
        email,
        default_currency: creator.currency.toLowerCase(),
        business_profile: { name: creator.displayName },
        capabilities: { card_payments: { requested: true }, transfers: { requested: true } },
        settings: { payouts: { schedule: { interval: 'manual' } } },
        metadata: { creatorId: String(creatorId) },
      },
      { idempotencyKey: `connect-account/creator-${creatorId}` },
    )
    accountId = account.id
    await payload.update({ collection: 'creators', id: creatorId, data: { stripeAccountId: accountId, stripeAccountStatus: 'pending' }, depth: 0 })
    await logSystem(payload, { level: 'INFO', type: 'stripe.account_created', actor: 'CREATOR', message: `Creator ${creatorId} connected Stripe account ${accountId}`, metadata: { creatorId, accountId } })
  }
  const link = await stripe.accountLinks.create({
    account: accountId,
    type: 'account_onboarding',
    refresh_url: `${serverUrl()}/admin?stripe=refresh`,
    return_url: `${serverUrl()}/admin?stripe=return`,
  })
  return link.url
}

/** Where Stripe lets Express account holders sign in themselves (the emulator has no dashboard of its own). */
export const EXPRESS_LOGIN_URL = 'https://connect.stripe.com/express_login'

/**
 * The creator's Stripe Express dashboard: a single-use login link for their connected account
 * (`accounts.createLoginLink`); with the emulator, Stripe's own Express sign-in page. 409 while the
 * creator has no payment account, 502 when Stripe does not answer.
 */
export const expressDashboardLink = async (payload: Payload, creatorId: number): Promise<string> => {
  const creator = await payload.findByID({ collection: 'creators', id: creatorId, depth: 0 })
  if (!creator.stripeAccountId) throw new Refusal(409, 'PAYOUTS_NOT_ENABLED', 'Connect your payment account first: it has no Stripe dashboard yet.')
  if (stripeMode() === 'emulator') return EXPRESS_LOGIN_URL
  try {
    return (await stripeClient().accounts.createLoginLink(creator.stripeAccountId)).url
  } catch (error) {
    payload.logger.error({ err: error }, 'Stripe login link failed')
    throw new Refusal(502, 'PAYMENT_PROVIDER_UNAVAILABLE', 'The payment provider is not answering. Please try again in a moment.')
  }
}

/** `account.updated`: keeps the creator's payment status, capabilities and currency in step with Stripe. */
export const onAccountUpdated = async (payload: Payload, account: Stripe.Account): Promise<'updated' | 'ignored'> => {
  const charges = Boolean(account.charges_enabled)
  const payouts = Boolean(account.payouts_enabled)
  const due = account.requirements?.currently_due ?? []
  const status = charges && payouts ? 'enabled' : due.length || account.requirements?.disabled_reason ? 'restricted' : 'pending'
  const currency = account.default_currency?.toUpperCase()
  const supported = currency && (SUPPORTED_CURRENCIES as readonly string[]).includes(currency) ? currency : null
  const creatorId = await updatePaymentAccount(runner(payload), { stripeAccountId: account.id, chargesEnabled: charges, payoutsEnabled: payouts, status, currency: supported })
  if (creatorId === undefined) return 'ignored'
  await logSystem(payload, {
    level: status === 'restricted' ? 'WARNING' : 'INFO',
    type: 'stripe.account_updated',
    message: `Stripe account ${account.id} of creator ${creatorId} is ${status}`,
    metadata: { creatorId, accountId: account.id, chargesEnabled: charges, payoutsEnabled: payouts, currentlyDue: due },
  })
  return 'updated'
}
