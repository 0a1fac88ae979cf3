import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_users_role" AS ENUM('fan', 'creator', 'admin');
  CREATE TYPE "public"."enum_users_locale" AS ENUM('en', 'fr');
  CREATE TYPE "public"."enum_creators_social_links_platform" AS ENUM('instagram', 'youtube', 'tiktok', 'x', 'linkedin', 'twitch', 'website');
  CREATE TYPE "public"."enum_creators_category" AS ENUM('music', 'sport', 'gaming', 'business', 'wellness', 'education', 'entertainment', 'art', 'tech', 'other');
  CREATE TYPE "public"."enum_creators_currency" AS ENUM('EUR', 'CHF', 'USD', 'GBP');
  CREATE TYPE "public"."enum_creators_stripe_account_status" AS ENUM('none', 'pending', 'enabled', 'restricted');
  CREATE TYPE "public"."enum_creators_payout_schedule" AS ENUM('manual', 'daily', 'weekly', 'monthly');
  CREATE TYPE "public"."enum_creators_payouts_blocked_by" AS ENUM('admin', 'debt');
  CREATE TYPE "public"."enum_offers_currency" AS ENUM('EUR', 'CHF', 'USD', 'GBP');
  CREATE TYPE "public"."enum_offers_status" AS ENUM('available', 'held', 'booked', 'completed', 'cancelled');
  CREATE TYPE "public"."enum_bookings_status" AS ENUM('pending', 'confirmed', 'completed', 'expired', 'cancelled');
  CREATE TYPE "public"."enum_bookings_cancellation_by" AS ENUM('fan', 'creator', 'admin', 'system');
  CREATE TYPE "public"."enum_payments_currency" AS ENUM('EUR', 'CHF', 'USD', 'GBP');
  CREATE TYPE "public"."enum_payments_status" AS ENUM('requires_payment', 'processing', 'succeeded', 'failed', 'canceled', 'refunded', 'partially_refunded');
  CREATE TYPE "public"."enum_payments_dispute_status" AS ENUM('none', 'open', 'won', 'lost');
  CREATE TYPE "public"."enum_ledger_entries_currency" AS ENUM('EUR', 'CHF', 'USD', 'GBP');
  CREATE TYPE "public"."enum_ledger_entries_type" AS ENUM('earning', 'refund', 'dispute', 'dispute_won', 'payout', 'payout_reversal', 'adjustment');
  CREATE TYPE "public"."enum_ledger_entries_source_type" AS ENUM('payment', 'refund', 'dispute', 'payout', 'adjustment');
  CREATE TYPE "public"."enum_payouts_currency" AS ENUM('EUR', 'CHF', 'USD', 'GBP');
  CREATE TYPE "public"."enum_payouts_status" AS ENUM('requested', 'approved', 'processing', 'paid', 'rejected', 'failed', 'cancelled');
  CREATE TYPE "public"."enum_payouts_trigger" AS ENUM('requested', 'scheduled');
  CREATE TYPE "public"."enum_refunds_currency" AS ENUM('EUR', 'CHF', 'USD', 'GBP');
  CREATE TYPE "public"."enum_refunds_status" AS ENUM('requested', 'approved', 'rejected', 'processing', 'succeeded', 'failed');
  CREATE TYPE "public"."enum_refunds_policy" AS ENUM('fan_early_cancellation', 'creator_cancellation', 'creator_no_show', 'late_payment', 'manual', 'stripe_dashboard');
  CREATE TYPE "public"."enum_disputes_currency" AS ENUM('EUR', 'CHF', 'USD', 'GBP');
  CREATE TYPE "public"."enum_disputes_status" AS ENUM('warning_needs_response', 'warning_under_review', 'warning_closed', 'needs_response', 'under_review', 'won', 'lost');
  CREATE TYPE "public"."enum_disputes_outcome" AS ENUM('won', 'lost');
  CREATE TYPE "public"."enum_call_requests_currency" AS ENUM('EUR', 'CHF', 'USD', 'GBP');
  CREATE TYPE "public"."enum_call_requests_status" AS ENUM('pending', 'accepted', 'rejected', 'expired', 'cancelled');
  CREATE TYPE "public"."enum_notifications_type" AS ENUM('booking_confirmed', 'booking_cancelled', 'booking_reminder', 'call_request_received', 'call_request_accepted', 'call_request_rejected', 'review_received', 'payment_received', 'payout_requested', 'payout_approved', 'payout_rejected', 'payout_paid', 'payout_failed', 'refund_requested', 'refund_approved', 'refund_rejected', 'dispute_created', 'dispute_closed', 'debt_created', 'payouts_blocked', 'payouts_unblocked', 'system');
  CREATE TYPE "public"."enum_call_events_type" AS ENUM('joined', 'left', 'camera_on', 'camera_off', 'mic_on', 'mic_off', 'device_error', 'reconnecting', 'reconnected', 'meeting_started', 'meeting_ended', 'ejected', 'ended');
  CREATE TYPE "public"."enum_call_events_source" AS ENUM('client', 'provider');
  CREATE TYPE "public"."enum_email_logs_template" AS ENUM('welcome', 'password-reset', 'notification', 'raw');
  CREATE TYPE "public"."enum_email_logs_locale" AS ENUM('en', 'fr');
  CREATE TYPE "public"."enum_email_logs_status" AS ENUM('queued', 'sending', 'sent', 'retrying', 'failed', 'stored');
  CREATE TYPE "public"."enum_webhook_events_provider" AS ENUM('stripe', 'daily', 'resend');
  CREATE TYPE "public"."enum_webhook_events_status" AS ENUM('received', 'processing', 'processed', 'failed', 'ignored');
  CREATE TYPE "public"."enum_system_logs_level" AS ENUM('INFO', 'WARNING', 'ERROR', 'CRITICAL');
  CREATE TYPE "public"."enum_system_logs_actor" AS ENUM('USER', 'CREATOR', 'ADMIN', 'SYSTEM', 'GUEST');
  CREATE TYPE "public"."enum_transaction_logs_currency" AS ENUM('EUR', 'CHF', 'USD', 'GBP');
  CREATE TYPE "public"."enum_job_runs_trigger" AS ENUM('schedule', 'manual', 'http');
  CREATE TYPE "public"."enum_job_runs_status" AS ENUM('queued', 'running', 'succeeded', 'failed');
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention');
  CREATE TYPE "public"."enum_payload_jobs_log_state" AS ENUM('failed', 'succeeded');
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'send-email', 'retry-emails', 'log-retention');
  CREATE TABLE "users_sessions" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"created_at" timestamp(3) with time zone,
  	"expires_at" timestamp(3) with time zone NOT NULL
  );
  
  CREATE TABLE "users" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar NOT NULL,
  	"role" "enum_users_role" DEFAULT 'fan' NOT NULL,
  	"locale" "enum_users_locale" DEFAULT 'en' NOT NULL,
  	"timezone" varchar DEFAULT 'Europe/Paris' NOT NULL,
  	"email_preferences_reminders" boolean DEFAULT true,
  	"email_preferences_call_requests" boolean DEFAULT true,
  	"email_preferences_payouts" boolean DEFAULT true,
  	"email_preferences_product" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"enable_a_p_i_key" boolean,
  	"api_key" varchar,
  	"api_key_index" varchar,
  	"email" varchar NOT NULL,
  	"reset_password_token" varchar,
  	"reset_password_expiration" timestamp(3) with time zone,
  	"salt" varchar,
  	"hash" varchar,
  	"reset_password_requested_at" timestamp(3) with time zone,
  	"login_attempts" numeric DEFAULT 0,
  	"lock_until" timestamp(3) with time zone
  );
  
  CREATE TABLE "creators_social_links" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"platform" "enum_creators_social_links_platform" NOT NULL,
  	"url" varchar NOT NULL
  );
  
  CREATE TABLE "creators" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"user_id" integer NOT NULL,
  	"display_name" varchar NOT NULL,
  	"slug" varchar NOT NULL,
  	"bio" varchar,
  	"category" "enum_creators_category",
  	"avatar_id" integer,
  	"banner_id" integer,
  	"currency" "enum_creators_currency" DEFAULT 'EUR' NOT NULL,
  	"featured" boolean DEFAULT false,
  	"stripe_account_id" varchar,
  	"stripe_account_status" "enum_creators_stripe_account_status" DEFAULT 'none',
  	"charges_enabled" boolean DEFAULT false,
  	"payouts_enabled" boolean DEFAULT false,
  	"payout_schedule" "enum_creators_payout_schedule" DEFAULT 'manual',
  	"payout_minimum" numeric,
  	"payouts_blocked" boolean DEFAULT false,
  	"payouts_blocked_reason" varchar,
  	"payouts_blocked_by" "enum_creators_payouts_blocked_by",
  	"rating_average" numeric DEFAULT 0,
  	"rating_count" numeric DEFAULT 0,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "creators_texts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer NOT NULL,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"text" varchar
  );
  
  CREATE TABLE "offers" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"creator_id" integer NOT NULL,
  	"title" varchar NOT NULL,
  	"description" varchar,
  	"starts_at" timestamp(3) with time zone NOT NULL,
  	"duration_minutes" numeric DEFAULT 30 NOT NULL,
  	"ends_at" timestamp(3) with time zone,
  	"price" numeric NOT NULL,
  	"currency" "enum_offers_currency" NOT NULL,
  	"status" "enum_offers_status" DEFAULT 'available' NOT NULL,
  	"reserved_for_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "bookings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"offer_id" integer NOT NULL,
  	"fan_id" integer NOT NULL,
  	"creator_id" integer,
  	"status" "enum_bookings_status" DEFAULT 'pending' NOT NULL,
  	"starts_at" timestamp(3) with time zone,
  	"ends_at" timestamp(3) with time zone,
  	"hold_expires_at" timestamp(3) with time zone,
  	"cancellation_by" "enum_bookings_cancellation_by",
  	"cancellation_at" timestamp(3) with time zone,
  	"cancellation_reason" varchar,
  	"no_show_fan" boolean DEFAULT false,
  	"no_show_creator" boolean DEFAULT false,
  	"room_name" varchar,
  	"reminders_sent24h" boolean DEFAULT false,
  	"reminders_sent15m" boolean DEFAULT false,
  	"completed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payments" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"booking_id" integer NOT NULL,
  	"fan_id" integer NOT NULL,
  	"creator_id" integer NOT NULL,
  	"stripe_payment_intent_id" varchar,
  	"amount" numeric NOT NULL,
  	"currency" "enum_payments_currency" NOT NULL,
  	"platform_fee" numeric NOT NULL,
  	"creator_amount" numeric NOT NULL,
  	"fee_snapshot_fee_bps" numeric NOT NULL,
  	"fee_snapshot_fixed_fee" numeric NOT NULL,
  	"fee_snapshot_holding_period_days" numeric NOT NULL,
  	"status" "enum_payments_status" DEFAULT 'requires_payment' NOT NULL,
  	"refunded_amount" numeric DEFAULT 0,
  	"dispute_status" "enum_payments_dispute_status" DEFAULT 'none',
  	"paid_at" timestamp(3) with time zone,
  	"failure_reason" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "ledger_entries" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"creator_id" integer NOT NULL,
  	"currency" "enum_ledger_entries_currency" NOT NULL,
  	"type" "enum_ledger_entries_type" NOT NULL,
  	"amount" numeric NOT NULL,
  	"available_at" timestamp(3) with time zone NOT NULL,
  	"source_type" "enum_ledger_entries_source_type",
  	"memo" varchar,
  	"created_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payouts_audit_trail" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"by_id" integer,
  	"actor" varchar,
  	"from" varchar,
  	"to" varchar NOT NULL,
  	"reason" varchar
  );
  
  CREATE TABLE "payouts" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"creator_id" integer NOT NULL,
  	"amount" numeric NOT NULL,
  	"currency" "enum_payouts_currency" NOT NULL,
  	"status" "enum_payouts_status" DEFAULT 'requested' NOT NULL,
  	"trigger" "enum_payouts_trigger" DEFAULT 'requested' NOT NULL,
  	"stripe_payout_id" varchar,
  	"requested_at" timestamp(3) with time zone,
  	"approved_at" timestamp(3) with time zone,
  	"processing_at" timestamp(3) with time zone,
  	"paid_at" timestamp(3) with time zone,
  	"rejected_at" timestamp(3) with time zone,
  	"failed_at" timestamp(3) with time zone,
  	"cancelled_at" timestamp(3) with time zone,
  	"approved_by_id" integer,
  	"rejection_reason" varchar,
  	"failure_reason" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "refunds" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"payment_id" integer NOT NULL,
  	"booking_id" integer NOT NULL,
  	"fan_id" integer NOT NULL,
  	"creator_id" integer NOT NULL,
  	"amount" numeric NOT NULL,
  	"currency" "enum_refunds_currency" NOT NULL,
  	"reason" varchar NOT NULL,
  	"status" "enum_refunds_status" DEFAULT 'requested' NOT NULL,
  	"policy" "enum_refunds_policy",
  	"requested_by_id" integer,
  	"decided_by_id" integer,
  	"decision_reason" varchar,
  	"decided_at" timestamp(3) with time zone,
  	"stripe_refund_id" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "disputes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"payment_id" integer NOT NULL,
  	"creator_id" integer NOT NULL,
  	"stripe_dispute_id" varchar NOT NULL,
  	"amount" numeric NOT NULL,
  	"currency" "enum_disputes_currency" NOT NULL,
  	"reason" varchar,
  	"status" "enum_disputes_status" NOT NULL,
  	"evidence_due_by" timestamp(3) with time zone,
  	"outcome" "enum_disputes_outcome",
  	"closed_at" timestamp(3) with time zone,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "reviews" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"booking_id" integer NOT NULL,
  	"fan_id" integer NOT NULL,
  	"creator_id" integer NOT NULL,
  	"author_name" varchar,
  	"rating" numeric NOT NULL,
  	"comment" varchar,
  	"hidden" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "call_requests" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"fan_id" integer NOT NULL,
  	"creator_id" integer NOT NULL,
  	"proposed_start" timestamp(3) with time zone NOT NULL,
  	"duration_minutes" numeric NOT NULL,
  	"proposed_price" numeric NOT NULL,
  	"currency" "enum_call_requests_currency",
  	"message" varchar NOT NULL,
  	"status" "enum_call_requests_status" DEFAULT 'pending' NOT NULL,
  	"response" varchar,
  	"responded_at" timestamp(3) with time zone,
  	"resulting_offer_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "notifications" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"user_id" integer NOT NULL,
  	"type" "enum_notifications_type" NOT NULL,
  	"title" varchar NOT NULL,
  	"body" varchar,
  	"link" varchar,
  	"read" boolean DEFAULT false,
  	"read_at" timestamp(3) with time zone,
  	"metadata" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "call_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"booking_id" integer NOT NULL,
  	"fan_id" integer,
  	"creator_id" integer,
  	"actor_id" integer,
  	"type" "enum_call_events_type" NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"source" "enum_call_events_source" DEFAULT 'client' NOT NULL,
  	"metadata" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "email_logs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"to" varchar NOT NULL,
  	"user_id" integer,
  	"template" "enum_email_logs_template" NOT NULL,
  	"locale" "enum_email_logs_locale",
  	"subject" varchar NOT NULL,
  	"status" "enum_email_logs_status" NOT NULL,
  	"attempts" numeric DEFAULT 0,
  	"next_attempt_at" timestamp(3) with time zone,
  	"provider_id" varchar,
  	"last_error" varchar,
  	"sent_at" timestamp(3) with time zone,
  	"idempotency_key" varchar,
  	"html" varchar,
  	"text" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "webhook_events" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"provider" "enum_webhook_events_provider" NOT NULL,
  	"event_id" varchar NOT NULL,
  	"type" varchar NOT NULL,
  	"received_at" timestamp(3) with time zone NOT NULL,
  	"processed_at" timestamp(3) with time zone,
  	"status" "enum_webhook_events_status" DEFAULT 'received' NOT NULL,
  	"attempts" numeric DEFAULT 0,
  	"error" varchar,
  	"payload" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "system_logs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"level" "enum_system_logs_level" NOT NULL,
  	"type" varchar NOT NULL,
  	"actor" "enum_system_logs_actor" DEFAULT 'SYSTEM' NOT NULL,
  	"actor_id" varchar,
  	"message" varchar NOT NULL,
  	"metadata" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "transaction_logs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"type" varchar NOT NULL,
  	"entity_type" varchar NOT NULL,
  	"entity_id" varchar NOT NULL,
  	"amount" numeric,
  	"currency" "enum_transaction_logs_currency",
  	"status" varchar NOT NULL,
  	"provider_ids_payment_intent" varchar,
  	"provider_ids_charge" varchar,
  	"provider_ids_refund" varchar,
  	"provider_ids_transfer" varchar,
  	"provider_ids_payout" varchar,
  	"provider_ids_dispute" varchar,
  	"provider_ids_account" varchar,
  	"metadata" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "job_runs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"job" varchar NOT NULL,
  	"slot" timestamp(3) with time zone NOT NULL,
  	"trigger" "enum_job_runs_trigger" DEFAULT 'schedule',
  	"status" "enum_job_runs_status" DEFAULT 'queued' NOT NULL,
  	"started_at" timestamp(3) with time zone,
  	"finished_at" timestamp(3) with time zone,
  	"duration_ms" numeric,
  	"attempts" numeric DEFAULT 0,
  	"counts" jsonb,
  	"error" varchar,
  	"instance" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "media" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"alt" varchar NOT NULL,
  	"uploaded_by_id" integer,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric,
  	"sizes_thumbnail_url" varchar,
  	"sizes_thumbnail_width" numeric,
  	"sizes_thumbnail_height" numeric,
  	"sizes_thumbnail_mime_type" varchar,
  	"sizes_thumbnail_filesize" numeric,
  	"sizes_thumbnail_filename" varchar,
  	"sizes_banner_url" varchar,
  	"sizes_banner_width" numeric,
  	"sizes_banner_height" numeric,
  	"sizes_banner_mime_type" varchar,
  	"sizes_banner_filesize" numeric,
  	"sizes_banner_filename" varchar
  );
  
  CREATE TABLE "payload_kv" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"data" jsonb NOT NULL
  );
  
  CREATE TABLE "payload_jobs_log" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"executed_at" timestamp(3) with time zone NOT NULL,
  	"completed_at" timestamp(3) with time zone NOT NULL,
  	"task_slug" "enum_payload_jobs_log_task_slug" NOT NULL,
  	"task_i_d" varchar NOT NULL,
  	"input" jsonb,
  	"output" jsonb,
  	"state" "enum_payload_jobs_log_state" NOT NULL,
  	"error" jsonb
  );
  
  CREATE TABLE "payload_jobs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"input" jsonb,
  	"completed_at" timestamp(3) with time zone,
  	"total_tried" numeric DEFAULT 0,
  	"has_error" boolean DEFAULT false,
  	"error" jsonb,
  	"task_slug" "enum_payload_jobs_task_slug",
  	"queue" varchar DEFAULT 'default',
  	"wait_until" timestamp(3) with time zone,
  	"processing" boolean DEFAULT false,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"global_slug" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_locked_documents_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer,
  	"creators_id" integer,
  	"offers_id" integer,
  	"bookings_id" integer,
  	"payments_id" integer,
  	"ledger_entries_id" integer,
  	"payouts_id" integer,
  	"refunds_id" integer,
  	"disputes_id" integer,
  	"reviews_id" integer,
  	"call_requests_id" integer,
  	"notifications_id" integer,
  	"call_events_id" integer,
  	"email_logs_id" integer,
  	"webhook_events_id" integer,
  	"system_logs_id" integer,
  	"transaction_logs_id" integer,
  	"job_runs_id" integer,
  	"media_id" integer
  );
  
  CREATE TABLE "payload_preferences" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar,
  	"value" jsonb,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "payload_preferences_rels" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"order" integer,
  	"parent_id" integer NOT NULL,
  	"path" varchar NOT NULL,
  	"users_id" integer
  );
  
  CREATE TABLE "payload_migrations" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"name" varchar,
  	"batch" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "platform_settings" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"fee_bps" numeric DEFAULT 1500 NOT NULL,
  	"fixed_fee" numeric DEFAULT 0 NOT NULL,
  	"holding_period_days" numeric DEFAULT 7 NOT NULL,
  	"minimum_payout_eur" numeric DEFAULT 1000 NOT NULL,
  	"minimum_payout_chf" numeric DEFAULT 1000 NOT NULL,
  	"minimum_payout_usd" numeric DEFAULT 1000 NOT NULL,
  	"minimum_payout_gbp" numeric DEFAULT 1000 NOT NULL,
  	"debt_threshold_eur" numeric DEFAULT 10000 NOT NULL,
  	"debt_threshold_chf" numeric DEFAULT 10000 NOT NULL,
  	"debt_threshold_usd" numeric DEFAULT 10000 NOT NULL,
  	"debt_threshold_gbp" numeric DEFAULT 10000 NOT NULL,
  	"checkout_hold_minutes" numeric DEFAULT 15 NOT NULL,
  	"booking_cutoff_minutes" numeric DEFAULT 30 NOT NULL,
  	"join_window_minutes" numeric DEFAULT 15 NOT NULL,
  	"free_cancellation_hours" numeric DEFAULT 24 NOT NULL,
  	"no_show_grace_minutes" numeric DEFAULT 10 NOT NULL,
  	"scheduled_payouts_need_approval" boolean DEFAULT false,
  	"log_retention_days_info" numeric DEFAULT 30 NOT NULL,
  	"log_retention_days_warning" numeric DEFAULT 60 NOT NULL,
  	"log_retention_days_error" numeric DEFAULT 90 NOT NULL,
  	"updated_at" timestamp(3) with time zone,
  	"created_at" timestamp(3) with time zone
  );
  
  ALTER TABLE "users_sessions" ADD CONSTRAINT "users_sessions_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "creators_social_links" ADD CONSTRAINT "creators_social_links_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "creators" ADD CONSTRAINT "creators_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "creators" ADD CONSTRAINT "creators_avatar_id_media_id_fk" FOREIGN KEY ("avatar_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "creators" ADD CONSTRAINT "creators_banner_id_media_id_fk" FOREIGN KEY ("banner_id") REFERENCES "public"."media"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "creators_texts" ADD CONSTRAINT "creators_texts_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "offers" ADD CONSTRAINT "offers_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "offers" ADD CONSTRAINT "offers_reserved_for_id_users_id_fk" FOREIGN KEY ("reserved_for_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "bookings" ADD CONSTRAINT "bookings_offer_id_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."offers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "bookings" ADD CONSTRAINT "bookings_fan_id_users_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "bookings" ADD CONSTRAINT "bookings_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payments" ADD CONSTRAINT "payments_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payments" ADD CONSTRAINT "payments_fan_id_users_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payments" ADD CONSTRAINT "payments_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payouts_audit_trail" ADD CONSTRAINT "payouts_audit_trail_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payouts_audit_trail" ADD CONSTRAINT "payouts_audit_trail_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payouts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payouts" ADD CONSTRAINT "payouts_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payouts" ADD CONSTRAINT "payouts_approved_by_id_users_id_fk" FOREIGN KEY ("approved_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "refunds" ADD CONSTRAINT "refunds_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "refunds" ADD CONSTRAINT "refunds_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "refunds" ADD CONSTRAINT "refunds_fan_id_users_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "refunds" ADD CONSTRAINT "refunds_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "refunds" ADD CONSTRAINT "refunds_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "refunds" ADD CONSTRAINT "refunds_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "disputes" ADD CONSTRAINT "disputes_payment_id_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."payments"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "disputes" ADD CONSTRAINT "disputes_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reviews" ADD CONSTRAINT "reviews_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reviews" ADD CONSTRAINT "reviews_fan_id_users_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "reviews" ADD CONSTRAINT "reviews_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "call_requests" ADD CONSTRAINT "call_requests_fan_id_users_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "call_requests" ADD CONSTRAINT "call_requests_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "call_requests" ADD CONSTRAINT "call_requests_resulting_offer_id_offers_id_fk" FOREIGN KEY ("resulting_offer_id") REFERENCES "public"."offers"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "call_events" ADD CONSTRAINT "call_events_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "call_events" ADD CONSTRAINT "call_events_fan_id_users_id_fk" FOREIGN KEY ("fan_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "call_events" ADD CONSTRAINT "call_events_creator_id_creators_id_fk" FOREIGN KEY ("creator_id") REFERENCES "public"."creators"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "call_events" ADD CONSTRAINT "call_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "email_logs" ADD CONSTRAINT "email_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "media" ADD CONSTRAINT "media_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "payload_jobs_log" ADD CONSTRAINT "payload_jobs_log_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."payload_jobs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_locked_documents"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_creators_fk" FOREIGN KEY ("creators_id") REFERENCES "public"."creators"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_offers_fk" FOREIGN KEY ("offers_id") REFERENCES "public"."offers"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_bookings_fk" FOREIGN KEY ("bookings_id") REFERENCES "public"."bookings"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_payments_fk" FOREIGN KEY ("payments_id") REFERENCES "public"."payments"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_ledger_entries_fk" FOREIGN KEY ("ledger_entries_id") REFERENCES "public"."ledger_entries"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_payouts_fk" FOREIGN KEY ("payouts_id") REFERENCES "public"."payouts"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_refunds_fk" FOREIGN KEY ("refunds_id") REFERENCES "public"."refunds"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_disputes_fk" FOREIGN KEY ("disputes_id") REFERENCES "public"."disputes"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_reviews_fk" FOREIGN KEY ("reviews_id") REFERENCES "public"."reviews"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_call_requests_fk" FOREIGN KEY ("call_requests_id") REFERENCES "public"."call_requests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_notifications_fk" FOREIGN KEY ("notifications_id") REFERENCES "public"."notifications"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_call_events_fk" FOREIGN KEY ("call_events_id") REFERENCES "public"."call_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_email_logs_fk" FOREIGN KEY ("email_logs_id") REFERENCES "public"."email_logs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_webhook_events_fk" FOREIGN KEY ("webhook_events_id") REFERENCES "public"."webhook_events"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_system_logs_fk" FOREIGN KEY ("system_logs_id") REFERENCES "public"."system_logs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_transaction_logs_fk" FOREIGN KEY ("transaction_logs_id") REFERENCES "public"."transaction_logs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_job_runs_fk" FOREIGN KEY ("job_runs_id") REFERENCES "public"."job_runs"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_media_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_parent_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."payload_preferences"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_preferences_rels" ADD CONSTRAINT "payload_preferences_rels_users_fk" FOREIGN KEY ("users_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "users_sessions_order_idx" ON "users_sessions" USING btree ("_order");
  CREATE INDEX "users_sessions_parent_id_idx" ON "users_sessions" USING btree ("_parent_id");
  CREATE INDEX "users_role_idx" ON "users" USING btree ("role");
  CREATE INDEX "users_updated_at_idx" ON "users" USING btree ("updated_at");
  CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");
  CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree ("email");
  CREATE INDEX "creators_social_links_order_idx" ON "creators_social_links" USING btree ("_order");
  CREATE INDEX "creators_social_links_parent_id_idx" ON "creators_social_links" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "creators_user_idx" ON "creators" USING btree ("user_id");
  CREATE UNIQUE INDEX "creators_slug_idx" ON "creators" USING btree ("slug");
  CREATE INDEX "creators_category_idx" ON "creators" USING btree ("category");
  CREATE INDEX "creators_avatar_idx" ON "creators" USING btree ("avatar_id");
  CREATE INDEX "creators_banner_idx" ON "creators" USING btree ("banner_id");
  CREATE INDEX "creators_featured_idx" ON "creators" USING btree ("featured");
  CREATE INDEX "creators_stripe_account_id_idx" ON "creators" USING btree ("stripe_account_id");
  CREATE INDEX "creators_updated_at_idx" ON "creators" USING btree ("updated_at");
  CREATE INDEX "creators_created_at_idx" ON "creators" USING btree ("created_at");
  CREATE INDEX "ratingAverage_idx" ON "creators" USING btree ("rating_average");
  CREATE INDEX "creators_texts_order_parent" ON "creators_texts" USING btree ("order","parent_id");
  CREATE INDEX "offers_creator_idx" ON "offers" USING btree ("creator_id");
  CREATE INDEX "offers_starts_at_idx" ON "offers" USING btree ("starts_at");
  CREATE INDEX "offers_ends_at_idx" ON "offers" USING btree ("ends_at");
  CREATE INDEX "offers_status_idx" ON "offers" USING btree ("status");
  CREATE INDEX "offers_reserved_for_idx" ON "offers" USING btree ("reserved_for_id");
  CREATE INDEX "offers_updated_at_idx" ON "offers" USING btree ("updated_at");
  CREATE INDEX "offers_created_at_idx" ON "offers" USING btree ("created_at");
  CREATE INDEX "creator_startsAt_idx" ON "offers" USING btree ("creator_id","starts_at");
  CREATE INDEX "status_startsAt_idx" ON "offers" USING btree ("status","starts_at");
  CREATE INDEX "bookings_offer_idx" ON "bookings" USING btree ("offer_id");
  CREATE INDEX "bookings_fan_idx" ON "bookings" USING btree ("fan_id");
  CREATE INDEX "bookings_creator_idx" ON "bookings" USING btree ("creator_id");
  CREATE INDEX "bookings_status_idx" ON "bookings" USING btree ("status");
  CREATE INDEX "bookings_starts_at_idx" ON "bookings" USING btree ("starts_at");
  CREATE INDEX "bookings_updated_at_idx" ON "bookings" USING btree ("updated_at");
  CREATE INDEX "bookings_created_at_idx" ON "bookings" USING btree ("created_at");
  CREATE INDEX "fan_status_startsAt_idx" ON "bookings" USING btree ("fan_id","status","starts_at");
  CREATE INDEX "creator_status_startsAt_idx" ON "bookings" USING btree ("creator_id","status","starts_at");
  CREATE INDEX "status_holdExpiresAt_idx" ON "bookings" USING btree ("status","hold_expires_at");
  CREATE INDEX "payments_booking_idx" ON "payments" USING btree ("booking_id");
  CREATE INDEX "payments_fan_idx" ON "payments" USING btree ("fan_id");
  CREATE INDEX "payments_creator_idx" ON "payments" USING btree ("creator_id");
  CREATE UNIQUE INDEX "payments_stripe_payment_intent_id_idx" ON "payments" USING btree ("stripe_payment_intent_id");
  CREATE INDEX "payments_status_idx" ON "payments" USING btree ("status");
  CREATE INDEX "payments_updated_at_idx" ON "payments" USING btree ("updated_at");
  CREATE INDEX "payments_created_at_idx" ON "payments" USING btree ("created_at");
  CREATE INDEX "creator_status_idx" ON "payments" USING btree ("creator_id","status");
  CREATE INDEX "fan_createdAt_idx" ON "payments" USING btree ("fan_id","created_at");
  CREATE INDEX "ledger_entries_creator_idx" ON "ledger_entries" USING btree ("creator_id");
  CREATE INDEX "ledger_entries_type_idx" ON "ledger_entries" USING btree ("type");
  CREATE INDEX "ledger_entries_available_at_idx" ON "ledger_entries" USING btree ("available_at");
  CREATE INDEX "ledger_entries_created_by_idx" ON "ledger_entries" USING btree ("created_by_id");
  CREATE INDEX "ledger_entries_updated_at_idx" ON "ledger_entries" USING btree ("updated_at");
  CREATE INDEX "ledger_entries_created_at_idx" ON "ledger_entries" USING btree ("created_at");
  CREATE INDEX "creator_currency_availableAt_idx" ON "ledger_entries" USING btree ("creator_id","currency","available_at");
  CREATE INDEX "payouts_audit_trail_order_idx" ON "payouts_audit_trail" USING btree ("_order");
  CREATE INDEX "payouts_audit_trail_parent_id_idx" ON "payouts_audit_trail" USING btree ("_parent_id");
  CREATE INDEX "payouts_audit_trail_by_idx" ON "payouts_audit_trail" USING btree ("by_id");
  CREATE INDEX "payouts_creator_idx" ON "payouts" USING btree ("creator_id");
  CREATE INDEX "payouts_status_idx" ON "payouts" USING btree ("status");
  CREATE INDEX "payouts_stripe_payout_id_idx" ON "payouts" USING btree ("stripe_payout_id");
  CREATE INDEX "payouts_approved_by_idx" ON "payouts" USING btree ("approved_by_id");
  CREATE INDEX "payouts_updated_at_idx" ON "payouts" USING btree ("updated_at");
  CREATE INDEX "payouts_created_at_idx" ON "payouts" USING btree ("created_at");
  CREATE INDEX "creator_currency_status_idx" ON "payouts" USING btree ("creator_id","currency","status");
  CREATE INDEX "status_requestedAt_idx" ON "payouts" USING btree ("status","requested_at");
  CREATE INDEX "refunds_payment_idx" ON "refunds" USING btree ("payment_id");
  CREATE INDEX "refunds_booking_idx" ON "refunds" USING btree ("booking_id");
  CREATE INDEX "refunds_fan_idx" ON "refunds" USING btree ("fan_id");
  CREATE INDEX "refunds_creator_idx" ON "refunds" USING btree ("creator_id");
  CREATE INDEX "refunds_status_idx" ON "refunds" USING btree ("status");
  CREATE INDEX "refunds_requested_by_idx" ON "refunds" USING btree ("requested_by_id");
  CREATE INDEX "refunds_decided_by_idx" ON "refunds" USING btree ("decided_by_id");
  CREATE UNIQUE INDEX "refunds_stripe_refund_id_idx" ON "refunds" USING btree ("stripe_refund_id");
  CREATE INDEX "refunds_updated_at_idx" ON "refunds" USING btree ("updated_at");
  CREATE INDEX "refunds_created_at_idx" ON "refunds" USING btree ("created_at");
  CREATE INDEX "status_createdAt_idx" ON "refunds" USING btree ("status","created_at");
  CREATE INDEX "disputes_payment_idx" ON "disputes" USING btree ("payment_id");
  CREATE INDEX "disputes_creator_idx" ON "disputes" USING btree ("creator_id");
  CREATE UNIQUE INDEX "disputes_stripe_dispute_id_idx" ON "disputes" USING btree ("stripe_dispute_id");
  CREATE INDEX "disputes_status_idx" ON "disputes" USING btree ("status");
  CREATE INDEX "disputes_evidence_due_by_idx" ON "disputes" USING btree ("evidence_due_by");
  CREATE INDEX "disputes_updated_at_idx" ON "disputes" USING btree ("updated_at");
  CREATE INDEX "disputes_created_at_idx" ON "disputes" USING btree ("created_at");
  CREATE UNIQUE INDEX "reviews_booking_idx" ON "reviews" USING btree ("booking_id");
  CREATE INDEX "reviews_fan_idx" ON "reviews" USING btree ("fan_id");
  CREATE INDEX "reviews_creator_idx" ON "reviews" USING btree ("creator_id");
  CREATE INDEX "reviews_hidden_idx" ON "reviews" USING btree ("hidden");
  CREATE INDEX "reviews_updated_at_idx" ON "reviews" USING btree ("updated_at");
  CREATE INDEX "reviews_created_at_idx" ON "reviews" USING btree ("created_at");
  CREATE INDEX "creator_hidden_createdAt_idx" ON "reviews" USING btree ("creator_id","hidden","created_at");
  CREATE INDEX "call_requests_fan_idx" ON "call_requests" USING btree ("fan_id");
  CREATE INDEX "call_requests_creator_idx" ON "call_requests" USING btree ("creator_id");
  CREATE INDEX "call_requests_status_idx" ON "call_requests" USING btree ("status");
  CREATE INDEX "call_requests_resulting_offer_idx" ON "call_requests" USING btree ("resulting_offer_id");
  CREATE INDEX "call_requests_updated_at_idx" ON "call_requests" USING btree ("updated_at");
  CREATE INDEX "call_requests_created_at_idx" ON "call_requests" USING btree ("created_at");
  CREATE INDEX "creator_status_proposedStart_idx" ON "call_requests" USING btree ("creator_id","status","proposed_start");
  CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id");
  CREATE INDEX "notifications_read_idx" ON "notifications" USING btree ("read");
  CREATE INDEX "notifications_updated_at_idx" ON "notifications" USING btree ("updated_at");
  CREATE INDEX "notifications_created_at_idx" ON "notifications" USING btree ("created_at");
  CREATE INDEX "user_read_createdAt_idx" ON "notifications" USING btree ("user_id","read","created_at");
  CREATE INDEX "call_events_booking_idx" ON "call_events" USING btree ("booking_id");
  CREATE INDEX "call_events_fan_idx" ON "call_events" USING btree ("fan_id");
  CREATE INDEX "call_events_creator_idx" ON "call_events" USING btree ("creator_id");
  CREATE INDEX "call_events_actor_idx" ON "call_events" USING btree ("actor_id");
  CREATE INDEX "call_events_updated_at_idx" ON "call_events" USING btree ("updated_at");
  CREATE INDEX "call_events_created_at_idx" ON "call_events" USING btree ("created_at");
  CREATE INDEX "booking_at_idx" ON "call_events" USING btree ("booking_id","at");
  CREATE INDEX "email_logs_to_idx" ON "email_logs" USING btree ("to");
  CREATE INDEX "email_logs_user_idx" ON "email_logs" USING btree ("user_id");
  CREATE INDEX "email_logs_status_idx" ON "email_logs" USING btree ("status");
  CREATE UNIQUE INDEX "email_logs_idempotency_key_idx" ON "email_logs" USING btree ("idempotency_key");
  CREATE INDEX "email_logs_updated_at_idx" ON "email_logs" USING btree ("updated_at");
  CREATE INDEX "email_logs_created_at_idx" ON "email_logs" USING btree ("created_at");
  CREATE INDEX "status_nextAttemptAt_idx" ON "email_logs" USING btree ("status","next_attempt_at");
  CREATE INDEX "webhook_events_type_idx" ON "webhook_events" USING btree ("type");
  CREATE INDEX "webhook_events_updated_at_idx" ON "webhook_events" USING btree ("updated_at");
  CREATE INDEX "webhook_events_created_at_idx" ON "webhook_events" USING btree ("created_at");
  CREATE UNIQUE INDEX "provider_eventId_idx" ON "webhook_events" USING btree ("provider","event_id");
  CREATE INDEX "status_receivedAt_idx" ON "webhook_events" USING btree ("status","received_at");
  CREATE INDEX "system_logs_level_idx" ON "system_logs" USING btree ("level");
  CREATE INDEX "system_logs_type_idx" ON "system_logs" USING btree ("type");
  CREATE INDEX "system_logs_actor_id_idx" ON "system_logs" USING btree ("actor_id");
  CREATE INDEX "system_logs_updated_at_idx" ON "system_logs" USING btree ("updated_at");
  CREATE INDEX "system_logs_created_at_idx" ON "system_logs" USING btree ("created_at");
  CREATE INDEX "level_createdAt_idx" ON "system_logs" USING btree ("level","created_at");
  CREATE INDEX "type_createdAt_idx" ON "system_logs" USING btree ("type","created_at");
  CREATE INDEX "transaction_logs_type_idx" ON "transaction_logs" USING btree ("type");
  CREATE INDEX "transaction_logs_updated_at_idx" ON "transaction_logs" USING btree ("updated_at");
  CREATE INDEX "transaction_logs_created_at_idx" ON "transaction_logs" USING btree ("created_at");
  CREATE INDEX "entityType_entityId_idx" ON "transaction_logs" USING btree ("entity_type","entity_id");
  CREATE INDEX "type_createdAt_1_idx" ON "transaction_logs" USING btree ("type","created_at");
  CREATE INDEX "job_runs_job_idx" ON "job_runs" USING btree ("job");
  CREATE INDEX "job_runs_slot_idx" ON "job_runs" USING btree ("slot");
  CREATE INDEX "job_runs_status_idx" ON "job_runs" USING btree ("status");
  CREATE INDEX "job_runs_updated_at_idx" ON "job_runs" USING btree ("updated_at");
  CREATE INDEX "job_runs_created_at_idx" ON "job_runs" USING btree ("created_at");
  CREATE UNIQUE INDEX "job_slot_idx" ON "job_runs" USING btree ("job","slot");
  CREATE INDEX "media_uploaded_by_idx" ON "media" USING btree ("uploaded_by_id");
  CREATE INDEX "media_updated_at_idx" ON "media" USING btree ("updated_at");
  CREATE INDEX "media_created_at_idx" ON "media" USING btree ("created_at");
  CREATE UNIQUE INDEX "media_filename_idx" ON "media" USING btree ("filename");
  CREATE INDEX "media_sizes_thumbnail_sizes_thumbnail_filename_idx" ON "media" USING btree ("sizes_thumbnail_filename");
  CREATE INDEX "media_sizes_banner_sizes_banner_filename_idx" ON "media" USING btree ("sizes_banner_filename");
  CREATE UNIQUE INDEX "payload_kv_key_idx" ON "payload_kv" USING btree ("key");
  CREATE INDEX "payload_jobs_log_order_idx" ON "payload_jobs_log" USING btree ("_order");
  CREATE INDEX "payload_jobs_log_parent_id_idx" ON "payload_jobs_log" USING btree ("_parent_id");
  CREATE INDEX "payload_jobs_completed_at_idx" ON "payload_jobs" USING btree ("completed_at");
  CREATE INDEX "payload_jobs_total_tried_idx" ON "payload_jobs" USING btree ("total_tried");
  CREATE INDEX "payload_jobs_has_error_idx" ON "payload_jobs" USING btree ("has_error");
  CREATE INDEX "payload_jobs_task_slug_idx" ON "payload_jobs" USING btree ("task_slug");
  CREATE INDEX "payload_jobs_queue_idx" ON "payload_jobs" USING btree ("queue");
  CREATE INDEX "payload_jobs_wait_until_idx" ON "payload_jobs" USING btree ("wait_until");
  CREATE INDEX "payload_jobs_processing_idx" ON "payload_jobs" USING btree ("processing");
  CREATE INDEX "payload_jobs_updated_at_idx" ON "payload_jobs" USING btree ("updated_at");
  CREATE INDEX "payload_jobs_created_at_idx" ON "payload_jobs" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_global_slug_idx" ON "payload_locked_documents" USING btree ("global_slug");
  CREATE INDEX "payload_locked_documents_updated_at_idx" ON "payload_locked_documents" USING btree ("updated_at");
  CREATE INDEX "payload_locked_documents_created_at_idx" ON "payload_locked_documents" USING btree ("created_at");
  CREATE INDEX "payload_locked_documents_rels_order_idx" ON "payload_locked_documents_rels" USING btree ("order");
  CREATE INDEX "payload_locked_documents_rels_parent_idx" ON "payload_locked_documents_rels" USING btree ("parent_id");
  CREATE INDEX "payload_locked_documents_rels_path_idx" ON "payload_locked_documents_rels" USING btree ("path");
  CREATE INDEX "payload_locked_documents_rels_users_id_idx" ON "payload_locked_documents_rels" USING btree ("users_id");
  CREATE INDEX "payload_locked_documents_rels_creators_id_idx" ON "payload_locked_documents_rels" USING btree ("creators_id");
  CREATE INDEX "payload_locked_documents_rels_offers_id_idx" ON "payload_locked_documents_rels" USING btree ("offers_id");
  CREATE INDEX "payload_locked_documents_rels_bookings_id_idx" ON "payload_locked_documents_rels" USING btree ("bookings_id");
  CREATE INDEX "payload_locked_documents_rels_payments_id_idx" ON "payload_locked_documents_rels" USING btree ("payments_id");
  CREATE INDEX "payload_locked_documents_rels_ledger_entries_id_idx" ON "payload_locked_documents_rels" USING btree ("ledger_entries_id");
  CREATE INDEX "payload_locked_documents_rels_payouts_id_idx" ON "payload_locked_documents_rels" USING btree ("payouts_id");
  CREATE INDEX "payload_locked_documents_rels_refunds_id_idx" ON "payload_locked_documents_rels" USING btree ("refunds_id");
  CREATE INDEX "payload_locked_documents_rels_disputes_id_idx" ON "payload_locked_documents_rels" USING btree ("disputes_id");
  CREATE INDEX "payload_locked_documents_rels_reviews_id_idx" ON "payload_locked_documents_rels" USING btree ("reviews_id");
  CREATE INDEX "payload_locked_documents_rels_call_requests_id_idx" ON "payload_locked_documents_rels" USING btree ("call_requests_id");
  CREATE INDEX "payload_locked_documents_rels_notifications_id_idx" ON "payload_locked_documents_rels" USING btree ("notifications_id");
  CREATE INDEX "payload_locked_documents_rels_call_events_id_idx" ON "payload_locked_documents_rels" USING btree ("call_events_id");
  CREATE INDEX "payload_locked_documents_rels_email_logs_id_idx" ON "payload_locked_documents_rels" USING btree ("email_logs_id");
  CREATE INDEX "payload_locked_documents_rels_webhook_events_id_idx" ON "payload_locked_documents_rels" USING btree ("webhook_events_id");
  CREATE INDEX "payload_locked_documents_rels_system_logs_id_idx" ON "payload_locked_documents_rels" USING btree ("system_logs_id");
  CREATE INDEX "payload_locked_documents_rels_transaction_logs_id_idx" ON "payload_locked_documents_rels" USING btree ("transaction_logs_id");
  CREATE INDEX "payload_locked_documents_rels_job_runs_id_idx" ON "payload_locked_documents_rels" USING btree ("job_runs_id");
  CREATE INDEX "payload_locked_documents_rels_media_id_idx" ON "payload_locked_documents_rels" USING btree ("media_id");
  CREATE INDEX "payload_preferences_key_idx" ON "payload_preferences" USING btree ("key");
  CREATE INDEX "payload_preferences_updated_at_idx" ON "payload_preferences" USING btree ("updated_at");
  CREATE INDEX "payload_preferences_created_at_idx" ON "payload_preferences" USING btree ("created_at");
  CREATE INDEX "payload_preferences_rels_order_idx" ON "payload_preferences_rels" USING btree ("order");
  CREATE INDEX "payload_preferences_rels_parent_idx" ON "payload_preferences_rels" USING btree ("parent_id");
  CREATE INDEX "payload_preferences_rels_path_idx" ON "payload_preferences_rels" USING btree ("path");
  CREATE INDEX "payload_preferences_rels_users_id_idx" ON "payload_preferences_rels" USING btree ("users_id");
  CREATE INDEX "payload_migrations_updated_at_idx" ON "payload_migrations" USING btree ("updated_at");
  CREATE INDEX "payload_migrations_created_at_idx" ON "payload_migrations" USING btree ("created_at");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "users_sessions" CASCADE;
  DROP TABLE "users" CASCADE;
  DROP TABLE "creators_social_links" CASCADE;
  DROP TABLE "creators" CASCADE;
  DROP TABLE "creators_texts" CASCADE;
  DROP TABLE "offers" CASCADE;
  DROP TABLE "bookings" CASCADE;
  DROP TABLE "payments" CASCADE;
  DROP TABLE "ledger_entries" CASCADE;
  DROP TABLE "payouts_audit_trail" CASCADE;
  DROP TABLE "payouts" CASCADE;
  DROP TABLE "refunds" CASCADE;
  DROP TABLE "disputes" CASCADE;
  DROP TABLE "reviews" CASCADE;
  DROP TABLE "call_requests" CASCADE;
  DROP TABLE "notifications" CASCADE;
  DROP TABLE "call_events" CASCADE;
  DROP TABLE "email_logs" CASCADE;
  DROP TABLE "webhook_events" CASCADE;
  DROP TABLE "system_logs" CASCADE;
  DROP TABLE "transaction_logs" CASCADE;
  DROP TABLE "job_runs" CASCADE;
  DROP TABLE "media" CASCADE;
  DROP TABLE "payload_kv" CASCADE;
  DROP TABLE "payload_jobs_log" CASCADE;
  DROP TABLE "payload_jobs" CASCADE;
  DROP TABLE "payload_locked_documents" CASCADE;
  DROP TABLE "payload_locked_documents_rels" CASCADE;
  DROP TABLE "payload_preferences" CASCADE;
  DROP TABLE "payload_preferences_rels" CASCADE;
  DROP TABLE "payload_migrations" CASCADE;
  DROP TABLE "platform_settings" CASCADE;
  DROP TYPE "public"."enum_users_role";
  DROP TYPE "public"."enum_users_locale";
  DROP TYPE "public"."enum_creators_social_links_platform";
  DROP TYPE "public"."enum_creators_category";
  DROP TYPE "public"."enum_creators_currency";
  DROP TYPE "public"."enum_creators_stripe_account_status";
  DROP TYPE "public"."enum_creators_payout_schedule";
  DROP TYPE "public"."enum_creators_payouts_blocked_by";
  DROP TYPE "public"."enum_offers_currency";
  DROP TYPE "public"."enum_offers_status";
  DROP TYPE "public"."enum_bookings_status";
  DROP TYPE "public"."enum_bookings_cancellation_by";
  DROP TYPE "public"."enum_payments_currency";
  DROP TYPE "public"."enum_payments_status";
  DROP TYPE "public"."enum_payments_dispute_status";
  DROP TYPE "public"."enum_ledger_entries_currency";
  DROP TYPE "public"."enum_ledger_entries_type";
  DROP TYPE "public"."enum_ledger_entries_source_type";
  DROP TYPE "public"."enum_payouts_currency";
  DROP TYPE "public"."enum_payouts_status";
  DROP TYPE "public"."enum_payouts_trigger";
  DROP TYPE "public"."enum_refunds_currency";
  DROP TYPE "public"."enum_refunds_status";
  DROP TYPE "public"."enum_refunds_policy";
  DROP TYPE "public"."enum_disputes_currency";
  DROP TYPE "public"."enum_disputes_status";
  DROP TYPE "public"."enum_disputes_outcome";
  DROP TYPE "public"."enum_call_requests_currency";
  DROP TYPE "public"."enum_call_requests_status";
  DROP TYPE "public"."enum_notifications_type";
  DROP TYPE "public"."enum_call_events_type";
  DROP TYPE "public"."enum_call_events_source";
  DROP TYPE "public"."enum_email_logs_template";
  DROP TYPE "public"."enum_email_logs_locale";
  DROP TYPE "public"."enum_email_logs_status";
  DROP TYPE "public"."enum_webhook_events_provider";
  DROP TYPE "public"."enum_webhook_events_status";
  DROP TYPE "public"."enum_system_logs_level";
  DROP TYPE "public"."enum_system_logs_actor";
  DROP TYPE "public"."enum_transaction_logs_currency";
  DROP TYPE "public"."enum_job_runs_trigger";
  DROP TYPE "public"."enum_job_runs_status";
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  DROP TYPE "public"."enum_payload_jobs_log_state";
  DROP TYPE "public"."enum_payload_jobs_task_slug";`)
}
