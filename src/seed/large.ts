/**
 * A large catalogue for performance work: `creators` creators (with users, categories, expertise,
 * ratings) and `offersPerCreator` offers each over the next 30 days, written with set-based SQL
 * (seconds, not minutes). Offers of one creator never overlap (one slot per creator per 2 h step).
 * Idempotent per prefix: a second run finds its creators and does nothing.
 */
import type { Pool } from 'pg'

import { CREATOR_CATEGORIES } from '@/domain/categories'
import { SUPPORTED_CURRENCIES } from '@/domain/currencies'

/** Slug and email prefix of the bulk creators (`bulk-42`), so tools can tell them from demo creators. */
export const LARGE_SEED_PREFIX = 'bulk'

export type LargeSeedOptions = { creators: number; offersPerCreator: number; prefix?: string }

const EXPERTISE = ['coaching', 'songwriting', 'fitness', 'nutrition', 'startups', 'pitch decks', 'streaming', 'illustration', 'photography', 'mindfulness', 'language', 'math', 'guitar', 'chess', 'design']

export const seedLarge = async (pool: Pool, { creators, offersPerCreator, prefix = LARGE_SEED_PREFIX }: LargeSeedOptions): Promise<{ creators: number; offers: number; skipped: boolean }> => {
  const existing = await pool.query<{ n: string }>(`SELECT count(*) AS n FROM creators WHERE slug LIKE $1`, [`${prefix}-%`])
  if (Number(existing.rows[0]!.n) > 0) return { creators: Number(existing.rows[0]!.n), offers: 0, skipped: true }
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    await client.query(
      `INSERT INTO users (name, role, locale, timezone, email, updated_at, created_at)
       SELECT 'Creator ' || g, 'creator', CASE WHEN g % 3 = 0 THEN 'fr' ELSE 'en' END::enum_users_locale, 'Europe/Paris', $2 || '-' || g || '@bulk.local', now(), now()
         FROM generate_series(1, $1::int) g`,
      [creators, prefix],
    )
    await client.query(
      `INSERT INTO creators (user_id, display_name, slug, bio, category, currency, featured, stripe_account_id, stripe_account_status, charges_enabled, payouts_enabled,
                             rating_average, rating_count, updated_at, created_at)
       SELECT u.id, initcap(split_part(u.email, '@', 1)), split_part(u.email, '@', 1), 'Bulk creator number ' || u.id || ' for load tests.',
              ($2::text[])[1 + (u.id % array_length($2::text[], 1))]::enum_creators_category,
              ($3::text[])[1 + (u.id % array_length($3::text[], 1))]::enum_creators_currency,
              false, 'acct_bulk_' || u.id, 'enabled', true, true, round((3 + (u.id % 21) / 10.0)::numeric, 1), u.id % 40, now(), now()
         FROM users u WHERE u.email LIKE $1 || '-%@bulk.local'`,
      [prefix, [...CREATOR_CATEGORIES], [...SUPPORTED_CURRENCIES]],
    )
    await client.query(
      `INSERT INTO creators_texts ("order", parent_id, path, text)
       SELECT k, c.id, 'expertise', ($2::text[])[1 + ((c.id + k * 7) % array_length($2::text[], 1))]
         FROM creators c CROSS JOIN generate_series(1, 2) k WHERE c.slug LIKE $1 || '-%'`,
      [prefix, EXPERTISE],
    )
    const offers = await client.query(
      `INSERT INTO offers (creator_id, title, starts_at, duration_minutes, ends_at, price, currency, status, updated_at, created_at)
       SELECT c.id, 'Call ' || k, date_trunc('hour', now()) + interval '2 hours' + ((k * 7 + c.id % 5) * interval '2 hours'),
              30, date_trunc('hour', now()) + interval '2 hours' + ((k * 7 + c.id % 5) * interval '2 hours') + interval '30 minutes',
              1000 + (c.id * 37 + k * 500) % 20000, c.currency::text::enum_offers_currency, 'available', now(), now()
         FROM creators c CROSS JOIN generate_series(0, $2::int - 1) k WHERE c.slug LIKE $1 || '-%'`,
      [prefix, offersPerCreator],
    )
    await client.query('COMMIT')
    // Vacuumed now rather than by autovacuum in the middle of whatever runs next (the bench).
    await client.query('VACUUM ANALYZE creators, offers, creators_texts')
    return { creators, offers: offers.rowCount ?? 0, skipped: false }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}

