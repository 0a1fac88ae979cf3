import js from '@eslint/js'
import nextPlugin from '@next/eslint-plugin-next'
import tseslint from 'typescript-eslint'

// ── The direction of dependencies (DESIGN.md, "The direction of dependencies") ──────────────────
// `app`, `endpoints`, `jobs`, `hooks` → `services` → `domain`, `db`, `integrations`, `messages`.
// One `no-restricted-imports` per folder: ESLint does not merge that rule across config objects
// (a later object matching the same file replaces the earlier options), so the `files` globs below
// are disjoint and each folder gets its full set here. Patterns are regexes, not gitignore globs:
// a glob like `next` would also match `@/domain/next`, and `!@/domain/*` cannot re-include below an
// excluded `@/*`. Each pattern covers the `@/x` alias and relative paths (`../../x/...`) to the
// same folder; type-only imports are refused too (the core rule checks `import type` as well).
const aliasOrRelative = (folders) => [`^@/(${folders})(/|$)`, `^(\\.\\./)+(.*/)?(${folders})(/|$)`]
const refuse = (regexes, message) => regexes.map((regex) => ({ regex, message }))

const layers = [
  {
    name: 'layers/domain',
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...refuse(
              ['^@/(?!domain(/|$))', '^@payload-config$', '^\\.\\.(/|$)'],
              'DESIGN.md: "domain imports nothing" outside itself — plain functions over plain data. Import siblings with ./x or @/domain/x; the caller (a service) passes in what the rule needs.',
            ),
            ...refuse(
              [
                '^(payload|next|stripe|react|react-dom|pg|resend|drizzle-orm|undici)(/|$)',
                '^@(payloadcms|next|stripe|react-email)/',
                '^(node:)?(http|https|http2|net|tls|dgram|dns)(/|$)',
              ],
              'DESIGN.md: "domain imports nothing from Payload, Next, Stripe or the network" (nor React, pg, Resend). Keep the rule pure here and do the I/O in a service.',
            ),
          ],
        },
      ],
    },
  },
  {
    name: 'layers/integrations',
    files: ['src/integrations/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: refuse(
            aliasOrRelative('services|collections|endpoints|hooks|plugins|jobs|app|components|db'),
            'DESIGN.md: "services → integrations" — integrations are real clients and webhook verification only; they never call back up into services, collections, endpoints, hooks, plugins, jobs, db or the storefront. Pass what they need as parameters.',
          ),
        },
      ],
    },
  },
  {
    name: 'layers/collections-hooks-plugins',
    files: ['src/collections/**', 'src/hooks/**', 'src/plugins/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: refuse(
            aliasOrRelative('integrations'),
            'DESIGN.md: "hooks → services → integrations" and "side effects leave through the jobs queue" — collections, hooks and plugins never reach Stripe, Daily or Resend directly; call a service or queue a job.',
          ),
        },
      ],
    },
  },
  {
    name: 'layers/app-components',
    files: ['src/app/**', 'src/components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...refuse(
              aliasOrRelative('integrations|db'),
              'DESIGN.md: "app → services → domain, db, integrations" — pages and components reach clients and SQL only through a service.',
            ),
            ...refuse(
              aliasOrRelative('endpoints'),
              'DESIGN.md: "app, endpoints → services" — app and components do not import endpoints, not even their types: shared API shapes live in @/domain/apiTypes.',
            ),
          ],
        },
      ],
    },
  },
]

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      '.next/**',
      '.data/**',
      '.tmp/**',
      'test-results/**',
      'src/payload-types.ts',
      'src/migrations/**',
      'src/app/(payload)/**',
      'next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { '@next/next': nextPlugin },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**', 'src/services/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', setInterval: 'readonly' } },
  },
  ...layers,
)
