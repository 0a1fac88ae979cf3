/**
 * Server-side helpers of the storefront pages: the locale of the URL (en/fr, anything else is a
 * 404), the Payload instance and the viewer from the request cookies.
 */
import config from '@payload-config'
import { cookies, headers } from 'next/headers'
import { notFound, redirect } from 'next/navigation'
import { getPayload, type Payload } from 'payload'

import { OPEN_REFUND_STATUSES } from '@/domain/refunds'
import { isLocale, type Locale } from '@/i18n'
import { validTimeZone } from '@/i18n/format'
import { TZ_COOKIE } from '@/lib/cookies'
import type { User } from '@/payload-types'

export const localeOrNotFound = (value: string): Locale => {
  if (!isLocale(value)) notFound()
  return value
}

export const storefrontContext = async (): Promise<{ payload: Payload; user: User | null }> => {
  const payload = await getPayload({ config })
  const { user } = await payload.auth({ headers: await headers() })
  return { payload, user: (user as User | null) ?? null }
}

/** A same-site path to come back to after logging in (never another origin). */
export const safeNext = (value: unknown, fallback: string): string =>
  typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : fallback

export const loginHref = (locale: Locale, next: string): string => `/${locale}/login?next=${encodeURIComponent(next)}`

export const idParam = (value: string): number => {
  const id = Number(value)
  if (!Number.isSafeInteger(id) || id <= 0) notFound()
  return id
}

/** The viewer's time zone: the account's, else the browser's (cookie), else UTC. */
export const viewerTimeZone = async (user: User | null): Promise<string> =>
  validTimeZone(user?.timezone) ?? validTimeZone((await cookies()).get(TZ_COOKIE)?.value) ?? 'UTC'

/** The logged-in viewer of an account page, or a redirect to log in and come back to `path`. */
export const requireViewer = async (locale: Locale, path: string): Promise<{ payload: Payload; user: User }> => {
  const { payload, user } = await storefrontContext()
  if (!user) redirect(loginHref(locale, path))
  return { payload, user }
}

/** The viewer's bookings, among `bookingIds`, with a refund request still open (requested, approved or processing). */
export const bookingsWithOpenRefund = async (payload: Payload, user: User, bookingIds: number[]): Promise<Set<number>> => {
  if (!bookingIds.length) return new Set()
  const { docs } = await payload.find({
    collection: 'refunds',
    where: { and: [{ booking: { in: bookingIds } }, { fan: { equals: user.id } }, { status: { in: [...OPEN_REFUND_STATUSES] } }] },
    depth: 0,
    pagination: false,
    select: { booking: true },
    overrideAccess: false,
    user,
  })
  return new Set(docs.map((r) => (typeof r.booking === 'object' ? r.booking.id : r.booking)))
}

/** The viewer's bookings, among `bookingIds`, whose payment was refunded in full. */
export const bookingsRefundedInFull = async (payload: Payload, user: User, bookingIds: number[]): Promise<Set<number>> => {
  if (!bookingIds.length) return new Set()
  const { docs } = await payload.find({
    collection: 'payments',
    where: { and: [{ booking: { in: bookingIds } }, { fan: { equals: user.id } }, { status: { equals: 'refunded' } }] },
    depth: 0,
    pagination: false,
    select: { booking: true },
    overrideAccess: false,
    user,
  })
  return new Set(docs.map((p) => (typeof p.booking === 'object' ? p.booking.id : p.booking)))
}
