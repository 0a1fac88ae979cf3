/**
 * The Stripe API routes the emulator answers, and list pagination.
 */
import { createAccount, createAccountLink, getAccount, updateAccount } from './accounts'
import { balanceObject, ledgerOf, settle } from './balance'
import { closeDispute, getDispute, updateDispute } from './disputes'
import { missingResource } from './errors'
import { emit, eventMatches } from './events'
import { applyMetadata, type FormObject, optInt, optString } from './forms'
import { PLATFORM } from './helpers'
import { cancelPaymentIntent, confirmPaymentIntent, createPaymentIntent, getPaymentIntent, updatePaymentIntent } from './paymentIntents'
import { createPaymentMethod } from './paymentMethods'
import { createPayout, finishPayout, getPayout } from './payouts'
import { createRefund } from './refunds'
import type { EmulatorState } from './state'
import { createTransfer, getTransfer, reverseTransfer } from './transfers'

type Ctx = { params: FormObject; account: string | null; ids: string[] }
export type Route = { method: string; pattern: RegExp; connectScoped?: boolean; handle: (ctx: Ctx) => unknown }

const list = <T extends { id: string }>(url: string, items: T[], params: FormObject) => {
  const newestFirst = [...items].reverse()
  const limit = Math.min(Math.max(optInt(params, 'limit') ?? 10, 1), 100)
  const after = optString(params, 'starting_after')
  const before = optString(params, 'ending_before')
  let start = 0
  let end = newestFirst.length
  if (after) {
    const index = newestFirst.findIndex((item) => item.id === after)
    if (index < 0) throw missingResource('object', after, 'starting_after')
    start = index + 1
  } else if (before) {
    const index = newestFirst.findIndex((item) => item.id === before)
    if (index < 0) throw missingResource('object', before, 'ending_before')
    end = index
    start = Math.max(0, end - limit)
  }
  const data = newestFirst.slice(start, Math.min(end, start + limit))
  const hasMore = before ? start > 0 : start + limit < end
  return { object: 'list', data, has_more: hasMore, url }
}

