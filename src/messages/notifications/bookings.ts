/**
 * Notification texts of the money path: a booking confirmed, a payment that failed, a hold that
 * expired, a booking cancelled, a refund paid out (or refused at Stripe, for admins).
 * Amounts arrive in minor units with their currency and are formatted in the recipient's language
 * with the plain language tag ('en', 'fr': "$42.00", not en-GB's "US$42.00"), as these texts always read.
 */
import { money } from '@/domain/money'
import { formatMoneyForTag } from '@/i18n/format'

import { notification } from './template'

/** Who cancelled, as the other party reads it. */
type CancelledBy = 'fan' | 'creator' | 'admin'

export const BOOKING_NOTIFICATIONS = {
  'booking_confirmed.fan': notification({
    type: 'booking_confirmed',
    sample: { title: 'Guitar lesson' },
    en: (d) => ({ title: 'Your call is booked', body: `“${d.title}” is confirmed. Add it to your calendar from your bookings.` }),
    fr: (d) => ({ title: 'Votre appel est réservé', body: `« ${d.title} » est confirmé. Ajoutez-le à votre agenda depuis vos réservations.` }),
  }),
  'booking_confirmed.creator': notification({
    type: 'booking_confirmed',
    sample: { title: 'Guitar lesson' },
    en: (d) => ({ title: 'New booking', body: `A fan booked “${d.title}”.` }),
    fr: (d) => ({ title: 'Nouvelle réservation', body: `Un fan a réservé « ${d.title} ».` }),
  }),
  'system.payment_failed': notification({
    type: 'system',
    sample: { reason: 'Your card was declined.' },
    en: (d) => ({ title: 'Payment did not go through', body: `${d.reason} You can try again while the slot is held for you.` }),
    fr: (d) => ({ title: 'Le paiement n’a pas abouti', body: `${d.reason} Vous pouvez réessayer tant que le créneau vous est réservé.` }),
  }),
  'system.hold_expired': notification({
    type: 'system',
    sample: { title: 'Guitar lesson' },
    en: (d) => ({ title: 'Your hold has expired', body: `The slot “${d.title}” was released because the payment was not completed in time. Nothing was charged.` }),
    fr: (d) => ({ title: 'Votre réservation a expiré', body: `Le créneau « ${d.title} » a été libéré faute de paiement à temps. Rien n’a été débité.` }),
  }),
  'refund_approved.late_payment': notification({
    type: 'refund_approved',
    sample: {},
    en: () => ({ title: 'You have been refunded', body: 'Your payment arrived after the slot was released, so we refunded it in full. Nothing is charged.' }),
    fr: () => ({ title: 'Vous avez été remboursé', body: 'Votre paiement est arrivé après la libération du créneau : il est intégralement remboursé.' }),
  }),
  'refund_approved.paid_out': notification({
    type: 'refund_approved',
    sample: { title: 'Guitar lesson', amount: 4200, currency: 'EUR' },
    en: (d) => ({ title: 'You have been refunded', body: `We refunded ${formatMoneyForTag(money(d.amount, d.currency), 'en')} for “${d.title}”. It can take 5–10 days to show on your statement.` }),
    fr: (d) => ({
      title: 'Vous avez été remboursé',
      body: `Nous avons remboursé ${formatMoneyForTag(money(d.amount, d.currency), 'fr')} pour « ${d.title} ». Le montant peut mettre 5 à 10 jours à apparaître sur votre relevé.`,
    }),
  }),
  /** To the fan, when the creator or an admin cancelled. */
  'booking_cancelled.fan': notification({
    type: 'booking_cancelled',
    sample: { title: 'Guitar lesson', by: 'creator' as Exclude<CancelledBy, 'fan'>, creatorName: 'Lea Martin', refunded: true, reason: 'I am ill' },
    en: (d) => ({
      title: 'Your call was cancelled',
      body: `${d.by === 'creator' ? d.creatorName : 'Callastar'} cancelled “${d.title}”. ${d.refunded ? 'You will be refunded in full.' : 'Nothing was charged.'} Reason: ${d.reason}`,
    }),
    fr: (d) => ({
      title: 'Votre appel est annulé',
      body: `${d.by === 'creator' ? d.creatorName : 'Callastar'} a annulé « ${d.title} ». ${d.refunded ? 'Vous serez intégralement remboursé.' : 'Rien n’a été débité.'} Motif : ${d.reason}`,
    }),
  }),
  /** To the creator, when the fan or an admin cancelled a confirmed booking. */
  'booking_cancelled.creator': notification({
    type: 'booking_cancelled',
    sample: { title: 'Guitar lesson', by: 'fan' as Exclude<CancelledBy, 'creator'>, refunded: true, reason: 'Something came up' },
    en: (d) => ({
      title: 'A booking was cancelled',
      body: `${d.by === 'fan' ? 'The fan' : 'Callastar'} cancelled “${d.title}”.${d.refunded ? ' The fan is refunded in full.' : ''} Reason: ${d.reason}`,
    }),
    fr: (d) => ({
      title: 'Une réservation a été annulée',
      body: `${d.by === 'fan' ? 'Le fan' : 'Callastar'} a annulé « ${d.title} ».${d.refunded ? ' Le fan est intégralement remboursé.' : ''} Motif : ${d.reason}`,
    }),
  }),
  /** To admins: Stripe refused a refund for good. */
  'system.refund_failed': notification({
    type: 'system',
    sample: { refundId: 12, bookingId: 34, error: 'The charge is disputed.' },
    en: (d) => ({ title: 'A refund failed', body: `Stripe refused refund ${d.refundId} (booking ${d.bookingId}): ${d.error}` }),
    fr: (d) => ({ title: 'Un remboursement a échoué', body: `Stripe a refusé le remboursement ${d.refundId} (réservation ${d.bookingId}) : ${d.error}` }),
  }),
}
