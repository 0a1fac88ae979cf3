import type { Payload, PayloadRequest } from 'payload'

import type { SupportedCurrency } from '@/domain/currencies'
import { redactSecrets, type LogActor, type LogLevel } from '@/domain/logs'

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
  providerIds?: Partial<Record<'paymentIntent' | 'charge' | 'refund' | 'transfer' | 'payout' | 'dispute' | 'account', string>>
  metadata?: Record<string, unknown>
}

/** Appends an immutable `transaction-logs` entry for a financial event. */
export const logTransaction = async (payload: Payload, input: TransactionLogInput): Promise<void> => {
  await payload.create({
    collection: 'transaction-logs',
    data: {
      type: input.type,
      entityType: input.entityType,
      entityId: String(input.entityId),
      amount: input.amount ?? undefined,
      currency: (input.currency ?? undefined) as SupportedCurrency | undefined,
      status: input.status,
      providerIds: input.providerIds ?? {},
      metadata: (redactSecrets(input.metadata ?? {}) as Record<string, unknown>) ?? {},
    },
    req: input.req,
    overrideAccess: true,
    depth: 0,
  })
}
