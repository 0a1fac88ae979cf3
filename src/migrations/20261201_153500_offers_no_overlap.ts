import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

/**
 * A creator's offers never overlap (SPEC: a creator cannot be in two calls at once), now in the
 * database: the offers hook refused overlaps with a read then a write, so two offers created at
 * the same moment (two admin tabs, a creator's form beside an accepted call request) could both
 * pass. Cancelled offers free their time. btree_gist (contrib, trusted) lets the exclusion mix
 * equality on the creator with overlap of the time ranges.
 */
export async function up({ db }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
  CREATE EXTENSION IF NOT EXISTS btree_gist;
  ALTER TABLE "offers" ADD CONSTRAINT "offers_no_overlap"
    EXCLUDE USING gist ("creator_id" WITH =, tstzrange("starts_at", "ends_at") WITH &&)
    WHERE ("status" <> 'cancelled');`)
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`ALTER TABLE "offers" DROP CONSTRAINT IF EXISTS "offers_no_overlap";`)
}
