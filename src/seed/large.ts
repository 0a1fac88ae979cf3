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
