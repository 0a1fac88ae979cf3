/**
 * The HTML pages the emulator serves to browsers: hosted onboarding (standing in for Stripe's) and receipts.
 */
import type http from 'node:http'

import { completeOnboarding, getAccount } from './accounts'
import { escapeHtml, nowSeconds } from './helpers'
import type { EmulatorState } from './state'

export const html = (res: http.ServerResponse, status: number, title: string, content: string) => {
  res
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
    .end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><meta name="viewport" content="width=device-width, initial-scale=1"><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1f36}button{background:#635bff;color:#fff;border:0;border-radius:6px;padding:.75rem 1.25rem;font-size:1rem;cursor:pointer}a{color:#635bff}.note{color:#697386;font-size:.9rem}</style></head><body>${content}</body></html>`,
    )
}

const redirect = (res: http.ServerResponse, location: string, status = 303) => res.writeHead(status, { location }).end()

export const onboardingPage = (state: EmulatorState, res: http.ServerResponse, accountId: string, token: string | null) => {
  const link = token ? state.accountLinks.get(token) : undefined
  if (!link || link.account !== accountId) return html(res, 404, 'Invalid link', '<h1>This onboarding link is invalid.</h1>')
  if (link.visited || link.completed || link.expiresAt < nowSeconds()) {
    if (link.refreshUrl) return redirect(res, link.refreshUrl, 302)
    return html(res, 410, 'Link expired', '<h1>This onboarding link has expired or was already used.</h1>')
  }
  link.visited = true
  const account = getAccount(state, accountId)
  html(
    res,
    200,
    'Stripe emulator — onboarding',
    `<h1>Set up payouts</h1><p>Connected account <code>${escapeHtml(account.id)}</code> (${escapeHtml(account.country)}, ${escapeHtml(account.type)}).</p>` +
      `<p class="note">This page stands in for Stripe's hosted onboarding. Completing it marks the account as verified, with charges and payouts enabled and a test bank account.</p>` +
      `<form method="post" action="/emulator/onboarding/${encodeURIComponent(account.id)}/complete"><input type="hidden" name="link" value="${escapeHtml(token ?? '')}"><button type="submit">Complete onboarding</button></form>` +
      (link.returnUrl ? `<p class="note"><a href="${escapeHtml(link.returnUrl)}">Leave without finishing</a></p>` : ''),
  )
}

export const completeOnboardingFromPage = (state: EmulatorState, res: http.ServerResponse, accountId: string, token: string | null) => {
  const link = token ? state.accountLinks.get(token) : undefined
  if (!link || link.account !== accountId || link.completed || link.expiresAt < nowSeconds()) {
    if (link?.refreshUrl) return redirect(res, link.refreshUrl)
    return html(res, 400, 'Link expired', '<h1>This onboarding link has expired or was already used.</h1>')
  }
  link.completed = true
  completeOnboarding(state, accountId)
  if (link.returnUrl) return redirect(res, link.returnUrl)
  html(res, 200, 'Onboarding complete', '<h1>Onboarding complete.</h1><p>You can close this page.</p>')
}
