import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_bookings_call_provider" AS ENUM('daily', 'p2p');
  CREATE TYPE "public"."enum_bookings_call_room_status" AS ENUM('none', 'creating', 'ready', 'failed', 'deleted');
  CREATE TYPE "public"."enum_bookings_call_outcome" AS ENUM('completed', 'creator_no_show', 'fan_no_show', 'both_absent');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'call-reminders' BEFORE 'expire-call-requests';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'complete-calls' BEFORE 'expire-call-requests';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'create-call-room' BEFORE 'createCollectionExport';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'process-daily-event' BEFORE 'createCollectionExport';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'delete-call-rooms' BEFORE 'createCollectionExport';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'call-reminders' BEFORE 'expire-call-requests';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'complete-calls' BEFORE 'expire-call-requests';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'create-call-room' BEFORE 'createCollectionExport';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'process-daily-event' BEFORE 'createCollectionExport';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'delete-call-rooms' BEFORE 'createCollectionExport';
  ALTER TABLE "bookings" ADD COLUMN "call_provider" "enum_bookings_call_provider";
  ALTER TABLE "bookings" ADD COLUMN "call_room_name" varchar;
  ALTER TABLE "bookings" ADD COLUMN "call_room_url" varchar;
  ALTER TABLE "bookings" ADD COLUMN "call_room_status" "enum_bookings_call_room_status" DEFAULT 'none';
  ALTER TABLE "bookings" ADD COLUMN "call_room_error" varchar;
  ALTER TABLE "bookings" ADD COLUMN "call_room_ready_at" timestamp(3) with time zone;
  ALTER TABLE "bookings" ADD COLUMN "call_room_deleted_at" timestamp(3) with time zone;
  ALTER TABLE "bookings" ADD COLUMN "call_outcome" "enum_bookings_call_outcome";
  ALTER TABLE "bookings" ADD COLUMN "call_outcome_at" timestamp(3) with time zone;
  ALTER TABLE "bookings" ADD COLUMN "call_needs_admin" boolean DEFAULT false;
  ALTER TABLE "email_logs" ADD COLUMN "attachments" jsonb;
  -- The room name moves into the call group (bookings.call.roomName): copied, then the old column dropped.
  UPDATE "bookings" SET "call_room_name" = "room_name" WHERE "room_name" IS NOT NULL;
  ALTER TABLE "bookings" DROP COLUMN "room_name";`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "bookings" ADD COLUMN "room_name" varchar;
  UPDATE "bookings" SET "room_name" = "call_room_name" WHERE "call_room_name" IS NOT NULL;
   ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention', 'process-stripe-event', 'create-payout', 'refund-late-payment', 'execute-refund', 'reverse-refund-transfer', 'scheduled-payouts', 'settle-dispute', 'send-dispute-evidence', 'expire-holds', 'expire-call-requests', 'close-past-offers', 'reconcile-balances', 'settle-cancellation', 'createCollectionExport', 'createCollectionImport');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention', 'process-stripe-event', 'create-payout', 'refund-late-payment', 'execute-refund', 'reverse-refund-transfer', 'scheduled-payouts', 'settle-dispute', 'send-dispute-evidence', 'expire-holds', 'expire-call-requests', 'close-past-offers', 'reconcile-balances', 'settle-cancellation', 'createCollectionExport', 'createCollectionImport');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  ALTER TABLE "bookings" DROP COLUMN "call_provider";
  ALTER TABLE "bookings" DROP COLUMN "call_room_name";
  ALTER TABLE "bookings" DROP COLUMN "call_room_url";
  ALTER TABLE "bookings" DROP COLUMN "call_room_status";
  ALTER TABLE "bookings" DROP COLUMN "call_room_error";
  ALTER TABLE "bookings" DROP COLUMN "call_room_ready_at";
  ALTER TABLE "bookings" DROP COLUMN "call_room_deleted_at";
  ALTER TABLE "bookings" DROP COLUMN "call_outcome";
  ALTER TABLE "bookings" DROP COLUMN "call_outcome_at";
  ALTER TABLE "bookings" DROP COLUMN "call_needs_admin";
  ALTER TABLE "email_logs" DROP COLUMN "attachments";
  DROP TYPE "public"."enum_bookings_call_provider";
  DROP TYPE "public"."enum_bookings_call_room_status";
  DROP TYPE "public"."enum_bookings_call_outcome";`)
}
