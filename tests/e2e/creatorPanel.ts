/**
 * Issue 12, "Panel, for creators", in the admin panel as Léa (Europe/Paris), in English and in
 * French: her profile one click from the dashboard, edited; an offer created at 14:05 in her zone for
 * 25.50 (stored 13:05Z in winter); the overlap error naming the other offer in her time; the booking
 * view with the fan's name and Join; a call request answered in the panel's modal. Screenshots at
 * 1440 and 375 px.
 */
import assert from 'node:assert/strict'
import type { Page } from 'playwright-core'

import { CREATOR, type Ctx, FAN2, loginToDashboard, type Scenario, shot, sql, text } from './helpers'

type Lang = 'en' | 'fr'

const T = {
  en: { profile: 'My profile', saved: /Updated successfully|successfully/i, overlap: 'This time overlaps your offer', accept: 'Accept', acceptHeading: 'Accept this call request?' },
  fr: { profile: 'Mon profil', saved: /succès|mis à jour/i, overlap: 'Ce créneau chevauche votre offre', decline: 'Refuser', declineHeading: 'Refuser cette demande d’appel ?' },
} as const

const pageIn = async (ctx: Ctx, lang: Lang): Promise<Page> => {
  const context = await ctx.browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: lang === 'fr' ? 'fr-FR' : 'en-US', timezoneId: 'America/New_York' })
  context.setDefaultTimeout(20_000)
  // Léa's account is French; the panel's language is picked in the panel here (Payload's payload-lng cookie), as a person would.
  await context.addCookies([{ name: 'payload-lng', value: lang, url: ctx.server.url }])
  return context.newPage()
}

/** Both widths of one view: 1440 px as the page is, then 375 px (a phone), back to 1440. */
const shots = async (page: Page, name: string) => {
  await shot(page, `${name}-1440.png`)
  await page.setViewportSize({ width: 375, height: 812 })
  await page.waitForTimeout(300)
  await shot(page, `${name}-375.png`)
  await page.setViewportSize({ width: 1440, height: 1000 })
}

const save = async (page: Page) => {
  await page.locator('#action-save').click()
}

/** Picks day `day` of December `year` and the time `hh:mm` in the offer's start picker; returns the time column's title. */
const pickStart = async (page: Page, year: number, day: number, time: string): Promise<string> => {
  const field = page.locator('[data-testid="offer-start-field"]')
  await field.locator('input').first().click()
  await page.locator('.react-datepicker__year-select').selectOption(String(year))
  await page.locator('.react-datepicker__month-select').selectOption('11')
  await page.locator(`.react-datepicker__day--0${String(day).padStart(2, '0')}:not(.react-datepicker__day--outside-month)`).first().click()
  const caption = (await page.locator('.react-datepicker-time__header').first().innerText()).trim()
  const item = page.locator('li.react-datepicker__time-list-item', { hasText: new RegExp(`^${time}$`) })
  await item.scrollIntoViewIfNeeded()
  await item.click()
  return caption
}

