import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'execute-refund' BEFORE 'expire-holds';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'reverse-refund-transfer' BEFORE 'expire-holds';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'execute-refund' BEFORE 'expire-holds';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'reverse-refund-transfer' BEFORE 'expire-holds';
  ALTER TABLE "refunds" ADD COLUMN "stripe_transfer_reversal_id" varchar;
  ALTER TABLE "refunds" ADD COLUMN "failure_reason" varchar;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention', 'process-stripe-event', 'create-payout', 'refund-late-payment', 'expire-holds', 'expire-call-requests', 'close-past-offers', 'settle-cancellation');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention', 'process-stripe-event', 'create-payout', 'refund-late-payment', 'expire-holds', 'expire-call-requests', 'close-past-offers', 'settle-cancellation');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "refunds" DROP COLUMN "stripe_transfer_reversal_id";
  ALTER TABLE "refunds" DROP COLUMN "failure_reason";`)
}
