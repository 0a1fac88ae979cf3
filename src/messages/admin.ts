/**
 * Texts of the admin panel's money components (payout / refund / creator actions, the audit trail,
 * the creator's money dashboard, the money field), English and French side by side. Components pick
 * a map with `localeOf(i18n.language)`; sentences with figures are functions of already formatted
 * values (the caller formats money in the reader's language).
 */
import type { Locale } from '@/i18n/locale'

type Catalogue<T> = Record<Locale, T>

/** Shared by every action box. */
export const COMMON = {
  en: { cancel: 'Cancel', failed: 'The action was refused.', network: 'Network error: nothing was changed.', reasonRequired: 'Write a reason (at least 3 characters).' },
  fr: { cancel: 'Annuler', failed: 'L’action a été refusée.', network: 'Erreur réseau : rien n’a été modifié.', reasonRequired: 'Écrivez un motif (au moins 3 caractères).' },
} as const satisfies Catalogue<Record<string, string>>

export const PAYOUT_ACTIONS = {
  en: {
    heading: 'Decide on this payout',
    help: 'Approving creates the payout on the creator’s Stripe account; rejecting gives the amount back to their balance.',
    approve: 'Approve',
    approving: 'Approving…',
    confirmApprove: (amount: string) => `Approve this payout of ${amount}? It is sent to the creator’s Stripe account at once.`,
    approved: 'Payout approved: it is being created at Stripe.',
    reject: 'Reject',
    reasonLabel: 'Reason (sent to the creator)',
    confirmRejectButton: 'Reject payout',
    rejecting: 'Rejecting…',
    confirmReject: (amount: string) => `Reject this payout of ${amount}? The amount goes back to the creator’s available balance.`,
    rejected: 'Payout rejected: the amount is back in the creator’s balance.',
    creatorHeading: 'Your payout request',
    creatorHelp: 'Waiting for an admin to approve it. You can take it back until then.',
    cancelPayout: 'Cancel this payout',
    cancelling: 'Cancelling…',
    confirmCancel: (amount: string) => `Cancel your payout request of ${amount}? The amount goes back to your available balance.`,
    cancelled: 'Payout cancelled: the amount is back in your balance.',
  },
  fr: {
    heading: 'Décider de ce versement',
    help: 'Approuver crée le versement sur le compte Stripe du créateur ; refuser rend le montant à son solde.',
    approve: 'Approuver',
    approving: 'Approbation…',
    confirmApprove: (amount: string) => `Approuver ce versement de ${amount} ? Il est envoyé tout de suite sur le compte Stripe du créateur.`,
    approved: 'Versement approuvé : il est en cours de création chez Stripe.',
    reject: 'Refuser',
    reasonLabel: 'Motif (envoyé au créateur)',
    confirmRejectButton: 'Refuser le versement',
    rejecting: 'Refus…',
    confirmReject: (amount: string) => `Refuser ce versement de ${amount} ? Le montant revient au solde disponible du créateur.`,
    rejected: 'Versement refusé : le montant est revenu au solde du créateur.',
    creatorHeading: 'Votre demande de versement',
    creatorHelp: 'En attente de l’approbation d’un administrateur. Vous pouvez l’annuler d’ici là.',
    cancelPayout: 'Annuler ce versement',
    cancelling: 'Annulation…',
    confirmCancel: (amount: string) => `Annuler votre demande de versement de ${amount} ? Le montant revient à votre solde disponible.`,
    cancelled: 'Versement annulé : le montant est revenu à votre solde.',
  },
} as const

