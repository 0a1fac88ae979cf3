/** The shared email layout: one column, inline styles (email clients ignore <style>), text twin. */
import type { FormatContext } from '@/i18n/format'
import type { Locale } from '@/i18n/locale'

export type RenderedEmail = { subject: string; html: string; text: string }

/** What a template says: the layout turns it into subject, HTML and text. */
export type EmailCopy = { subject: string; heading: string; paragraphs: string[]; action?: { label: string; url: string } }

export const escapeHtml = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

const FOOTER: Record<Locale, string> = {
  en: 'You receive this email because you have a Callastar account. Manage email preferences in your account settings.',
  fr: 'Vous recevez cet e-mail car vous avez un compte Callastar. Gérez vos préférences e-mail dans les paramètres de votre compte.',
}

/** Builds subject + HTML + text from plain paragraphs; every dynamic value is escaped here. */
export const renderLayout = (ctx: FormatContext, { subject, heading, paragraphs: lines, action }: EmailCopy): RenderedEmail => {
  const paragraphs = lines.map((p) => `<p style="margin:0 0 16px;font-size:16px;line-height:24px;color:#1f2937">${escapeHtml(p)}</p>`).join('')
  const button = action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="background:#6d28d9;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(action.label)}</a></p>`
    : ''
  const html = `<!doctype html><html lang="${ctx.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;padding:24px 0"><tr><td align="center">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;width:100%;background:#ffffff;border-radius:8px;padding:32px">
<tr><td><p style="margin:0 0 24px;font-size:20px;font-weight:700;color:#6d28d9">Callastar</p>
<h1 style="margin:0 0 16px;font-size:22px;color:#111827">${escapeHtml(heading)}</h1>${paragraphs}${button}
<p style="margin:32px 0 0;font-size:12px;line-height:18px;color:#6b7280">${escapeHtml(FOOTER[ctx.locale])}</p></td></tr>
</table></td></tr></table></body></html>`
  const text = [heading, '', ...lines, ...(action ? ['', `${action.label}: ${action.url}`] : []), '', '—', FOOTER[ctx.locale]].join('\n')
  return { subject, html, text }
}
