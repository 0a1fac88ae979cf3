import { type MigrateDownArgs, type MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Invariants that must hold whatever the code does (DESIGN.md: "invariants live in the database too").
 * Written by hand: Payload's schema generator knows nothing of partial indexes, checks or triggers.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  -- One active booking per offer: N concurrent checkouts of one slot, exactly one insert wins.
  CREATE UNIQUE INDEX "bookings_one_active_per_offer" ON "bookings" ("offer_id")
    WHERE "status" IN ('pending', 'confirmed', 'completed');

  -- Money is whole minor units and never negative; a payment's split always adds up.
  ALTER TABLE "offers" ADD CONSTRAINT "offers_price_valid" CHECK ("price" > 0 AND "price" = trunc("price"));
  ALTER TABLE "offers" ADD CONSTRAINT "offers_duration_valid" CHECK ("duration_minutes" BETWEEN 5 AND 240);
  ALTER TABLE "call_requests" ADD CONSTRAINT "call_requests_price_valid" CHECK ("proposed_price" > 0 AND "proposed_price" = trunc("proposed_price"));
  ALTER TABLE "payments" ADD CONSTRAINT "payments_amounts_valid" CHECK (
    "amount" >= 0 AND "platform_fee" >= 0 AND "creator_amount" >= 0
    AND "amount" = trunc("amount") AND "platform_fee" = trunc("platform_fee") AND "creator_amount" = trunc("creator_amount")
    AND "platform_fee" + "creator_amount" = "amount"
    AND coalesce("refunded_amount", 0) BETWEEN 0 AND "amount");
  ALTER TABLE "payouts" ADD CONSTRAINT "payouts_amount_valid" CHECK ("amount" > 0 AND "amount" = trunc("amount"));
  ALTER TABLE "refunds" ADD CONSTRAINT "refunds_amount_valid" CHECK ("amount" > 0 AND "amount" = trunc("amount"));
  ALTER TABLE "disputes" ADD CONSTRAINT "disputes_amount_valid" CHECK ("amount" >= 0 AND "amount" = trunc("amount"));
  ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_amount_whole" CHECK ("amount" = trunc("amount"));
  ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_adjustment_has_memo" CHECK ("type" <> 'adjustment' OR length(trim(coalesce("memo", ''))) >= 3);
  ALTER TABLE "reviews" ADD CONSTRAINT "reviews_rating_valid" CHECK ("rating" BETWEEN 1 AND 5 AND "rating" = trunc("rating"));

  -- Append-only tables: no role, not even an admin or a bug, updates or deletes a row.
  CREATE FUNCTION "callastar_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
  END $$;
  CREATE TRIGGER "ledger_entries_append_only" BEFORE UPDATE OR DELETE ON "ledger_entries"
    FOR EACH ROW EXECUTE FUNCTION "callastar_refuse_change"();
  CREATE TRIGGER "transaction_logs_append_only" BEFORE UPDATE OR DELETE ON "transaction_logs"
    FOR EACH ROW EXECUTE FUNCTION "callastar_refuse_change"();
  `)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER IF EXISTS "transaction_logs_append_only" ON "transaction_logs";
  DROP TRIGGER IF EXISTS "ledger_entries_append_only" ON "ledger_entries";
  DROP FUNCTION IF EXISTS "callastar_refuse_change"();
  ALTER TABLE "reviews" DROP CONSTRAINT IF EXISTS "reviews_rating_valid";
  ALTER TABLE "ledger_entries" DROP CONSTRAINT IF EXISTS "ledger_entries_adjustment_has_memo";
  ALTER TABLE "ledger_entries" DROP CONSTRAINT IF EXISTS "ledger_entries_amount_whole";
  ALTER TABLE "disputes" DROP CONSTRAINT IF EXISTS "disputes_amount_valid";
  ALTER TABLE "refunds" DROP CONSTRAINT IF EXISTS "refunds_amount_valid";
  ALTER TABLE "payouts" DROP CONSTRAINT IF EXISTS "payouts_amount_valid";
  ALTER TABLE "payments" DROP CONSTRAINT IF EXISTS "payments_amounts_valid";
  ALTER TABLE "call_requests" DROP CONSTRAINT IF EXISTS "call_requests_price_valid";
  ALTER TABLE "offers" DROP CONSTRAINT IF EXISTS "offers_duration_valid";
  ALTER TABLE "offers" DROP CONSTRAINT IF EXISTS "offers_price_valid";
  DROP INDEX IF EXISTS "bookings_one_active_per_offer";
  `)
}
