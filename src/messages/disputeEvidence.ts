/**
 * The evidence answering a dispute (SPEC §7: for a call, its attendance record), prefilled from the
 * booking for the admin to review. Written in English: it is read by Stripe and the card network,
 * not by a user of the app. Pure: the service passes the facts.
 */
import { money } from '@/domain/money'
import { formatMoney } from '@/i18n/format'

export type EvidenceFacts = {
  title: string
  creatorName: string
  fanName: string | null
  fanEmail: string
  startsAt: Date
  endsAt: Date | null
  paidAt: Date | null
  paidAmount: number
  currency: string
  bookingStatus: string
  noShowFan: boolean
  noShowCreator: boolean
  attendance: { type: string; at: Date; source: string; who: 'fan' | 'creator' | null }[]
  /** Who attended according to the video provider (the call completion's reading): first join and time present. */
  presence: { fan: Presence | null; creator: Presence | null }
}

type Presence = { firstJoinedAt: Date; seconds: number }

/** The fields sent to Stripe beside the admin's text (`uncategorized_text`). */
export type EvidenceFields = {
  service_date: string
  customer_name: string
  customer_email_address: string
  product_description: string
  access_activity_log: string
}

const utc = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`
const utcSeconds = (at: Date) => `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC`

const minutes = (f: Pick<EvidenceFacts, 'startsAt' | 'endsAt'>) => (f.endsAt ? Math.round((f.endsAt.getTime() - f.startsAt.getTime()) / 60_000) : null)

export const NO_ATTENDANCE_RECORD = 'No attendance record: the app holds no recorded event of this call (who joined and left, when).'

/** One line per recorded call event: time, who, what, and whether the video provider or a browser reported it. */
export const attendanceLog = (f: Pick<EvidenceFacts, 'attendance'>): string =>
  f.attendance.length
    ? f.attendance.map((e) => `${utcSeconds(e.at)} — ${e.who ?? 'participant'}: ${e.type.replaceAll('_', ' ')} (reported by ${e.source === 'provider' ? 'the video provider' : 'the participant’s browser'})`).join('\n')
    : NO_ATTENDANCE_RECORD

export const evidenceFields = (f: EvidenceFacts): EvidenceFields => {
  const length = minutes(f)
  return {
    service_date: f.startsAt.toISOString().slice(0, 10),
    customer_name: f.fanName?.trim() || f.fanEmail,
    customer_email_address: f.fanEmail,
    product_description: `A${length ? ` ${length}-minute` : ''} live one-to-one video call, “${f.title}”, with ${f.creatorName}, booked for ${utc(f.startsAt)} on Callastar and paid in advance.`.slice(0, 20_000),
    access_activity_log: attendanceLog(f).slice(0, 20_000),
  }
}

const presenceLine = (who: string, p: Presence | null): string =>
  p ? `${who}: first joined ${utcSeconds(p.firstJoinedAt)}, present ${Math.round(p.seconds / 60)} min (video provider's record).` : `${who}: never joined according to the video provider.`

/** The summary the admin starts from (sent as `uncategorized_text` once saved). */
export const evidenceSummary = (f: EvidenceFacts): string => {
  const fields = evidenceFields(f)
  const noShow = [f.noShowFan ? 'the fan did not attend' : null, f.noShowCreator ? 'the creator did not attend' : null].filter(Boolean).join('; ')
  return [
    `Service: ${fields.product_description}`,
    `Booked and paid by: ${fields.customer_name} <${f.fanEmail}>${f.paidAt ? `, paid ${formatMoney(money(f.paidAmount, f.currency), 'en')} on ${utc(f.paidAt)}` : ''}.`,
    `Scheduled: ${utc(f.startsAt)}${f.endsAt ? ` to ${utc(f.endsAt)}` : ''}. Booking status: ${f.bookingStatus}${noShow ? ` (${noShow})` : ''}.`,
    '',
    'Attendance:',
    ...(f.attendance.length ? [presenceLine('Fan', f.presence.fan), presenceLine('Creator', f.presence.creator)] : []),
    attendanceLog(f),
  ].join('\n')
}
