/**
 * The panel for everyone (issue 12): an admin opens the bookings, payments and payouts lists in
 * English and in French and reads people, words, amounts and times — no "ID: 2" titles, statuses
 * as coloured words, amounts in their currency, times in the admin's zone with the zone named.
 * Screenshots of each list at 1440 and 375 px wide.
 */
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'

import { ADMIN, loginToDashboard, type Scenario, shot, sql, until } from './helpers'
import { log } from './stack'

type Lang = 'en' | 'fr'

const LISTS = [
  { slug: 'bookings', heading: { en: 'Bookings', fr: 'Réservations' }, amounts: [] as string[], times: ['startsAt'] },
  { slug: 'payments', heading: { en: 'Payments', fr: 'Paiements' }, amounts: ['amount', 'platformFee', 'creatorAmount'], times: ['createdAt'] },
  { slug: 'payouts', heading: { en: 'Payouts', fr: 'Versements' }, amounts: ['amount'], times: ['requestedAt'] },
] as const

/** "€30.00", "CHF 30.00", "US$30.00" / "30,00 €", "30,00 CHF", "30,00 $US". */
const AMOUNT: Record<Lang, RegExp> = {
  en: /^-?(€|£|\$|US\$|CHF\s?)\d{1,3}(,\d{3})*\.\d{2}$/,
  fr: /^-?\d{1,3}(\s\d{3})*,\d{2}\s(€|£|\$|\$US|CHF)$/,
}
/** "2 Dec 2026, 17:00 (Europe/Paris)" / "2 déc. 2026, 17:00 (Europe/Paris)" — the zone named. */
const TIME: Record<Lang, RegExp> = {
  en: /^\d{1,2} [A-Z][a-z]{2,3} \d{4},? \d{2}:\d{2} \(([A-Za-z_]+\/[A-Za-z_/]+|UTC)\)$/,
  fr: /^\d{1,2} [a-zéû]{3,5}\.? \d{4},? (à )?\d{2}:\d{2} \(([A-Za-z_]+\/[A-Za-z_/]+|UTC)\)$/,
}

const cells = async (page: Page, column: string) => (await page.locator(`.table tbody td.cell-${column}`).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim())

const openList = async (page: Page, base: string, slug: string) => {
  await page.goto(`${base}/admin/collections/${slug}`, { waitUntil: 'domcontentloaded' })
  await page.locator('.table tbody tr').first().waitFor()
  // Relationship cells load their titles after hydration (empty, then "Loading...", then the title): wait for every one.
  const relationCells = page.locator('.table tbody td.cell-creator, .table tbody td.cell-offer, .table tbody td.cell-booking')
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined)
  await until(
    `${slug} relationship cells`,
    async () => (await relationCells.allInnerTexts()).map((t) => t.trim()),
    (texts) => texts.length > 0 && texts.every((t) => t !== '' && !/Loading|Chargement/.test(t)),
  )
}

