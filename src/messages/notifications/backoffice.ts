/**
 * Notification texts of the money back office (payouts, refund requests, disputes, debt): the
 * types SPEC §8 lists whose features land later read from here when they do.
 * Amounts arrive in minor units with their currency and are formatted in the recipient's language.
 */
import { money } from '@/domain/money'
import { formatMoney } from '@/i18n/format'
import type { Locale } from '@/i18n/locale'

import { notification } from './template'

/** A payout amount in the recipient's language. */
const shown = (d: { amount: number; currency: string }, locale: Locale) => formatMoney(money(d.amount, d.currency), locale)

export const BACKOFFICE_NOTIFICATIONS = {
  payment_received: notification({
    type: 'payment_received',
    sample: { title: 'Guitar lesson', amount: '€42.00' },
    en: (d) => ({ title: 'Payment received', body: `You earned ${d.amount} for “${d.title}”.` }),
    fr: (d) => ({ title: 'Paiement reçu', body: `Vous avez gagné ${d.amount} pour « ${d.title} ».` }),
  }),
  payout_requested: notification({
    type: 'payout_requested',
    sample: { creator: 'Lea Martin', amount: 12000, currency: 'EUR', payoutId: 7 },
    en: (d) => ({ title: 'Payout requested', body: `${d.creator} asked for a payout of ${shown(d, 'en')} (payout ${d.payoutId}). It is waiting for your approval.` }),
    fr: (d) => ({ title: 'Demande de versement', body: `${d.creator} demande un versement de ${shown(d, 'fr')} (versement ${d.payoutId}). Il attend votre validation.` }),
  }),
  payout_approved: notification({
    type: 'payout_approved',
    sample: { amount: 12000, currency: 'EUR' },
    en: (d) => ({ title: 'Payout approved', body: `Your payout of ${shown(d, 'en')} was approved and is on its way to your bank account.` }),
    fr: (d) => ({ title: 'Versement validé', body: `Votre versement de ${shown(d, 'fr')} est validé et en route vers votre compte bancaire.` }),
  }),
  payout_rejected: notification({
    type: 'payout_rejected',
    sample: { amount: 12000, currency: 'EUR', reason: 'Bank details missing' },
    en: (d) => ({ title: 'Payout declined', body: `Your payout of ${shown(d, 'en')} was declined and is back in your balance. Reason: ${d.reason}` }),
    fr: (d) => ({ title: 'Versement refusé', body: `Votre versement de ${shown(d, 'fr')} a été refusé et le montant est revenu sur votre solde. Motif : ${d.reason}` }),
  }),
  payout_paid: notification({
    type: 'payout_paid',
    sample: { amount: 12000, currency: 'EUR' },
    en: (d) => ({ title: 'Payout paid', body: `${shown(d, 'en')} has been paid to your bank account.` }),
    fr: (d) => ({ title: 'Versement effectué', body: `${shown(d, 'fr')} a été versé sur votre compte bancaire.` }),
  }),
  payout_failed: notification({
    type: 'payout_failed',
    sample: { amount: 12000, currency: 'EUR', reason: 'The bank account has been closed.' },
    en: (d) => ({ title: 'Payout failed', body: `Your payout of ${shown(d, 'en')} failed: ${d.reason} The amount is back in your balance.` }),
    fr: (d) => ({ title: 'Échec du versement', body: `Votre versement de ${shown(d, 'fr')} a échoué : ${d.reason} Le montant est revenu sur votre solde.` }),
  }),
  'payout_failed.canceled': notification({
    type: 'payout_failed',
    sample: { amount: 12000, currency: 'EUR' },
    en: (d) => ({ title: 'Payout cancelled', body: `Your payout of ${shown(d, 'en')} was cancelled at Stripe before it reached your bank. The amount is back in your balance.` }),
    fr: (d) => ({ title: 'Versement annulé', body: `Votre versement de ${shown(d, 'fr')} a été annulé chez Stripe avant d’arriver sur votre compte bancaire. Le montant est revenu sur votre solde.` }),
  }),
  'system.payout_failed': notification({
    type: 'system',
    sample: { payoutId: 7, creator: 'Lea Martin', amount: 12000, currency: 'EUR', error: 'Stripe did not answer.' },
    en: (d) => ({ title: 'A payout failed', body: `Payout ${d.payoutId} of ${shown(d, 'en')} to ${d.creator} could not be made at Stripe: ${d.error} The amount is back in the creator's balance.` }),
    fr: (d) => ({ title: 'Un versement a échoué', body: `Le versement ${d.payoutId} de ${shown(d, 'fr')} à ${d.creator} n’a pas pu être fait chez Stripe : ${d.error} Le montant est revenu sur le solde du créateur.` }),
  }),
  'system.dispute_settle_failed': notification({
    type: 'system',
    sample: { disputeId: 3, giveBack: false, error: 'Insufficient funds in the platform balance.' },
    en: (d) => ({
      title: 'A dispute could not be settled at Stripe',
      body: `Dispute ${d.disputeId}: ${d.giveBack ? 'giving the creator’s share back' : 'recovering the creator’s share'} failed at Stripe: ${d.error} The ledger and Stripe differ until it is done by hand.`,
    }),
    fr: (d) => ({
      title: 'Un litige n’a pas pu être réglé chez Stripe',
      body: `Litige ${d.disputeId} : ${d.giveBack ? 'le reversement de la part du créateur' : 'la récupération de la part du créateur'} a échoué chez Stripe : ${d.error} Le grand livre et Stripe diffèrent tant que ce n’est pas fait à la main.`,
    }),
  }),
  'system.dispute_evidence_failed': notification({
    type: 'system',
    sample: { disputeId: 3, submit: true, error: 'This dispute is already closed (lost).' },
    en: (d) => ({
      title: 'Dispute evidence not sent',
      body: `Dispute ${d.disputeId}: the evidence could not be ${d.submit ? 'submitted' : 'saved'} at Stripe: ${d.error} Open the dispute to try again.`,
    }),
    fr: (d) => ({
      title: 'Preuves du litige non envoyées',
      body: `Litige ${d.disputeId} : les preuves n’ont pas pu être ${d.submit ? 'soumises' : 'enregistrées'} chez Stripe : ${d.error} Ouvrez le litige pour réessayer.`,
    }),
  }),
  refund_requested: notification({
    type: 'refund_requested',
    sample: { title: 'Guitar lesson', amount: 4200, currency: 'EUR', refundId: 9 },
    en: (d) => ({ title: 'Refund requested', body: `A refund of ${shown(d, 'en')} is requested for “${d.title}” (refund ${d.refundId}). It is waiting for your decision.` }),
    fr: (d) => ({ title: 'Demande de remboursement', body: `Un remboursement de ${shown(d, 'fr')} est demandé pour « ${d.title} » (remboursement ${d.refundId}). Il attend votre décision.` }),
  }),
  refund_rejected: notification({
    type: 'refund_rejected',
    sample: { title: 'Guitar lesson', reason: 'The call took place' },
    en: (d) => ({ title: 'Refund declined', body: `Your refund request for “${d.title}” was declined. Reason: ${d.reason}` }),
    fr: (d) => ({ title: 'Remboursement refusé', body: `Votre demande de remboursement pour « ${d.title} » a été refusée. Motif : ${d.reason}` }),
  }),
  dispute_created: notification({
    type: 'dispute_created',
    sample: { title: 'Guitar lesson', amount: 4200, currency: 'EUR', disputeId: 3 },
    en: (d) => ({ title: 'Payment disputed', body: `The fan’s bank disputes the payment of ${shown(d, 'en')} for “${d.title}” (dispute ${d.disputeId}). Your share is held until the dispute is decided.` }),
    fr: (d) => ({ title: 'Paiement contesté', body: `La banque du fan conteste le paiement de ${shown(d, 'fr')} pour « ${d.title} » (litige ${d.disputeId}). Votre part est bloquée jusqu’à la décision.` }),
  }),
  dispute_closed: notification({
    type: 'dispute_closed',
    sample: { title: 'Guitar lesson', amount: 4200, currency: 'EUR', disputeId: 3, won: true },
    en: (d) => ({ title: d.won ? 'Dispute won' : 'Dispute lost', body: `The dispute ${d.disputeId} over ${shown(d, 'en')} for “${d.title}” is ${d.won ? 'won: the share is yours again' : 'lost: the amount goes back to the fan'}.` }),
    fr: (d) => ({ title: d.won ? 'Litige gagné' : 'Litige perdu', body: `Le litige ${d.disputeId} de ${shown(d, 'fr')} pour « ${d.title} » est ${d.won ? 'gagné : la part vous revient' : 'perdu : le montant retourne au fan'}.` }),
  }),
  debt_created: notification({
    type: 'debt_created',
    sample: { amount: 4200, currency: 'EUR' },
    en: (d) => ({ title: 'Your balance is negative', body: `You owe ${shown(d, 'en')} after a refund or a dispute. It will be taken from your next earnings.` }),
    fr: (d) => ({ title: 'Votre solde est négatif', body: `Vous devez ${shown(d, 'fr')} après un remboursement ou un litige. Ce montant sera déduit de vos prochains gains.` }),
  }),
  payouts_blocked: notification({
    type: 'payouts_blocked',
    sample: { reason: 'Identity check' },
    en: (d) => ({ title: 'Payouts paused', body: `Payouts from your account are paused. Reason: ${d.reason}` }),
    fr: (d) => ({ title: 'Versements suspendus', body: `Les versements de votre compte sont suspendus. Motif : ${d.reason}` }),
  }),
  'payouts_blocked.debt': notification({
    type: 'payouts_blocked',
    sample: { amount: 12000, currency: 'EUR', threshold: 10000 },
    en: (d) => ({
      title: 'Payouts paused',
      body: `Payouts from your account are paused: you owe ${shown(d, 'en')}, more than ${shown({ amount: d.threshold, currency: d.currency }, 'en')}. They resume by themselves once the debt is cleared.`,
    }),
    fr: (d) => ({
      title: 'Versements suspendus',
      body: `Les versements de votre compte sont suspendus : vous devez ${shown(d, 'fr')}, plus de ${shown({ amount: d.threshold, currency: d.currency }, 'fr')}. Ils reprendront d’eux-mêmes une fois la dette remboursée.`,
    }),
  }),
  'system.balance_adjusted': notification({
    type: 'system',
    sample: { amount: -2500, currency: 'EUR', reason: 'Correction after the reconciliation of 3 May' },
    en: (d) => ({
      title: 'Your balance was adjusted',
      body: `An admin ${d.amount < 0 ? 'debited' : 'credited'} your ${d.currency} balance by ${shown({ amount: Math.abs(d.amount), currency: d.currency }, 'en')}. Reason: ${d.reason} This corrects our books; no money was moved on your Stripe account.`,
    }),
    fr: (d) => ({
      title: 'Votre solde a été ajusté',
      body: `Un administrateur a ${d.amount < 0 ? 'débité' : 'crédité'} votre solde en ${d.currency} de ${shown({ amount: Math.abs(d.amount), currency: d.currency }, 'fr')}. Motif : ${d.reason} Il s’agit d’une correction de nos comptes ; aucun argent n’a bougé sur votre compte Stripe.`,
    }),
  }),
  payouts_unblocked: notification({
    type: 'payouts_unblocked',
    sample: {},
    en: () => ({ title: 'Payouts resumed', body: 'You can request payouts again.' }),
    fr: () => ({ title: 'Versements rétablis', body: 'Vous pouvez de nouveau demander des versements.' }),
  }),
}
