import type { Payload, PayloadRequest } from 'payload'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'

import { earningAvailableAt } from '@/domain/ledger'
import { money, splitFee } from '@/domain/money'
import { DEFAULT_SETTINGS } from '@/domain/settings'
import { isProduction } from '@/lib/env'
import { now } from '@/lib/clock'

export const DEMO_LOGINS = [
  { role: 'admin', email: 'admin@callastar.local', password: 'callastar-admin' },
  { role: 'creator (EUR)', email: 'lea@callastar.local', password: 'callastar-creator' },
  { role: 'creator (CHF)', email: 'marco@callastar.local', password: 'callastar-creator' },
  { role: 'creator (USD)', email: 'jordan@callastar.local', password: 'callastar-creator' },
  { role: 'fan', email: 'fan@callastar.local', password: 'callastar-fan' },
  { role: 'fan', email: 'fan2@callastar.local', password: 'callastar-fan' },
] as const

const CREATORS = [
  {
    email: 'lea@callastar.local', name: 'Léa Martin', currency: 'EUR', category: 'music', locale: 'fr', timezone: 'Europe/Paris',
    bio: 'Singer-songwriter and vocal coach. Two albums, 300+ students coached. Bring a song, leave with a plan.',
    expertise: ['vocal coaching', 'songwriting'], social: [{ platform: 'instagram', url: 'https://instagram.com/lea.martin.music' }],
    offers: [['Vocal warm-up and feedback', 30, 4500], ['Songwriting session', 60, 8000]],
  },
  {
    email: 'marco@callastar.local', name: 'Marco Rossi', currency: 'CHF', category: 'sport', locale: 'en', timezone: 'Europe/Zurich',
    bio: 'Former pro cyclist, now a coach. Training plans, race tactics and nutrition for ambitious amateurs.',
    expertise: ['cycling', 'training plans'], social: [{ platform: 'youtube', url: 'https://youtube.com/@marcorossi' }],
    offers: [['Training plan review', 45, 6000], ['Race-day tactics', 30, 4000]],
  },
  {
    email: 'jordan@callastar.local', name: 'Jordan Lee', currency: 'USD', category: 'business', locale: 'en', timezone: 'America/New_York',
    bio: 'Founder of two SaaS companies. Pitch decks, pricing and your first hires, straight talk.',
    expertise: ['startups', 'fundraising'], social: [{ platform: 'linkedin', url: 'https://linkedin.com/in/jordanlee' }],
    offers: [['Pitch deck teardown', 45, 12000], ['Office hours', 20, 5000]],
  },
] as const

const HOUR = 3_600_000
const DAY = 24 * HOUR


/**
 * Demo data for dev: 1 admin, 3 creators (EUR, CHF, USD) with profiles and offers over the next
 * 14 days, 2 fans, bookings and payments in several states. Refuses to run in production and does
 * nothing when users already exist. Returns whether it seeded.
 */
