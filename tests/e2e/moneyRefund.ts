/**
 * Refunds and the admin's money view (issue 10): a fan who paid for a call (a real checkout against
 * the Stripe emulator; the call then moved into the past as completed, by fixture) asks for a
 * refund from their history with a reason and a confirmation step; an admin approves it in the
 * admin panel (confirmation first); the execute-refund job refunds it at Stripe and the fan sees
 * "Refunded" on the booking and "You have been refunded" among the notifications. Then the admin
 * dashboard's money figures match the database, and the payments list behind "Gross volume"
 * exports as CSV with its filter through the import-export plugin's "Export" drawer.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'

import { acceptDialogs, ADMIN, availableOffer, CREATOR, FAN, loginToDashboard, newPage, type Scenario, shot, sql, text, until } from './helpers'
import { axeCheck } from './journey'
import { log } from './stack'

const REASON = 'The creator’s connection dropped after ten minutes and never came back.'

/** The fields of a CSV text (RFC 4180 quoting), row by row. */
const parseCsv = (csv: string): string[][] => {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const endField = () => {
    row.push(field)
    field = ''
  }
  const endRow = () => {
    endField()
    rows.push(row)
    row = []
  }
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i]!
    if (quoted) {
      if (c === '"' && csv[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') endField()
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && csv[i + 1] === '\n') i++
      endRow()
    } else field += c
  }
  if (field || row.length) endRow()
  return rows
}

const euros = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100)

