import type { Payload, PayloadRequest } from 'payload'

import type { SupportedCurrency } from '@/domain/currencies'
import { redactSecrets, type LogActor, type LogLevel } from '@/domain/logs'
import { query } from '@/lib/db'

type Actorish = { user?: unknown } | PayloadRequest

/** The log actor for whoever is behind a request (GUEST when nobody is logged in). */
export const actorOf = (req: Actorish | null | undefined): LogActor => {
  const role = (req?.user as { role?: string } | null | undefined)?.role
  if (role === 'admin') return 'ADMIN'
  if (role === 'creator') return 'CREATOR'
  if (role === 'fan') return 'USER'
  return 'GUEST'
}

export type SystemLogInput = {
  /** Pass to write inside the caller's transaction (the log then commits or rolls back with it). */
  req?: PayloadRequest
  level: LogLevel
  type: string
  actor?: LogActor
  actorId?: number | string | null
  message: string
  metadata?: Record<string, unknown>
}

/** Writes a `system-logs` entry. Never throws: a log that cannot be written must not break the action. */
export const logSystem = async (payload: Payload, input: SystemLogInput): Promise<void> => {
  try {
    await payload.create({
      collection: 'system-logs',
      data: {
        level: input.level,
        type: input.type,
        actor: input.actor ?? 'SYSTEM',
        actorId: input.actorId == null ? undefined : String(input.actorId),
        message: input.message,
        metadata: (redactSecrets(input.metadata ?? {}) as Record<string, unknown>) ?? {},
      },
      req: input.req,
      overrideAccess: true,
      depth: 0,
    })
  } catch (error) {
    payload.logger.error({ err: error, log: input.type }, 'Could not write system log')
  }
}

export type TransactionLogInput = {
  req?: PayloadRequest
  type: string
  entityType: string
  entityId: number | string
  amount?: number | null
  currency?: string | null
  status: string
  providerIds?: Partial<Record<(typeof PROVIDER_ID_KEYS)[number], string>>
  metadata?: Record<string, unknown>
}

const PROVIDER_ID_KEYS = ['paymentIntent', 'charge', 'refund', 'transfer', 'payout', 'dispute', 'account'] as const

/**
 * Appends an immutable `transaction-logs` entry for a financial event. With `req` it is written
 * through Payload inside the caller's transaction; without, as one INSERT (the collection has no
 * hooks, and a hot path such as checkout should not pay for a local-API create and its
 * transaction).
 */
export const logTransaction = async (payload: Payload, input: TransactionLogInput): Promise<void> => {
  const providerIds = input.providerIds ?? {}
  const metadata = (redactSecrets(input.metadata ?? {}) as Record<string, unknown>) ?? {}
  if (!input.req) {
    await query(
      payload,
      `INSERT INTO transaction_logs (type, entity_type, entity_id, amount, currency, status, metadata,
         provider_ids_payment_intent, provider_ids_charge, provider_ids_refund, provider_ids_transfer, provider_ids_payout, provider_ids_dispute, provider_ids_account)
       VALUES ($1, $2, $3, $4, $5::enum_transaction_logs_currency, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [input.type, input.entityType, String(input.entityId), input.amount ?? null, input.currency ?? null, input.status, JSON.stringify(metadata),
        ...PROVIDER_ID_KEYS.map((key) => providerIds[key] ?? null)],
    )
    return
  }
  await payload.create({
    collection: 'transaction-logs',
    data: {
      type: input.type,
      entityType: input.entityType,
      entityId: String(input.entityId),
      amount: input.amount ?? undefined,
      currency: (input.currency ?? undefined) as SupportedCurrency | undefined,
      status: input.status,
      providerIds,
      metadata,
    },
    req: input.req,
    overrideAccess: true,
    depth: 0,
  })
}
