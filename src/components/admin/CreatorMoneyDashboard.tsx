import type { Payload, ServerComponentProps, TypedUser } from 'payload'
import Link from 'next/link'
import React from 'react'

import type { Creator, Offer } from '@/payload-types'
import { callWindow } from '@/domain/calls'
import { balanceIn, type Balance } from '@/domain/ledger'
import { money } from '@/domain/money'
import { decidePayout } from '@/domain/payouts'
import { Refusal } from '@/domain/refusal'
import { dateFormat, formatMoneyForTag, validTimeZone } from '@/i18n/format'
import { localeOf, type Locale } from '@/i18n/locale'
import { MONEY_DASHBOARD, PAYOUT_REFUSALS, SCHEDULE_LABELS, STATUS_LABELS } from '@/messages/admin'
import { UPCOMING_CALLS } from '@/messages/creatorPanel'
import { creatorBalances } from '@/services/payouts'
import { getSettings } from '@/services/settings'

import { EarningsChart, PayoutRequest, StripeDashboardLink, type EarningPoint, type PayoutOption } from './CreatorMoneyWidgets'

const OPEN_PAYOUT = ['requested', 'approved', 'processing']
const LIST = 8
const UPCOMING = 5

/** What the creator may read, through the local API under their own access (no override). */
const readAs = (payload: Payload, user: TypedUser) => ({ overrideAccess: false as const, user, depth: 0 })

/**
 * The creator's money on their admin home (issue 10, "Creator's side"): balance cards per currency,
 * the earnings chart, "Request payout" (eligibility from the payout decider, the same rule the
 * endpoint applies), the Stripe Express link, upcoming calls, payments with their fee breakdown and
 * payouts with their status. Every list is read with the creator's own access, so it holds their
 * rows only. Renders nothing for anyone else.
 */
