import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'scheduled-payouts' BEFORE 'refund-late-payment';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'settle-dispute' BEFORE 'refund-late-payment';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'scheduled-payouts' BEFORE 'refund-late-payment';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'settle-dispute' BEFORE 'refund-late-payment';
  ALTER TABLE "disputes" ADD COLUMN "booking_id" integer;
  ALTER TABLE "disputes" ADD COLUMN "stripe_charge_id" varchar;
  ALTER TABLE "disputes" ADD COLUMN "stripe_reversal_id" varchar;
  ALTER TABLE "disputes" ADD COLUMN "stripe_return_transfer_id" varchar;
  ALTER TABLE "disputes" ADD CONSTRAINT "disputes_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "disputes_booking_idx" ON "disputes" USING btree ("booking_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "disputes" DROP CONSTRAINT "disputes_booking_id_bookings_id_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention', 'process-stripe-event', 'create-payout', 'refund-late-payment', 'expire-holds', 'expire-call-requests', 'close-past-offers', 'settle-cancellation');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention', 'process-stripe-event', 'create-payout', 'refund-late-payment', 'expire-holds', 'expire-call-requests', 'close-past-offers', 'settle-cancellation');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "disputes_booking_idx";
  ALTER TABLE "disputes" DROP COLUMN "booking_id";
  ALTER TABLE "disputes" DROP COLUMN "stripe_charge_id";
  ALTER TABLE "disputes" DROP COLUMN "stripe_reversal_id";
  ALTER TABLE "disputes" DROP COLUMN "stripe_return_transfer_id";`)
}