export const panelListsScenario: Scenario = {
  id: 'panel-lists',
  name: 'admin lists of bookings, payments and payouts read as names, status words, amounts in their currency and times in the admin’s zone, in English and French',
  run: async (ctx, use) => {
    // The demo seed has bookings and payments; a payout exists once money-admin ran, else one paid payout for Marco.
    const [{ n }] = await sql<{ n: string }>(ctx, `SELECT count(*) AS n FROM payouts`)
    if (Number(n) === 0) {
      await sql(
        ctx,
        `INSERT INTO payouts (creator_id, amount, currency, status, trigger, requested_at, paid_at, updated_at, created_at)
         SELECT c.id, 4200, 'CHF', 'paid', 'requested', now() - interval '2 days', now() - interval '1 day', now(), now()
           FROM creators c JOIN users u ON u.id = c.user_id WHERE u.email = 'marco@callastar.local'`,
      )
    }
    const [admin] = await sql<{ timezone: string }>(ctx, `SELECT timezone FROM users WHERE email = $1`, [ADMIN.email])
    const zone = admin?.timezone ?? 'UTC'

    for (const lang of ['en', 'fr'] as const) {
      const context = await ctx.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: lang === 'fr' ? 'fr-FR' : 'en-GB' })
      context.setDefaultTimeout(20_000)
      // The panel speaks the account's language unless one was picked in the panel (Payload's payload-lng cookie): the admin picks it here.
      await context.addCookies([{ name: 'payload-lng', value: lang, url: ctx.server.url }])
      const page = use(await context.newPage())
      await loginToDashboard(page, ctx.server, ADMIN.email, ADMIN.password)
      for (const list of LISTS) {
        await page.setViewportSize({ width: 1440, height: 1000 })
        await openList(page, ctx.server.url, list.slug)
        const heading = (await page.locator('h1').first().innerText()).trim()
        assert.equal(heading, list.heading[lang], `${list.slug} heading in ${lang}`)
        const table = (await page.locator('.table').innerText()).replace(/\s+/g, ' ')
        assert.doesNotMatch(table, /ID: \d+|Untitled|Sans titre|\[Untitled\]/, `${list.slug} (${lang}): no id titles`)
        // The first column is the row's title: a name (and for money rows an amount) — never an id.
        const titles = await cells(page, 'title')
        assert.ok(titles.length > 0, `${list.slug}: title column`)
        for (const t of titles) assert.match(t, /[A-Za-zÀ-ÿ]{2,}/, `${list.slug} title "${t}" names someone`)
        if (list.slug === 'bookings') for (const t of titles) assert.match(t, /^.+ · \d{1,2} [A-Z][a-z]{2} \d{2}:\d{2} \S+$/, `booking title "${t}": fan · time zone`)
        if (list.slug !== 'bookings') for (const t of titles) assert.match(t, /^-?(\+)?(€|£|\$|CHF )\d/, `${list.slug} title "${t}" starts with its amount`)
        // Relationship columns read as names too.
        for (const column of ['creator', 'offer', 'booking']) {
          for (const t of await cells(page, column)) assert.match(t, /^[A-ZÀ-Ý][^\s]*( |$)/, `${list.slug}.${column} "${t}" is a name`)
        }
        const creators = await cells(page, 'creator')
        assert.ok(creators.some((c) => /Léa Martin|Marco Rossi|Jordan Lee/.test(c)), `${list.slug}: creators by display name (${creators.join(', ')})`)
        // Statuses: coloured words (a badge with a tone), not raw values.
        const badges = page.locator('.table tbody td.cell-status [data-status]')
        assert.ok((await badges.count()) > 0, `${list.slug}: status badges`)
        const statusWords = await badges.evaluateAll((nodes) => nodes.map((n) => ({ value: n.getAttribute('data-status') ?? '', tone: n.getAttribute('data-tone') ?? '', text: (n.textContent ?? '').trim() })))
        for (const s of statusWords) {
          assert.ok(['done', 'waiting', 'failed', 'cancelled', 'open'].includes(s.tone), `${s.value} has a tone`)
          assert.ok(s.text.length > 0 && !s.text.includes('_'), `${list.slug} status "${s.value}" reads as a word ("${s.text}")`)
        }
        // Amounts in their currency, in the viewer's language.
        for (const column of list.amounts) {
          const amounts = await cells(page, column)
          assert.ok(amounts.length > 0, `${list.slug}.${column} shown`)
          for (const a of amounts) assert.match(a.replace(/\u202f|\u00a0/g, ' '), AMOUNT[lang], `${list.slug}.${column} "${a}" in its currency (${lang})`)
        }
        // Times in the admin's zone, named.
        for (const column of list.times) {
          const times = (await cells(page, column)).filter((t) => t !== '—')
          assert.ok(times.length > 0, `${list.slug}.${column} shown`)
          for (const t of times) {
            assert.match(t.replace(/\u202f|\u00a0/g, ' '), TIME[lang], `${list.slug}.${column} "${t}" (${lang})`)
            assert.ok(t.endsWith(`(${zone})`), `${list.slug}.${column} "${t}" in the admin's zone ${zone}`)
          }
        }
        log(`  ${lang} ${list.slug}: ${titles[0]} | ${statusWords.map((s) => s.text).join(', ')}`)
        await shot(page, `panel-${list.slug}-${lang}-1440.png`)
        await page.setViewportSize({ width: 375, height: 812 })
        await page.waitForTimeout(300)
        await shot(page, `panel-${list.slug}-${lang}-375.png`)
      }
      // A booking's edit view: the fan's name as its title, internal fields in a collapsed Technical section.
      await openList(page, ctx.server.url, 'bookings')
      await page.setViewportSize({ width: 1440, height: 1000 })
      await page.locator('.table tbody td.cell-title a').first().click()
      await page.waitForURL(/\/admin\/collections\/bookings\/\d+/)
      await page.locator('h1.render-title').first().waitFor()
      const docTitle = (await page.locator('h1.render-title').first().innerText()).trim()
      assert.match(docTitle, / · \d{1,2} [A-Z][a-z]{2} \d{2}:\d{2} /, `booking document title "${docTitle}"`)
      // The Technical section starts collapsed.
      await page.locator('.collapsible.collapsible--collapsed', { hasText: lang === 'fr' ? 'Technique' : 'Technical' }).first().waitFor()
      assert.equal(await page.locator('input[name="call.roomName"], #field-call__roomName').filter({ visible: true }).count(), 0, 'the room name is not on show')
      assert.ok(await page.locator('[data-date-display]').first().isVisible(), 'read-only times are shown as text in the viewer’s zone')
      await shot(page, `panel-booking-doc-${lang}-1440.png`)
      // A payment's edit view: its status as a coloured word in the sidebar.
      await openList(page, ctx.server.url, 'payments')
      await page.locator('.table tbody td.cell-title a').first().click()
      await page.waitForURL(/\/admin\/collections\/payments\/\d+/)
      await page.locator('.document-fields__sidebar [data-status]').first().waitFor()
      // Its people by name (the read-only relationship fields load their titles after the page).
      await until(
        'payment relationship fields',
        async () => (await page.locator('.field-type.relationship').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()),
        (texts) => texts.length >= 3 && texts.every((t) => !/Select a value|Sélectionnez une valeur|Loading|Chargement/.test(t)),
      )
      await shot(page, `panel-payment-doc-${lang}-1440.png`)
      await context.close()
    }
  },
}