export const REFUND_ACTIONS = {
  en: {
    heading: 'Decide on this refund',
    help: 'Approving refunds the fan on their card (the creator’s share is taken back); rejecting tells the fan why.',
    approve: 'Approve refund',
    approving: 'Approving…',
    confirmApprove: (amount: string) => `Refund ${amount} to the fan? The money leaves at once and cannot be taken back.`,
    approved: 'Refund approved: it is being sent to the fan.',
    reject: 'Reject',
    reasonLabel: 'Reason (sent to the fan)',
    confirmRejectButton: 'Reject refund',
    rejecting: 'Rejecting…',
    confirmReject: (amount: string) => `Reject this refund request of ${amount}? The fan is told, with your reason.`,
    rejected: 'Refund request rejected.',
  },
  fr: {
    heading: 'Décider de ce remboursement',
    help: 'Approuver rembourse le fan sur sa carte (la part du créateur est reprise) ; refuser lui en donne le motif.',
    approve: 'Approuver le remboursement',
    approving: 'Approbation…',
    confirmApprove: (amount: string) => `Rembourser ${amount} au fan ? L’argent part tout de suite, sans retour possible.`,
    approved: 'Remboursement approuvé : il est en cours d’envoi au fan.',
    reject: 'Refuser',
    reasonLabel: 'Motif (envoyé au fan)',
    confirmRejectButton: 'Refuser le remboursement',
    rejecting: 'Refus…',
    confirmReject: (amount: string) => `Refuser cette demande de remboursement de ${amount} ? Le fan est prévenu, avec votre motif.`,
    rejected: 'Demande de remboursement refusée.',
  },
} as const

export const PAYOUT_BLOCK = {
  en: {
    heading: 'Payouts of this creator',
    open: 'Payouts are allowed.',
    blocked: (by: string, reason: string) => `Payouts are blocked (${by === 'debt' ? 'automatically, for debt' : 'by an admin'})${reason ? `: ${reason}` : '.'}`,
    block: 'Block payouts',
    unblock: 'Unblock payouts',
    reasonLabel: 'Reason (the creator sees it)',
    unblockReasonLabel: 'Note (optional)',
    confirmBlock: 'Block this creator’s payouts? No payout can be requested or scheduled until they are unblocked.',
    confirmUnblock: 'Unblock this creator’s payouts?',
    blocking: 'Blocking…',
    unblocking: 'Unblocking…',
    blockedDone: 'Payouts blocked.',
    unblockedDone: 'Payouts unblocked.',
  },
  fr: {
    heading: 'Versements de ce créateur',
    open: 'Les versements sont autorisés.',
    blocked: (by: string, reason: string) => `Les versements sont bloqués (${by === 'debt' ? 'automatiquement, pour dette' : 'par un administrateur'})${reason ? ` : ${reason}` : '.'}`,
    block: 'Bloquer les versements',
    unblock: 'Débloquer les versements',
    reasonLabel: 'Motif (visible par le créateur)',
    unblockReasonLabel: 'Note (facultative)',
    confirmBlock: 'Bloquer les versements de ce créateur ? Aucun versement ne peut être demandé ni planifié avant le déblocage.',
    confirmUnblock: 'Débloquer les versements de ce créateur ?',
    blocking: 'Blocage…',
    unblocking: 'Déblocage…',
    blockedDone: 'Versements bloqués.',
    unblockedDone: 'Versements débloqués.',
  },
} as const

export const AUDIT_TRAIL = {
  en: { heading: 'Status history', empty: 'No status change recorded yet.', at: 'When', who: 'Who', change: 'Change', why: 'Why', created: 'created' },
  fr: { heading: 'Historique des statuts', empty: 'Aucun changement de statut enregistré.', at: 'Quand', who: 'Qui', change: 'Changement', why: 'Motif', created: 'création' },
} as const

/** Status names shown to people (payouts, refunds, bookings, payments). */
export const STATUS_LABELS: Catalogue<Record<string, string>> = {
  en: {
    requested: 'requested', approved: 'approved', processing: 'processing', paid: 'paid', rejected: 'rejected', failed: 'failed', cancelled: 'cancelled', succeeded: 'succeeded',
    creator: 'creator', admin: 'admin', system: 'system', stripe: 'Stripe',
  },
  fr: {
    requested: 'demandé', approved: 'approuvé', processing: 'en cours', paid: 'payé', rejected: 'refusé', failed: 'échoué', cancelled: 'annulé', succeeded: 'réussi',
    creator: 'créateur', admin: 'admin', system: 'système', stripe: 'Stripe',
  },
}

