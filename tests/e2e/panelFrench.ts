/**
 * The panel in French (issue 12): a French account (Léa, users.locale = 'fr') gets Payload's French
 * and ours — no English label on a booking, statuses as words, "Create" only on offers — and an
 * admin whose account is French reads a system log with its metadata drawn locally (nothing fetched
 * from another host: Payload's JSON editor would load Monaco from a CDN).
 */
import assert from 'node:assert/strict'

import type { Page } from 'playwright-core'

import { ADMIN, CREATOR, type Ctx, loginToDashboard, newPage, openNav, type Scenario, shot, sql } from './helpers'

/** Waits until the panel speaks French (the provider switches it after the first render). */
const french = (page: Page) => page.locator('html[lang="fr"]').waitFor({ state: 'attached', timeout: 20_000 })

/** Every label the edit view shows (fields, groups, collapsibles), as displayed. */
const labels = async (page: Page): Promise<string[]> =>
  (await page.locator('.document-fields label.field-label, .document-fields .group-field__title, .document-fields .collapsible__toggle, .document-fields .row-label').allInnerTexts())
    .map((t) => t.replace(/\*/g, '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)

// What Payload derives from our field names when a label is missing ("Fan", "Type" and "Message" are French too).
const ENGLISH = /^(Offer|Creator|Status|Starts At|Ends At|Hold Expires At|Cancellation|By|At|Reason|No Show|Call|Provider|Room Name|Room Url|Room Status|Room Error|Outcome|Reminders|Sent24h|Sent15m|Completed At|Needs Admin|Metadata|Level|Actor|Actor Id)$/

export const panelFrenchScenario: Scenario = {
  id: 'panel-fr',
  name: 'a French account gets the panel in French; a system log’s metadata is drawn locally',
  run: async (ctx: Ctx, use) => {
    // Léa's account is French: no language cookie, an English browser.
    const page = use(await newPage(ctx, { panelLanguage: 'account' }))
    await loginToDashboard(page, ctx.server, CREATOR.email, CREATOR.password)
    await french(page)
    const nav = await openNav(page)
    assert.ok(nav.includes('Offres') && nav.includes('Réservations'), `the nav is French (nav: ${nav.join(', ')})`)

    // "Créer" on offers (creators make them), on none of the rows others make.
    for (const [slug, creates] of [['offers', true], ['reviews', false], ['call-requests', false], ['bookings', false], ['payouts', false]] as const) {
      await page.goto(`${ctx.server.url}/admin/collections/${slug}`, { waitUntil: 'domcontentloaded' })
      await page.locator('.collection-list, .list-header').first().waitFor()
      const create = page.locator(`a[href="/admin/collections/${slug}/create"]`)
      assert.equal((await create.count()) > 0, creates, `${slug}: Create is ${creates ? '' : 'not '}offered to a creator`)
      if (creates) assert.doesNotMatch(await page.locator('.list-header').first().innerText(), /\(e\)|nouveau ou nouvelle/, 'Payload’s French reads without "un(e) nouveau ou nouvelle"')
    }

    // A booking of hers: every label in French, the status a word.
    const [booking] = await sql<{ id: number }>(
      ctx,
      `SELECT b.id FROM bookings b JOIN creators c ON c.id = b.creator_id JOIN users u ON u.id = c.user_id WHERE u.email = $1 ORDER BY (b.status = 'confirmed') DESC, b.id LIMIT 1`,
      [CREATOR.email],
    )
    assert.ok(booking, 'Léa has a booking')
    await page.goto(`${ctx.server.url}/admin/collections/bookings/${booking.id}`, { waitUntil: 'domcontentloaded' })
    await page.locator('.document-fields label.field-label').first().waitFor()
    const shown = await labels(page)
    assert.ok(shown.includes('Statut') && shown.includes('Créateur'), `French labels on the booking (labels: ${shown.join(' | ')})`)
    const english = shown.filter((l) => ENGLISH.test(l))
    assert.deepEqual(english, [], `no English label on the booking for a French account (labels: ${shown.join(' | ')})`)
    const status = (await page.locator('#field-status').innerText()).trim()
    assert.doesNotMatch(status, /^(pending|confirmed|completed|expired|cancelled)$/, `the status is a word, not "${status}"`)
    await page.waitForLoadState('networkidle').catch(() => undefined)
    await page.waitForFunction(() => !/Chargement/.test(document.querySelector('.document-fields')?.textContent ?? ''), undefined, { timeout: 5_000 }).catch(() => undefined)
    await shot(page, 'panel-fr-booking.png')
    await page.context().close()

    // An admin whose account is French: a system log with its metadata, nothing from another host.
    const [admin] = await sql<{ id: number; locale: string }>(ctx, `SELECT id, locale FROM users WHERE email = $1`, [ADMIN.email])
    await sql(ctx, `UPDATE users SET locale = 'fr' WHERE id = $1`, [admin.id])
    try {
      const adminPage = use(await newPage(ctx, { panelLanguage: 'account' }))
      const outside: string[] = []
      adminPage.on('request', (r) => {
        if (!r.url().startsWith(ctx.server.url) && !/^(data|blob):/.test(r.url())) outside.push(r.url())
      })
      await loginToDashboard(adminPage, ctx.server, ADMIN.email, ADMIN.password)
      await french(adminPage)
      const [entry] = await sql<{ id: number }>(ctx, `SELECT id FROM system_logs WHERE metadata IS NOT NULL AND metadata::text NOT IN ('{}', 'null') ORDER BY id DESC LIMIT 1`)
      assert.ok(entry, 'a system log with metadata')
      await adminPage.goto(`${ctx.server.url}/admin/collections/system-logs/${entry.id}`, { waitUntil: 'domcontentloaded' })
      const view = adminPage.locator('[data-testid="json-view-metadata"]')
      await view.waitFor()
      const json = await view.locator('pre').innerText()
      assert.match(json, /^\{\n {2}"/, `the metadata is indented JSON (got: ${json.slice(0, 80)})`)
      assert.equal(await view.locator('pre').getAttribute('tabindex'), '0', 'the JSON view takes the keyboard focus')
      const logLabels = await labels(adminPage)
      assert.ok(logLabels.includes('Niveau') && logLabels.includes('Détails'), `French labels on the log (labels: ${logLabels.join(' | ')})`)
      assert.deepEqual(logLabels.filter((l) => ENGLISH.test(l)), [], 'no English label on the log')
      await adminPage.waitForLoadState('networkidle').catch(() => undefined)
      await shot(adminPage, 'panel-fr-system-log.png')
      assert.deepEqual(outside, [], 'the panel fetched nothing from another host')
    } finally {
      await sql(ctx, `UPDATE users SET locale = $2 WHERE id = $1`, [admin.id, admin.locale])
    }
  },
}