export const seedDemo = async (payload: Payload, log: (m: string) => void = console.log): Promise<boolean> => {
  if (isProduction()) throw new Error('Refusing to seed demo data in production (NODE_ENV=production).')
  // One transaction: a failure leaves the database as it was, never half-seeded.
  const req = await createLocalReq({}, payload)
  await initTransaction(req)
  try {
    const seeded = await seedInTransaction(payload, req, log)
    await commitTransaction(req)
    return seeded
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}

const seedInTransaction = async (payload: Payload, req: PayloadRequest, log: (m: string) => void): Promise<boolean> => {
  const existing = await payload.count({ collection: 'users', req })
  if (existing.totalDocs > 0) {
    log(`Database already has ${existing.totalDocs} users: demo seed skipped.`)
    return false
  }
  const t0 = now().getTime()
  // Hooks fill the fields that the generated types mark required (currency, fan, creator…).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const create = (args: Record<string, unknown>): Promise<any> => payload.create({ ...args, req } as never)
  const context = { allowPastStart: true }

  await create({ collection: 'users', data: { email: DEMO_LOGINS[0].email, password: DEMO_LOGINS[0].password, name: 'Ada Admin', role: 'admin' } })
  const fans = []
  for (const [i, login] of DEMO_LOGINS.slice(4).entries()) {
    fans.push(
      await create({
        collection: 'users',
        data: { email: login.email, password: login.password, name: i === 0 ? 'Sam Fan' : 'Alex Fan', role: 'fan', locale: i === 0 ? 'en' : 'fr', timezone: i === 0 ? 'Europe/London' : 'Europe/Paris' },
      }),
    )
  }

  const creatorDocs = []
  for (const c of CREATORS) {
    const user = await create({
      collection: 'users',
      data: { email: c.email, password: 'callastar-creator', name: c.name, role: 'creator', locale: c.locale, timezone: c.timezone },
    })
    const found = await payload.find({ collection: 'creators', where: { user: { equals: user.id } }, limit: 1, req })
    const creator = await payload.update({
      collection: 'creators',
      req,
      id: found.docs[0].id,
      data: {
        bio: c.bio,
        category: c.category,
        expertise: [...c.expertise],
        socialLinks: c.social.map((s) => ({ ...s })),
        currency: c.currency,
        featured: true,
        stripeAccountId: `acct_demo_${c.currency.toLowerCase()}`,
        stripeAccountStatus: 'enabled',
        chargesEnabled: true,
        payoutsEnabled: true,
      },
    })
    const offers = []
    // Two slots a day on alternate days over the next 14 days, at 09:00 and 17:00 UTC.
    for (let day = 1; day <= 14; day += 2) {
      for (const [j, [title, minutes, price]] of c.offers.entries()) {
        const start = new Date(Math.floor((t0 + day * DAY) / DAY) * DAY + (j === 0 ? 9 : 17) * HOUR)
        offers.push(
          await create({
            collection: 'offers',
            data: { creator: creator.id, title, description: `${title} with ${c.name}.`, startsAt: start.toISOString(), durationMinutes: minutes, price },
            context,
          }),
        )
      }
    }
    creatorDocs.push({ creator, user, offers })
  }

  // Bookings in several states, with their payments and ledger entries.
  const [lea, marco, jordan] = creatorDocs
  const [sam, alex] = fans
  const pay = async (booking: { id: number }, offer: { price: number; currency: string; endsAt?: string | null }, creatorId: number, fanId: number, status: string, paidAt?: Date) => {
    const fee = splitFee(money(offer.price, offer.currency), DEFAULT_SETTINGS).platformFee.amount
    const payment = await create({
      collection: 'payments',
      data: {
        booking: booking.id, fan: fanId, creator: creatorId, stripePaymentIntentId: `pi_demo_${booking.id}`,
        amount: offer.price, currency: offer.currency as 'EUR', platformFee: fee, creatorAmount: offer.price - fee,
        feeSnapshot: { feeBps: 1500, fixedFee: 0, holdingPeriodDays: 7 },
        status: status as 'succeeded', paidAt: paidAt?.toISOString(),
      },
    })
    if (status === 'succeeded' && paidAt) {
      await create({
        collection: 'ledger-entries',
        data: {
          creator: creatorId, currency: offer.currency as 'EUR', type: 'earning', amount: offer.price - fee,
          // Never before the call has happened (SPEC §7), as the payment webhook writes it.
          availableAt: earningAvailableAt(paidAt, offer.endsAt ? new Date(offer.endsAt) : null, 7).toISOString(), source: { type: 'payment', ref: String(payment.id) },
          memo: `Booking ${booking.id}`,
        },
      })
    }
    return payment
  }

  // 1. Confirmed upcoming call: Sam with Léa.
  const confirmedOffer = lea.offers[0]
  await payload.update({ collection: 'offers', id: confirmedOffer.id, data: { status: 'booked' }, req })
  const confirmed = await create({ collection: 'bookings', data: { offer: confirmedOffer.id, fan: sam.id, status: 'confirmed' } })
  await pay(confirmed, confirmedOffer, lea.creator.id, sam.id, 'succeeded', new Date(t0 - 2 * HOUR))

  // 2. Pending checkout (hold running): Alex on Marco's slot.
  const heldOffer = marco.offers[0]
  await payload.update({ collection: 'offers', id: heldOffer.id, data: { status: 'held' }, req })
  const pending = await create({
    collection: 'bookings',
    data: { offer: heldOffer.id, fan: alex.id, status: 'pending', holdExpiresAt: new Date(t0 + 15 * 60_000).toISOString() },
  })
  await pay(pending, heldOffer, marco.creator.id, alex.id, 'requires_payment')

  // 3. Completed call last week with a review: Sam with Jordan.
  const pastStart = new Date(Math.floor((t0 - 6 * DAY) / DAY) * DAY + 15 * HOUR)
  const pastOffer = await create({
    collection: 'offers',
    data: { creator: jordan.creator.id, title: 'Office hours', startsAt: pastStart.toISOString(), durationMinutes: 20, price: 5000, status: 'completed' },
    context,
  })
  const completed = await create({
    collection: 'bookings',
    data: { offer: pastOffer.id, fan: sam.id, status: 'completed', completedAt: new Date(pastStart.getTime() + 20 * 60_000).toISOString() },
  })
  await pay(completed, pastOffer, jordan.creator.id, sam.id, 'succeeded', new Date(pastStart.getTime() - DAY))
  await create({ collection: 'reviews', data: { booking: completed.id, rating: 5, comment: 'Clear, direct and generous with time. My deck is twice as good.' } })

  // 4. Expired checkout: Alex abandoned a checkout on Jordan's slot (offer available again).
  const expiredOffer = jordan.offers[1]
  await create({
    collection: 'bookings',
    data: { offer: expiredOffer.id, fan: alex.id, status: 'expired', holdExpiresAt: new Date(t0 - HOUR).toISOString() },
  })

  // 5. Cancelled by the fan more than 24 h ahead, refunded in full.
  const cancelledOffer = lea.offers[3]
  const cancelled = await create({
    collection: 'bookings',
    data: {
      offer: cancelledOffer.id, fan: alex.id, status: 'cancelled',
      cancellation: { by: 'fan', at: new Date(t0 - DAY).toISOString(), reason: 'Schedule conflict' },
    },
  })
  const refundedPayment = await pay(cancelled, cancelledOffer, lea.creator.id, alex.id, 'refunded')
  await create({
    collection: 'refunds',
    data: {
      payment: refundedPayment.id, booking: cancelled.id, fan: alex.id, creator: lea.creator.id, amount: cancelledOffer.price,
      currency: cancelledOffer.currency, reason: 'Cancelled by the fan more than 24 hours ahead', status: 'succeeded',
      policy: 'fan_early_cancellation', requestedBy: alex.id, stripeRefundId: `re_demo_${cancelled.id}`,
    },
  })

  // A pending call request for Léa from Sam, and a system notice for everyone.
  await create({
    collection: 'call-requests',
    data: {
      fan: sam.id,
      creator: lea.creator.id, proposedStart: new Date(t0 + 5 * DAY).toISOString(), durationMinutes: 30, proposedPrice: 6000,
      message: 'Could we work on my audition piece for 30 minutes?',
    },
  })
  log(`Demo data: 1 admin, ${creatorDocs.length} creators with ${creatorDocs.reduce((n, c) => n + c.offers.length, 0)} offers, ${fans.length} fans, 5 bookings.`)
  return true
}
