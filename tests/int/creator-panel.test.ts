/**
 * Issue 12, "Panel, for creators", over HTTP: an offer's refusals are said next to the field in the
 * reader's language with times in their zone (the clashing offer named), an offer picked at 14:05
 * in Paris is stored as 13:05Z in winter, and a call request is accepted with a message to the fan.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { StripeEmulator } from '../../emulators/stripe'
import { instantOf } from '@/i18n/zonedTime'

import { api, startPaymentsWorld, stopPaymentsWorld, type Actors } from './harness'

type FieldErrors = { errors: { message: string; data?: { errors: { path: string; message: string }[] } }[] }

let payload: Payload
let actors: Actors
let stripe: StripeEmulator

beforeAll(async () => {
  ;({ stripe, payload, actors } = await startPaymentsWorld())
  await payload.update({ collection: 'users', id: actors.creatorA.id, data: { timezone: 'Europe/Paris' } })
})
afterAll(async () => {
  await stopPaymentsWorld({ stripe })
})

const nextYear = new Date().getUTCFullYear() + 1
// 14:05 on 3 December next year, a winter day, in the creator's zone.
const start = instantOf({ year: nextYear, month: 12, day: 3, hour: 14, minute: 5 }, 'Europe/Paris').toISOString()

const createOffer = (body: Record<string, unknown>, language?: 'fr' | 'en') =>
  api<FieldErrors & { doc: { id: number; startsAt: string; price: number } }>('POST', '/offers', {
    token: actors.creatorA.token,
    body: { durationMinutes: 30, price: 2550, ...body },
    headers: language ? { 'accept-language': language } : {},
  })

describe('a creator’s offers over HTTP', () => {
  it('14:05 in Europe/Paris is stored as 13:05Z in winter, the price as 2550 minor units', async () => {
    expect(start).toBe(`${nextYear}-12-03T13:05:00.000Z`)
    const res = await createOffer({ title: 'Masterclass', startsAt: start })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body.doc).toMatchObject({ startsAt: start, price: 2550 })
  })

  it('the overlap names the other offer and its time in the creator’s zone, in English and in French', async () => {
    const clash = new Date(Date.parse(start) + 10 * 60_000).toISOString()
    const en = await createOffer({ title: 'Clash', startsAt: clash }, 'en')
    expect(en.status).toBe(400)
    const enField = en.body.errors[0].data!.errors[0]
    expect(enField.path).toBe('startsAt')
    expect(enField.message).toBe(`This time overlaps your offer "Masterclass" (3 Dec ${nextYear}, 14:05 Europe/Paris).`)
    expect(enField.message).not.toMatch(/T13:05|Z\)/)

    const fr = await createOffer({ title: 'Clash', startsAt: clash }, 'fr')
    expect(fr.status).toBe(400)
    expect(fr.body.errors[0].data!.errors[0].message).toBe(`Ce créneau chevauche votre offre « Masterclass » (3 déc. ${nextYear}, 14:05 Europe/Paris).`)
  })

  it('a past start is refused on the field, in the reader’s language', async () => {
    const past = new Date(Date.now() - 3_600_000).toISOString()
    const fr = await createOffer({ title: 'Too late', startsAt: past }, 'fr')
    expect(fr.status).toBe(400)
    expect(fr.body.errors[0].data!.errors[0]).toEqual({ path: 'startsAt', message: expect.stringMatching(/^Le début doit être au moins \d+ minutes après maintenant\.$/) })
    const en = await createOffer({ title: 'Too late', startsAt: past })
    expect(en.body.errors[0].data!.errors[0].message).toMatch(/^Start must be at least \d+ minutes from now\.$/)
  })
})

describe('answering a call request with a message', () => {
  it('accept {message}: stored as the response and quoted to the fan', async () => {
    const proposed = await api<{ doc: { id: number } }>('POST', '/call-requests', {
      token: actors.fanA.token,
      body: { creator: actors.creatorA.creatorId, proposedStart: new Date(Date.now() + 72 * 3_600_000).toISOString(), durationMinutes: 30, proposedPrice: 3000, message: 'Could we talk about my project?' },
    })
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201)
    const res = await api<{ callRequest: { status: string; response: string | null } }>('POST', `/call-requests/${proposed.body.doc.id}/accept`, {
      token: actors.creatorA.token,
      body: { message: '  See you then!  ' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    expect(res.body.callRequest).toMatchObject({ status: 'accepted', response: 'See you then!' })
    const notes = await api<{ docs: { type: string; body: string }[] }>('GET', '/notifications?limit=20&sort=-createdAt', { token: actors.fanA.token })
    expect(notes.body.docs.find((n) => n.type === 'call_request_accepted')?.body).toMatch(/Their message: “See you then!”$/)
    const tooLong = await api<FieldErrors & { errors: { code?: string }[] }>('POST', `/call-requests/${proposed.body.doc.id}/accept`, { token: actors.creatorA.token, body: { message: 'x'.repeat(501) } })
    expect(tooLong.status).toBe(400)
  })
})
