import { describe, expect, it } from 'vitest'

import { Refusal } from '@/domain/refusal'
import { answerDeadline, answerRefusal, notPendingRefusal, proposalRefusal, type AnswerFacts } from '@/domain/callRequests'
import { cutoffRefusal, deleteRefusal, frozenOfferRefusal, offerEndsAt, overlapRefusal, publishRefusal, timingChanged, type OfferEdit } from '@/domain/offers'
import { renderNotification } from '@/messages/notifications'
import { requestedCallTitle } from '@/messages/offers'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const start = new Date('2026-12-10T18:00:00Z')

describe('editing an offer (SPEC §4)', () => {
  const stored = { startsAt: start.toISOString(), durationMinutes: 30, price: 2500 }
  const edit = (status: string, change: OfferEdit['change']): OfferEdit => ({ operation: 'update', change, original: { ...stored, status } })
  const FROZEN = 'This offer has a booking: its time and price can no longer change. Cancel it instead.'

  it('a held, booked or completed offer cannot be re-timed or re-priced: the creator reads why, on the field they changed', () => {
    for (const status of ['held', 'booked', 'completed']) {
      expect(frozenOfferRefusal(edit(status, { startsAt: new Date(start.getTime() + HOUR).toISOString() }))).toEqual({ field: 'startsAt', reason: 'frozen', message: FROZEN })
      expect(frozenOfferRefusal(edit(status, { durationMinutes: 45 }))).toEqual({ field: 'startsAt', reason: 'frozen', message: FROZEN })
      expect(frozenOfferRefusal(edit(status, { price: 3000 }))).toEqual({ field: 'price', reason: 'frozen', message: FROZEN })
      expect(frozenOfferRefusal(edit(status, { startsAt: new Date(start.getTime() + HOUR).toISOString(), price: 3000 }))?.field).toBe('startsAt')
    }
  })

  it('a booked offer may still change its title or keep the same time (the same instant written differently is no change)', () => {
    expect(frozenOfferRefusal(edit('booked', {}))).toBeNull()
    expect(frozenOfferRefusal(edit('booked', { startsAt: '2026-12-10T19:00:00+01:00', durationMinutes: 30, price: 2500 }))).toBeNull()
  })

  it('an available or cancelled offer may be re-timed and re-priced', () => {
    for (const status of ['available', 'cancelled']) expect(frozenOfferRefusal(edit(status, { startsAt: new Date(start.getTime() + HOUR).toISOString(), price: 3000 }))).toBeNull()
  })

  it('a new offer is always "timed" (cut-off and overlap apply); an update only when start or duration change', () => {
    expect(timingChanged({ operation: 'create', change: {} })).toBe(true)
    expect(timingChanged(edit('available', { price: 3000 }))).toBe(false)
    expect(timingChanged(edit('available', { durationMinutes: 60 }))).toBe(true)
  })

  it('the booking cut-off: a start exactly at now + cut-off is accepted, one minute earlier is refused; an invalid date is refused', () => {
    const now = new Date(start.getTime() - 30 * MINUTE)
    expect(cutoffRefusal(start, now, 30)).toBeNull()
    expect(cutoffRefusal(new Date(start.getTime() - MINUTE), now, 30)).toEqual({ field: 'startsAt', reason: 'cutoff', cutoffMinutes: 30, message: 'Start must be at least 30 minutes from now.' })
    expect(cutoffRefusal(new Date('not a date'), now, 30)?.field).toBe('startsAt')
  })

  it('an overlap names the offer it clashes with; the end is start + duration', () => {
    expect(overlapRefusal({ title: 'Masterclass', startsAt: start.toISOString() })).toEqual({
      field: 'startsAt',
      reason: 'overlap',
      other: { title: 'Masterclass', startsAt: '2026-12-10T18:00:00.000Z' },
      message: 'This time overlaps your offer "Masterclass" (2026-12-10T18:00:00.000Z).',
    })
    expect(offerEndsAt(start, 45)).toEqual(new Date('2026-12-10T18:45:00.000Z'))
  })

  it('publishing needs a payable creator (admins may prepare offers); an offer with bookings is not deleted', () => {
    expect(publishRefusal({ byStaff: false, chargesEnabled: false })).toEqual({
      field: 'creator',
      reason: 'not_payable',
      message: 'Connect your payment account before publishing offers: fans cannot pay you yet.',
    })
    expect(publishRefusal({ byStaff: true, chargesEnabled: false })).toBeNull()
    expect(publishRefusal({ byStaff: false, chargesEnabled: true })).toBeNull()
    expect(deleteRefusal(1)).toBe('This offer has bookings and cannot be deleted. Cancel it instead.')
    expect(deleteRefusal(0)).toBeNull()
  })
})

