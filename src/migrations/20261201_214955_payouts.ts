import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Payouts (issue 10): the `create-payout` job slug, and earnings that wait for their call.
 *
 * An earning now becomes available at max(paid time, scheduled call end) + holding period (SPEC §7);
 * before, it was paid time + holding period, so an earning for a call weeks ahead could be paid out
 * before the call took place. Existing `earning` entries move to greatest(current, call end +
 * the holding period snapshotted on their payment); the `refund` entries of those payments follow
 * the rule the refund code applies (available when the earning it cancels is, or at once if later),
 * so a refund of a now-pending earning cancels it inside `pending` instead of showing as debt.
 *
 * `ledger_entries` is append-only (trigger `ledger_entries_append_only`, migration
 * 20261121_124434_invariants): this one-off correction switches that trigger off for its own two
 * UPDATEs and back on, inside the migration's transaction, so no other writer ever sees it off
 * (ALTER TABLE holds an exclusive lock on the table until commit). Only `available_at` changes,
 * never an amount. Down leaves the dates as they are: availability only ever moved later.
 */
/** The data move on its own (exported for its int test, tests/int/payouts.test.ts). */
export const MOVE_EARNINGS_AFTER_CALLS = `
  ALTER TABLE "ledger_entries" DISABLE TRIGGER "ledger_entries_append_only";

  CREATE TEMP TABLE "earning_moves" ON COMMIT DROP AS
    SELECT e.id, p.id AS payment_id,
           greatest(e.available_at, coalesce(b.ends_at, o.ends_at) + make_interval(days => coalesce(p.fee_snapshot_holding_period_days, 0)::int)) AS available_at
      FROM "ledger_entries" e
      JOIN "payments" p ON e.source_type = 'payment' AND p.id::text = e.source_ref
      JOIN "bookings" b ON b.id = p.booking_id
      JOIN "offers" o ON o.id = b.offer_id
     WHERE e.type = 'earning'
       AND coalesce(b.ends_at, o.ends_at) IS NOT NULL
       AND greatest(e.available_at, coalesce(b.ends_at, o.ends_at) + make_interval(days => coalesce(p.fee_snapshot_holding_period_days, 0)::int)) > e.available_at;

  UPDATE "ledger_entries" e SET "available_at" = m.available_at, "updated_at" = now()
    FROM "earning_moves" m WHERE e.id = m.id;

  UPDATE "ledger_entries" e SET "available_at" = greatest(e.created_at, m.available_at), "updated_at" = now()
    FROM "refunds" r, "earning_moves" m
   WHERE e.type = 'refund' AND e.source_type = 'refund' AND e.source_ref = r.id::text AND r.payment_id = m.payment_id
     AND greatest(e.created_at, m.available_at) > e.available_at;

  ALTER TABLE "ledger_entries" ENABLE TRIGGER "ledger_entries_append_only";
`

export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'create-payout' BEFORE 'refund-late-payment';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'create-payout' BEFORE 'refund-late-payment';`)
  await db.execute(sql.raw(MOVE_EARNINGS_AFTER_CALLS))
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention', 'process-stripe-event', 'refund-late-payment', 'expire-holds', 'expire-call-requests', 'close-past-offers', 'settle-cancellation');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention', 'process-stripe-event', 'refund-late-payment', 'expire-holds', 'expire-call-requests', 'close-past-offers', 'settle-cancellation');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";`)
}
