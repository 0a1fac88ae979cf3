/**
 * Notification texts of calls (SPEC §6): what admins are told when a booking's video room could not
 * be created (the booking stays confirmed; an admin can look at the error and the job).
 */
import { formatDateTime } from '@/i18n/format'

import { notification } from './template'

export const CALL_NOTIFICATIONS = {
  'system.call_room_failed': notification({
    type: 'system',
    sample: { bookingId: 42, title: 'Guitar lesson', startsAt: '2026-06-05T14:00:00.000Z', error: 'Daily 500 server-error: upstream unavailable' },
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
