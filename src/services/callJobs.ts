/**
 * The scheduled jobs of calls (SPEC §6, §10): reminders before the call (`call-reminders`) and the
 * outcome after it (`complete-calls`). Each booking is handled in its own transaction that first
 * claims it with a guarded write, so two runs at once (two workers, a retried slot) do each thing once.
 */
import type { Payload, PayloadRequest } from 'payload'

import {
  attendanceOf,
  callsToDecide,
  cancelCallAfterCreatorNoShow,
  claimReminder,
  completeCall,
  flagCallForAdmin,
  lockCallToDecide,
  recordCallOutcome,
  reminderCandidates,
  type CallToDecide,
  type ReminderRow,
} from '@/db/calls'
import { runner, withTransaction, type Run } from '@/db/run'
import { callOutcome, COMPLETION_SETTLE_MINUTES, dueReminder, type CallOutcome, type ReminderKind } from '@/domain/calls'
import { Refusal } from '@/domain/refusal'
import { callPaths } from '@/i18n/locale'
import { now } from '@/lib/clock'

import { callCalendar } from './bookings'
import { sweepLostStreams } from './callSignals'
import { logSystem } from './logs'
import { notify, notifyAdmins } from './notifications'
import { requestSystemRefund } from './refunds'
import { getSettings } from './settings'

const bookingLink = (id: number) => `/admin/collections/bookings/${id}`
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error))

// ---------------------------------------------------------------------------------------------
// Reminders

/**
 * `call-reminders`: for each confirmed booking whose reminder is due (`dueReminder`: 24 h before,
 * only for bookings made at least 24 h ahead; 15 min before), claims the reminder's flag and, in
 * the same transaction, tells the fan and the creator in their language and time zone, with the
 * call page as link and the booking's .ics attached to the email. A failure leaves the flag unset
 * for the next run.
 */
export const sendCallReminders = async (payload: Payload, limit = 500): Promise<Record<string, number>> => {
  const settings = await getSettings(payload)
  const at = now()
  const offsets = settings.reminderOffsetsMinutes
  const candidates = await reminderCandidates(runner(payload), at, Math.max(...offsets), limit)
  const counts = { due: 0, early: 0, late: 0, skipped: 0, failed: 0 }
  for (const c of candidates) {
    const kind = dueReminder({
      now: at,
      startsAt: new Date(c.starts_at),
      madeAt: new Date(c.created_at),
      offsetsMinutes: offsets,
      sent: { early: Boolean(c.sent24h), late: Boolean(c.sent15m) },
    })
    if (!kind) continue
    counts.due++
    try {
      const sent = await withTransaction(payload, async (req, run) => {
        const b = await claimReminder(run, c.id, kind)
        if (!b) return false
        await remind(payload, req, b, kind)
        return true
      })
      counts[sent ? kind : 'skipped']++
    } catch (error) {
      counts.failed++
      await logSystem(payload, { level: 'ERROR', type: 'call.reminder_failed', message: `Reminder (${kind}) of booking ${c.id} failed: ${errorText(error)}`, metadata: { bookingId: c.id, kind } })
    }
  }
  return counts
}

const remind = async (payload: Payload, req: PayloadRequest, b: ReminderRow, kind: ReminderKind): Promise<void> => {
  const message = kind === 'early' ? 'booking_reminder.early' : 'booking_reminder.late'
  const startsAt = new Date(b.starts_at).toISOString()
  const ics = (locale: 'en' | 'fr') => {
    const file = callCalendar(b, locale)
    return [{ filename: file.filename, contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: file.ics }]
  }
  const recipients = [
    { userId: b.fan_id, role: 'fan', with: b.creator_name },
    { userId: b.creator_user_id, role: 'creator', with: b.fan_name },
  ] as const
  for (const r of recipients) {
    await notify(payload, {
      req,
      userId: r.userId,
      message,
      data: { title: b.title, with: r.with, startsAt },
      link: callPaths(b.id),
      metadata: { bookingId: b.id, reminder: kind },
      emailKey: `call-reminder/${b.id}/${kind}/${r.role}`,
      attachments: ics,
    })
  }
}

// ---------------------------------------------------------------------------------------------
// Completion

/**
 * `complete-calls`: every confirmed booking whose scheduled end is more than
 * `COMPLETION_SETTLE_MINUTES` ago and has no outcome is decided once (see `decideCall`). Signalling
 * streams of a dead web process are closed first (at their last heartbeat), so a crash does not
 * count as presence until the end.
 */
export const completeCalls = async (payload: Payload, limit = 200): Promise<Record<string, number>> => {
  await sweepLostStreams(payload)
  const before = new Date(now().getTime() - COMPLETION_SETTLE_MINUTES * 60_000)
  const ids = await callsToDecide(runner(payload), before, limit)
  const counts: Record<string, number> = { due: ids.length, completed: 0, creator_no_show: 0, fan_no_show: 0, both_absent: 0, skipped: 0, failed: 0 }
  for (const id of ids) {
    try {
      counts[(await decideCall(payload, id, before)) ?? 'skipped']++
    } catch (error) {
      counts.failed++
      await logSystem(payload, { level: 'ERROR', type: 'call.completion_failed', message: `Completion of booking ${id} failed: ${errorText(error)}`, metadata: { bookingId: id } })
    }
  }
  return counts
}

