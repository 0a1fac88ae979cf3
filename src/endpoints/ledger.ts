/**
 * /api/ledger-entries/… — an admin's adjustment of a creator's balance (SPEC §7: "adjustment (admin,
 * reason required)"). The generated create stays refused for everyone: this is the only way to
 * write an entry by hand. A book entry only: no money moves at Stripe (see services/adjustments.ts).
 */
import { z } from 'zod'

import { SUPPORTED_CURRENCIES } from '@/domain/currencies'
import { adjustBalance } from '@/services/adjustments'

import { defineEndpoint, NO_STORE, Reply } from './define'

/** POST /api/ledger-entries/adjust {creator, currency, amount, reason} — admins: one signed `adjustment` entry. */
export const adjustBalanceEndpoint = defineEndpoint({
  path: '/adjust',
  method: 'post',
  roles: ['admin'],
  forbidden: 'Only admins adjust a creator’s balance.',
  body: z.object({
    creator: z.number({ error: 'creator must be the id of a creator' }).int({ error: 'creator must be the id of a creator' }).positive({ error: 'creator must be the id of a creator' }),
    currency: z
      .string({ error: `currency must be one of ${SUPPORTED_CURRENCIES.join(', ')}` })
      .transform((c) => c.toUpperCase())
      .pipe(z.enum(SUPPORTED_CURRENCIES, { error: `currency must be one of ${SUPPORTED_CURRENCIES.join(', ')}` })),
    amount: z
      .number({ error: 'amount must be a signed number of minor units (-1000 = −10.00)' })
      .int({ error: 'amount must be a whole number of minor units (cents), not a fraction' })
      .refine((n) => n !== 0, { error: 'amount must not be zero: + credits the creator, − debits' })
      .refine((n) => Math.abs(n) <= Number.MAX_SAFE_INTEGER, { error: 'amount is too large' }),
    reason: z
      .string({ error: 'reason is required: say why the balance is corrected' })
      .trim()
      .min(3, { error: 'reason is required: say why the balance is corrected (at least 3 characters)' })
      .max(500, { error: 'reason must be at most 500 characters' }),
  }),
  headers: NO_STORE,
  handler: async ({ req, caller, body }) =>
    new Reply(await adjustBalance(req.payload, { creatorId: body.creator, currency: body.currency, amount: body.amount, reason: body.reason, adminId: caller.userId }), 201),
})

export const ledgerEndpoints = [adjustBalanceEndpoint]
