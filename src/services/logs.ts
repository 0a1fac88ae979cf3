import type { Payload, PayloadRequest } from 'payload'

import { deleteSystemLogsBefore, insertSystemLog, insertTransactionLog, type ProviderIds } from '@/db/logs'
import { runner } from '@/db/run'
import { redactSecrets, retentionCutoffs, type LogActor, type LogLevel } from '@/domain/logs'
import { now } from '@/lib/clock'

import { getSettings } from './settings'

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

/**
 * Writes a `system-logs` entry: one INSERT (the collection has no hooks; every processed webhook
 * writes one), inside the caller's transaction with `req`. Never throws: a log that cannot be
 * written must not break the action.
 */
export const logSystem = async (payload: Payload, input: SystemLogInput): Promise<void> => {
  try {
    await insertSystemLog(runner(payload, input.req), {
      level: input.level,
      type: input.type,
      actor: input.actor ?? 'SYSTEM',
      actorId: input.actorId == null ? null : String(input.actorId),
      message: input.message,
      metadata: (redactSecrets(input.metadata ?? {}) as Record<string, unknown>) ?? {},
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
  providerIds?: ProviderIds
  metadata?: Record<string, unknown>
}

/**
 * Appends an immutable `transaction-logs` entry for a financial event: one INSERT (the collection has
 * no hooks, and hot paths such as checkout and webhooks should not pay for a local-API create),
 * inside the caller's transaction with `req`.
 */
export const logTransaction = async (payload: Payload, input: TransactionLogInput): Promise<void> => {
  await insertTransactionLog(runner(payload, input.req), {
    type: input.type,
    entityType: input.entityType,
    entityId: String(input.entityId),
    amount: input.amount ?? null,
    currency: input.currency ?? null,
    status: input.status,
    metadata: (redactSecrets(input.metadata ?? {}) as Record<string, unknown>) ?? {},
    providerIds: input.providerIds ?? {},
  })
}

/** Deletes system logs past their level's retention (SPEC §3: INFO 30 d, WARNING 60 d, ERROR 90 d; CRITICAL kept). */
export const applyLogRetention = async (payload: Payload): Promise<Record<string, number>> => {
  const { logRetentionDays } = await getSettings(payload)
  const counts: Record<string, number> = {}
  for (const { level, before } of retentionCutoffs(now(), logRetentionDays)) {
    counts[`deleted${level[0]}${level.slice(1).toLowerCase()}`] = await deleteSystemLogsBefore(payload, level, before)
  }
  return counts
}