export type LargeMoneyOptions = { paymentsPerCreator: number; fans?: number; prefix?: string }
export type LargeMoneyResult = { payments: number; refunds: number; disputes: number; payouts: number; ledgerEntries: number; skipped: boolean }

/**
 * Money on the large catalogue, for the admin dashboard and payout benchmarks (run after
 * `seedLarge`): `fans` fans; per bulk creator `paymentsPerCreator` past calls (completed offer,
 * booking, succeeded payment at the default 15 % fee, the creator's `earning` available 7 days
 * after the call), spread over the last 30 days so about a quarter is still pending. Then, by id:
 * 2 % of payments fully and 2 % half refunded (succeeded refunds, the payment's refunded amount
 * and status, the creator's proportional `refund` entry, available with the earning), 0.2 %
 * refund requests, 0.1 % disputes (funds withdrawn: a `dispute` entry; half lost, half awaiting
 * evidence), and payouts (`payout` entries): a paid one of half the available balance for a
 * third of the creators, an open one for 1 %, a failed one (given back by a `payout_reversal`)
 * for 1 %. Set-based SQL in one transaction; idempotent per prefix (a second run finds the
 * payments and does nothing).
 */
export const seedLargeMoney = async (pool: Pool, { paymentsPerCreator, fans = 1000, prefix = LARGE_SEED_PREFIX }: LargeMoneyOptions): Promise<LargeMoneyResult> => {
  const none = { payments: 0, refunds: 0, disputes: 0, payouts: 0, ledgerEntries: 0 }
  const existing = await pool.query(`SELECT 1 FROM payments p JOIN creators c ON c.id = p.creator_id WHERE c.slug LIKE $1 LIMIT 1`, [`${prefix}-%`])
  if (existing.rowCount) return { ...none, skipped: true }
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const fanIds = (
      await client.query<{ id: number }>(
        `INSERT INTO users (name, role, locale, timezone, email, updated_at, created_at)
         SELECT 'Fan ' || g, 'fan', 'en', 'Europe/Paris', $2 || '-fan-' || g || '@bulk.local', now(), now()
           FROM generate_series(1, $1::int) g
         ON CONFLICT DO NOTHING RETURNING id`,
        [fans, prefix],
      )
    ).rows.map((r) => r.id)
    if (!fanIds.length) throw new Error(`seedLargeMoney: no ${prefix} fans could be created (left from an earlier partial run?)`)
    // Past calls: one completed offer every 3 days per creator (never overlapping its future ones),
    // booked, paid 2 days before, earning available 7 days after the call.
    const payments = await client.query(
      `WITH o AS (
         INSERT INTO offers (creator_id, title, starts_at, duration_minutes, ends_at, price, currency, status, updated_at, created_at)
         SELECT c.id, 'Past call ' || k, date_trunc('hour', now()) - interval '3 hours' - ((k * 72 + c.id % 48) * interval '1 hour'), 30,
                date_trunc('hour', now()) - interval '3 hours' - ((k * 72 + c.id % 48) * interval '1 hour') + interval '30 minutes',
                1000 + (c.id * 37 + k * 500) % 20000, c.currency::text::enum_offers_currency, 'completed', now(), now()
           FROM creators c CROSS JOIN generate_series(0, $2::int - 1) k WHERE c.slug LIKE $1 || '-%'
         RETURNING id, creator_id, starts_at, ends_at, price, currency
       ), b AS (
         INSERT INTO bookings (offer_id, fan_id, creator_id, status, starts_at, ends_at, completed_at, updated_at, created_at)
         SELECT o.id, ($3::int[])[1 + o.id % array_length($3::int[], 1)], o.creator_id, 'completed', o.starts_at, o.ends_at, o.ends_at, o.ends_at, o.starts_at - interval '2 days'
           FROM o
         RETURNING id, offer_id, fan_id, creator_id, ends_at, created_at
       ), p AS (
         INSERT INTO payments (booking_id, fan_id, creator_id, stripe_payment_intent_id, amount, currency, platform_fee, creator_amount,
                               fee_snapshot_fee_bps, fee_snapshot_fixed_fee, fee_snapshot_holding_period_days, status, paid_at, updated_at, created_at)
         SELECT b.id, b.fan_id, b.creator_id, 'pi_' || $1 || '_' || b.id, o.price, o.currency::text::enum_payments_currency, round(o.price * 0.15), o.price - round(o.price * 0.15),
                1500, 0, 7, 'succeeded', b.created_at, b.created_at, b.created_at
           FROM b JOIN o ON o.id = b.offer_id
         RETURNING id, booking_id, creator_id, currency, creator_amount
       )
       INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, source_ref, memo, updated_at, created_at)
       SELECT p.creator_id, p.currency::text::enum_ledger_entries_currency, 'earning', p.creator_amount, b.ends_at + interval '7 days', 'payment', p.id::text,
              'Earning of booking ' || b.id, b.ends_at, b.ends_at
         FROM p JOIN b ON b.id = p.booking_id`,
      [prefix, paymentsPerCreator, fanIds],
    )
    // Refunds an hour after the call (the earning still pending: the refund entry waits with it).
    const refunds = await client.query(
      `WITH r AS (
         INSERT INTO refunds (payment_id, booking_id, fan_id, creator_id, amount, currency, reason, status, policy, decided_at, stripe_refund_id, updated_at, created_at)
         SELECT p.id, p.booking_id, p.fan_id, p.creator_id, CASE WHEN p.id % 50 = 0 THEN p.amount ELSE floor(p.amount / 2) END, p.currency::text::enum_refunds_currency,
                'Bulk refund', CASE WHEN p.id % 500 = 7 THEN 'requested' ELSE 'succeeded' END::enum_refunds_status, 'manual',
                CASE WHEN p.id % 500 = 7 THEN NULL ELSE b.ends_at + interval '1 hour' END, CASE WHEN p.id % 500 = 7 THEN NULL ELSE 're_' || $1 || '_' || p.id END,
                b.ends_at + interval '1 hour', b.ends_at + interval '1 hour'
           FROM payments p JOIN bookings b ON b.id = p.booking_id JOIN creators c ON c.id = p.creator_id
          WHERE c.slug LIKE $1 || '-%' AND (p.id % 50 IN (0, 25) OR p.id % 500 = 7)
         RETURNING id, payment_id, amount, status
       ), paid AS (
         UPDATE payments p SET refunded_amount = r.amount, status = CASE WHEN r.amount = p.amount THEN 'refunded' ELSE 'partially_refunded' END::enum_payments_status
           FROM r WHERE r.payment_id = p.id AND r.status = 'succeeded'
         RETURNING p.id, p.creator_id, p.currency, p.amount, p.platform_fee, p.booking_id
       )
       INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, source_ref, memo, updated_at, created_at)
       SELECT paid.creator_id, paid.currency::text::enum_ledger_entries_currency, 'refund', -(r.amount - round(paid.platform_fee * r.amount / paid.amount)),
              e.available_at, 'refund', r.id::text, 'Refund of booking ' || paid.booking_id, now(), now()
         FROM paid JOIN r ON r.payment_id = paid.id
         JOIN ledger_entries e ON e.type = 'earning' AND e.source_type = 'payment' AND e.source_ref = paid.id::text`,
      [prefix],
    )
    const requested = (await client.query(`SELECT count(*)::int AS n FROM refunds r JOIN creators c ON c.id = r.creator_id WHERE c.slug LIKE $1 || '-%' AND r.status = 'requested'`, [prefix])).rows[0].n as number
    // Disputes two days after the call, funds withdrawn at once (the creator's whole share).
    const disputes = await client.query(
      `WITH d AS (
         INSERT INTO disputes (payment_id, booking_id, creator_id, stripe_dispute_id, stripe_charge_id, amount, currency, reason, status, outcome, evidence_due_by, closed_at, updated_at, created_at)
         SELECT p.id, p.booking_id, p.creator_id, 'dp_' || $1 || '_' || p.id, 'ch_' || $1 || '_' || p.id, p.amount, p.currency::text::enum_disputes_currency, 'fraudulent',
                CASE WHEN p.id % 2000 = 13 THEN 'lost' ELSE 'needs_response' END::enum_disputes_status, CASE WHEN p.id % 2000 = 13 THEN 'lost' END::enum_disputes_outcome,
                now() + (p.id % 10 + 1) * interval '1 day', CASE WHEN p.id % 2000 = 13 THEN now() - interval '1 day' END, b.ends_at + interval '2 days', b.ends_at + interval '2 days'
           FROM payments p JOIN bookings b ON b.id = p.booking_id JOIN creators c ON c.id = p.creator_id
          WHERE c.slug LIKE $1 || '-%' AND p.id % 1000 = 13
         RETURNING id, payment_id, creator_id, currency, created_at
       )
       INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, source_ref, memo, updated_at, created_at)
       SELECT d.creator_id, d.currency::text::enum_ledger_entries_currency, 'dispute', -p.creator_amount, d.created_at, 'dispute', d.id::text, 'Dispute ' || d.id, d.created_at, d.created_at
         FROM d JOIN payments p ON p.id = d.payment_id`,
      [prefix],
    )
    // Payouts out of what was available a day ago: paid (a third of the creators), open (1 %), failed and given back (1 %).
    const payouts = await client.query(
      `WITH s AS (
         SELECT e.creator_id, e.currency, sum(e.amount) AS available
           FROM ledger_entries e JOIN creators c ON c.id = e.creator_id
          WHERE c.slug LIKE $1 || '-%' AND e.available_at <= now() - interval '1 day'
          GROUP BY e.creator_id, e.currency
       ), po AS (
         INSERT INTO payouts (creator_id, amount, currency, status, trigger, stripe_payout_id, requested_at, approved_at, paid_at, failed_at, failure_reason, updated_at, created_at)
         SELECT s.creator_id, CASE WHEN s.creator_id % 100 = 1 THEN floor(s.available / 4) ELSE floor(s.available / 2) END, s.currency::text::enum_payouts_currency,
                CASE WHEN s.creator_id % 100 = 1 THEN 'requested' WHEN s.creator_id % 100 = 2 THEN 'failed' ELSE 'paid' END::enum_payouts_status, 'requested',
                CASE WHEN s.creator_id % 100 = 1 THEN NULL ELSE 'po_' || $1 || '_' || s.creator_id END,
                now() - interval '1 day', CASE WHEN s.creator_id % 100 = 1 THEN NULL ELSE now() - interval '23 hours' END,
                CASE WHEN s.creator_id % 100 NOT IN (1, 2) THEN now() - interval '20 hours' END, CASE WHEN s.creator_id % 100 = 2 THEN now() - interval '20 hours' END,
                CASE WHEN s.creator_id % 100 = 2 THEN 'account_closed' END, now() - interval '1 day', now() - interval '1 day'
           FROM s WHERE (s.creator_id % 3 = 0 OR s.creator_id % 100 IN (1, 2)) AND floor(s.available / 4) > 0
         RETURNING id, creator_id, amount, currency, status, requested_at, failed_at
       )
       INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, source_ref, memo, updated_at, created_at)
       SELECT po.creator_id, po.currency::text::enum_ledger_entries_currency, 'payout'::enum_ledger_entries_type, -po.amount, po.requested_at, 'payout'::enum_ledger_entries_source_type, po.id::text, 'Payout ' || po.id || ' requested', po.requested_at, po.requested_at
         FROM po
       UNION ALL
       SELECT po.creator_id, po.currency::text::enum_ledger_entries_currency, 'payout_reversal'::enum_ledger_entries_type, po.amount, po.failed_at, 'payout'::enum_ledger_entries_source_type, po.id::text, 'Payout ' || po.id || ' failed', po.failed_at, po.failed_at
         FROM po WHERE po.status = 'failed'`,
      [prefix],
    )
    const payoutCount = (await client.query(`SELECT count(*)::int AS n FROM payouts p JOIN creators c ON c.id = p.creator_id WHERE c.slug LIKE $1 || '-%'`, [prefix])).rows[0].n as number
    await client.query('COMMIT')
    await client.query('VACUUM ANALYZE offers, bookings, payments, refunds, disputes, payouts, ledger_entries, users')
    return {
      payments: payments.rowCount ?? 0,
      refunds: (refunds.rowCount ?? 0) + requested,
      disputes: disputes.rowCount ?? 0,
      payouts: payoutCount,
      ledgerEntries: (payments.rowCount ?? 0) + (refunds.rowCount ?? 0) + (disputes.rowCount ?? 0) + (payouts.rowCount ?? 0),
      skipped: false,
    }
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined)
    throw error
  } finally {
    client.release()
  }
}
