import type { CollectionSlug, Where } from 'payload'

import { logSystem } from '@/services/logs'

import { defineEndpoint } from './define'

const MAX_ROWS = 50_000
const PAGE = 1000

/** A text a spreadsheet would run as a formula (=, +, -, @, tab, CR first) gets a leading `'`. */
export const defuseFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text)

export const toCsvCell = (value: unknown): string => {
  if (value === null || value === undefined) return ''
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value)
  // Quote always; double quotes doubled; neutralise spreadsheet formulas.
  return `"${defuseFormula(text).replace(/"/g, '""')}"`
}

/**
 * GET /api/<slug>/export — admins download the rows matching the list's current filter
 * (`?where[...]`, same syntax as the REST API) as CSV, newest first, up to 50,000 rows.
 * Registered by the system-logs and transaction-logs collections with their columns.
 */
export const logsExportEndpoint = (slug: CollectionSlug, columns: string[]) =>
  defineEndpoint({
    path: '/export',
    method: 'get',
    roles: ['admin'],
    forbidden: 'Only admins can export logs.',
    handler: async ({ req, caller }) => {
      const where = ((req.query as { where?: Where } | undefined)?.where ?? {}) as Where
      const lines = [columns.join(',')]
      for (let page = 1; (page - 1) * PAGE < MAX_ROWS; page++) {
        const result = await req.payload.find({ collection: slug, where, sort: '-createdAt', limit: PAGE, page, depth: 0, overrideAccess: false, user: req.user })
        for (const doc of result.docs as unknown as Record<string, unknown>[]) lines.push(columns.map((c) => toCsvCell(doc[c])).join(','))
        if (!result.hasNextPage) break
      }
      await logSystem(req.payload, {
        level: 'INFO',
        type: 'admin.logs_exported',
        actor: 'ADMIN',
        actorId: caller.userId,
        message: `Admin ${caller.userId} exported ${lines.length - 1} ${slug} rows as CSV`,
        metadata: { collection: slug, where },
      })
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
      return new Response(lines.join('\r\n') + '\r\n', {
        headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${slug}-${stamp}.csv"` },
      })
    },
  })
