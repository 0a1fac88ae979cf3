/**
 * Callastar — the whole system at a glance: collections, globals, jobs, endpoints.
 * See ../shared/SPEC.md for the product contract and DESIGN.md for the rules of the code.
 */
import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { en } from '@payloadcms/translations/languages/en'
import { fr } from '@payloadcms/translations/languages/fr'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { adminOnly, isAdminReq } from './src/access'
import { restrictInternalCollections } from './src/access/internal'
import { Bookings } from './src/collections/bookings'
import { CallEvents } from './src/collections/call-events'
import { CallRequests } from './src/collections/call-requests'
import { Creators } from './src/collections/creators'
import { Disputes } from './src/collections/disputes'
import { EmailLogs } from './src/collections/email-logs'
import { JobRuns } from './src/collections/job-runs'
import { LedgerEntries } from './src/collections/ledger-entries'
import { Media } from './src/collections/media'
import { Notifications } from './src/collections/notifications'
import { Offers } from './src/collections/offers'
import { Payments } from './src/collections/payments'
import { Payouts } from './src/collections/payouts'
import { presentCollections } from './src/collections/shared/presentation'
import { Refunds } from './src/collections/refunds'
import { Reviews } from './src/collections/reviews'
import { SystemLogs } from './src/collections/system-logs'
import { TransactionLogs } from './src/collections/transaction-logs'
import { Users } from './src/collections/users'
import { WebhookEvents } from './src/collections/webhook-events'
import { keepFieldErrors } from './src/collections/shared/fieldErrors'
import { CALL_ENDPOINTS } from './src/endpoints/calls'
import { dailyWebhookEndpoint } from './src/endpoints/daily'
import { healthEndpoint } from './src/endpoints/health'
import { adminDashboardEndpoint } from './src/endpoints/dashboard'
import { triggerJobEndpoint } from './src/endpoints/jobs'
import { stripeWebhookEndpoint } from './src/endpoints/stripe'
import { PlatformSettings } from './src/globals/PlatformSettings'
import { callastarEmailAdapter } from './src/services/emailAdapter'
import { TASKS } from './src/jobs/tasks'
import { payloadSecret, serverUrl } from './src/lib/env'
import { migrations } from './src/migrations'
import { runMigrationsOnBoot } from './src/lib/migrateOnBoot'
import { adminAuditPlugin } from './src/plugins/adminAudit'
import { guestPageRefreshPlugin } from './src/plugins/guestPageRefresh'
import { moneyExportsPlugin } from './src/plugins/moneyExports'
import { panelCreatePlugin } from './src/plugins/panelCreate'
import { labelCollection, panelLabelsPlugin } from './src/plugins/panelLabels'
import { PAYLOAD_FRENCH } from './src/messages/panel'

const isAdmin = ({ req }: { req: Parameters<typeof isAdminReq>[0] }) => isAdminReq(req)
const dirname = path.dirname(fileURLToPath(import.meta.url))

