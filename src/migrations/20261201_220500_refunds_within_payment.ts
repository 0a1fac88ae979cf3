import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * A payment is never refunded more than was paid (SPEC §7), in the database too: the refunds that
 * hold money — approved, processing (on their way to Stripe) and succeeded — add up to at most the
 * payment's amount. Requests waiting for a decision hold nothing (an admin approving one re-checks,
 * under the payment's lock), and rejected or failed refunds gave nothing back. The trigger locks the
 * payment row before summing, so two concurrent inserts for one payment are checked one after the
 * other (each statement of the function sees what the other committed). `payments.refunded_amount ≤
 * amount` is already a CHECK (payments_amounts_valid, invariants migration).
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE FUNCTION "callastar_refunds_within_payment"() RETURNS trigger LANGUAGE plpgsql AS $$
  DECLARE
    paid numeric;
    total numeric;
  BEGIN
    IF NEW.status NOT IN ('approved', 'processing', 'succeeded') THEN
      RETURN NULL;
    END IF;
    SELECT amount INTO paid FROM payments WHERE id = NEW.payment_id FOR UPDATE;
    SELECT coalesce(sum(amount), 0) INTO total FROM refunds
     WHERE payment_id = NEW.payment_id AND status IN ('approved', 'processing', 'succeeded');
    IF total > paid THEN
      RAISE EXCEPTION 'refunds of payment % would add up to % of the % paid', NEW.payment_id, total, paid
        USING ERRCODE = 'check_violation', CONSTRAINT = 'refunds_within_payment';
    END IF;
    RETURN NULL;
  END $$;
  CREATE TRIGGER "refunds_within_payment" AFTER INSERT OR UPDATE OF "amount", "status", "payment_id" ON "refunds"
    FOR EACH ROW EXECUTE FUNCTION "callastar_refunds_within_payment"();`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
  DROP TRIGGER IF EXISTS "refunds_within_payment" ON "refunds";
  DROP FUNCTION IF EXISTS "callastar_refunds_within_payment"();`)
}
