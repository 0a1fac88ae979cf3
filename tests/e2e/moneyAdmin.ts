/**
 * The money back office in the admin panel (issue 10): a creator with an available balance sees
 * the balance cards and the earnings chart on their dashboard and requests payouts from it; an
 * admin approves one (confirmation first) and it moves on to approved / processing; an admin
 * rejects the other with a reason and the creator's balance comes back. Stripe then pays the
 * approved one (the emulator's payout outcome, sent through the real webhook and its job): the
 * creator sees `paid` on the dashboard and the `payout_paid` notification behind the bell.
 *
 * Setup: Léa's connected account is funded at the emulator by a real destination charge (released
 * at once), and her ledger gets matching available earnings in EUR and USD spread over the last
 * days (fixture rows: the ledger only takes inserts), so the chart has bars and Stripe can pay out.
 */
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'

import { stripeClient } from '../../src/integrations/stripe/client'
import { acceptDialogs, ADMIN, CREATOR, loginToDashboard, newPage, type Scenario, shot, sql, text, until } from './helpers'
import { log } from './stack'

const available = async (page: Page, currency: string) => text(page, `balance-${currency}-available-value`)

export const moneyAdminScenario: Scenario = {
  id: 'money-admin',
  name: 'creator sees balances and the chart, requests payouts; an admin approves one, Stripe pays it (creator sees paid and the notification), and rejects the other with a reason',
  run: async (ctx, use) => {
    assert.ok(ctx.stripeUrl, 'the Stripe emulator URL')
    const [lea] = await sql<{ id: number; account: string }>(
      ctx,
      `SELECT c.id, c.stripe_account_id AS account FROM creators c JOIN users u ON u.id = c.user_id WHERE u.email = $1`,
      [CREATOR.email],
    )
    assert.ok(lea?.account, 'Léa has a connected account')
    // Funds at Stripe for the payout the admin approves (a destination charge, released at once).
    const stripe = stripeClient({ STRIPE_EMULATOR_URL: ctx.stripeUrl })
    await stripe.paymentIntents.create({
      amount: 30_000,
      currency: 'eur',
      payment_method: 'pm_card_visa',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
      confirm: true,
      transfer_data: { destination: lea.account },
      metadata: { e2e: 'money-admin funding' },
    })
    await fetch(`${ctx.stripeUrl}/emulator/release-pending-funds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ account: lea.account }) })
    // Available earnings over the last days (EUR) and one in USD, plus one still pending.
    const day = 86_400_000
    const rows: [string, number, number, number][] = [
      ['EUR', 6_000, 2, -1],
      ['EUR', 4_500, 5, -1],
      ['EUR', 8_000, 9, -1],
      ['EUR', 3_000, 1, 6],
      ['USD', 7_500, 3, -1],
    ]
    for (const [i, [currency, amount, ago, availableIn]] of rows.entries()) {
      await sql(
        ctx,
        `INSERT INTO ledger_entries (creator_id, currency, type, amount, available_at, source_type, source_ref, memo, created_at, updated_at)
         VALUES ($1, $2, 'earning', $3, $4, 'payment', $5, 'e2e money-admin', $6, $6)`,
        [lea.id, currency, amount, new Date(Date.now() + availableIn * day), `e2e-money-${i}`, new Date(Date.now() - ago * day)],
      )
    }
    const [{ eur }] = await sql<{ eur: string }>(ctx, `SELECT coalesce(sum(amount), 0) AS eur FROM ledger_entries WHERE creator_id = $1 AND currency = 'EUR' AND available_at <= now()`, [lea.id])
    log(`  Léa's available EUR balance before: ${(Number(eur) / 100).toFixed(2)}`)

    // The creator's dashboard: cards, chart, request payouts in both currencies.
    const page = use(await newPage(ctx))
    const creatorAsked = acceptDialogs(page)
    await loginToDashboard(page, ctx.server, CREATOR.email, CREATOR.password)
    await page.locator('[data-testid="creator-money"]').waitFor()
    const eurBefore = await available(page, 'EUR')
    assert.equal(eurBefore, `€${(Number(eur) / 100).toFixed(2)}`, 'the available card shows the ledger figure in euros')
    const [{ pending }] = await sql<{ pending: string }>(ctx, `SELECT coalesce(sum(amount), 0) AS pending FROM ledger_entries WHERE creator_id = $1 AND currency = 'EUR' AND available_at > now()`, [lea.id])
    assert.equal(await text(page, 'balance-EUR-pending-value'), `€${(Number(pending) / 100).toFixed(2)}`, 'the pending card')
    assert.match(await available(page, 'USD'), /^US\$75\.00$|^\$75\.00$/)
    const bars = page.locator('[data-testid="earnings-chart"] [data-testid="earnings-bar"]')
    assert.ok((await bars.count()) >= 3, `the chart draws a bar per day with earnings (${await bars.count()})`)
    await page.locator('[data-testid="chart-week"]').click()
    assert.equal(await page.locator('[data-testid="earnings-chart"]').getAttribute('data-period'), 'week')
    await page.locator('[data-testid="chart-day"]').click()
    // The x-axis labels do not run into each other (the latest day is labelled, evenly spaced back from it).
    const labels = await page.locator('[data-testid="earnings-chart"] svg text[data-axis="x"]').evaluateAll((nodes) =>
      nodes.map((n) => {
        const r = n.getBoundingClientRect()
        return { text: n.textContent ?? '', left: r.left, right: r.right }
      }),
    )
    assert.ok(labels.length >= 4, `x-axis labels (${labels.length})`)
    for (let i = 1; i < labels.length; i++) {
      assert.ok(labels[i]!.left > labels[i - 1]!.right + 4, `x-axis labels "${labels[i - 1]!.text}" and "${labels[i]!.text}" overlap`)
    }
    // Upcoming calls in the creator's own time zone (Léa: Europe/Paris), named.
    const [next] = await sql<{ id: number; starts_at: Date }>(
      ctx,
      `SELECT id, starts_at FROM bookings WHERE creator_id = $1 AND status = 'confirmed' AND starts_at > now() ORDER BY starts_at LIMIT 1`,
      [lea.id],
    )
    if (next) {
      const expected = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' }).format(next.starts_at)
      const shown = await page.locator(`[data-testid="upcoming-call"][data-booking-id="${next.id}"] [data-testid="upcoming-call-start"]`).innerText()
      assert.equal(shown.trim(), `${expected} (Europe/Paris)`, 'the upcoming call is shown in the creator’s time zone')
    }
    await page.locator('[data-testid="creator-money"]').scrollIntoViewIfNeeded()
    await shot(page, 'money-creator-dashboard.png')

    const eurAmount = page.locator('[data-testid="payout-request-EUR-amount"]')
    assert.equal(await eurAmount.inputValue(), (Number(eur) / 100).toFixed(2), 'the amount is prefilled with what is available')
    await eurAmount.fill('100.00')
    await page.locator('#payout-request-EUR-button').click()
    await page.waitForLoadState('domcontentloaded')
    await page.locator('[data-testid="creator-payout-row"]').first().waitFor()
    assert.ok(creatorAsked.some((m) => /Request a payout of €100\.00/.test(m)), `asked to confirm (${creatorAsked.join(' | ')})`)
    // A second EUR payout is not possible while this one is open: the button says why.
    await page.locator('[data-testid="payout-request-EUR"][data-eligible="false"]').waitFor()
    assert.match(await text(page, 'payout-request-EUR-why'), /still open/)
    assert.equal(await available(page, 'EUR'), `€${((Number(eur) - 10_000) / 100).toFixed(2)}`, 'the request reserves the amount at once')
    assert.equal(await text(page, 'balance-EUR-reserved-value'), '€100.00')
    // The USD one, all of it.
    await page.locator('#payout-request-USD-button').click()
    await page.locator('[data-testid="payout-request-USD"][data-eligible="false"]').waitFor()
    assert.match(await available(page, 'USD'), /\$0\.00$/)
    await shot(page, 'money-creator-requested.png')
    const payouts = await sql<{ id: number; currency: string; status: string }>(ctx, `SELECT id, currency, status FROM payouts WHERE creator_id = $1 ORDER BY id`, [lea.id])
    const eurPayout = payouts.find((p) => p.currency === 'EUR')!
    const usdPayout = payouts.find((p) => p.currency === 'USD')!
    assert.ok(eurPayout && usdPayout && eurPayout.status === 'requested' && usdPayout.status === 'requested', `two requested payouts (${JSON.stringify(payouts)})`)

    // The admin approves the EUR payout, with confirmation.
    const admin = await newPage(ctx)
    try {
      const adminAsked = acceptDialogs(admin)
      await loginToDashboard(admin, ctx.server, ADMIN.email, ADMIN.password)
      assert.equal(await admin.locator('[data-testid="creator-money"]').count(), 0, 'no creator money dashboard for admins')
      await admin.goto(`${ctx.server.url}/admin/collections/payouts/${eurPayout.id}`, { waitUntil: 'domcontentloaded' })
      await admin.locator('[data-testid="payout-actions"]').waitFor()
      assert.match(await text(admin, `money-value-amount`), /^€100\.00$/, 'the amount is shown in euros, read-only')
      await admin.locator('[data-testid="payout-audit"] [data-testid="audit-line"]').first().waitFor()
      await shot(admin, 'money-admin-payout-requested.png')
      await admin.locator('#payout-actions-primary').click()
      await admin.waitForFunction(() => !document.querySelector('[data-testid="payout-actions"]'), undefined, { timeout: 20_000 })
      assert.ok(adminAsked.some((m) => /Approve this payout of €100\.00/.test(m)), `asked to confirm (${adminAsked.join(' | ')})`)
      await admin.locator('[data-testid="audit-line"][data-to="approved"]').waitFor()
      const status = await admin.locator('.document-fields__sidebar').first().innerText()
      assert.match(status, /approved|processing|paid/i, `the payout shows approved or processing (${status})`)
      await shot(admin, 'money-admin-payout-approved.png')
      // The job creates it at Stripe: processing within seconds (paid later, by the payout.paid webhook).
      const payoutRow = async () => (await sql<{ status: string; po: string | null }>(ctx, 'SELECT status, stripe_payout_id AS po FROM payouts WHERE id = $1', [eurPayout.id]))[0]!
      const created = await until('the create-payout job', payoutRow, (p) => p.status === 'processing' && Boolean(p.po))
      await admin.reload({ waitUntil: 'domcontentloaded' })
      await admin.locator('[data-testid="audit-line"][data-to="processing"]').waitFor()
      await shot(admin, 'money-admin-payout-processing.png')

      // The USD payout is rejected with a reason (required: refused without one).
      await admin.goto(`${ctx.server.url}/admin/collections/payouts/${usdPayout.id}`, { waitUntil: 'domcontentloaded' })
      await admin.locator('[data-testid="payout-actions"]').waitFor()
      await admin.locator('#payout-actions-open-reason').click()
      await admin.locator('#payout-actions-submit-reason').click()
      await admin.getByText(/Write a reason/).first().waitFor()
      await admin.locator('[data-testid="payout-actions-reason"]').fill('Bank details under review')
      await shot(admin, 'money-admin-payout-reject.png')
      await admin.locator('#payout-actions-submit-reason').click()
      await admin.locator('[data-testid="audit-line"][data-to="rejected"]').waitFor({ timeout: 20_000 })
      assert.ok(adminAsked.some((m) => /Reject this payout of (US)?\$75\.00/.test(m)), `asked to confirm the rejection (${adminAsked.join(' | ')})`)
      assert.match(await admin.locator('[data-testid="audit-line"][data-to="rejected"]').innerText(), /Bank details under review/)
      await shot(admin, 'money-admin-payout-rejected.png')

      // Stripe pays the approved payout: the emulator sends payout.paid to the app's webhook, the worker applies it.
      const paidAt = Date.now()
      const res = await fetch(`${ctx.stripeUrl}/emulator/payouts/${created.po}/outcome`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ outcome: 'paid' }) })
      assert.equal(res.status, 200, `the emulator pays ${created.po}`)
      await until('payout.paid through the webhook', payoutRow, (p) => p.status === 'paid')
      log(`  payout ${eurPayout.id} paid ${((Date.now() - paidAt) / 1000).toFixed(1)} s after Stripe's payout.paid`)
      await admin.goto(`${ctx.server.url}/admin/collections/payouts/${eurPayout.id}`, { waitUntil: 'domcontentloaded' })
      const paidLine = admin.locator('[data-testid="audit-line"][data-to="paid"]')
      await paidLine.waitFor()
      assert.match(await paidLine.innerText(), /processing\s*→\s*paid\s*Stripe/, 'the audit trail says Stripe paid it')
      await shot(admin, 'money-admin-payout-paid.png')
    } finally {
      await admin.context().close().catch(() => undefined)
    }

    // The creator: the USD balance is back, the payouts list shows both statuses.
    await page.reload({ waitUntil: 'domcontentloaded' })
    await page.locator('[data-testid="creator-money"]').waitFor()
    assert.match(await available(page, 'USD'), /\$75\.00$/, 'the rejected amount is available again')
    const statuses = await page.locator('[data-testid="creator-payout-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))
    assert.deepEqual(statuses, ['rejected', 'paid'], 'payout statuses on the dashboard, newest first')
    const paidRow = (await page.locator('[data-testid="creator-payout-row"][data-status="paid"]').innerText()).replace(/\s+/g, ' ')
    assert.match(paidRow, /€100\.00 paid$/, `the paid payout (${paidRow})`)
    // EUR payouts are possible again (nothing open), from what is left.
    await page.locator('[data-testid="payout-request-EUR"][data-eligible="true"]').waitFor()
    await page.locator('[data-testid="creator-payouts"]').scrollIntoViewIfNeeded()
    await shot(page, 'money-creator-after.png')

    // The bell counts the unread notifications; behind it, "Payout paid".
    const [{ unread }] = await sql<{ unread: string }>(ctx, `SELECT count(*) AS unread FROM notifications n JOIN creators c ON c.user_id = n.user_id WHERE c.id = $1 AND NOT n.read`, [lea.id])
    const [paidNote] = await sql<{ title: string }>(ctx, `SELECT n.title FROM notifications n JOIN creators c ON c.user_id = n.user_id WHERE c.id = $1 AND n.type = 'payout_paid'`, [lea.id])
    assert.ok(paidNote, 'a payout_paid notification for Léa')
    const bell = page.locator('[data-testid="notification-bell"]')
    await page.locator('[data-testid="notification-count"]').waitFor()
    assert.equal(await text(page, 'notification-count'), unread, 'the bell counts the unread notifications')
    await bell.click()
    await page.waitForURL(/\/admin\/collections\/notifications/)
    // Stored in Léa's language (French), shown in the panel's (English here): notifications are rendered on read.
    assert.equal(paidNote.title, 'Versement effectué', 'stored in the language Léa had when it was sent')
    const note = page.locator('table tbody tr', { hasText: 'Payout paid' })
    await note.first().waitFor()
    await page.waitForLoadState('networkidle').catch(() => undefined)
    await shot(page, 'money-creator-notifications.png')
  },
}
