import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'send-dispute-evidence' BEFORE 'expire-holds';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'send-dispute-evidence' BEFORE 'expire-holds';
  ALTER TABLE "disputes" ADD COLUMN "evidence_text" varchar;
  ALTER TABLE "disputes" ADD COLUMN "evidence_version" numeric DEFAULT 0;
  ALTER TABLE "disputes" ADD COLUMN "evidence_sent_version" numeric DEFAULT 0;
  ALTER TABLE "disputes" ADD COLUMN "evidence_submit_requested" boolean DEFAULT false;
  ALTER TABLE "disputes" ADD COLUMN "evidence_saved_at" timestamp(3) with time zone;
  ALTER TABLE "disputes" ADD COLUMN "evidence_saved_by_id" integer;
  ALTER TABLE "disputes" ADD COLUMN "evidence_sent_at" timestamp(3) with time zone;
  ALTER TABLE "disputes" ADD COLUMN "evidence_submitted_at" timestamp(3) with time zone;
  ALTER TABLE "disputes" ADD COLUMN "evidence_error" varchar;
  ALTER TABLE "disputes" ADD CONSTRAINT "disputes_evidence_saved_by_id_users_id_fk" FOREIGN KEY ("evidence_saved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "disputes_evidence_saved_by_idx" ON "disputes" USING btree ("evidence_saved_by_id");
  CREATE INDEX "disputes_evidence_submitted_at_idx" ON "disputes" USING btree ("evidence_submitted_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "disputes" DROP CONSTRAINT "disputes_evidence_saved_by_id_users_id_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention', 'process-stripe-event', 'create-payout', 'refund-late-payment', 'execute-refund', 'reverse-refund-transfer', 'scheduled-payouts', 'settle-dispute', 'expire-holds', 'expire-call-requests', 'close-past-offers', 'reconcile-balances', 'settle-cancellation', 'createCollectionExport', 'createCollectionImport');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention', 'process-stripe-event', 'create-payout', 'refund-late-payment', 'execute-refund', 'reverse-refund-transfer', 'scheduled-payouts', 'settle-dispute', 'expire-holds', 'expire-call-requests', 'close-past-offers', 'reconcile-balances', 'settle-cancellation', 'createCollectionExport', 'createCollectionImport');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "disputes_evidence_saved_by_idx";
  DROP INDEX "disputes_evidence_submitted_at_idx";
  ALTER TABLE "disputes" DROP COLUMN "evidence_text";
  ALTER TABLE "disputes" DROP COLUMN "evidence_version";
  ALTER TABLE "disputes" DROP COLUMN "evidence_sent_version";
  ALTER TABLE "disputes" DROP COLUMN "evidence_submit_requested";
  ALTER TABLE "disputes" DROP COLUMN "evidence_saved_at";
  ALTER TABLE "disputes" DROP COLUMN "evidence_saved_by_id";
  ALTER TABLE "disputes" DROP COLUMN "evidence_sent_at";
  ALTER TABLE "disputes" DROP COLUMN "evidence_submitted_at";
  ALTER TABLE "disputes" DROP COLUMN "evidence_error";`)
}
