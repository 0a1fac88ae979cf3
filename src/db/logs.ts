/** System and transaction logs: retention deletes and the hot-path transaction log insert. */
import type { Payload } from 'payload'

import type { LogActor, LogLevel } from '@/domain/logs'

import { runCount, sql, type Run } from './run'

/** Deletes `level` system logs written before `before`; returns how many. */
export const deleteSystemLogsBefore = (payload: Payload, level: LogLevel, before: Date): Promise<number> =>
  runCount(payload, sql`DELETE FROM system_logs WHERE level = ${level} AND created_at < ${before.toISOString()}`)

export const PROVIDER_ID_KEYS = ['paymentIntent', 'charge', 'refund', 'transfer', 'payout', 'dispute', 'account'] as const
export type ProviderIds = Partial<Record<(typeof PROVIDER_ID_KEYS)[number], string>>

export type TransactionLogRow = {
  type: string
  entityType: string
  entityId: string
  amount: number | null
  currency: string | null
  status: string
  metadata: Record<string, unknown>
  providerIds: ProviderIds
}

/** One `transaction_logs` row as a single INSERT (the collection has no hooks). */
export const insertTransactionLog = async (run: Run, row: TransactionLogRow): Promise<void> => {
  const ids = row.providerIds
  await run(sql`
    INSERT INTO transaction_logs (type, entity_type, entity_id, amount, currency, status, metadata,
      provider_ids_payment_intent, provider_ids_charge, provider_ids_refund, provider_ids_transfer, provider_ids_payout, provider_ids_dispute, provider_ids_account)
    VALUES (${row.type}, ${row.entityType}, ${row.entityId}, ${row.amount}, ${row.currency}::enum_transaction_logs_currency, ${row.status}, ${JSON.stringify(row.metadata)},
      ${ids.paymentIntent ?? null}, ${ids.charge ?? null}, ${ids.refund ?? null}, ${ids.transfer ?? null}, ${ids.payout ?? null}, ${ids.dispute ?? null}, ${ids.account ?? null})`)
}

export type SystemLogRow = { level: LogLevel; type: string; actor: LogActor; actorId: string | null; message: string; metadata: Record<string, unknown> }

/** One `system_logs` row as a single INSERT (the collection has no hooks). */
export const insertSystemLog = async (run: Run, row: SystemLogRow): Promise<void> => {
  await run(sql`
    INSERT INTO system_logs (level, type, actor, actor_id, message, metadata)
    VALUES (${row.level}::enum_system_logs_level, ${row.type}, ${row.actor}::enum_system_logs_actor, ${row.actorId}, ${row.message}, ${JSON.stringify(row.metadata)})`)
}