/**
 * Decides one call under the booking's lock (null: another worker has it or it is decided), from
 * the provider's attendance (`attendanceOf`, `callOutcome`):
 * - both present → booking and offer `completed` (the fan may review);
 * - the creator absent, the fan present → creator no-show: booking cancelled by the system, offer
 *   closed, a full refund through the refund path (approved under `creator_no_show`, paid out by
 *   `execute-refund`), both told;
 * - the fan absent, the creator present → `completed` with the fan no-show flag: the earning stands;
 * - neither → flagged for an admin, a refund request opened (waiting for an admin), admins told.
 * A refund the path refuses (e.g. a disputed payment) flags the booking for an admin instead.
 */
export const decideCall = async (payload: Payload, bookingId: number, before: Date): Promise<CallOutcome | null> => {
  const settings = await getSettings(payload)
  return withTransaction(payload, async (req, run) => {
    const b = await lockCallToDecide(run, bookingId, before)
    if (!b) return null
    const attendance = (await attendanceOf(run, bookingId))!
    const decision = callOutcome({
      startsAt: new Date(b.starts_at),
      endsAt: new Date(b.ends_at),
      graceMinutes: settings.noShowGraceMinutes,
      fan: attendance.fan,
      creator: attendance.creator,
    })
    const at = now()
    const { outcome } = decision
    if (!(await recordCallOutcome(run, { bookingId, outcome, at, noShowFan: !decision.fanPresent, noShowCreator: !decision.creatorPresent, needsAdmin: outcome === 'both_absent' }))) return null
    if (outcome === 'completed' || outcome === 'fan_no_show') await completeCall(run, b.id, b.offer_id, at)
    if (outcome === 'creator_no_show') await creatorNoShow(payload, req, run, b, settings.noShowGraceMinutes)
    if (outcome === 'fan_no_show') await fanNoShow(payload, req, b)
    if (outcome === 'both_absent') await bothAbsent(payload, req, run, b)
    await logSystem(payload, {
      req,
      level: outcome === 'completed' ? 'INFO' : 'WARNING',
      type: `call.${outcome}`,
      message: `Booking ${b.id}: call ${outcome.replace(/_/g, ' ')}`,
      metadata: { bookingId: b.id, fan: attendance.fan, creator: attendance.creator, graceMinutes: settings.noShowGraceMinutes },
    })
    return outcome
  })
}

type Req = PayloadRequest

const creatorNoShow = async (payload: Payload, req: Req, run: Run, b: CallToDecide, graceMinutes: number): Promise<void> => {
  const at = now()
  await cancelCallAfterCreatorNoShow(run, b.id, b.offer_id, at, 'The creator did not join the call.')
  const refund = await requestSystemRefund(payload, req, run, { bookingId: b.id, reason: 'The creator did not join the call (no-show).' })
  if (refund instanceof Refusal) await needsAdmin(payload, req, run, b, 'creator_no_show', refund.message)
  await notify(payload, {
    req,
    userId: b.fan_id,
    message: 'booking_cancelled.no_show.fan',
    data: { title: b.title, creatorName: b.creator_name },
    link: callPaths(b.id),
    metadata: { bookingId: b.id, outcome: 'creator_no_show', refundId: refund instanceof Refusal ? null : refund.id },
    emailKey: `call-outcome/${b.id}/fan`,
  })
  await notify(payload, {
    req,
    userId: b.creator_user_id,
    message: 'booking_cancelled.no_show.creator',
    data: { title: b.title, graceMinutes },
    link: bookingLink(b.id),
    metadata: { bookingId: b.id, outcome: 'creator_no_show' },
    emailKey: `call-outcome/${b.id}/creator`,
  })
}

const fanNoShow = async (payload: Payload, req: Req, b: CallToDecide): Promise<void> => {
  await notify(payload, { req, userId: b.fan_id, message: 'system.fan_no_show.fan', data: { title: b.title, creatorName: b.creator_name }, link: callPaths(b.id), metadata: { bookingId: b.id, outcome: 'fan_no_show' } })
  await notify(payload, { req, userId: b.creator_user_id, message: 'system.fan_no_show.creator', data: { title: b.title }, link: bookingLink(b.id), metadata: { bookingId: b.id, outcome: 'fan_no_show' } })
}

/** Nobody came: a refund request for everything (the path tells admins), and admins told why. */
const bothAbsent = async (payload: Payload, req: Req, run: Run, b: CallToDecide): Promise<void> => {
  const refund = await requestSystemRefund(payload, req, run, { bookingId: b.id, reason: 'Neither the fan nor the creator joined the call.' })
  await notifyAdmins(payload, {
    req,
    message: 'system.call_needs_admin',
    data: { bookingId: b.id, title: b.title, outcome: 'both_absent', problem: refund instanceof Refusal ? refund.message : '' },
    link: bookingLink(b.id),
    metadata: { bookingId: b.id, outcome: 'both_absent', refundId: refund instanceof Refusal ? null : refund.id },
  })
}

/** A creator no-show whose refund the path refused: flagged for an admin, who is told why. */
const needsAdmin = async (payload: Payload, req: Req, run: Run, b: CallToDecide, outcome: CallOutcome, problem: string): Promise<void> => {
  await flagCallForAdmin(run, b.id)
  await notifyAdmins(payload, { req, message: 'system.call_needs_admin', data: { bookingId: b.id, title: b.title, outcome, problem }, link: bookingLink(b.id), metadata: { bookingId: b.id, outcome } })
}
