/**
 * An admin's own money actions in the panel (issue 10): on a paid call's payment, "Refund…" shows
 * paid / refunded / the maximum, refuses a partial amount over the maximum and a missing reason
 * beside their fields, then refunds 12.50 after a confirmation step — approved at once (no second
 * admin), made at Stripe by the execute-refund job, with a link to the new refund. A dispute opened
 * meanwhile: the server's refusal is shown and the box then says why nothing can be refunded. On
 * the creator, "Adjust balance…" debits 5.00 with a reason after a confirmation (a book entry only).
 */
import assert from 'node:assert/strict'

import { ADMIN, availableOffer, CREATOR, FAN, loginToDashboard, newPage, type Scenario, shot, sql, text, until } from './helpers'
import { log } from './stack'

const euros = (minor: number) => new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }).format(minor / 100)

export const moneyAdminRefundScenario: Scenario = {
  id: 'money-admin-refund',
  name: 'an admin refunds part of a paid call from its payment (approved at once, made at Stripe) and adjusts the creator’s balance',
  run: async (ctx, use) => {
    const url = ctx.server.url
    // The fan books and pays one of Léa's calls (as in money-refund), then the call is in the past.
    const offer = await availableOffer(ctx.db.url, CREATOR.email)
    const fan = await newPage(ctx)
    assert.equal((await fan.request.post(`${url}/api/users/login`, { data: { email: FAN.email, password: FAN.password } })).status(), 200, 'the fan logs in')
    await fan.goto(`${url}/en/account`, { waitUntil: 'domcontentloaded' })
    const paid = await fan.evaluate(async (offerId) => {
      const json = { method: 'POST', credentials: 'include' as const, headers: { 'content-type': 'application/json' } }
      const checkout = await fetch('/api/bookings/checkout', { ...json, body: JSON.stringify({ offerId }) })
      const bookingId = ((await checkout.json()) as { booking?: { id?: number } }).booking?.id
      if (!bookingId) return { checkout: checkout.status, bookingId, intent: undefined }
      const pay = await fetch(`/api/bookings/${bookingId}/pay-test-card`, { ...json, body: JSON.stringify({ card: '4242424242424242' }) })
      return { checkout: checkout.status, bookingId, intent: ((await pay.json()) as { status?: string }).status }
    }, offer.id)
    await fan.context().close()
    assert.equal(paid.intent, 'succeeded', `the test card pays (${JSON.stringify(paid)})`)
    const payment = await until(
      'the payment confirmed through the webhook',
      async () => (await sql<{ id: number; status: string; amount: string }>(ctx, `SELECT id, status, amount FROM payments WHERE booking_id = $1`, [paid.bookingId]))[0],
      (p) => p?.status === 'succeeded',
    )
    const amount = Number(payment!.amount)
    await sql(ctx, `UPDATE bookings SET status = 'completed', starts_at = now() - interval '3 days', ends_at = now() - interval '3 days' + (ends_at - starts_at) WHERE id = $1`, [paid.bookingId])
    const [admin] = await sql<{ id: number }>(ctx, `SELECT id FROM users WHERE email = $1`, [ADMIN.email])

    const page = use(await newPage(ctx))
    await loginToDashboard(page, ctx.server, ADMIN.email, ADMIN.password)
    await page.goto(`${url}/admin/collections/payments/${payment!.id}`, { waitUntil: 'domcontentloaded' })
    const box = page.locator('[data-testid="refund-start"]')
    await box.locator('[data-testid="refund-start-maximum"]').waitFor()
    assert.equal(await text(page, 'refund-start-paid'), euros(amount), 'paid, in the currency')
    assert.equal(await text(page, 'refund-start-refunded'), euros(0), 'nothing refunded yet')
    assert.equal(await text(page, 'refund-start-maximum'), euros(amount), 'everything can be refunded')

    // Partial, over the maximum and without a reason: both refused beside their fields.
    await page.locator('#refund-start-open').click()
    await box.locator('[data-testid="refund-start-partial"]').check()
    await box.locator('[data-testid="refund-start-amount"]').fill(((amount + 100) / 100).toFixed(2))
    await page.locator('#refund-start-review').click()
    assert.equal(await text(page, 'refund-start-amount-error'), `At most ${euros(amount)} can be refunded.`)
    await box.locator('[data-testid="refund-start-reason-error"]').waitFor()
    await shot(page, 'money-admin-refund-start-errors.png')

    // 12.50 with a reason: review, confirm.
    await box.locator('[data-testid="refund-start-amount"]').fill('12.50')
    await box.locator('[data-testid="refund-start-reason"]').fill('Goodwill: the sound dropped twice.')
    await page.locator('#refund-start-review').click()
    assert.ok((await text(page, 'refund-start-confirm')).includes(euros(1250)), 'the confirmation names the amount')
    await shot(page, 'money-admin-refund-start-confirm.png')
    await page.locator('#refund-start-send').click()
    await box.locator('[data-testid="refund-start-created"]').waitFor()
    const [refund] = await sql<{ id: number; amount: string; status: string; policy: string; decided_by_id: number }>(ctx, `SELECT id, amount, status, policy, decided_by_id FROM refunds WHERE booking_id = $1`, [paid.bookingId])
    assert.ok(refund && Number(refund.amount) === 1250 && refund.policy === 'manual' && refund.decided_by_id === admin!.id && refund.status !== 'requested', `approved at once (${JSON.stringify(refund)})`)
    assert.equal(await box.locator('[data-testid="refund-start-created"] a').getAttribute('href'), `/admin/collections/refunds/${refund.id}`, 'a link to the new refund')
    await until('the execute-refund job', async () => (await sql<{ status: string }>(ctx, 'SELECT status FROM refunds WHERE id = $1', [refund.id]))[0]!.status, (s) => s === 'succeeded')
    await page.reload({ waitUntil: 'domcontentloaded' })
    await until('the refunded figure', () => text(page, 'refund-start-refunded'), (shown) => shown === euros(1250))
    assert.equal(await text(page, 'refund-start-maximum'), euros(amount - 1250))
    await shot(page, 'money-admin-refund-start-done.png')

    // A dispute opened since the page loaded: the server refuses, the box says why.
    await page.locator('#refund-start-open').click()
    await box.locator('[data-testid="refund-start-reason"]').fill('The rest, as agreed with the fan.')
    await page.locator('#refund-start-review').click()
    await sql(ctx, `UPDATE payments SET dispute_status = 'open' WHERE id = $1`, [payment!.id])
    try {
      await page.locator('#refund-start-send').click()
      await box.locator('[data-testid="refund-start-blocked"]').waitFor()
      assert.ok((await text(page, 'refund-start-error')).includes('dispute'), 'the server’s refusal is shown')
      assert.ok((await text(page, 'refund-start-blocked')).includes('dispute'), 'the box names the dispute')
      assert.ok(await page.locator('#refund-start-open').isDisabled(), 'no refund while the dispute is open')
      await shot(page, 'money-admin-refund-start-disputed.png')
    } finally {
      await sql(ctx, `UPDATE payments SET dispute_status = 'none' WHERE id = $1`, [payment!.id])
    }

    // The creator's balance: debit 5.00 with a reason, after a confirmation.
    const [creator] = await sql<{ id: number }>(ctx, `SELECT c.id FROM creators c JOIN users u ON u.id = c.user_id WHERE u.email = $1`, [CREATOR.email])
    await page.goto(`${url}/admin/collections/creators/${creator!.id}`, { waitUntil: 'domcontentloaded' })
    const adjust = page.locator('[data-testid="balance-adjust"]')
    await page.locator('#balance-adjust-open').click()
    await adjust.locator('[data-testid="balance-adjust-amount"]').fill('-5.00')
    await adjust.locator('[data-testid="balance-adjust-reason"]').fill('E2E correction of the creator’s balance')
    await page.locator('#balance-adjust-review').click()
    assert.ok((await text(page, 'balance-adjust-confirm')).includes(`Debit the creator ${euros(500)}`), 'the confirmation says debit and the amount')
    await page.locator('#balance-adjust-send').click()
    await adjust.locator('[data-testid="balance-adjust-done"]').waitFor()
    const [entry] = await sql<{ amount: string; memo: string; created_by_id: number }>(ctx, `SELECT amount, memo, created_by_id FROM ledger_entries WHERE creator_id = $1 AND type = 'adjustment' ORDER BY id DESC LIMIT 1`, [creator!.id])
    assert.ok(entry && Number(entry.amount) === -500 && entry.created_by_id === admin!.id, `one adjustment entry (${JSON.stringify(entry)})`)
    await shot(page, 'money-admin-balance-adjusted.png')
    log(`  refund ${refund.id} of ${euros(1250)} made; creator ${creator!.id} debited ${euros(500)}`)
  },
}