describe('answering a call request (SPEC §9)', () => {
  const creatorUser = 20
  const fan = 10
  const facts = (over: Partial<AnswerFacts> = {}, request: Partial<NonNullable<AnswerFacts['request']>> = {}): AnswerFacts => ({
    now: new Date(start.getTime() - 24 * HOUR),
    action: 'accept',
    answerer: { userId: creatorUser, role: 'creator' },
    request: { status: 'pending', fanId: fan, creatorUserId: creatorUser, proposedStart: start, creatorChargesEnabled: true, ...request },
    ...over,
  })

  it('its creator may answer while it is pending and before the deadline', () => {
    expect(answerRefusal(facts())).toBeNull()
    expect(answerRefusal(facts({ action: 'reject' }))).toBeNull()
  })

  it('only its creator: an admin, the fan who sent it and anyone else each read their own 403', () => {
    expect(answerRefusal(facts({ answerer: { userId: 1, role: 'admin' } }))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Only the creator this request was sent to can accept or decline it; admins cannot answer for them.',
    })
    expect(answerRefusal(facts({ answerer: { userId: fan, role: 'fan' } }))).toMatchObject({
      status: 403,
      code: 'FORBIDDEN',
      message: 'You sent this call request: only the creator can accept or decline it.',
    })
    for (const answerer of [
      { userId: 11, role: 'fan' as const },
      { userId: 21, role: 'creator' as const },
    ]) {
      expect(answerRefusal(facts({ answerer }))).toMatchObject({ status: 403, code: 'FORBIDDEN', message: 'Only the creator this request was sent to can accept or decline it.' })
    }
  })

  it('an unknown request is a 404', () => {
    expect(answerRefusal(facts({ request: undefined }))).toBeInstanceOf(Refusal)
    expect(answerRefusal(facts({ request: undefined }))).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'This call request does not exist.' })
  })

  it('an answered request says how it ended; a pending one that lost the claim is "being answered right now"', () => {
    expect(answerRefusal(facts({}, { status: 'accepted' }))).toMatchObject({
      status: 409,
      code: 'CALL_REQUEST_NOT_PENDING',
      message: 'This call request has already been answered (it is accepted).',
    })
    expect(answerRefusal(facts({}, { status: 'expired' }))?.message).toBe('This call request has already been answered (it is expired).')
    expect(notPendingRefusal('pending')).toMatchObject({ status: 409, code: 'CALL_REQUEST_NOT_PENDING', message: 'This call request is being answered right now.' })
  })

  it('the deadline is proposed start − 2 h: one millisecond before it answers, at exactly that instant it has expired', () => {
    expect(answerDeadline(start)).toEqual(new Date(start.getTime() - 2 * HOUR))
    expect(answerRefusal(facts({ now: new Date(start.getTime() - 2 * HOUR - 1) }))).toBeNull()
    expect(answerRefusal(facts({ now: new Date(start.getTime() - 2 * HOUR) }))).toMatchObject({
      status: 409,
      code: 'CALL_REQUEST_EXPIRED',
      message: 'This call request expired: requests must be answered at least 2 hours before the proposed start.',
    })
  })

  it('accepting needs a payable creator (declining does not); the expiry wins over it', () => {
    expect(answerRefusal(facts({}, { creatorChargesEnabled: false }))?.code).toBe('CREATOR_NOT_PAYABLE')
    expect(answerRefusal(facts({ action: 'reject' }, { creatorChargesEnabled: false }))).toBeNull()
    expect(answerRefusal(facts({ now: start }, { creatorChargesEnabled: false }))?.code).toBe('CALL_REQUEST_EXPIRED')
  })

  it('a fan proposes an existing creator, not themselves, at least 24 h ahead (exactly 24 h is fine)', () => {
    const now = new Date(start.getTime() - 24 * HOUR)
    const base = { now, creatorId: 3, ownCreatorId: null, isAdmin: false, proposedStart: start }
    expect(proposalRefusal(base)).toBeNull()
    expect(proposalRefusal({ ...base, creatorId: null })).toBeInstanceOf(Refusal)
    expect(proposalRefusal({ ...base, creatorId: null })).toMatchObject({ status: 400, code: 'INVALID_INPUT', field: 'creator', message: 'Choose an existing creator.' })
    expect(proposalRefusal({ ...base, ownCreatorId: 3 })).toMatchObject({ status: 400, code: 'INVALID_INPUT', field: 'creator', message: 'You cannot request a call with yourself.' })
    expect(proposalRefusal({ ...base, ownCreatorId: 3, isAdmin: true })).toBeNull()
    expect(proposalRefusal({ ...base, proposedStart: new Date(start.getTime() - 1) })).toMatchObject({
      status: 400,
      code: 'INVALID_INPUT',
      field: 'proposedStart',
      message: 'The proposed start must be at least 24 hours from now.',
    })
  })
})

