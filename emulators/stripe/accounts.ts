/**
 * Connect accounts and account links (the hosted onboarding page itself is in ./onboarding.ts).
 */
import { invalid, missingResource } from './errors'
import { emit } from './events'
import { applyMetadata, asRecord, type FormObject, mergeParams, optObject, optString, reqString } from './forms'
import { clone, currencyOfCountry, newId, nowSeconds, randomId } from './helpers'
import type { Account, Requirements } from './objects'
import type { AccountLink, EmulatorState } from './state'

const ONBOARDING_REQUIREMENTS = [
  'business_profile.mcc',
  'business_profile.url',
  'external_account',
  'individual.dob.day',
  'individual.email',
  'individual.first_name',
  'individual.last_name',
  'tos_acceptance.date',
  'tos_acceptance.ip',
]

const requirements = (due: string[]): Requirements => ({
  alternatives: [],
  current_deadline: null,
  currently_due: [...due],
  disabled_reason: due.length ? 'requirements.past_due' : null,
  errors: [],
  eventually_due: [...due],
  past_due: [...due],
  pending_verification: [],
})

export const getAccount = (state: EmulatorState, id: string, param = 'account'): Account => {
  const account = state.accounts.get(id)
  if (!account) throw missingResource('account', id, param)
  return account
}

export const createAccount = (state: EmulatorState, params: FormObject): Account => {
  const type = optString(params, 'type') ?? 'express'
  if (!['express', 'standard', 'custom'].includes(type)) throw invalid(`Invalid type: must be one of custom, express, or standard`, { param: 'type' })
  const country = (optString(params, 'country') ?? state.defaultCountry).toUpperCase()
  const capabilities: Account['capabilities'] = {}
  for (const [name, value] of Object.entries(optObject(params, 'capabilities') ?? {})) {
    if (asRecord(value).requested === 'true') capabilities[name] = 'inactive'
  }
  const id = newId('acct', 16)
  const settings = mergeParams(
    {
      payouts: { debit_negative_balances: true, schedule: { delay_days: 7, interval: 'daily' }, statement_descriptor: null },
      payments: { statement_descriptor: null },
    },
    optObject(params, 'settings') ?? {},
  )
  const account: Account = {
    id,
    object: 'account',
    business_profile: mergeParams({ mcc: null, name: null, product_description: null, support_email: null, url: null }, optObject(params, 'business_profile') ?? {}),
    business_type: optString(params, 'business_type') ?? null,
    capabilities,
    charges_enabled: false,
    controller: type === 'standard' ? { type: 'account' } : { is_controller: true, type: 'application' },
    country,
    created: nowSeconds(),
    default_currency: optString(params, 'default_currency')?.toLowerCase() ?? currencyOfCountry(country),
    details_submitted: false,
    email: optString(params, 'email') ?? null,
    external_accounts: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/accounts/${id}/external_accounts` },
    future_requirements: requirements([]),
    metadata: applyMetadata({}, params),
    payouts_enabled: false,
    requirements: requirements(ONBOARDING_REQUIREMENTS),
    settings,
    tos_acceptance: { date: null, ip: null, user_agent: null },
    type,
  }
  state.accounts.set(id, account)
  return account
}

export const updateAccount = (state: EmulatorState, account: Account, params: FormObject): Account => {
  const before = clone(account)
  if (params.email !== undefined) account.email = optString(params, 'email') || null
  if (params.business_type !== undefined) account.business_type = optString(params, 'business_type') || null
  account.metadata = applyMetadata(account.metadata, params)
  const businessProfile = optObject(params, 'business_profile')
  if (businessProfile) account.business_profile = mergeParams(account.business_profile, businessProfile)
  const settings = optObject(params, 'settings')
  if (settings) account.settings = mergeParams(account.settings, settings)
  for (const [name, value] of Object.entries(optObject(params, 'capabilities') ?? {})) {
    const requested = asRecord(value).requested
    if (requested === 'true' && !account.capabilities[name]) account.capabilities[name] = account.details_submitted ? 'active' : 'inactive'
    if (requested === 'false') delete account.capabilities[name]
  }
  emitAccountUpdated(state, account, before)
  return account
}

const emitAccountUpdated = (state: EmulatorState, account: Account, before: Account) => {
  const previous: Record<string, unknown> = {}
  for (const key of Object.keys(account) as (keyof Account)[]) {
    if (JSON.stringify(account[key]) !== JSON.stringify(before[key])) previous[key] = before[key]
  }
  if (Object.keys(previous).length) emit(state, 'account.updated', account, { account: account.id, previousAttributes: previous })
}

export const completeOnboarding = (state: EmulatorState, accountId: string): Account => {
  const account = getAccount(state, accountId)
  const before = clone(account)
  account.details_submitted = true
  account.charges_enabled = true
  account.payouts_enabled = true
  account.default_currency ||= currencyOfCountry(account.country)
  for (const name of Object.keys(account.capabilities)) account.capabilities[name] = 'active'
  if (!Object.keys(account.capabilities).length) account.capabilities = { card_payments: 'active', transfers: 'active' }
  account.requirements = requirements([])
  account.tos_acceptance = { date: nowSeconds(), ip: '127.0.0.1', user_agent: 'Stripe emulator' }
  account.business_type ||= 'individual'
  if (!account.external_accounts.data.length) {
    account.external_accounts.data.push({
      id: newId('ba'),
      object: 'bank_account',
      account: account.id,
      account_holder_name: null,
      account_holder_type: null,
      account_type: null,
      bank_name: 'STRIPE TEST BANK',
      country: account.country,
      currency: account.default_currency,
      default_for_currency: true,
      fingerprint: randomId(16),
      last4: '6789',
      metadata: {},
      routing_number: account.country === 'US' ? '110000000' : null,
      status: 'new',
    })
    account.external_accounts.total_count = account.external_accounts.data.length
  }
  emitAccountUpdated(state, account, before)
  return account
}

export const createAccountLink = (state: EmulatorState, params: FormObject) => {
  const accountId = reqString(params, 'account')
  getAccount(state, accountId)
  const type = reqString(params, 'type')
  if (type !== 'account_onboarding' && type !== 'account_update') throw invalid('Invalid type: must be one of account_onboarding or account_update', { param: 'type' })
  const token = randomId(24)
  const created = nowSeconds()
  // Stripe's links are single-use and short-lived; refresh_url is where a stale one sends the user.
  const link: AccountLink = { account: accountId, refreshUrl: optString(params, 'refresh_url') ?? null, returnUrl: optString(params, 'return_url') ?? null, expiresAt: created + 300, visited: false, completed: false }
  state.accountLinks.set(token, link)
  return { object: 'account_link', created, expires_at: link.expiresAt, url: `${state.baseUrl}/emulator/onboarding/${accountId}?link=${token}` }
}
