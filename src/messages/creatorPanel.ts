/**
 * Texts of the creator's side of the admin panel (issue 12, "Panel, for creators"): the dashboard's
 * profile link and upcoming calls, the offer start field and its errors, a booking's actions.
 * English and French side by side; components pick one with `localeOf(i18n.language)`.
 */
import type { Locale } from '@/i18n/locale'

type Catalogue<T> = Record<Locale, T>

export const DASHBOARD_INTRO = {
  en: {
    hello: (name: string) => `Hello ${name}`,
    admin: 'Back office: creators, bookings, money, logs and platform settings.',
    creator: 'Your creator space: profile, offers, bookings, call requests and earnings.',
    profile: 'My profile',
    newOffer: 'New offer',
  },
  fr: {
    hello: (name: string) => `Bonjour ${name}`,
    admin: 'Back-office : créateurs, réservations, argent, journaux et paramètres de la plateforme.',
    creator: 'Votre espace créateur : profil, offres, réservations, demandes d’appel et revenus.',
    profile: 'Mon profil',
    newOffer: 'Nouvelle offre',
  },
} as const satisfies Catalogue<Record<string, unknown>>

/** The offer's start picker: in the creator's zone, named. */
export const OFFER_START = {
  en: { zone: (zone: string) => `Time zone: ${zone}`, time: 'Time', displayFormat: 'd MMM yyyy, HH:mm', timeFormat: 'HH:mm' },
  fr: { zone: (zone: string) => `Fuseau horaire : ${zone}`, time: 'Heure', displayFormat: 'd MMM yyyy, HH:mm', timeFormat: 'HH:mm' },
} as const

/** The offer rules' refusals (src/domain/offers.ts), in the reader's language, times in their zone. */
export const OFFER_ERRORS = {
  en: {
    required: 'Choose the day and time of the call.',
    past: 'This time is in the past: choose a later start.',
    cutoff: (minutes: number) => `Start must be at least ${minutes} minutes from now.`,
    overlap: (title: string, when: string) => `This time overlaps your offer "${title}" (${when}).`,
    overlapUnknown: 'This time overlaps another of your offers.',
    frozen: 'This offer has a booking: its time and price can no longer change. Cancel it instead.',
    notPayable: 'Connect your payment account before publishing offers: fans cannot pay you yet.',
  },
  fr: {
    required: 'Choisissez le jour et l’heure de l’appel.',
    past: 'Cette heure est passée : choisissez un début plus tard.',
    cutoff: (minutes: number) => `Le début doit être au moins ${minutes} minutes après maintenant.`,
    overlap: (title: string, when: string) => `Ce créneau chevauche votre offre « ${title} » (${when}).`,
    overlapUnknown: 'Ce créneau chevauche une autre de vos offres.',
    frozen: 'Cette offre a une réservation : son heure et son prix ne peuvent plus changer. Annulez-la plutôt.',
    notPayable: 'Connectez votre compte de paiement avant de publier des offres : les fans ne peuvent pas encore vous payer.',
  },
} as const

/** A booking's actions in its edit view (creator or admin): join the call, cancel it with the policy stated. */
export const BOOKING_ACTIONS = {
  en: {
    heading: 'Actions',
    fan: 'Fan',
    when: 'Call',
    join: 'Join the call',
    joinOpensAt: (at: string) => `The call opens at ${at} (15 minutes before the start).`,
    callOver: 'The call’s time is over.',
    notConfirmed: 'Only a confirmed booking has a call to join.',
    cancel: 'Cancel the booking…',
    cancelHeading: 'Cancel this booking?',
    policyFull: 'The fan is refunded in full, automatically, and told by email.',
    policyNothingPaid: 'Nothing was charged for this booking: cancelling releases the slot.',
    refusals: {
      BOOKING_NOT_CANCELLABLE: 'This booking can no longer be cancelled.',
      BOOKING_STARTED: 'This call has already started and can no longer be cancelled.',
      CANCELLATION_WINDOW_PASSED: 'The free cancellation period has passed.',
      PAYMENT_IN_PROGRESS: 'The fan’s payment is being processed: try again in a minute.',
    } as Record<string, string>,
    reason: 'Reason (the fan reads it)',
    reasonMissing: 'Write a reason (a few words are enough).',
    confirm: 'Cancel the booking',
    confirming: 'Cancelling…',
    keep: 'Keep it',
    cancelled: 'The booking is cancelled.',
    failed: 'The booking could not be cancelled.',
    network: 'Network error: nothing was changed.',
    timesIn: (zone: string) => `Times in ${zone}.`,
  },
  fr: {
    heading: 'Actions',
    fan: 'Fan',
    when: 'Appel',
    join: 'Rejoindre l’appel',
    joinOpensAt: (at: string) => `L’appel ouvre à ${at} (15 minutes avant le début).`,
    callOver: 'L’heure de l’appel est passée.',
    notConfirmed: 'Seule une réservation confirmée a un appel à rejoindre.',
    cancel: 'Annuler la réservation…',
    cancelHeading: 'Annuler cette réservation ?',
    policyFull: 'Le fan est remboursé intégralement, automatiquement, et prévenu par e-mail.',
    policyNothingPaid: 'Rien n’a été débité pour cette réservation : l’annuler libère le créneau.',
    refusals: {
      BOOKING_NOT_CANCELLABLE: 'Cette réservation ne peut plus être annulée.',
      BOOKING_STARTED: 'Cet appel a déjà commencé et ne peut plus être annulé.',
      CANCELLATION_WINDOW_PASSED: 'La période d’annulation gratuite est passée.',
      PAYMENT_IN_PROGRESS: 'Le paiement du fan est en cours : réessayez dans une minute.',
    } as Record<string, string>,
    reason: 'Motif (le fan le lira)',
    reasonMissing: 'Écrivez un motif (quelques mots suffisent).',
    confirm: 'Annuler la réservation',
    confirming: 'Annulation…',
    keep: 'La garder',
    cancelled: 'La réservation est annulée.',
    failed: 'La réservation n’a pas pu être annulée.',
    network: 'Erreur réseau : rien n’a été modifié.',
    timesIn: (zone: string) => `Heures en ${zone}.`,
  },
} as const

/** The creator dashboard's upcoming calls. */
export const UPCOMING_CALLS = {
  en: { fan: 'Fan', join: 'Join', opensAt: (at: string) => `opens ${at}` },
  fr: { fan: 'Fan', join: 'Rejoindre', opensAt: (at: string) => `ouvre à ${at}` },
} as const