/** The /v1 API: one entry per endpoint the emulator implements. */
export const createApiRoutes = (state: EmulatorState): Route[] => [
  { method: 'POST', pattern: /^\/v1\/accounts$/, handle: ({ params }) => createAccount(state, params) },
  { method: 'GET', pattern: /^\/v1\/accounts$/, handle: ({ params }) => list('/v1/accounts', [...state.accounts.values()], params) },
  {
    method: 'GET',
    pattern: /^\/v1\/accounts\/([\w]+)$/,
    connectScoped: true,
    handle: ({ ids, account }) => {
      // With Stripe-Account a connected account may only read itself.
      if (account && account !== ids[0]) throw missingResource('account', ids[0])
      return getAccount(state, ids[0], 'account')
    },
  },
  { method: 'POST', pattern: /^\/v1\/accounts\/([\w]+)$/, handle: ({ ids, params }) => updateAccount(state, getAccount(state, ids[0]), params) },
  {
    method: 'DELETE',
    pattern: /^\/v1\/accounts\/([\w]+)$/,
    handle: ({ ids }) => {
      getAccount(state, ids[0])
      state.accounts.delete(ids[0])
      return { id: ids[0], object: 'account', deleted: true }
    },
  },
  { method: 'POST', pattern: /^\/v1\/account_links$/, handle: ({ params }) => createAccountLink(state, params) },
  { method: 'POST', pattern: /^\/v1\/payment_methods$/, handle: ({ params }) => createPaymentMethod(state, params) },
  {
    method: 'GET',
    pattern: /^\/v1\/payment_methods\/([\w]+)$/,
    handle: ({ ids }) => {
      const entry = state.paymentMethods.get(ids[0])
      if (!entry) throw missingResource('PaymentMethod', ids[0], 'payment_method')
      return entry.pm
    },
  },
  { method: 'POST', pattern: /^\/v1\/payment_intents$/, handle: ({ params }) => createPaymentIntent(state, params) },
  {
    method: 'GET',
    pattern: /^\/v1\/payment_intents$/,
    handle: ({ params }) => list('/v1/payment_intents', [...state.paymentIntents.values()].filter((intent) => !params.customer || intent.customer === params.customer), params),
  },
  { method: 'GET', pattern: /^\/v1\/payment_intents\/([\w]+)$/, handle: ({ ids }) => getPaymentIntent(state, ids[0]) },
  { method: 'POST', pattern: /^\/v1\/payment_intents\/([\w]+)$/, handle: ({ ids, params }) => updatePaymentIntent(state, getPaymentIntent(state, ids[0]), params) },
  { method: 'POST', pattern: /^\/v1\/payment_intents\/([\w]+)\/confirm$/, handle: ({ ids, params }) => confirmPaymentIntent(state, getPaymentIntent(state, ids[0]), params) },
  { method: 'POST', pattern: /^\/v1\/payment_intents\/([\w]+)\/cancel$/, handle: ({ ids, params }) => cancelPaymentIntent(state, getPaymentIntent(state, ids[0]), params) },
  {
    method: 'GET',
    pattern: /^\/v1\/charges$/,
    handle: ({ params }) => list('/v1/charges', [...state.charges.values()].filter((charge) => !params.payment_intent || charge.payment_intent === params.payment_intent), params),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/charges\/([\w]+)$/,
    handle: ({ ids }) => {
      const charge = state.charges.get(ids[0])
      if (!charge) throw missingResource('charge', ids[0], 'charge')
      return charge
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/application_fees$/,
    handle: ({ params }) => list('/v1/application_fees', [...state.applicationFees.values()].filter((fee) => !params.charge || fee.originating_transaction === params.charge), params),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/application_fees\/([\w]+)$/,
    handle: ({ ids }) => {
      const fee = state.applicationFees.get(ids[0])
      if (!fee) throw missingResource('application fee', ids[0])
      return fee
    },
  },
  {
    method: 'POST',
    pattern: /^\/v1\/refunds$/,
    handle: ({ params }) => {
      const { refund, followUps } = createRefund(state, params)
      for (const [type, object, previous] of followUps) emit(state, type, object, previous ? { previousAttributes: previous } : {})
      return refund
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/refunds$/,
    handle: ({ params }) =>
      list(
        '/v1/refunds',
        [...state.refunds.values()].filter((refund) => (!params.charge || refund.charge === params.charge) && (!params.payment_intent || refund.payment_intent === params.payment_intent)),
        params,
      ),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/refunds\/([\w]+)$/,
    handle: ({ ids }) => {
      const refund = state.refunds.get(ids[0])
      if (!refund) throw missingResource('refund', ids[0])
      return refund
    },
  },
  { method: 'POST', pattern: /^\/v1\/transfers$/, handle: ({ params }) => createTransfer(state, params) },
  {
    method: 'GET',
    pattern: /^\/v1\/transfers$/,
    handle: ({ params }) =>
      list(
        '/v1/transfers',
        [...state.transfers.values()].filter((transfer) => (!params.destination || transfer.destination === params.destination) && (!params.transfer_group || transfer.transfer_group === params.transfer_group)),
        params,
      ),
  },
  { method: 'GET', pattern: /^\/v1\/transfers\/([\w]+)$/, handle: ({ ids }) => getTransfer(state, ids[0]) },
  {
    method: 'POST',
    pattern: /^\/v1\/transfers\/([\w]+)\/reversals$/,
    handle: ({ ids, params }) => {
      const transfer = getTransfer(state, ids[0])
      return reverseTransfer(state, transfer, optInt(params, 'amount') ?? transfer.amount - transfer.amount_reversed, { metadata: applyMetadata({}, params) })
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/transfers\/([\w]+)\/reversals\/([\w]+)$/,
    handle: ({ ids }) => {
      const reversal = getTransfer(state, ids[0]).reversals.data.find((one) => one.id === ids[1])
      if (!reversal) throw missingResource('transfer_reversal', ids[1])
      return reversal
    },
  },
  { method: 'GET', pattern: /^\/v1\/transfers\/([\w]+)\/reversals$/, handle: ({ ids, params }) => list(`/v1/transfers/${ids[0]}/reversals`, [...getTransfer(state, ids[0]).reversals.data].reverse(), params) },
  { method: 'GET', pattern: /^\/v1\/balance$/, connectScoped: true, handle: ({ account }) => balanceObject(state, account ?? PLATFORM) },
  {
    method: 'GET',
    pattern: /^\/v1\/balance_transactions$/,
    connectScoped: true,
    handle: ({ account, params }) => {
      settle(state, account ?? PLATFORM)
      const txns = ledgerOf(state, account ?? PLATFORM).map((entry) => entry.txn)
      return list('/v1/balance_transactions', txns.filter((txn) => (!params.type || txn.type === params.type) && (!params.source || txn.source === params.source)), params)
    },
  },
  {
    method: 'GET',
    pattern: /^\/v1\/balance_transactions\/([\w]+)$/,
    connectScoped: true,
    handle: ({ account, ids }) => {
      settle(state, account ?? PLATFORM)
      const txn = ledgerOf(state, account ?? PLATFORM).find((entry) => entry.txn.id === ids[0])?.txn
      if (!txn) throw missingResource('balance transaction', ids[0])
      return txn
    },
  },
  { method: 'POST', pattern: /^\/v1\/payouts$/, connectScoped: true, handle: ({ account, params }) => createPayout(state, params, account ?? PLATFORM) },
  {
    method: 'GET',
    pattern: /^\/v1\/payouts$/,
    connectScoped: true,
    handle: ({ account, params }) =>
      list('/v1/payouts', [...state.payouts.values()].filter((entry) => entry.owner === (account ?? PLATFORM) && (!params.status || entry.payout.status === params.status)).map((entry) => entry.payout), params),
  },
  { method: 'GET', pattern: /^\/v1\/payouts\/([\w]+)$/, connectScoped: true, handle: ({ account, ids }) => getPayout(state, ids[0], account ?? PLATFORM).payout },
  {
    method: 'POST',
    pattern: /^\/v1\/payouts\/([\w]+)\/cancel$/,
    connectScoped: true,
    handle: ({ account, ids }) => finishPayout(state, getPayout(state, ids[0], account ?? PLATFORM).payout.id, 'canceled'),
  },
  { method: 'GET', pattern: /^\/v1\/disputes$/, handle: ({ params }) => list('/v1/disputes', [...state.disputes.values()].filter((dispute) => !params.payment_intent || dispute.payment_intent === params.payment_intent), params) },
  { method: 'GET', pattern: /^\/v1\/disputes\/([\w]+)$/, handle: ({ ids }) => getDispute(state, ids[0]) },
  { method: 'POST', pattern: /^\/v1\/disputes\/([\w]+)$/, handle: ({ ids, params }) => updateDispute(state, getDispute(state, ids[0]), params) },
  { method: 'POST', pattern: /^\/v1\/disputes\/([\w]+)\/close$/, handle: ({ ids }) => closeDispute(state, ids[0], 'lost') },
  {
    method: 'GET',
    pattern: /^\/v1\/events$/,
    connectScoped: true,
    handle: ({ account, params }) => list('/v1/events', state.events.filter((event) => (event.account ?? null) === account && eventMatches(event, params)), params),
  },
  {
    method: 'GET',
    pattern: /^\/v1\/events\/([\w]+)$/,
    connectScoped: true,
    handle: ({ account, ids }) => {
      const event = state.events.find((candidate) => candidate.id === ids[0] && (candidate.account ?? null) === account)
      if (!event) throw missingResource('event', ids[0])
      return event
    },
  },
]