export default buildConfig({
  serverURL: serverUrl(),
  hooks: { afterError: [keepFieldErrors] },
  secret: payloadSecret(),
  admin: {
    user: Users.slug,
    importMap: { baseDir: path.resolve(dirname, 'src') },
    meta: { titleSuffix: ' — Callastar admin' },
    // Payload's own dates (document headers, pickers' text): day first, 24-hour, and the zone they are shown in ("3 December 2026, 10:00 (GMT+1)").
    dateFormat: 'd MMMM yyyy, HH:mm (O)',
    // No Gravatar: these machines (and many users) block third-party requests.
    avatar: 'default',
    components: {
      // The panel in the account's language (users.locale), whatever the browser asks for.
      providers: ['@/components/admin/PanelLanguage#PanelLanguage'],
      actions: ['@/components/admin/NotificationBell#NotificationBell'],
      beforeDashboard: [
        '@/components/admin/DashboardIntro#DashboardIntro',
        '@/components/admin/ConnectPaymentAccount#ConnectPaymentAccount',
        '@/components/admin/CreatorMoneyDashboard#CreatorMoneyDashboard',
        '@/components/admin/AdminMoneyDashboard#AdminMoneyDashboard',
      ],
    },
  },
  // Payload's French, with our wording where it hedges every gender ("Créer un(e) nouveau ou nouvelle").
  i18n: { supportedLanguages: { en, fr }, fallbackLanguage: 'en', translations: { fr: PAYLOAD_FRENCH } },
  // Status words in colour and times in the viewer's zone on every list and read-only field (issue 12).
  collections: presentCollections([
    Users,
    Creators,
    Offers,
    Bookings,
    Payments,
    LedgerEntries,
    Payouts,
    Refunds,
    Disputes,
    Reviews,
    CallRequests,
    Notifications,
    CallEvents,
    EmailLogs,
    WebhookEvents,
    SystemLogs,
    TransactionLogs,
    JobRuns,
    Media,
  ]),
  globals: [PlatformSettings],
  plugins: [
    // Admin actions are logged on every collection but the logs, job runs, webhook events and notifications.
    adminAuditPlugin({
      collections: ['users', 'creators', 'offers', 'bookings', 'payments', 'ledger-entries', 'payouts', 'refunds', 'disputes', 'reviews', 'call-requests', 'call-events', 'email-logs', 'media'],
      globals: ['platform-settings'],
    }),
    // What guests' cached pages show (src/lib/guestPages.ts); also redraws them after every committed service write.
    guestPageRefreshPlugin({ collections: ['creators', 'offers', 'reviews', 'media'], globals: ['platform-settings'] }),
    // CSV exports of the money lists with their current filter (admins only; imports off).
    moneyExportsPlugin(),
    // "Create New" in the panel only where a person creates by hand (by role; other collections are
    // created by their use cases, or have no create access at all). The API keeps each collection's access.
    panelCreatePlugin({
      users: ['admin'],
      creators: ['admin'],
      offers: ['creator', 'admin'],
      media: ['creator', 'admin'],
      bookings: [],
      reviews: [],
      'call-requests': [],
      'call-events': [],
      notifications: [],
    }),
    // Last: every label, help text and option word in English and French, JSON fields drawn locally.
    panelLabelsPlugin(),
  ],
  endpoints: [healthEndpoint, triggerJobEndpoint, stripeWebhookEndpoint, dailyWebhookEndpoint, adminDashboardEndpoint, ...CALL_ENDPOINTS],
  jobs: {
    tasks: TASKS,
    deleteJobOnComplete: true,
    access: { run: isAdmin, queue: isAdmin, cancel: isAdmin },
    // Labelled in both languages and JSON drawn locally like ours (it is added after the plugins run).
    jobsCollectionOverrides: ({ defaultJobsCollection }) => {
      const jobs = labelCollection(defaultJobsCollection)
      return {
        ...jobs,
        admin: { ...jobs.admin, hidden: ({ user }) => user?.role !== 'admin' },
        access: { read: adminOnly, create: adminOnly, update: adminOnly, delete: adminOnly },
      }
    },
  },
  email: callastarEmailAdapter,
  graphQL: { disable: true },
  editor: lexicalEditor(),
  db: postgresAdapter({
    pool: { connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_MAX || 10) },
    // Schema changes only through committed migrations, in every environment (tests included).
    push: false,
    migrationDir: path.resolve(dirname, 'src/migrations'),
  }),
  onInit: async (payload) => {
    await runMigrationsOnBoot(payload, migrations)
  },
  // LOG_LEVEL=warn quiets tests; unset keeps Payload's readable default logger.
  logger: process.env.LOG_LEVEL ? { options: { level: process.env.LOG_LEVEL } } : undefined,
  // Refusals users cause (bad password, forbidden, not found, invalid input) are not server errors.
  loggingLevels: { AuthenticationError: 'info', LockedAuth: 'info', Forbidden: 'info', NotFound: 'info', ValidationError: 'info', APIError: 'info', QueryError: 'info' },
  // Types are regenerated on purpose (`npm run generate:types`), not as a side effect of booting.
  typescript: { outputFile: path.resolve(dirname, 'src/payload-types.ts'), autoGenerate: false },
  sharp,
  telemetry: false,
}).then(restrictInternalCollections)