export const moneyRefundScenario: Scenario = {
  id: 'money-refund',
  name: 'fan requests a refund from their history, an admin approves it, the fan sees it refunded; the admin dashboard figures and a CSV export',
  run: async (ctx, use) => {
    const url = ctx.server.url
    // The fan books and pays one of Léa's calls (the API the booking page uses, with a test card).
    const offer = await availableOffer(ctx.db.url, CREATOR.email)
    const page = use(await newPage(ctx))
    const login = await page.request.post(`${url}/api/users/login`, { data: { email: FAN.email, password: FAN.password } })
    assert.equal(login.status(), 200, 'the fan logs in')
    await page.goto(`${url}/en/account`, { waitUntil: 'domcontentloaded' })
    // From the page: Payload takes the session cookie only from same-origin browser requests.
    // (No named functions inside evaluate: tsx would wrap them in a helper the page does not have.)
    const paid = await page.evaluate(async (offerId) => {
      const json = { method: 'POST', credentials: 'include' as const, headers: { 'content-type': 'application/json' } }
      const checkout = await fetch('/api/bookings/checkout', { ...json, body: JSON.stringify({ offerId }) })
      const bookingId = ((await checkout.json()) as { booking?: { id?: number } }).booking?.id
      if (!bookingId) return { checkout: checkout.status, bookingId, pay: 0, intent: undefined }
      const pay = await fetch(`/api/bookings/${bookingId}/pay-test-card`, { ...json, body: JSON.stringify({ card: '4242424242424242' }) })
      return { checkout: checkout.status, bookingId, pay: pay.status, intent: ((await pay.json()) as { status?: string }).status }
    }, offer.id)
    assert.ok(paid.checkout === 200 || paid.checkout === 201, `checkout (${JSON.stringify(paid)})`)
    assert.equal(paid.intent, 'succeeded', `the test card pays (${JSON.stringify(paid)})`)
    const bookingId = paid.bookingId!
    const payment = await until(
      'the payment confirmed through the webhook',
      async () => (await sql<{ id: number; status: string; booking: string; amount: string }>(ctx, `SELECT p.id, p.status, b.status AS booking, p.amount FROM payments p JOIN bookings b ON b.id = p.booking_id WHERE p.booking_id = $1`, [bookingId]))[0],
      (p) => p?.status === 'succeeded' && p.booking === 'confirmed',
    )
    const amount = Number(payment!.amount)
    // The call took place three days ago (fixture): past its free cancellation, so refunds are for an admin to decide.
    await sql(
      ctx,
      `UPDATE bookings SET status = 'completed', starts_at = now() - interval '3 days', ends_at = now() - interval '3 days' + (ends_at - starts_at), completed_at = now() - interval '3 days' WHERE id = $1`,
      [bookingId],
    )

    // The fan asks for a refund from their history: reason, review, send.
    await page.goto(`${url}/en/account/history`, { waitUntil: 'networkidle' })
    const row = page.locator(`[data-testid="history-bookings"] [data-booking-id="${bookingId}"]`)
    await row.waitFor()
    assert.equal(await row.getAttribute('data-status'), 'completed')
    await row.locator('[data-testid="request-refund"]').click()
    await row.locator('[data-testid="refund-continue"]').click()
    await row.locator('[data-testid="refund-reason"][aria-invalid="true"]').waitFor()
    await row.locator('[data-testid="refund-reason"]').fill(REASON)
    await row.locator('[data-testid="refund-continue"]').click()
    await row.locator('[data-testid="refund-confirm"]').waitFor()
    assert.equal((await row.locator('[data-testid="refund-reason-review"]').innerText()).trim(), REASON, 'the reason is shown for review')
    await axeCheck(page, 'history with the refund confirmation')
    await shot(page, 'money-fan-refund-confirm.png')
    await row.locator('[data-testid="refund-send"]').click()
    await row.locator('[data-testid="refund-sent"]').waitFor()
    // The page refreshes on its own: the request is pending, no second one can be asked.
    await row.locator('[data-testid="refund-pending"]').waitFor()
    assert.equal(await row.locator('[data-testid="request-refund"]').count(), 0, 'no second request')
    await shot(page, 'money-fan-refund-requested.png')
    const [refund] = await sql<{ id: number; status: string; amount: string; reason: string }>(ctx, `SELECT id, status, amount, reason FROM refunds WHERE booking_id = $1`, [bookingId])
    assert.ok(refund && refund.status === 'requested' && Number(refund.amount) === amount && refund.reason === REASON, `a requested refund of everything paid (${JSON.stringify(refund)})`)

    // An admin approves it (with confirmation); the job refunds it at Stripe.
    const admin = await newPage(ctx)
    try {
      const asked = acceptDialogs(admin)
      await loginToDashboard(admin, ctx.server, ADMIN.email, ADMIN.password)
      await admin.goto(`${url}/admin/collections/refunds/${refund.id}`, { waitUntil: 'domcontentloaded' })
      await admin.locator('[data-testid="refund-actions"]').waitFor()
      await shot(admin, 'money-admin-refund-requested.png')
      await admin.locator('#refund-actions-primary').click()
      await admin.locator('[data-testid="refund-actions"]').waitFor({ state: 'detached' })
      assert.ok(asked.some((m) => m.includes(euros(amount))), `asked to confirm the refund of ${euros(amount)} (${asked.join(' | ')})`)
      const approvedAt = Date.now()
      await until('the execute-refund job', async () => (await sql<{ status: string }>(ctx, 'SELECT status FROM refunds WHERE id = $1', [refund.id]))[0]!.status, (s) => s === 'succeeded')
      log(`  refund ${refund.id} succeeded ${((Date.now() - approvedAt) / 1000).toFixed(1)} s after the approval`)
      await admin.reload({ waitUntil: 'domcontentloaded' })
      await admin.locator('.document-fields__sidebar', { hasText: 'succeeded' }).first().waitFor()
      await shot(admin, 'money-admin-refund-succeeded.png')

      // The fan sees it refunded: on the booking, and notified.
      await page.goto(`${url}/en/account/history`, { waitUntil: 'networkidle' })
      await row.locator('[data-testid="refunded"]').waitFor()
      assert.equal(await text(page, 'refunded'), 'Refunded')
      assert.equal(await row.locator('[data-testid="request-refund"]').count(), 0, 'nothing left to ask for')
      await axeCheck(page, 'history with a refunded call')
      await shot(page, 'money-fan-refunded.png')
      assert.ok(Number(await text(page, 'notification-count')) >= 1, 'the bell counts the news')
      await page.goto(`${url}/en/account/notifications`, { waitUntil: 'networkidle' })
      const news = page.locator('[data-testid="notification"]', { hasText: 'You have been refunded' }).first()
      await news.waitFor()
      assert.ok((await news.innerText()).includes(euros(amount)), `the notification names the amount (${await news.innerText()})`)
      await axeCheck(page, 'notifications with the refund')
      await shot(page, 'money-fan-notifications.png')

      // The admin dashboard's money figures, as the database has them. The web process reuses its
      // sums for 5 s and the refund was written by the jobs worker (another process), so the page
      // may show the previous sums until then (README: Admin dashboard).
      const [refunds] = await sql<{ n: string; total: string }>(ctx, `SELECT count(*) AS n, coalesce(sum(amount), 0) AS total FROM refunds WHERE currency = 'EUR' AND status = 'succeeded'`)
      await until(
        'the dashboard shows the refund (sums reused for at most 5 s)',
        async () => {
          await admin.goto(`${url}/admin`, { waitUntil: 'domcontentloaded' })
          await admin.locator('[data-testid="admin-money-dashboard"]').waitFor()
          return text(admin, 'dashboard-EUR-refunds')
        },
        (shown) => shown === `${euros(Number(refunds!.total))} (${refunds!.n})`,
        12_000,
      )
      const [gross] = await sql<{ n: string; total: string }>(ctx, `SELECT count(*) AS n, coalesce(sum(amount), 0) AS total FROM payments WHERE currency = 'EUR' AND status IN ('succeeded', 'partially_refunded', 'refunded')`)
      const [waiting] = await sql<{ n: string; total: string }>(ctx, `SELECT count(*) AS n, coalesce(sum(amount), 0) AS total FROM refunds WHERE currency = 'EUR' AND status = 'requested'`)
      assert.ok(Number(refunds!.total) >= amount, 'our refund is among the EUR refunds')
      assert.equal(await text(admin, 'dashboard-EUR-grossVolume'), `${euros(Number(gross!.total))} (${gross!.n})`, 'gross volume in EUR')
      assert.equal(await text(admin, 'dashboard-EUR-refunds'), `${euros(Number(refunds!.total))} (${refunds!.n})`, 'refunds in EUR')
      assert.equal(await text(admin, 'dashboard-EUR-openRefundRequests'), `${euros(Number(waiting!.total))} (${waiting!.n})`, 'refund requests waiting')
      await admin.locator('[data-testid="admin-money-dashboard"]').scrollIntoViewIfNeeded()
      await shot(admin, 'money-admin-dashboard.png')

      // "Gross volume" opens the payments behind it; the plugin's Export drawer downloads them as CSV with that filter.
      await admin.locator('[data-testid="dashboard-EUR-grossVolume"]').click()
      await admin.waitForURL(/\/admin\/collections\/payments\?/)
      await admin.locator('table tbody tr').first().waitFor()
      assert.equal(await admin.locator('table tbody tr').count(), Math.min(Number(gross!.n), 10), 'the list shows the filtered payments')
      await admin.locator('#list-menu .popup-button').click()
      await admin.getByText('Export Payments', { exact: true }).click()
      const drawer = admin.locator('.drawer__content').last()
      await drawer.getByText('Use current filters').waitFor()
      assert.ok(await drawer.getByRole('radio', { name: 'Use current filters' }).isChecked(), '"Use current filters" is chosen')
      // Every filtered row, not the list's first page (the plugin's own field would copy the page size, 10).
      assert.equal(await drawer.locator('input[name="limit"]').inputValue(), '', 'no limit: not the list’s page size')
      assert.equal(await drawer.locator('input[name="page"]').count(), 0, 'no page to choose')
      // Download stays disabled until the form is touched: name the file.
      await drawer.locator('input[name="name"]').fill('e2e-eur-payments')
      // The plugin's preview (debounced) counts what the file will hold.
      const previewCount = async () => Number(/(\d+) documents? to export/.exec(await drawer.innerText())?.[1] ?? NaN)
      const counted = await until('the export preview', previewCount, (n) => n === Number(gross!.n), 5_000).catch(async () => previewCount())
      if (counted !== Number(gross!.n)) log(`  the export preview says ${counted} documents, the filter holds ${gross!.n}`)
      await shot(admin, 'money-admin-export.png')
      const [download] = await Promise.all([admin.waitForEvent('download'), drawer.getByRole('button', { name: 'Download' }).click()])
      assert.equal(download.suggestedFilename(), 'e2e-eur-payments-payments.csv')
      const rows = parseCsv(readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '')).filter((r) => r.some(Boolean))
      const [header, ...data] = rows
      for (const column of ['id', 'amount', 'currency', 'status']) assert.ok(header!.includes(column), `the CSV has a "${column}" column (${header!.join(',')})`)
      const col = (name: string) => header!.indexOf(name)
      assert.equal(data.length, Number(gross!.n), `one row per filtered payment (${data.length})`)
      assert.ok(data.every((r) => r[col('currency')] === 'EUR'), 'only EUR payments (the filter)')
      const ours = data.find((r) => r[col('id')] === String(payment!.id))
      assert.ok(ours, `our payment ${payment!.id} is in the file`)
      assert.equal(ours[col('status')], 'refunded')
      // In currency units, as the panel shows it ("80.00" beside EUR), not the stored minor units.
      assert.equal(ours[col('amount')], (amount / 100).toFixed(2))
      log(`  CSV: ${data.length} EUR payments, header ${header!.slice(0, 6).join(',')}…`)
    } catch (error) {
      // The fan's page is the one the runner shoots on failure; show the admin's too.
      await shot(admin, 'failure-money-refund-admin.png').catch(() => undefined)
      throw error
    } finally {
      await admin.context().close().catch(() => undefined)
    }
  },
}
