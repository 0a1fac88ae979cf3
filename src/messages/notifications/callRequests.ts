/**
 * Notification texts of call requests (SPEC §9) and reviews. Dates arrive as ISO strings and read
 * in the recipient's language and time zone.
 */
import { formatDateTime } from '@/i18n/format'

import { notification } from './template'

export const CALL_REQUEST_NOTIFICATIONS = {
  /** To the creator: a fan proposed a call. */
  call_request_received: notification({
    type: 'call_request_received',
    sample: { durationMinutes: 45 },
    en: (d) => ({ title: 'New call request', body: `A fan proposed a ${d.durationMinutes}-minute call. Accept or decline it in your dashboard.` }),
    fr: (d) => ({ title: 'Nouvelle demande d’appel', body: `Un fan propose un appel de ${d.durationMinutes} minutes. Acceptez ou refusez-le depuis votre tableau de bord.` }),
  }),
  /** To the fan: the creator accepted; an offer is reserved for them. */
  call_request_accepted: notification({
    type: 'call_request_accepted',
    sample: { creator: 'Lea Martin', durationMinutes: 45, proposedStart: '2026-06-05T14:00:00.000Z', message: 'Looking forward to it!' as string | null | undefined },
    en: (d, ctx) => ({
      title: 'Your call request was accepted',
      body: `${d.creator} accepted your ${d.durationMinutes}-minute call on ${formatDateTime(d.proposedStart, ctx)}. The slot is reserved for you: book and pay to confirm it.${d.message ? ` Their message: “${d.message}”` : ''}`,
    }),
    fr: (d, ctx) => ({
      title: 'Votre demande d’appel est acceptée',
      body: `${d.creator} a accepté votre appel de ${d.durationMinutes} minutes le ${formatDateTime(d.proposedStart, ctx)}. Le créneau vous est réservé : réservez et payez pour le confirmer.${d.message ? ` Son message : « ${d.message} »` : ''}`,
    }),
  }),
  /** To the fan: the creator declined, with their message when they left one. */
  call_request_rejected: notification({
    type: 'call_request_rejected',
    sample: { creator: 'Lea Martin', reason: 'I am travelling that week, sorry!' as string | null },
    en: (d) => ({
      title: 'Your call request was declined',
      body: `${d.creator} declined your call request.${d.reason ? ` Their message: “${d.reason}”` : ''}`,
    }),
    fr: (d) => ({
      title: 'Votre demande d’appel est refusée',
      body: `${d.creator} a refusé votre demande d’appel.${d.reason ? ` Son message : « ${d.reason} »` : ''}`,
    }),
  }),
  /** To the fan, in-app only: nobody answered before proposed start − 2 h. */
  'system.call_request_expired': notification({
    type: 'system',
    sample: { creator: 'Lea Martin', proposedStart: '2026-06-05T14:00:00.000Z' },
    en: (d, ctx) => ({
      title: 'Your call request expired',
      body: `${d.creator} did not answer your request for ${formatDateTime(d.proposedStart, ctx)} in time. You can send a new one.`,
    }),
    fr: (d, ctx) => ({
      title: 'Votre demande d’appel a expiré',
      body: `${d.creator} n’a pas répondu à temps à votre demande pour le ${formatDateTime(d.proposedStart, ctx)}. Vous pouvez en envoyer une nouvelle.`,
    }),
  }),
  /** To the creator: a fan reviewed a call (the author's first name, or "a fan"). */
  review_received: notification({
    type: 'review_received',
    sample: { rating: 5, authorName: 'Lea' as string | null },
    en: (d) => ({ title: `New ${d.rating}★ review`, body: `${d.authorName ?? 'A fan'} reviewed your call.` }),
    fr: (d) => ({ title: `Nouvel avis ${d.rating}★`, body: `${d.authorName ?? 'Un fan'} a laissé un avis sur votre appel.` }),
  }),
}
