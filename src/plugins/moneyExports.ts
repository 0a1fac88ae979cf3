/**
 * CSV exports of the money lists and the logs with their current filter, by
 * `@payloadcms/plugin-import-export` (the one way to export; the logs' own `/export` endpoints are gone):
 * its "Export" item in the list menu opens the `exports` form with the list's filter ("Use current
 * filters"), sort and columns, and its Download button streams the CSV (nothing is stored: saving an
 * export and the job queue are off). The export reads through the collection's own access with the
 * caller (overrideAccess false), so a row someone cannot read never reaches a file.
 *
 * Locked down here: exports are for admins only (the plugin's collection and its `/download` and
 * `/export-preview` endpoints) and never stored, imports are off for everyone (money rows come only from their use
 * cases), and cells that a spreadsheet would run as a formula are defused.
 */
import { importExportPlugin } from '@payloadcms/plugin-import-export'
import { Forbidden, type CollectionBeforeOperationHook, type CollectionConfig, type CollectionSlug, type Config, type Endpoint, type Field, type Plugin } from 'payload'

import { adminOnly, isAdminReq, nobody } from '@/access'
import { defuseFormula } from '@/domain/logs'
import { jsonError } from '@/endpoints/define'
import { logSystem } from '@/services/logs'

export const MONEY_EXPORTS = ['payments', 'payouts', 'refunds', 'disputes', 'ledger-entries', 'transaction-logs'] as const satisfies readonly CollectionSlug[]
export const EXPORTS = [...MONEY_EXPORTS, 'system-logs'] as const satisfies readonly CollectionSlug[]

/**
 * Spreadsheet formulas in text cells (a fan's reason, a memo) are prefixed with `'`, as the log export does.
 * A file always keeps each row's id and currency, even when the list's columns (names, words, amounts) leave them out.
 */
const defuseRows = ({ data, originalData }: { data: Record<string, unknown>[]; originalData?: readonly object[] }) =>
  data.map((row, i) => {
    const doc = originalData?.[i] as { id?: unknown; currency?: unknown } | undefined
    const keys = doc ? { id: doc.id, ...(typeof doc.currency === 'string' ? { currency: doc.currency } : {}) } : {}
    return Object.fromEntries(Object.entries({ ...keys, ...row }).map(([key, value]) => [key, typeof value === 'string' ? defuseFormula(value) : value]))
  })

const adminEndpoint = (endpoint: Endpoint): Endpoint => ({
  ...endpoint,
  handler: async (req) => {
    if (!req.user) return jsonError(401, 'You must be logged in.', 'UNAUTHORIZED')
    if (!isAdminReq(req)) return jsonError(403, 'Only admins can export.', 'FORBIDDEN')
    if (endpoint.path !== '/download' || typeof req.json !== 'function') return endpoint.handler(req)
    // The plugin reads the body itself: read it once here, hand it on, and keep who took which rows.
    const body = (await req.json().catch(() => undefined)) as { data?: { collectionSlug?: string; where?: unknown } } | undefined
    req.json = async () => body
    const response = await endpoint.handler(req)
    if (response.ok) {
      const ask = body?.data ?? {}
      await logSystem(req.payload, {
        level: 'INFO',
        type: 'admin.exported',
        actor: 'ADMIN',
        actorId: req.user.id,
        message: `Admin ${req.user.id} exported ${ask.collectionSlug ?? 'rows'} as CSV`,
        metadata: { collection: ask.collectionSlug, where: ask.where ?? null },
      })
    }
    return response
  },
})

const closedEndpoint = (endpoint: Endpoint): Endpoint => ({ ...endpoint, handler: async () => jsonError(404, 'Imports are not available.', 'NOT_FOUND') })

/**
 * Exports are downloaded, never stored: creating an `exports` document (which would write the file
 * to disk) is refused for everyone, before the plugin's own hook builds the file. The form still
 * opens for admins (create access) and its Download button streams the CSV.
 */
const neverStored: CollectionBeforeOperationHook = ({ operation, req }) => {
  if (operation === 'create') throw new Forbidden(req.t)
}

const adminHidden = ({ user }: { user?: unknown }) => (user as { role?: string } | null | undefined)?.role !== 'admin'

/**
 * The export form's "Limit" starts empty ("No limit"): the plugin's own field copies the list's page
 * size into it (10 by default, with "Page 1"), so an export of a filtered list held only the rows of
 * its first page. The plain number field keeps the limit for whoever wants one.
 */
const withoutPageSizedLimit = (fields: Field[]): Field[] =>
  fields.map((field) => {
    if ('name' in field && field.name === 'limit' && field.type === 'number') {
      const { Field: _pluginLimitField, ...components } = field.admin?.components ?? {}
      return { ...field, admin: { ...field.admin, components } }
    }
    if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: withoutPageSizedLimit(field.fields) } as Field
    if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: withoutPageSizedLimit(tab.fields) })) }
    return field
  })

/**
 * An amount is exported in currency units (the money field's export hook), which needs the row's
 * currency even when the export's columns leave it out: the money collections always read it.
 */
const withCurrencyRead = (config: Config): Config => ({
  ...config,
  collections: (config.collections ?? []).map((collection) =>
    (MONEY_EXPORTS as readonly string[]).includes(collection.slug) ? { ...collection, forceSelect: { ...collection.forceSelect, currency: true } } : collection,
  ),
})

export const moneyExportsPlugin = (): Plugin => (config) =>
  importExportPlugin({
    collections: EXPORTS.map((slug) => ({
      slug,
      import: false,
      export: { format: 'csv', disableJobsQueue: true, disableSave: true, hooks: { before: defuseRows } },
    })),
    overrideExportCollection: ({ collection }): CollectionConfig => ({
      ...collection,
      fields: withoutPageSizedLimit(collection.fields),
      access: { read: adminOnly, create: adminOnly, update: nobody, delete: nobody },
      admin: { ...collection.admin, hidden: adminHidden },
      hooks: { ...collection.hooks, beforeOperation: [neverStored, ...(collection.hooks?.beforeOperation ?? [])] },
      endpoints: (collection.endpoints || []).map(adminEndpoint),
    }),
    overrideImportCollection: ({ collection }): CollectionConfig => ({
      ...collection,
      access: { read: nobody, create: nobody, update: nobody, delete: nobody },
      admin: { ...collection.admin, hidden: true },
      endpoints: (collection.endpoints || []).map(closedEndpoint),
    }),
  })(withCurrencyRead(config))
