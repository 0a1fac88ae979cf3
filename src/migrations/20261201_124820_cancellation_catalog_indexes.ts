import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'settle-cancellation';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'settle-cancellation';`)
  // The storefront catalogue (src/services/catalog.ts) on 10,000 creators and 100,000 offers:
  // bookable offers per creator and per time window read from small partial indexes,
  // the default "best rated" order read from an index, expertise found by creator.
  await db.execute(sql`
  CREATE INDEX IF NOT EXISTS "offers_bookable_creator_idx" ON "offers" ("creator_id", "starts_at") INCLUDE ("price")
    WHERE "status" = 'available' AND "reserved_for_id" IS NULL;
  CREATE INDEX IF NOT EXISTS "offers_bookable_start_idx" ON "offers" ("starts_at") INCLUDE ("creator_id", "price")
    WHERE "status" = 'available' AND "reserved_for_id" IS NULL;
  CREATE INDEX IF NOT EXISTS "creators_rating_order_idx" ON "creators" ("rating_average" DESC NULLS LAST, "rating_count" DESC NULLS LAST, "id");
  CREATE INDEX IF NOT EXISTS "creators_texts_parent_path_idx" ON "creators_texts" ("parent_id", "path");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "offers_bookable_creator_idx";
  DROP INDEX IF EXISTS "offers_bookable_start_idx";
  DROP INDEX IF EXISTS "creators_rating_order_idx";
  DROP INDEX IF EXISTS "creators_texts_parent_path_idx";`)
  await db.execute(sql`
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention', 'process-stripe-event', 'refund-late-payment', 'expire-holds', 'expire-call-requests', 'close-past-offers');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention', 'process-stripe-event', 'refund-late-payment', 'expire-holds', 'expire-call-requests', 'close-past-offers');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";`)
}