const scenario = (lang: Lang): Scenario => ({
  id: `creator-panel-${lang}`,
  name: `creator panel in ${lang === 'en' ? 'English' : 'French'}: own profile, an offer at 14:05 in her zone, the overlap named, a booking with Join, a call request answered in a modal`,
  run: async (ctx, use) => {
    const t = T[lang]
    const page = use(await pageIn(ctx, lang))
    await loginToDashboard(page, ctx.server, CREATOR.email, CREATOR.password)
    // The dashboard: profile link, upcoming calls with the fan and Join.
    const upcoming = page.locator('[data-testid="upcoming-call"]').first()
    await upcoming.waitFor()
    assert.equal(await text(page, 'upcoming-call-fan'), 'Sam Fan', 'the upcoming call names the fan')
    assert.match(await page.locator('[data-testid="upcoming-call-page"]').first().getAttribute('href') ?? '', new RegExp(`^/${lang}/call/\\d+$`))
    await shots(page, `creator-panel-${lang}-dashboard`)

    // 1. The own profile, one click away, with its payment and payout fields filled; edited.
    await page.getByRole('link', { name: t.profile }).click()
    await page.waitForURL(/\/admin\/collections\/creators\/\d+$/)
    const minimum = page.locator('input[name="payoutMinimum"]')
    await minimum.waitFor()
    const status = (await page.locator('#field-stripeAccountStatus').innerText()).trim()
    assert.match(status, lang === 'en' ? /Enabled/ : /Actif/, `payment account status shown as a word (${status})`)
    const bio = `Bio saved in ${lang} at ${new Date().toISOString()}`
    await page.locator('textarea[name="bio"]').fill(bio)
    await minimum.fill(lang === 'en' ? '40.00' : '45.00')
    await save(page)
    await page.locator('[data-sonner-toast]', { hasText: t.saved }).first().waitFor()
    await page.reload({ waitUntil: 'domcontentloaded' })
    await page.locator('textarea[name="bio"]').waitFor()
    assert.equal(await page.locator('textarea[name="bio"]').inputValue(), bio, 'the bio was saved')
    assert.equal(await minimum.inputValue(), lang === 'en' ? '40.00' : '45.00', 'the payout minimum shows its saved value')
    assert.ok((await page.locator('#field-payoutSchedule').innerText()).trim().length > 0, 'the payout schedule shows its value')
    await shots(page, `creator-panel-${lang}-profile`)
    // The creators list holds her profile.
    await page.goto(`${ctx.server.url}/admin/collections/creators`, { waitUntil: 'domcontentloaded' })
    const rows = page.locator('table tbody tr')
    await rows.first().waitFor()
    assert.equal(await rows.count(), 1, 'the creators list shows exactly her own profile')
    assert.match(await rows.first().innerText(), /Léa Martin/)

    // 2. An offer at 14:05 in her zone (Europe/Paris; the browser is in New York), 25.50.
    const year = new Date().getUTCFullYear() + 1
    const day = lang === 'en' ? 3 : 4
    const title = `Masterclass ${lang}`
    await page.goto(`${ctx.server.url}/admin/collections/offers/create`, { waitUntil: 'domcontentloaded' })
    await page.locator('input[name="title"]').fill(title)
    assert.equal(await text(page, 'offer-start-zone'), lang === 'en' ? 'Time zone: Europe/Paris' : 'Fuseau horaire : Europe/Paris')
    const caption = await pickStart(page, year, day, '14:05')
    assert.equal(caption, lang === 'en' ? 'Time' : 'Heure', 'the time column is titled in the reader’s language')
    await page.locator('input[name="price"]').fill('25.50')
    await shots(page, `creator-panel-${lang}-offer-form`)
    await save(page)
    await page.waitForURL(/\/admin\/collections\/offers\/\d+$/)
    const [stored] = await sql<{ starts_at: Date; price: string }>(ctx, `SELECT starts_at, price FROM offers WHERE title = $1`, [title])
    assert.ok(stored, 'the offer is stored')
    assert.equal(new Date(stored.starts_at).toISOString(), `${year}-12-0${day}T13:05:00.000Z`, '14:05 in Paris is 13:05Z in winter')
    assert.equal(Number(stored.price), 2550, '25.50 is stored as 2550 minor units')
    const shown = await page.locator('[data-testid="offer-start-field"] input').first().inputValue()
    assert.match(shown, /14:05/, `the saved start reads 14:05 in her zone (${shown})`)

    // 3. An overlapping offer: the error names the other offer, in her time, next to the field.
    await page.goto(`${ctx.server.url}/admin/collections/offers/create`, { waitUntil: 'domcontentloaded' })
    await page.locator('input[name="title"]').fill(`Clash ${lang}`)
    await pickStart(page, year, day, '14:15')
    await page.locator('input[name="price"]').fill('25.50')
    await save(page)
    const error = page.locator('[data-testid="offer-start-field"] .field-error', { hasText: t.overlap })
    await error.waitFor({ state: 'attached' })
    const message = (await error.textContent())?.trim() ?? ''
    assert.ok(message.includes(title) && message.includes('14:05') && message.includes('Europe/Paris'), `the overlap names "${title}" at 14:05 Europe/Paris (${message})`)
    await page.locator('[data-testid="offer-start-field"]').hover()
    await shots(page, `creator-panel-${lang}-overlap`)

    // 4. A confirmed booking still ahead (the call scenarios leave past ones confirmed until the completion job): the fan's name, Join (or when it opens), cancel with the policy in a modal.
    const [booking] = await sql<{ id: number }>(
      ctx,
      `SELECT b.id FROM bookings b JOIN creators c ON c.id = b.creator_id JOIN users u ON u.id = c.user_id WHERE u.email = $1 AND b.status = 'confirmed' AND b.starts_at > now() + interval '1 hour' ORDER BY b.starts_at LIMIT 1`,
      [CREATOR.email],
    )
    assert.ok(booking, 'Léa has a confirmed booking')
    await page.goto(`${ctx.server.url}/admin/collections/bookings/${booking.id}`, { waitUntil: 'domcontentloaded' })
    await page.locator('[data-testid="booking-actions"]').waitFor()
    assert.equal(await text(page, 'booking-fan-name'), 'Sam Fan')
    assert.equal(await page.locator('[data-testid="booking-join"]').getAttribute('href'), `/${lang}/call/${booking.id}`)
    assert.match(await text(page, 'booking-when'), /Europe\/Paris/)
    assert.ok((await text(page, 'booking-cancel-policy')).length > 10, 'the cancellation policy is stated')
    await page.locator('#booking-cancel-open').click()
    await page.locator('[data-testid="booking-cancel-reason"]').waitFor()
    await shots(page, `creator-panel-${lang}-booking-cancel`)
    await page.locator('#confirm-cancel').click()
    await page.locator('[data-testid="booking-cancel-reason"]').waitFor({ state: 'detached' })
    await shots(page, `creator-panel-${lang}-booking`)

    // 5. A call request answered in the panel's modal (English: Sam's, accepted; French: a new one from Alex, declined).
    let requestId: number
    if (lang === 'en') {
      const [row] = await sql<{ id: number }>(ctx, `SELECT cr.id FROM call_requests cr JOIN creators c ON c.id = cr.creator_id JOIN users u ON u.id = c.user_id WHERE u.email = $1 AND cr.status = 'pending' ORDER BY cr.id LIMIT 1`, [CREATOR.email])
      assert.ok(row, 'a pending call request for Léa')
      requestId = row.id
    } else {
      const login = await fetch(`${ctx.server.url}/api/users/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: FAN2.email, password: FAN2.password }) })
      const { token } = (await login.json()) as { token: string }
      const [creator] = await sql<{ id: number }>(ctx, `SELECT c.id FROM creators c JOIN users u ON u.id = c.user_id WHERE u.email = $1`, [CREATOR.email])
      const res = await fetch(`${ctx.server.url}/api/call-requests`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
        body: JSON.stringify({ creator: creator!.id, proposedStart: new Date(Date.now() + 6 * 86_400_000).toISOString(), durationMinutes: 30, proposedPrice: 4000, message: 'Pourrions-nous parler de mon album ?' }),
      })
      assert.equal(res.status, 201, `Alex proposes a call (${res.status})`)
      requestId = ((await res.json()) as { doc: { id: number } }).doc.id
    }
    await page.goto(`${ctx.server.url}/admin/collections/call-requests/${requestId}`, { waitUntil: 'domcontentloaded' })
    await page.locator('[data-testid="call-request-actions"]').waitFor()
    let dialogs = 0
    page.on('dialog', (d) => {
      dialogs++
      void d.dismiss()
    })
    await page.locator(lang === 'en' ? '#call-request-accept' : '#call-request-decline').click()
    const heading = page.locator('.confirmation-modal h1')
    await heading.waitFor()
    assert.equal((await heading.innerText()).trim(), lang === 'en' ? T.en.acceptHeading : T.fr.declineHeading)
    const box = page.locator(lang === 'en' ? '[data-testid="call-request-accept-message"]' : '[data-testid="call-request-decline-reason"]')
    await box.fill(lang === 'en' ? 'See you then!' : 'Je suis en tournée cette semaine, désolée.')
    await shots(page, `creator-panel-${lang}-call-request-modal`)
    await page.locator('#confirm-action').click()
    const expected = lang === 'en' ? 'accepted' : 'rejected'
    for (let i = 0; i < 40; i++) {
      const [row] = await sql<{ status: string; response: string | null }>(ctx, `SELECT status, response FROM call_requests WHERE id = $1`, [requestId])
      if (row?.status === expected) {
        assert.equal(row.response, lang === 'en' ? 'See you then!' : 'Je suis en tournée cette semaine, désolée.')
        break
      }
      assert.ok(i < 39, `the call request became ${expected} (still ${row?.status})`)
      await page.waitForTimeout(250)
    }
    assert.equal(dialogs, 0, 'no browser dialog (window.confirm) was used')
    await page.locator('[data-testid="call-request-actions"]').waitFor({ state: 'detached' })
    await shots(page, `creator-panel-${lang}-call-request-answered`)
  },
})

export const creatorPanelScenarios: Scenario[] = [scenario('en'), scenario('fr')]