/** Why "Request payout" is disabled, by refusal code of the payout decider (figures already formatted). */
export const PAYOUT_REFUSALS: Catalogue<Record<string, (f: { available: string; minimum: string; debt: string; reason: string; openPayout: string }) => string>> = {
  en: {
    PAYOUTS_NOT_ENABLED: () => 'Your payment account cannot receive payouts yet: finish its onboarding with Stripe first.',
    PAYOUTS_BLOCKED: ({ reason }) => `Payouts are blocked on your account${reason ? `: ${reason}` : '.'}`,
    PAYOUT_ALREADY_OPEN: ({ openPayout }) => `Payout ${openPayout} is still open: wait until it is paid, or cancel it, before requesting another.`,
    CREATOR_IN_DEBT: ({ debt }) => `You owe ${debt}: no payout until the debt is cleared.`,
    BELOW_MINIMUM: ({ available, minimum }) => `Available ${available} is below the minimum payout of ${minimum}.`,
  },
  fr: {
    PAYOUTS_NOT_ENABLED: () => 'Votre compte de paiement ne peut pas encore recevoir de versements : terminez d’abord son ouverture chez Stripe.',
    PAYOUTS_BLOCKED: ({ reason }) => `Les versements sont bloqués sur votre compte${reason ? ` : ${reason}` : '.'}`,
    PAYOUT_ALREADY_OPEN: ({ openPayout }) => `Le versement ${openPayout} est encore en cours : attendez qu’il soit payé, ou annulez-le, avant d’en demander un autre.`,
    CREATOR_IN_DEBT: ({ debt }) => `Vous devez ${debt} : aucun versement avant le remboursement de la dette.`,
    BELOW_MINIMUM: ({ available, minimum }) => `Le disponible (${available}) est inférieur au versement minimum de ${minimum}.`,
  },
}

