import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "notifications" ADD COLUMN "message" varchar;
  ALTER TABLE "notifications" ADD COLUMN "data" jsonb;
  CREATE INDEX "notifications_message_idx" ON "notifications" USING btree ("message");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "notifications_message_idx";
  ALTER TABLE "notifications" DROP COLUMN "message";
  ALTER TABLE "notifications" DROP COLUMN "data";`)
}
