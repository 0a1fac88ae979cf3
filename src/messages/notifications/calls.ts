/**
 * Notification texts of calls: the reminders (24 h and 15 min before, with the join link and the
 * .ics in the email) and what the completion job tells fan, creator and admins. Times are the
 * recipient's, with their zone named (the email is read away from the page). Admins are also told
 * when a booking's video room could not be created (the booking stays confirmed).
 */
import { formatDateTime, formatEmailDateTime } from '@/i18n/format'

import { notification } from './template'

const reminder = {
  title: 'Guitar lesson',
  with: 'Lea Martin',
  startsAt: '2026-06-05T14:00:00.000Z',
}

export const CALL_NOTIFICATIONS = {
  /** 24 h before, to the fan (`with` the creator) and to the creator (`with` the fan). */
  'booking_reminder.early': notification({
    type: 'booking_reminder',
    sample: reminder,
    en: (d, ctx) => ({
      title: 'Your call is tomorrow',
      body: `Reminder: “${d.title}” with ${d.with} is on ${formatEmailDateTime(d.startsAt, ctx)}. The call page opens 15 minutes before; the calendar file is attached to the email.`,
    }),
    fr: (d, ctx) => ({
      title: 'Votre appel a lieu demain',
      body: `Rappel : « ${d.title} » avec ${d.with} a lieu le ${formatEmailDateTime(d.startsAt, ctx)}. La page de l’appel ouvre 15 minutes avant ; le fichier d’agenda est joint à l’e-mail.`,
    }),
  }),
  /** 15 min before: the call page is open. */
  'booking_reminder.late': notification({
    type: 'booking_reminder',
    sample: reminder,
    en: (d, ctx) => ({
      title: 'Your call starts soon',
      body: `“${d.title}” with ${d.with} starts on ${formatEmailDateTime(d.startsAt, ctx)}. The call page is open: join from the link.`,
    }),
    fr: (d, ctx) => ({
      title: 'Votre appel commence bientôt',
      body: `« ${d.title} » avec ${d.with} commence le ${formatEmailDateTime(d.startsAt, ctx)}. La page de l’appel est ouverte : rejoignez-la depuis le lien.`,
    }),
  }),
  /** To the fan: the creator never joined; the full refund is on its way. */
  'booking_cancelled.no_show.fan': notification({
    type: 'booking_cancelled',
    sample: { title: 'Guitar lesson', creatorName: 'Lea Martin' },
    en: (d) => ({
      title: 'Your call did not take place',
      body: `${d.creatorName} did not join “${d.title}”. We are refunding you in full.`,
    }),
    fr: (d) => ({
      title: 'Votre appel n’a pas eu lieu',
      body: `${d.creatorName} n’a pas rejoint « ${d.title} ». Nous vous remboursons intégralement.`,
    }),
  }),
  /** To the creator: they never joined (or too late); the fan is refunded. */
  'booking_cancelled.no_show.creator': notification({
    type: 'booking_cancelled',
    sample: { title: 'Guitar lesson', graceMinutes: 10 },
    en: (d) => ({
      title: 'You missed a call',
      body: `You did not join “${d.title}” within ${d.graceMinutes} minutes of its start. The booking is cancelled and the fan refunded in full; the earning is taken back.`,
    }),
    fr: (d) => ({
      title: 'Vous avez manqué un appel',
      body: `Vous n’avez pas rejoint « ${d.title} » dans les ${d.graceMinutes} minutes suivant son début. La réservation est annulée et le fan intégralement remboursé ; le gain est repris.`,
    }),
  }),
  /** To the fan: they never joined; the call counts as held. */
  'system.fan_no_show.fan': notification({
    type: 'system',
    sample: { title: 'Guitar lesson', creatorName: 'Lea Martin' },
    en: (d) => ({
      title: 'You missed your call',
      body: `You did not join “${d.title}” with ${d.creatorName}. As the creator was there, the call is not refunded.`,
    }),
    fr: (d) => ({
      title: 'Vous avez manqué votre appel',
      body: `Vous n’avez pas rejoint « ${d.title} » avec ${d.creatorName}. Le créateur était présent : l’appel n’est pas remboursé.`,
    }),
  }),
  /** To the creator: the fan never joined; they are paid. */
  'system.fan_no_show.creator': notification({
    type: 'system',
    sample: { title: 'Guitar lesson' },
    en: (d) => ({
      title: 'The fan did not come',
      body: `The fan did not join “${d.title}”. The call counts as held and you are paid as usual.`,
    }),
    fr: (d) => ({
      title: 'Le fan n’est pas venu',
      body: `Le fan n’a pas rejoint « ${d.title} ». L’appel compte comme tenu et vous êtes payé normalement.`,
    }),
  }),
  /** To admins: nobody attended; a refund request waits for their decision (or could not be opened: `problem`). */
  'system.call_needs_admin': notification({
    type: 'system',
    sample: {
      bookingId: 34,
      title: 'Guitar lesson',
      outcome: 'both_absent',
      problem: 'The payment is disputed.',
    },
    en: (d) => ({
      title: 'A call needs a decision',
      body: `Booking ${d.bookingId} (“${d.title}”): ${d.outcome === 'both_absent' ? 'neither the fan nor the creator joined' : 'the creator did not join'}. ${d.problem ? `No refund could be opened: ${d.problem}` : 'A refund request is waiting for your decision.'}`,
    }),
    fr: (d) => ({
      title: 'Un appel attend une décision',
      body: `Réservation ${d.bookingId} (« ${d.title} ») : ${d.outcome === 'both_absent' ? 'ni le fan ni le créateur ne l’ont rejoint' : 'le créateur ne l’a pas rejoint'}. ${d.problem ? `Aucun remboursement n’a pu être ouvert : ${d.problem}` : 'Une demande de remboursement attend votre décision.'}`,
    }),
  }),
  'system.call_room_failed': notification({
    type: 'system',
    sample: {
      bookingId: 42,
      title: 'Guitar lesson',
      startsAt: '2026-06-05T14:00:00.000Z',
      error: 'Daily 500 server-error: upstream unavailable',
    },
    en: (d, ctx) => ({
      title: 'A video room could not be created',
      body: `Booking ${d.bookingId} (“${d.title}”, ${formatDateTime(d.startsAt, ctx)}) has no video room after every attempt. The booking stays confirmed. Last error: ${d.error}`,
    }),
    fr: (d, ctx) => ({
      title: 'Une salle vidéo n’a pas pu être créée',
      body: `La réservation ${d.bookingId} (« ${d.title} », ${formatDateTime(d.startsAt, ctx)}) n’a pas de salle vidéo après toutes les tentatives. La réservation reste confirmée. Dernière erreur : ${d.error}`,
    }),
  }),
}
