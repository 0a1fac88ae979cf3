import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Human titles for the admin panel (issue 12): every row the panel shows as a relationship carries a
 * stored `title` (offers: `label`), written here by triggers because most rows are inserted by SQL
 * (src/db/*), not by Payload's hooks. Must run after the migration that adds the columns.
 *
 *   bookings        "Léa Martin · 2 Dec 17:00 CET"        fan · start in the creator's zone
 *   offers.label    "Intro call · 2 Dec 17:00 CET"        title · start in the creator's zone
 *   call_requests   "Léa Martin → Jane Doe · 2 Dec 17:00 CET"
 *   payments        "€30.00 · Léa Martin · 2 Dec"         amount · fan · the call's day
 *   refunds         "€30.00 · Léa Martin · 2 Dec"         (same for the refunded amount)
 *   disputes        "€30.00 · Léa Martin · 2 Dec"         (the disputed amount, the payment's fan)
 *   payouts         "€120.00 · Jane Doe · 2 Dec"          amount · creator · day requested
 *   ledger_entries  "+€27.00 · Jane Doe · 2 Dec"          signed amount · creator · day written
 *   reviews         "4★ · Léa · Jane Doe"                 rating · public first name · creator
 *
 * Times are in the creator's time zone (their user's `timezone`) and name it by its abbreviation, so
 * a title stays true when anyone's zone changes later. Titles are stored in one form for every
 * reader (English month abbreviations); the list columns beside them show times in the reader's zone
 * and language. A row's title is recomputed when one of its own inputs changes; a user's rename
 * refreshes their bookings, payments, refunds, disputes and call requests, a creator's new display
 * name their payouts, call requests and reviews. Ledger entries are append-only: their titles keep
 * the name as it was written, like the entry itself. Reviews use the stored public first name.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  -- A zone PostgreSQL knows, else UTC (a title must never make a write fail).
  CREATE FUNCTION "callastar_title_zone"(tz text) RETURNS text LANGUAGE plpgsql STABLE AS $$
  BEGIN
    IF tz IS NULL OR tz = '' THEN RETURN 'UTC'; END IF;
    PERFORM now() AT TIME ZONE tz;
    RETURN tz;
  EXCEPTION WHEN others THEN
    RETURN 'UTC';
  END $$;

  -- The creator's zone: their user's time zone.
  CREATE FUNCTION "callastar_creator_zone"(creator integer) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT "callastar_title_zone"((SELECT u."timezone" FROM "creators" c JOIN "users" u ON u."id" = c."user_id" WHERE c."id" = creator))
  $$;

  -- "2 Dec 17:00 CET" (with the time) or "2 Dec" in a zone. The abbreviation is the zone's at that
  -- instant (CET / CEST), read with the zone set for this transaction only and put back at once.
  CREATE FUNCTION "callastar_title_time"("at" timestamptz, tz text, with_time boolean) RETURNS text LANGUAGE plpgsql VOLATILE AS $$
  DECLARE
    zone text := "callastar_title_zone"(tz);
    previous text := current_setting('timezone');
    abbrev text;
  BEGIN
    IF "at" IS NULL THEN RETURN NULL; END IF;
    IF NOT with_time THEN RETURN to_char("at" AT TIME ZONE zone, 'FMDD Mon'); END IF;
    PERFORM set_config('timezone', zone, true);
    abbrev := to_char("at", 'TZ');
    PERFORM set_config('timezone', previous, true);
    RETURN to_char("at" AT TIME ZONE zone, 'FMDD Mon HH24:MI') || ' ' || abbrev;
  END $$;

  -- "€30.00", "CHF 30.00", "+€27.00" / "-€27.00" when signed; amounts are minor units.
  CREATE FUNCTION "callastar_title_money"(amount numeric, currency text, signed boolean) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN amount IS NULL OR currency IS NULL THEN NULL ELSE
      (CASE WHEN amount < 0 THEN '-' WHEN signed AND amount > 0 THEN '+' ELSE '' END)
      || (CASE upper(currency) WHEN 'EUR' THEN '€' WHEN 'USD' THEN '$' WHEN 'GBP' THEN '£' ELSE upper(currency) || ' ' END)
      || (CASE WHEN upper(currency) IN ('BIF','CLP','DJF','GNF','JPY','KMF','KRW','MGA','PYG','RWF','UGX','VND','VUV','XAF','XOF','XPF')
               THEN to_char(abs(amount), 'FM999,999,999,990')
               ELSE to_char(abs(amount) / 100.0, 'FM999,999,999,990.00') END)
    END
  $$;

  CREATE FUNCTION "callastar_user_name"(id integer) RETURNS text LANGUAGE sql STABLE AS $$ SELECT "name" FROM "users" WHERE "id" = $1 $$;
  CREATE FUNCTION "callastar_creator_name"(id integer) RETURNS text LANGUAGE sql STABLE AS $$ SELECT "display_name" FROM "creators" WHERE "id" = $1 $$;

  CREATE FUNCTION "callastar_bookings_title"() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE creator integer := coalesce(NEW."creator_id", (SELECT "creator_id" FROM "offers" WHERE "id" = NEW."offer_id"));
  BEGIN
    NEW."title" := concat_ws(' · ', "callastar_user_name"(NEW."fan_id"), "callastar_title_time"(NEW."starts_at", "callastar_creator_zone"(creator), true));
    RETURN NEW;
  END $$;
  CREATE TRIGGER "bookings_title" BEFORE INSERT OR UPDATE OF "fan_id", "creator_id", "offer_id", "starts_at", "title" ON "bookings"
    FOR EACH ROW EXECUTE FUNCTION "callastar_bookings_title"();

  CREATE FUNCTION "callastar_offers_label"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW."label" := concat_ws(' · ', NEW."title", "callastar_title_time"(NEW."starts_at", "callastar_creator_zone"(NEW."creator_id"), true));
    RETURN NEW;
  END $$;
  CREATE TRIGGER "offers_label" BEFORE INSERT OR UPDATE OF "title", "starts_at", "creator_id", "label" ON "offers"
    FOR EACH ROW EXECUTE FUNCTION "callastar_offers_label"();

  CREATE FUNCTION "callastar_call_requests_title"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW."title" := concat_ws(' · ',
      concat_ws(' → ', "callastar_user_name"(NEW."fan_id"), "callastar_creator_name"(NEW."creator_id")),
      "callastar_title_time"(NEW."proposed_start", "callastar_creator_zone"(NEW."creator_id"), true));
    RETURN NEW;
  END $$;
  CREATE TRIGGER "call_requests_title" BEFORE INSERT OR UPDATE OF "fan_id", "creator_id", "proposed_start", "title" ON "call_requests"
    FOR EACH ROW EXECUTE FUNCTION "callastar_call_requests_title"();

  CREATE FUNCTION "callastar_payments_title"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW."title" := concat_ws(' · ', "callastar_title_money"(NEW."amount", NEW."currency"::text, false), "callastar_user_name"(NEW."fan_id"),
      "callastar_title_time"((SELECT "starts_at" FROM "bookings" WHERE "id" = NEW."booking_id"), "callastar_creator_zone"(NEW."creator_id"), false));
    RETURN NEW;
  END $$;
  CREATE TRIGGER "payments_title" BEFORE INSERT OR UPDATE OF "amount", "currency", "fan_id", "creator_id", "booking_id", "title" ON "payments"
    FOR EACH ROW EXECUTE FUNCTION "callastar_payments_title"();

  CREATE FUNCTION "callastar_refunds_title"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW."title" := concat_ws(' · ', "callastar_title_money"(NEW."amount", NEW."currency"::text, false), "callastar_user_name"(NEW."fan_id"),
      "callastar_title_time"((SELECT "starts_at" FROM "bookings" WHERE "id" = NEW."booking_id"), "callastar_creator_zone"(NEW."creator_id"), false));
    RETURN NEW;
  END $$;
  CREATE TRIGGER "refunds_title" BEFORE INSERT OR UPDATE OF "amount", "currency", "fan_id", "creator_id", "booking_id", "title" ON "refunds"
    FOR EACH ROW EXECUTE FUNCTION "callastar_refunds_title"();

  CREATE FUNCTION "callastar_disputes_title"() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    fan integer;
    booking integer;
  BEGIN
    SELECT p."fan_id", coalesce(NEW."booking_id", p."booking_id") INTO fan, booking FROM "payments" p WHERE p."id" = NEW."payment_id";
    NEW."title" := concat_ws(' · ', "callastar_title_money"(NEW."amount", NEW."currency"::text, false), "callastar_user_name"(fan),
      "callastar_title_time"((SELECT "starts_at" FROM "bookings" WHERE "id" = booking), "callastar_creator_zone"(NEW."creator_id"), false));
    RETURN NEW;
  END $$;
  CREATE TRIGGER "disputes_title" BEFORE INSERT OR UPDATE OF "amount", "currency", "payment_id", "booking_id", "creator_id", "title" ON "disputes"
    FOR EACH ROW EXECUTE FUNCTION "callastar_disputes_title"();

  CREATE FUNCTION "callastar_payouts_title"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW."title" := concat_ws(' · ', "callastar_title_money"(NEW."amount", NEW."currency"::text, false), "callastar_creator_name"(NEW."creator_id"),
      "callastar_title_time"(coalesce(NEW."requested_at", NEW."created_at", now()), "callastar_creator_zone"(NEW."creator_id"), false));
    RETURN NEW;
  END $$;
  CREATE TRIGGER "payouts_title" BEFORE INSERT OR UPDATE OF "amount", "currency", "creator_id", "requested_at", "title" ON "payouts"
    FOR EACH ROW EXECUTE FUNCTION "callastar_payouts_title"();

  CREATE FUNCTION "callastar_ledger_entries_title"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW."title" := concat_ws(' · ', "callastar_title_money"(NEW."amount", NEW."currency"::text, true), "callastar_creator_name"(NEW."creator_id"),
      "callastar_title_time"(coalesce(NEW."created_at", now()), "callastar_creator_zone"(NEW."creator_id"), false));
    RETURN NEW;
  END $$;
  CREATE TRIGGER "ledger_entries_title" BEFORE INSERT ON "ledger_entries"
    FOR EACH ROW EXECUTE FUNCTION "callastar_ledger_entries_title"();

  CREATE FUNCTION "callastar_reviews_title"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    NEW."title" := concat_ws(' · ', NEW."rating"::int::text || '★', nullif(trim(NEW."author_name"), ''), "callastar_creator_name"(NEW."creator_id"));
    RETURN NEW;
  END $$;
  CREATE TRIGGER "reviews_title" BEFORE INSERT OR UPDATE OF "rating", "author_name", "creator_id", "title" ON "reviews"
    FOR EACH ROW EXECUTE FUNCTION "callastar_reviews_title"();

  -- Renames: setting a dependent title to NULL makes its own trigger write it again.
  CREATE FUNCTION "callastar_user_renamed"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE "bookings" SET "title" = NULL WHERE "fan_id" = NEW."id";
    UPDATE "payments" SET "title" = NULL WHERE "fan_id" = NEW."id";
    UPDATE "refunds" SET "title" = NULL WHERE "fan_id" = NEW."id";
    UPDATE "disputes" SET "title" = NULL WHERE "payment_id" IN (SELECT "id" FROM "payments" WHERE "fan_id" = NEW."id");
    UPDATE "call_requests" SET "title" = NULL WHERE "fan_id" = NEW."id";
    RETURN NULL;
  END $$;
  CREATE TRIGGER "users_renamed" AFTER UPDATE OF "name" ON "users"
    FOR EACH ROW WHEN (OLD."name" IS DISTINCT FROM NEW."name") EXECUTE FUNCTION "callastar_user_renamed"();

  CREATE FUNCTION "callastar_creator_renamed"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE "payouts" SET "title" = NULL WHERE "creator_id" = NEW."id";
    UPDATE "call_requests" SET "title" = NULL WHERE "creator_id" = NEW."id";
    UPDATE "reviews" SET "title" = NULL WHERE "creator_id" = NEW."id";
    RETURN NULL;
  END $$;
  CREATE TRIGGER "creators_renamed" AFTER UPDATE OF "display_name" ON "creators"
    FOR EACH ROW WHEN (OLD."display_name" IS DISTINCT FROM NEW."display_name") EXECUTE FUNCTION "callastar_creator_renamed"();

  -- Backfill the rows that exist (each trigger writes its row's title).
  UPDATE "offers" SET "label" = NULL;
  UPDATE "bookings" SET "title" = NULL;
  UPDATE "call_requests" SET "title" = NULL;
  UPDATE "payments" SET "title" = NULL;
  UPDATE "refunds" SET "title" = NULL;
  UPDATE "disputes" SET "title" = NULL;
  UPDATE "payouts" SET "title" = NULL;
  UPDATE "reviews" SET "title" = NULL;
  -- Ledger entries are append-only: written once here, with the guard lifted for this statement only.
  ALTER TABLE "ledger_entries" DISABLE TRIGGER "ledger_entries_append_only";
  UPDATE "ledger_entries" SET "title" = concat_ws(' · ', "callastar_title_money"("amount", "currency"::text, true), "callastar_creator_name"("creator_id"),
    "callastar_title_time"("created_at", "callastar_creator_zone"("creator_id"), false));
  ALTER TABLE "ledger_entries" ENABLE TRIGGER "ledger_entries_append_only";`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER IF EXISTS "creators_renamed" ON "creators";
  DROP TRIGGER IF EXISTS "users_renamed" ON "users";
  DROP TRIGGER IF EXISTS "reviews_title" ON "reviews";
  DROP TRIGGER IF EXISTS "ledger_entries_title" ON "ledger_entries";
  DROP TRIGGER IF EXISTS "payouts_title" ON "payouts";
  DROP TRIGGER IF EXISTS "disputes_title" ON "disputes";
  DROP TRIGGER IF EXISTS "refunds_title" ON "refunds";
  DROP TRIGGER IF EXISTS "payments_title" ON "payments";
  DROP TRIGGER IF EXISTS "call_requests_title" ON "call_requests";
  DROP TRIGGER IF EXISTS "offers_label" ON "offers";
  DROP TRIGGER IF EXISTS "bookings_title" ON "bookings";
  DROP FUNCTION IF EXISTS "callastar_creator_renamed"();
  DROP FUNCTION IF EXISTS "callastar_user_renamed"();
  DROP FUNCTION IF EXISTS "callastar_reviews_title"();
  DROP FUNCTION IF EXISTS "callastar_ledger_entries_title"();
  DROP FUNCTION IF EXISTS "callastar_payouts_title"();
  DROP FUNCTION IF EXISTS "callastar_disputes_title"();
  DROP FUNCTION IF EXISTS "callastar_refunds_title"();
  DROP FUNCTION IF EXISTS "callastar_payments_title"();
  DROP FUNCTION IF EXISTS "callastar_call_requests_title"();
  DROP FUNCTION IF EXISTS "callastar_offers_label"();
  DROP FUNCTION IF EXISTS "callastar_bookings_title"();
  DROP FUNCTION IF EXISTS "callastar_creator_name"(integer);
  DROP FUNCTION IF EXISTS "callastar_user_name"(integer);
  DROP FUNCTION IF EXISTS "callastar_title_money"(numeric, text, boolean);
  DROP FUNCTION IF EXISTS "callastar_title_time"(timestamptz, text, boolean);
  DROP FUNCTION IF EXISTS "callastar_creator_zone"(integer);
  DROP FUNCTION IF EXISTS "callastar_title_zone"(text);`)
}
