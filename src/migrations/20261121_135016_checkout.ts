import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'process-stripe-event';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'refund-late-payment';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'expire-holds';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'process-stripe-event';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'refund-late-payment';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'expire-holds';
  ALTER TABLE "ledger_entries" ADD COLUMN "source_ref" varchar;`)
  // Hand-written: a webhook processed twice cannot write a second earning; a booking has one payment.
  await db.execute(sql`
  CREATE UNIQUE INDEX "ledger_entries_one_per_source" ON "ledger_entries" ("type", "source_type", "source_ref") WHERE "source_ref" IS NOT NULL;
  CREATE UNIQUE INDEX "payments_one_per_booking" ON "payments" ("booking_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP INDEX IF EXISTS "payments_one_per_booking";
  DROP INDEX IF EXISTS "ledger_entries_one_per_source";`)
  await db.execute(sql`
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "ledger_entries" DROP COLUMN "source_ref";`)
}
