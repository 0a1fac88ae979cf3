/**
 * The admin money dashboard (issue 10): per currency, what came in, what the platform kept, what
 * went back, what creators hold and what waits for an admin; each figure with the admin list that
 * shows its rows. Pure: `src/db/dashboard.ts` sums the rows, this names and links them.
 */
import { JOIN_WINDOW_OPENS_MINUTES_BEFORE } from './calls'
import { OPEN_PAYOUT_STATUSES } from './transitions'

/** Payments that were paid (whatever happened after: refunds keep them in gross volume). */
export const PAID_PAYMENT_STATUSES = ['succeeded', 'partially_refunded', 'refunded'] as const
/** Disputes still being decided (Stripe's statuses before won / lost / warning_closed). */
export const OPEN_DISPUTE_STATUSES = ['warning_needs_response', 'warning_under_review', 'needs_response', 'under_review'] as const
/** Calls of the day: booked and paid (confirmed) or already over (completed). */
export const CALL_BOOKING_STATUSES = ['confirmed', 'completed'] as const

export const DASHBOARD_METRICS = [
  'gross',
  'revenue',
  'refunds',
  'disputes_lost',
  'pending',
  'available',
  'payouts_open',
  'refund_requests',
  'disputes_open',
] as const
export type DashboardMetric = (typeof DASHBOARD_METRICS)[number]

/** One grouped row of the SQL: a metric in one currency. */
export type MetricRow = { metric: DashboardMetric; currency: string; count: number; amount: number; at: Date | null }

export type Figure = { amount: number; count: number; link: string }
export type CurrencyFigures = {
  currency: string
  /** Sum of paid payments. */
  grossVolume: Figure
  /** Platform fees of paid payments, minus the fees given back by refunds (proportional). */
  platformRevenue: Figure
  /** Succeeded refunds. */
  refunds: Figure
  disputesLost: Figure
  /** Creators' ledger, summed over creators: not yet available. */
  creatorsPending: Figure
  /** Creators' ledger, summed over creators: available (payout reservations already out). */
  creatorsAvailable: Figure
  openPayouts: Figure
  /** Refunds waiting for an admin's decision. */
  openRefundRequests: Figure
  openDisputes: Figure & { nearestDeadline: string | null }
}

/** A confirmed booking whose join window is open now, and who is in it according to the provider's presence. */
export type CallNow = {
  bookingId: number
  fanName: string | null
  creatorName: string | null
  startsAt: string
  endsAt: string
  present: { fan: boolean; creator: boolean }
  link: string
}

/** The calls in progress the dashboard lists at most (the count and the link cover them all). */
export const CALLS_NOW_LISTED = 20

export type Dashboard = {
  generatedAt: string
  currencies: CurrencyFigures[]
  callsToday: { count: number; link: string }
  callsInProgress: { count: number; link: string; calls: CallNow[] }
}

/**
 * The join window of a call open at `at` is [startsAt − 15 min, endsAt): the bookings to look at
 * start at or before `at` + 15 min and end after `at`.
 */
export const openWindowBounds = (at: Date): { startsAtOrBefore: Date; endsAfter: Date } => ({
  startsAtOrBefore: new Date(at.getTime() + JOIN_WINDOW_OPENS_MINUTES_BEFORE * 60_000),
  endsAfter: at,
})

type Condition = Partial<Record<'equals' | 'in' | 'greater_than' | 'less_than_equal' | 'greater_than_equal' | 'less_than', string | readonly string[]>>

/**
 * An admin list URL with a filter, in the `where[field][operator]=…` syntax the list view and the
 * REST API read (`in` lists as indexed entries). Keys and values are URL-encoded except brackets.
 */
export const adminListLink = (collection: string, where: Record<string, Condition>): string => {
  const parts: string[] = []
  const enc = (text: string) => encodeURIComponent(text)
  for (const [field, condition] of Object.entries(where)) {
    for (const [operator, value] of Object.entries(condition)) {
      if (Array.isArray(value)) value.forEach((v: string, i: number) => parts.push(`where[${field}][${operator}][${i}]=${enc(v)}`))
      else parts.push(`where[${field}][${operator}]=${enc(value as string)}`)
    }
  }
  return `/admin/collections/${collection}${parts.length ? `?${parts.join('&')}` : ''}`
}

/** The day `at` falls in, in UTC: [start, end). */
export const utcDay = (at: Date): { start: Date; end: Date } => {
  const start = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()))
  return { start, end: new Date(start.getTime() + 86_400_000) }
}

/** Every currency any metric has, sorted; a metric with no row in a currency is zero. */
export const assembleDashboard = (
  rows: readonly MetricRow[],
  callsToday: number,
  at: Date,
  callsNow: { count: number; calls: readonly Omit<CallNow, 'link'>[] } = { count: 0, calls: [] },
): Dashboard => {
  const currencies = [...new Set(rows.map((r) => r.currency.toUpperCase()))].sort()
  const iso = at.toISOString()
  const figuresOf = (currency: string): CurrencyFigures => {
    const row = (metric: DashboardMetric) => rows.find((r) => r.metric === metric && r.currency.toUpperCase() === currency)
    const fig = (metric: DashboardMetric, link: string): Figure => ({ amount: row(metric)?.amount ?? 0, count: row(metric)?.count ?? 0, link })
    const inCurrency = { currency: { equals: currency } }
    const paid = adminListLink('payments', { ...inCurrency, status: { in: PAID_PAYMENT_STATUSES } })
    const deadline = row('disputes_open')?.at
    return {
      currency,
      grossVolume: fig('gross', paid),
      platformRevenue: fig('revenue', paid),
      refunds: fig('refunds', adminListLink('refunds', { ...inCurrency, status: { equals: 'succeeded' } })),
      disputesLost: fig('disputes_lost', adminListLink('disputes', { ...inCurrency, status: { equals: 'lost' } })),
      creatorsPending: fig('pending', adminListLink('ledger-entries', { ...inCurrency, availableAt: { greater_than: iso } })),
      creatorsAvailable: fig('available', adminListLink('ledger-entries', { ...inCurrency, availableAt: { less_than_equal: iso } })),
      openPayouts: fig('payouts_open', adminListLink('payouts', { ...inCurrency, status: { in: OPEN_PAYOUT_STATUSES } })),
      openRefundRequests: fig('refund_requests', adminListLink('refunds', { ...inCurrency, status: { equals: 'requested' } })),
      openDisputes: {
        ...fig('disputes_open', `${adminListLink('disputes', { ...inCurrency, status: { in: OPEN_DISPUTE_STATUSES } })}&sort=evidenceDueBy`),
        nearestDeadline: deadline ? deadline.toISOString() : null,
      },
    }
  }
  const day = utcDay(at)
  return {
    generatedAt: iso,
    currencies: currencies.map(figuresOf),
    callsToday: {
      count: callsToday,
      link: adminListLink('bookings', { startsAt: { greater_than_equal: day.start.toISOString(), less_than: day.end.toISOString() }, status: { in: CALL_BOOKING_STATUSES } }),
    },
    callsInProgress: {
      count: callsNow.count,
      link: (() => {
        const open = openWindowBounds(at)
        return `${adminListLink('bookings', { status: { equals: 'confirmed' }, startsAt: { less_than_equal: open.startsAtOrBefore.toISOString() }, endsAt: { greater_than: open.endsAfter.toISOString() } })}&sort=startsAt`
      })(),
      calls: callsNow.calls.map((c) => ({ ...c, link: `/admin/collections/bookings/${c.bookingId}` })),
    },
  }
}
