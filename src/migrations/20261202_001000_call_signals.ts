import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Peer-to-peer signalling (SPEC §6, issue 11): the messages the two participants of a call exchange
 * (SDP descriptions ≈ 6 KB, ICE candidates, hang-up, media state, the server's presence notes).
 * Raw table, not a Payload collection: written and read only by src/db/calls.ts. Each insert
 * announces `<booking id>:<row id>` with NOTIFY call_signals in the same statement (delivered at
 * commit; NOTIFY payloads must stay under 8,000 bytes, so only ids travel). The endpoint refuses
 * bodies over 64 KB of JSON; the CHECK is a backstop at twice that (jsonb's text form adds spaces).
 * Streams read (booking_id, id > last seen) — the index below. Rows go a day after the call's end (log retention).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE TABLE "call_signals" (
    "id" bigserial PRIMARY KEY NOT NULL,
    "booking_id" integer NOT NULL REFERENCES "bookings"("id") ON DELETE CASCADE,
    "from_user_id" integer REFERENCES "users"("id") ON DELETE SET NULL,
    "to_role" text NOT NULL CONSTRAINT "call_signals_to_role" CHECK ("to_role" IN ('fan', 'creator')),
    "kind" text NOT NULL CONSTRAINT "call_signals_kind" CHECK ("kind" ~ '^[a-z_]{1,32}$'),
    "body" jsonb NOT NULL DEFAULT '{}'::jsonb CONSTRAINT "call_signals_body_size" CHECK (octet_length("body"::text) <= 131072),
    "created_at" timestamp(3) with time zone NOT NULL DEFAULT now()
  );
  CREATE INDEX "call_signals_booking_id_idx" ON "call_signals" USING btree ("booking_id", "id");`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`DROP TABLE IF EXISTS "call_signals";`)
}