export const CreatorMoneyDashboard: React.FC<ServerComponentProps> = async ({ payload, user, i18n }) => {
  if (!user || (user as { role?: string }).role !== 'creator') return null
  const locale: Locale = localeOf(i18n?.language)
  const t = MONEY_DASHBOARD[locale]
  const as = readAs(payload, user as TypedUser)
  // Which profile is theirs: `user` cannot be queried under their access (it is private), so the
  // id is looked up as the system; the profile itself is then read with their access.
  const own = await payload.find({ collection: 'creators', where: { user: { equals: user.id } }, limit: 1, depth: 0, pagination: false, select: {} })
  const creatorId = own.docs[0]?.id
  if (!creatorId) return null
  const creator = (await payload.findByID({ collection: 'creators', id: creatorId, ...as })) as Creator

  const now = new Date()
  const [all, settings, earnings, upcoming, payments, payouts] = await Promise.all([
    creatorBalances(payload, creator.id),
    getSettings(payload),
    payload.find({ collection: 'ledger-entries', where: { creator: { equals: creator.id }, type: { equals: 'earning' } }, sort: '-createdAt', limit: 2000, pagination: false, ...as }),
    payload.find({
      collection: 'bookings',
      // A call in progress stays listed (with its call page) until its scheduled end.
      where: { creator: { equals: creator.id }, status: { equals: 'confirmed' }, endsAt: { greater_than: now.toISOString() } },
      sort: 'startsAt',
      limit: UPCOMING,
      ...as,
      depth: 1,
    }),
    payload.find({ collection: 'payments', where: { creator: { equals: creator.id }, status: { in: ['succeeded', 'refunded', 'partially_refunded'] } }, sort: '-createdAt', limit: LIST, ...as, depth: 2 }),
    payload.find({ collection: 'payouts', where: { creator: { equals: creator.id } }, sort: '-createdAt', limit: LIST, ...as }),
  ])

  const shown = (amount: number, currency: string) => formatMoneyForTag(money(amount, currency), locale)
  // Times in the creator's own zone (their profile's time zone, as on the storefront), named once per time shown.
  const timeZone = validTimeZone((user as { timezone?: string | null }).timezone) ?? 'UTC'
  const dateTime = dateFormat(locale, timeZone, { dateStyle: 'medium', timeStyle: 'short' })
  const date = dateFormat(locale, timeZone, { dateStyle: 'medium' })
  const time = dateFormat(locale, timeZone, { timeStyle: 'short' })
  const status = (s: string) => STATUS_LABELS[locale][s] ?? s

  // The creator's own currency always has a card, even before the first earning.
  const currencies = [...new Set([creator.currency, ...all.map((b) => b.currency)])].sort()
  const cards: Balance[] = currencies.map((c) => balanceIn(all, c))

  // Eligibility per currency, by the endpoint's own decider; its refusal code picks a text in the creator's language.
  const openPayouts = await payload.find({ collection: 'payouts', where: { creator: { equals: creator.id }, status: { in: OPEN_PAYOUT } }, limit: 10, ...as })
  const options: PayoutOption[] = cards.map((balance) => {
    const platformMinimum = settings.minimumPayout[balance.currency as keyof typeof settings.minimumPayout] ?? 0
    const minimum = Math.max(creator.payoutMinimum ?? 0, platformMinimum)
    const open = openPayouts.docs.find((p) => p.currency === balance.currency)
    try {
      decidePayout({
        payoutsEnabled: Boolean(creator.payoutsEnabled),
        hasStripeAccount: Boolean(creator.stripeAccountId),
        payoutsBlocked: Boolean(creator.payoutsBlocked),
        blockedReason: creator.payoutsBlockedReason,
        creatorMinimum: creator.payoutMinimum ?? null,
        platformMinimum,
        balance,
        openPayoutId: open ? open.id : null,
      })
      return { currency: balance.currency, available: balance.available, minimum, refusal: null }
    } catch (error) {
      if (!(error instanceof Refusal)) throw error
      const text = PAYOUT_REFUSALS[locale][error.code]
      const figures = {
        available: shown(balance.available, balance.currency),
        minimum: shown(minimum, balance.currency),
        debt: shown(balance.debt, balance.currency),
        reason: creator.payoutsBlockedReason ?? '',
        openPayout: open ? `#${open.id} (${shown(open.amount, open.currency)})` : '',
      }
      return { currency: balance.currency, available: balance.available, minimum, refusal: { code: String(error.code), message: text ? text(figures) : error.message } }
    }
  })

  const points: EarningPoint[] = earnings.docs.map((e) => ({ at: e.createdAt, amount: e.amount, currency: e.currency }))
  const card = (label: string, help: string, amount: number, currency: string, key: string, tone?: string) => (
    <div key={key} data-testid={`balance-${currency}-${key}`} style={{ flex: '1 1 150px', border: '1px solid var(--theme-elevation-150)', borderRadius: 8, padding: 12, minWidth: 150 }}>
      <div style={{ fontSize: 12, textTransform: 'uppercase', letterSpacing: 0.5, opacity: 0.7 }}>{label}</div>
      <div data-testid={`balance-${currency}-${key}-value`} style={{ fontSize: 24, fontWeight: 600, fontVariantNumeric: 'tabular-nums', color: tone }}>{shown(amount, currency)}</div>
      <div style={{ fontSize: 12, opacity: 0.7 }}>{help}</div>
    </div>
  )
  const th: React.CSSProperties = { textAlign: 'left', padding: '6px 8px', borderBottom: '1px solid var(--theme-elevation-150)', fontWeight: 600, whiteSpace: 'nowrap' }
  const td: React.CSSProperties = { padding: '6px 8px', borderBottom: '1px solid var(--theme-elevation-100)', fontVariantNumeric: 'tabular-nums' }
  const titleOf = (offer: unknown) => (typeof offer === 'object' && offer ? (offer as Offer).title : '')
  // The fans' names of the upcoming calls (their own bookings; a fan's account is not theirs to read).
  const fanIds = [...new Set(upcoming.docs.map((b) => (typeof b.fan === 'object' ? b.fan.id : b.fan)))]
  const fans = fanIds.length
    ? await payload.find({ collection: 'users', where: { id: { in: fanIds } }, select: { name: true }, depth: 0, limit: fanIds.length, pagination: false, overrideAccess: true })
    : { docs: [] }
  const fanName = (fan: unknown) => {
    const id = typeof fan === 'object' && fan ? (fan as { id: number }).id : fan
    return fans.docs.find((u) => u.id === id)?.name ?? `#${String(id)}`
  }
  const u = UPCOMING_CALLS[locale]

  return (
    <section data-testid="creator-money" style={{ marginBottom: 32 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', flexWrap: 'wrap', gap: 8 }}>
        <h2 style={{ margin: '0 0 12px' }}>{t.heading}</h2>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'center' }}>
          <Link href={`/admin/collections/creators/${creator.id}`} data-testid="payout-settings-link">
            {t.payoutSettings}
          </Link>
          <span style={{ opacity: 0.7 }}>{t.schedule(SCHEDULE_LABELS[locale][creator.payoutSchedule ?? 'manual'] ?? String(creator.payoutSchedule))}</span>
          {creator.stripeAccountId ? <StripeDashboardLink /> : null}
        </div>
      </div>
      {all.length === 0 ? <p style={{ opacity: 0.8 }}>{t.noMoney}</p> : null}

      {cards.map((b) => {
        const option = options.find((o) => o.currency === b.currency)!
        return (
          <div key={b.currency} data-testid={`balance-${b.currency}`} style={{ marginBottom: 16 }}>
            <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginBottom: 8 }}>
              {card(t.available, t.availableHelp, b.available, b.currency, 'available', b.available > 0 ? '#15803d' : undefined)}
              {card(t.pending, t.pendingHelp, b.pending, b.currency, 'pending')}
              {card(t.reserved, t.reservedHelp, b.reserved, b.currency, 'reserved')}
              {card(t.debt, t.debtHelp, b.debt, b.currency, 'debt', b.debt > 0 ? '#b91c1c' : undefined)}
            </div>
            <PayoutRequest option={option} />
          </div>
        )
      })}

      <EarningsChart points={points} currencies={currencies} nowIso={now.toISOString()} />

      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(420px, 1fr))', gap: 24, marginTop: 24 }}>
        <div data-testid="upcoming-calls">
          <h3 style={{ margin: '0 0 8px' }}>{t.upcoming}</h3>
          {upcoming.docs.length === 0 ? (
            <p style={{ opacity: 0.8 }}>{t.noUpcoming}</p>
          ) : (
            <table style={{ width: '100%', borderCollapse: 'collapse' }}>
              <tbody>
                {upcoming.docs.map((b) => (
                  <tr key={b.id} data-testid="upcoming-call" data-booking-id={b.id}>
                    <td style={td} data-testid="upcoming-call-start">
                      {b.startsAt ? `${dateTime.format(new Date(b.startsAt))} (${timeZone})` : ''}
                    </td>
                    <td style={td} data-testid="upcoming-call-fan">
                      {fanName(b.fan)}
                    </td>
                    <td style={td}>
                      <Link href={`/admin/collections/bookings/${b.id}`}>{titleOf(b.offer) || `#${b.id}`}</Link>
                    </td>
                    <td style={td}>
                      <Link href={`/${locale}/call/${b.id}`} data-testid="upcoming-call-page" title={t.openCall}>
                        {u.join}
                      </Link>
                      {b.startsAt && b.endsAt && now < callWindow({ startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) }).opensAt ? (
                        <span style={{ opacity: 0.7, fontSize: 12, display: 'block' }}>{u.opensAt(time.format(callWindow({ startsAt: new Date(b.startsAt), endsAt: new Date(b.endsAt) }).opensAt))}</span>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>

        <div data-testid="creator-payouts">
          <h3 style={{ margin: '0 0 8px' }}>
            {t.payouts} <Link href="/admin/collections/payouts" style={{ fontSize: 13, fontWeight: 400 }}>{t.seeAll}</Link>
          </h3>
          {payouts.docs.length === 0 ? (
            <p style={{ opacity: 0.8 }}>{t.noPayouts}</p>
          ) : (
            <table style={{ width: '100%', borderCollapse: 'collapse' }}>
              <thead>
                <tr>
                  <th style={th}>{t.colDate}</th>
                  <th style={th}>{t.colAmount}</th>
                  <th style={th}>{t.colStatus}</th>
                </tr>
              </thead>
              <tbody>
                {payouts.docs.map((p) => (
                  <tr key={p.id} data-testid="creator-payout-row" data-status={p.status}>
                    <td style={td}>
                      <Link href={`/admin/collections/payouts/${p.id}`}>{date.format(new Date(p.requestedAt ?? p.createdAt))}</Link>
                    </td>
                    <td style={td}>{shown(p.amount, p.currency)}</td>
                    <td style={td}>{status(p.status)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      </div>

      <div data-testid="creator-payments" style={{ marginTop: 24 }}>
        <h3 style={{ margin: '0 0 8px' }}>
          {t.payments} <Link href="/admin/collections/payments" style={{ fontSize: 13, fontWeight: 400 }}>{t.seeAll}</Link>
        </h3>
        {payments.docs.length === 0 ? (
          <p style={{ opacity: 0.8 }}>{t.noPayments}</p>
        ) : (
          <table style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th style={th}>{t.colDate}</th>
                <th style={th}>{t.colCall}</th>
                <th style={th}>{t.colPrice}</th>
                <th style={th}>{t.colFee}</th>
                <th style={th}>{t.colShare}</th>
                <th style={th}>{t.colRefunded}</th>
              </tr>
            </thead>
            <tbody>
              {payments.docs.map((p) => {
                const booking = typeof p.booking === 'object' ? p.booking : null
                return (
                  <tr key={p.id} data-testid="creator-payment-row">
                    <td style={td}>{date.format(new Date(p.paidAt ?? p.createdAt))}</td>
                    <td style={td}>{booking ? titleOf(booking.offer) : ''}</td>
                    <td style={td}>{shown(p.amount, p.currency)}</td>
                    <td style={td}>{shown(p.platformFee, p.currency)}</td>
                    <td style={{ ...td, fontWeight: 600 }}>{shown(p.creatorAmount, p.currency)}</td>
                    <td style={td}>{p.refundedAmount ? shown(p.refundedAmount, p.currency) : '—'}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        )}
      </div>
    </section>
  )
}