describe('call request texts', () => {
  const en = { locale: 'en' as const, timeZone: 'Europe/Paris' }
  const fr = { locale: 'fr' as const, timeZone: 'Europe/Paris' }

  it('the accepted request names the call in the fan’s language and time zone (an unknown zone reads as UTC)', () => {
    const data = { creator: 'Lea Martin', durationMinutes: 45, proposedStart: '2026-06-05T12:00:00.000Z', message: null }
    // What the service formatted before the catalogue: dateStyle full, timeStyle short.
    const when = (tag: string, timeZone: string) => new Intl.DateTimeFormat(tag, { dateStyle: 'full', timeStyle: 'short', timeZone }).format(new Date(data.proposedStart))
    expect(when('en-GB', 'Europe/Paris')).toMatch(/5 June 2026 at 14:00/)
    expect(renderNotification('call_request_accepted', data, en)).toEqual({
      type: 'call_request_accepted',
      title: 'Your call request was accepted',
      body: `Lea Martin accepted your 45-minute call on ${when('en-GB', 'Europe/Paris')}. The slot is reserved for you: book and pay to confirm it.`,
    })
    expect(renderNotification('call_request_accepted', data, fr).body).toBe(
      `Lea Martin a accepté votre appel de 45 minutes le ${when('fr-FR', 'Europe/Paris')}. Le créneau vous est réservé : réservez et payez pour le confirmer.`,
    )
    // The creator's optional message to the fan, quoted.
    expect(renderNotification('call_request_accepted', { ...data, message: 'See you then!' }, fr).body).toMatch(/confirmer\. Son message : « See you then! »$/)
    expect(renderNotification('system.call_request_expired', { creator: 'Lea', proposedStart: data.proposedStart }, { locale: 'en', timeZone: 'Nowhere/Special' })).toEqual({
      type: 'system',
      title: 'Your call request expired',
      body: `Lea did not answer your request for ${when('en-GB', 'UTC')} in time. You can send a new one.`,
    })
  })

  it('a decline carries the creator’s message only when they left one', () => {
    expect(renderNotification('call_request_rejected', { creator: 'Lea', reason: 'Away that week' }, en).body).toBe('Lea declined your call request. Their message: “Away that week”')
    expect(renderNotification('call_request_rejected', { creator: 'Lea', reason: null }, en).body).toBe('Lea declined your call request.')
    expect(renderNotification('call_request_rejected', { creator: 'Lea', reason: null }, fr).body).toBe('Lea a refusé votre demande d’appel.')
  })

  it('the offer an accepted request creates is titled in the creator’s language', () => {
    expect(requestedCallTitle('en', 'Sam')).toBe('Call with Sam')
    expect(requestedCallTitle('fr', 'Sam')).toBe('Appel avec Sam')
    expect(requestedCallTitle('en', '')).toBe('Requested call')
    expect(requestedCallTitle('fr', '')).toBe('Appel sur demande')
    expect(requestedCallTitle('en', 'x'.repeat(200))).toHaveLength(120)
  })
})
