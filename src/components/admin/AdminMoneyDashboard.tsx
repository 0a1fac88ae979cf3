import type { ServerComponentProps } from 'payload'
import React from 'react'

import type { CurrencyFigures, Dashboard, Figure } from '@/domain/dashboard'
import { money } from '@/domain/money'
import { dateFormat, formatDateTime, formatMoney, validTimeZone } from '@/i18n/format'
import { localeOf, type Locale } from '@/i18n/locale'
import { BOOKING_CALL } from '@/messages/admin'
import { adminDashboard } from '@/services/dashboard'

const LABELS: Record<Locale, Record<string, string>> = {
  en: {
    title: 'Money',
    grossVolume: 'Gross volume',
    platformRevenue: 'Platform revenue',
    refunds: 'Refunds',
    disputesLost: 'Disputes lost',
    creatorsPending: 'Creators: pending',
    creatorsAvailable: 'Creators: available',
    openPayouts: 'Open payouts',
    openRefundRequests: 'Refund requests to decide',
    openDisputes: 'Open disputes',
    nearest: 'nearest deadline',
    calls: 'Calls today',
    none: 'No money has moved yet.',
  },
  fr: {
    title: 'Argent',
    grossVolume: 'Volume brut',
    platformRevenue: 'Revenu de la plateforme',
    refunds: 'Remboursements',
    disputesLost: 'Litiges perdus',
    creatorsPending: 'Créateurs : en attente',
    creatorsAvailable: 'Créateurs : disponible',
    openPayouts: 'Versements en cours',
    openRefundRequests: 'Demandes de remboursement à traiter',
    openDisputes: 'Litiges ouverts',
    nearest: 'échéance la plus proche',
    calls: 'Appels du jour',
    none: 'Aucun mouvement d’argent pour l’instant.',
  },
}

const COUNTED = new Set(['grossVolume', 'refunds', 'disputesLost', 'openPayouts', 'openRefundRequests', 'openDisputes'])
const FIGURES = ['grossVolume', 'platformRevenue', 'refunds', 'disputesLost', 'creatorsPending', 'creatorsAvailable', 'openPayouts', 'openRefundRequests', 'openDisputes'] as const

/** The calls whose join window is open now: their count (linking to the list) and the first ones, each linking to its booking. */
const CallsInProgress: React.FC<{ calls: Dashboard['callsInProgress']; locale: Locale; timeZone: string }> = ({ calls, locale, timeZone }) => {
  const t = BOOKING_CALL[locale]
  const time = dateFormat(locale, timeZone, { dateStyle: 'short', timeStyle: 'short' })
  const cell: React.CSSProperties = { padding: '4px 16px 4px 0', textAlign: 'left' }
  const present = (p: { fan: boolean; creator: boolean }) =>
    p.fan || p.creator ? [p.fan ? t.who.fan : null, p.creator ? t.who.creator : null].filter(Boolean).join(', ') : t.nobodyPresent
  return (
    <div data-testid="dashboard-calls-in-progress" style={{ margin: '0 0 16px' }}>
      <p style={{ margin: '0 0 8px' }}>
        <a href={calls.link} data-testid="dashboard-calls-in-progress-count">
          {t.inProgress(calls.count)}
        </a>
      </p>
      {calls.calls.length === 0 ? (
        <p style={{ margin: 0, opacity: 0.8 }}>{t.noneInProgress}</p>
      ) : (
        <table className="table" style={{ borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              {(['booking', 'fan', 'creator', 'started', 'ends', 'presentNow'] as const).map((k) => (
                <th key={k} style={cell}>
                  {t.columns[k]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {calls.calls.map((c) => (
              <tr key={c.bookingId} data-testid={`dashboard-call-${c.bookingId}`}>
                <td style={cell}>
                  <a href={c.link}>#{c.bookingId}</a>
                </td>
                <td style={cell}>{c.fanName ?? '—'}</td>
                <td style={cell}>{c.creatorName ?? '—'}</td>
                <td style={cell}>{time.format(new Date(c.startsAt))}</td>
                <td style={cell}>{time.format(new Date(c.endsAt))}</td>
                <td style={cell}>{present(c.present)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {calls.calls.length ? <p style={{ margin: '4px 0 0', opacity: 0.7 }}>{t.timesIn(timeZone)}</p> : null}
    </div>
  )
}

/**
 * The admin home's money figures per currency (src/services/dashboard.ts), each linking to the
 * admin list filtered to its rows, and the calls in progress now. Renders nothing for anyone but an admin.
 */
export const AdminMoneyDashboard: React.FC<ServerComponentProps> = async ({ user, i18n, payload }) => {
  if ((user as { role?: string } | undefined)?.role !== 'admin') return null
  const locale = localeOf(i18n?.language)
  const timeZone = validTimeZone((user as { timezone?: string }).timezone) ?? 'UTC'
  const t = LABELS[locale]
  const dashboard = await adminDashboard(payload)
  const cell = (c: CurrencyFigures, key: (typeof FIGURES)[number]) => {
    const figure: Figure & { nearestDeadline?: string | null } = c[key]
    const amount = formatMoney(money(figure.amount, c.currency), locale)
    return (
      <a href={figure.link} data-testid={`dashboard-${c.currency}-${key}`}>
        {amount}
        {COUNTED.has(key) ? ` (${figure.count})` : ''}
        {figure.nearestDeadline ? ` — ${t.nearest}: ${formatDateTime(figure.nearestDeadline, { locale, timeZone })}` : ''}
      </a>
    )
  }
  return (
    <section data-testid="admin-money-dashboard" style={{ marginBottom: 32 }}>
      <h2 style={{ margin: '0 0 12px' }}>{t.title}</h2>
      <p style={{ margin: '0 0 12px' }}>
        <a href={dashboard.callsToday.link} data-testid="dashboard-calls-today">
          {t.calls}: {dashboard.callsToday.count}
        </a>
      </p>
      <CallsInProgress calls={dashboard.callsInProgress} locale={locale} timeZone={timeZone} />
      {dashboard.currencies.length === 0 ? (
        <p style={{ opacity: 0.8 }}>{t.none}</p>
      ) : (
        <table className="table" style={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <th style={{ textAlign: 'left' }} />
              {dashboard.currencies.map((c) => (
                <th key={c.currency} style={{ textAlign: 'right' }}>
                  {c.currency}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {FIGURES.map((key) => (
              <tr key={key}>
                <td style={{ padding: '4px 8px 4px 0' }}>{t[key]}</td>
                {dashboard.currencies.map((c) => (
                  <td key={c.currency} style={{ textAlign: 'right', padding: '4px 0 4px 16px' }}>
                    {cell(c, key)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
