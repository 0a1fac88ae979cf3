import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Peer-to-peer signalling streams (issue 11): one row per open Server-Sent Events stream, on
 * whichever web instance holds it. The stream's heartbeat moves `seen_at` every 15 s; a stream
 * whose process died (crash, kill, cut off from the database) stops beating and is closed at its
 * last heartbeat by the next sweep, with its `left` call event — so a crashed instance does not
 * leave a participant "present" until the scheduled end. The open rows also cap one participant's
 * streams on one call across all instances. Raw table, not a Payload collection: written and read
 * only by src/db/calls.ts. Rows go with their booking (retention with the call's signals).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE "call_streams" (
    "id" text PRIMARY KEY NOT NULL,
    "booking_id" integer NOT NULL REFERENCES "bookings"("id") ON DELETE CASCADE,
    "user_id" integer NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
    "role" text NOT NULL CONSTRAINT "call_streams_role" CHECK ("role" IN ('fan', 'creator')),
    "instance" text NOT NULL,
    "opened_at" timestamp(3) with time zone NOT NULL,
    "seen_at" timestamp(3) with time zone NOT NULL,
    "closed_at" timestamp(3) with time zone,
    CONSTRAINT "call_streams_closed_after_opened" CHECK ("closed_at" IS NULL OR "closed_at" >= "opened_at")
  );
  CREATE INDEX "call_streams_open_idx" ON "call_streams" USING btree ("booking_id", "user_id") WHERE "closed_at" IS NULL;
  CREATE INDEX "call_streams_seen_idx" ON "call_streams" USING btree ("seen_at") WHERE "closed_at" IS NULL;`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "call_streams";`)
}
