import type { Payload } from 'payload'

import { earliestBookableStart } from '@/domain/cutoff'
import { canTransition, OFFER_TRANSITIONS } from '@/domain/transitions'
import { closeOffersStartingBefore } from '@/db/offers'
import { runner } from '@/db/run'
import { now } from '@/lib/clock'

import { getSettings } from './settings'

/**
 * SPEC §4 "offers past their cut-off with no booking are closed automatically". Closed means
 * `cancelled`: the offer table allows available → held | cancelled | completed, and `completed`
 * would claim a call took place. Only `available` offers move (a `held` one still has a live
 * checkout; `expire-holds` gives it back and the next run closes it); an offer with an active
 * booking whose status did not move is left alone too.
 */
if (!canTransition(OFFER_TRANSITIONS, 'available', 'cancelled')) throw new Error('The offer transition table no longer allows closing available offers')

/** Hourly job: every still-available offer whose booking cut-off has passed becomes `cancelled`. */
export const closePastOffers = async (payload: Payload): Promise<{ closed: number; reserved: number }> => {
  const { bookingCutoffMinutes } = await getSettings(payload)
  const closed = await closeOffersStartingBefore(runner(payload), earliestBookableStart(now(), bookingCutoffMinutes))
  return { closed: closed.length, reserved: closed.filter((o) => o.reservedFor !== null).length }
}
