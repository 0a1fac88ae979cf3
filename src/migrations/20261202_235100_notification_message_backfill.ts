import { MigrateDownArgs, MigrateUpArgs, sql } from '@payloadcms/db-postgres'

/**
 * Notifications written before the message key was stored (issue 12) get it back where their text
 * says which message it was and the message has no data: those can be rendered again in any
 * language. Rows whose text carried data (a title, an amount, a date) keep their stored text, shown
 * as written. The texts are the templates' as of this migration, frozen here on purpose.
 */
const KNOWN: { message: string; type: string; texts: [title: string, body: string][] }[] = [
  {
    message: 'payouts_unblocked',
    type: 'payouts_unblocked',
    texts: [
      ['Payouts resumed', 'You can request payouts again.'],
      ['Versements rétablis', 'Vous pouvez de nouveau demander des versements.'],
    ],
  },
  {
    message: 'refund_approved.late_payment',
    type: 'refund_approved',
    texts: [
      ['You have been refunded', 'Your payment arrived after the slot was released, so we refunded it in full. Nothing is charged.'],
      ['Vous avez été remboursé', 'Votre paiement est arrivé après la libération du créneau : il est intégralement remboursé.'],
    ],
  },
]

export async function up({ db }: MigrateUpArgs): Promise<void> {
  for (const { message, type, texts } of KNOWN) {
    for (const [title, body] of texts) {
      await db.execute(sql`
        UPDATE "notifications" SET "message" = ${message}, "data" = '{}'::jsonb
         WHERE "message" IS NULL AND "type"::text = ${type} AND "title" = ${title} AND coalesce("body", '') = ${body}`)
    }
  }
}

export async function down({ db }: MigrateDownArgs): Promise<void> {
  // Keys set by up() only: rows written with a key by the application keep data beside it.
  for (const { message } of KNOWN) {
    await db.execute(sql`UPDATE "notifications" SET "message" = NULL, "data" = NULL WHERE "message" = ${message} AND "data" = '{}'::jsonb`)
  }
}
