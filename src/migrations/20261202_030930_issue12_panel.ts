import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "offers" ADD COLUMN "label" varchar;
  ALTER TABLE "bookings" ADD COLUMN "title" varchar;
  ALTER TABLE "payments" ADD COLUMN "title" varchar;
  ALTER TABLE "ledger_entries" ADD COLUMN "title" varchar;
  ALTER TABLE "payouts" ADD COLUMN "title" varchar;
  ALTER TABLE "refunds" ADD COLUMN "title" varchar;
  ALTER TABLE "disputes" ADD COLUMN "title" varchar;
  ALTER TABLE "reviews" ADD COLUMN "title" varchar;
  ALTER TABLE "call_requests" ADD COLUMN "title" varchar;
  ALTER TABLE "notifications" ADD COLUMN "message" varchar;
  ALTER TABLE "notifications" ADD COLUMN "data" jsonb;
  CREATE INDEX "notifications_message_idx" ON "notifications" USING btree ("message");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "notifications_message_idx";
  ALTER TABLE "offers" DROP COLUMN "label";
  ALTER TABLE "bookings" DROP COLUMN "title";
  ALTER TABLE "payments" DROP COLUMN "title";
  ALTER TABLE "ledger_entries" DROP COLUMN "title";
  ALTER TABLE "payouts" DROP COLUMN "title";
  ALTER TABLE "refunds" DROP COLUMN "title";
  ALTER TABLE "disputes" DROP COLUMN "title";
  ALTER TABLE "reviews" DROP COLUMN "title";
  ALTER TABLE "call_requests" DROP COLUMN "title";
  ALTER TABLE "notifications" DROP COLUMN "message";
  ALTER TABLE "notifications" DROP COLUMN "data";`)
}