export const MONEY_DASHBOARD = {
  en: {
    heading: 'Your money',
    noMoney: 'No earnings yet: your balance appears here after your first paid call.',
    available: 'Available',
    pending: 'Pending',
    reserved: 'In payouts',
    debt: 'Owed',
    availableHelp: 'Can be paid out now.',
    pendingHelp: 'Becomes available after the call and the holding period.',
    reservedHelp: 'Held by payouts under way.',
    debtHelp: 'Refunds or disputes above your balance.',
    chart: 'Earnings',
    byDay: 'Day',
    byWeek: 'Week',
    byMonth: 'Month',
    chartEmpty: 'No earnings in this period.',
    chartLabel: (period: string, currency: string) => `Earnings per ${period} in ${currency}`,
    requestPayout: 'Request payout',
    requesting: 'Requesting…',
    amountLabel: (currency: string) => `Amount (${currency})`,
    confirmRequest: (amount: string) => `Request a payout of ${amount}? An admin approves it, then it goes to your bank through Stripe.`,
    requested: 'Payout requested: an admin will approve it.',
    invalidAmount: (text: string) => `"${text}" is not an amount.`,
    stripeDashboard: 'Open my Stripe Express dashboard',
    payoutSettings: 'Payout settings (schedule, minimum)',
    schedule: (s: string) => `Schedule: ${s}`,
    upcoming: 'Upcoming calls',
    noUpcoming: 'No confirmed call ahead.',
    payments: 'Payments received',
    noPayments: 'No payment yet.',
    payouts: 'Payouts',
    noPayouts: 'No payout yet.',
    colDate: 'Date',
    colCall: 'Call',
    colPrice: 'Price',
    colFee: 'Platform fee',
    colShare: 'Your share',
    colRefunded: 'Refunded',
    colAmount: 'Amount',
    colStatus: 'Status',
    colFan: 'Fan',
    seeAll: 'See all',
  },
  fr: {
    heading: 'Votre argent',
    noMoney: 'Pas encore de revenus : votre solde apparaît ici après votre premier appel payé.',
    available: 'Disponible',
    pending: 'En attente',
    reserved: 'En versement',
    debt: 'Dû',
    availableHelp: 'Peut être versé maintenant.',
    pendingHelp: 'Disponible après l’appel et la période de rétention.',
    reservedHelp: 'Retenu par des versements en cours.',
    debtHelp: 'Remboursements ou litiges au-delà de votre solde.',
    chart: 'Revenus',
    byDay: 'Jour',
    byWeek: 'Semaine',
    byMonth: 'Mois',
    chartEmpty: 'Aucun revenu sur cette période.',
    chartLabel: (period: string, currency: string) => `Revenus par ${period} en ${currency}`,
    requestPayout: 'Demander un versement',
    requesting: 'Demande…',
    amountLabel: (currency: string) => `Montant (${currency})`,
    confirmRequest: (amount: string) => `Demander un versement de ${amount} ? Un administrateur l’approuve, puis il part vers votre banque via Stripe.`,
    requested: 'Versement demandé : un administrateur va l’approuver.',
    invalidAmount: (text: string) => `« ${text} » n’est pas un montant.`,
    stripeDashboard: 'Ouvrir mon tableau de bord Stripe Express',
    payoutSettings: 'Réglages des versements (rythme, minimum)',
    schedule: (s: string) => `Rythme : ${s}`,
    upcoming: 'Appels à venir',
    noUpcoming: 'Aucun appel confirmé à venir.',
    payments: 'Paiements reçus',
    noPayments: 'Aucun paiement pour l’instant.',
    payouts: 'Versements',
    noPayouts: 'Aucun versement pour l’instant.',
    colDate: 'Date',
    colCall: 'Appel',
    colPrice: 'Prix',
    colFee: 'Frais de plateforme',
    colShare: 'Votre part',
    colRefunded: 'Remboursé',
    colAmount: 'Montant',
    colStatus: 'Statut',
    colFan: 'Fan',
    seeAll: 'Tout voir',
  },
} as const

export const SCHEDULE_LABELS: Catalogue<Record<string, string>> = {
  en: { manual: 'on request', daily: 'daily', weekly: 'weekly', monthly: 'monthly' },
  fr: { manual: 'à la demande', daily: 'quotidien', weekly: 'hebdomadaire', monthly: 'mensuel' },
}

/** The money field's validation messages, figures in currency units. */
export const MONEY_FIELD = {
  en: {
    required: (label: string) => `${label} is required.`,
    notAnAmount: (label: string, text: string, example: string) => `${label}: "${text}" is not an amount (e.g. ${example}).`,
    tooManyDecimals: (label: string, currency: string, digits: number) => `${label}: ${currency} has ${digits} decimal${digits === 1 ? '' : 's'} at most.`,
    wholeMinorUnits: (label: string) => `${label} must be a whole number of minor units (cents), e.g. 1500 for 15.00.`,
    atLeast: (label: string, min: string) => `${label} must be at least ${min}.`,
    atMost: (label: string, max: string) => `${label} must be at most ${max}.`,
  },
  fr: {
    required: (label: string) => `${label} est obligatoire.`,
    notAnAmount: (label: string, text: string, example: string) => `${label} : « ${text} » n’est pas un montant (par ex. ${example}).`,
    tooManyDecimals: (label: string, currency: string, digits: number) => `${label} : ${currency} a au plus ${digits} décimale${digits === 1 ? '' : 's'}.`,
    wholeMinorUnits: (label: string) => `${label} doit être un nombre entier d’unités mineures (centimes), par ex. 1500 pour 15,00.`,
    atLeast: (label: string, min: string) => `${label} doit être d’au moins ${min}.`,
    atMost: (label: string, max: string) => `${label} doit être d’au plus ${max}.`,
  },
} as const
