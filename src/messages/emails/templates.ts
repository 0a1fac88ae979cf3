/**
 * Email texts, en and fr side by side. Each template has sample data: the i18n unit test renders
 * every template with it and checks both languages carry the same values. Notification emails
 * carry the already-translated notification (src/messages/notifications).
 */
import type { FormatContext } from '@/i18n/format'
import { formatEmailDateTime } from '@/i18n/format'
import type { Locale } from '@/i18n/locale'
import { now } from '@/lib/clock'
import { serverUrl } from '@/lib/env'

import { renderLayout, type EmailCopy, type RenderedEmail } from './layout'

export type EmailTemplate<D> = { sample: D } & Record<Locale, (data: D, ctx: FormatContext) => EmailCopy>

/** Declares a template with its data type inferred from `sample`. */
const email = <D>(template: EmailTemplate<D>): EmailTemplate<D> => template

const absolute = (link: string): string => (link.startsWith('http') ? link : `${serverUrl()}${link}`)

export const EMAILS = {
  welcome: email({
    sample: { name: 'Sam Rivera', role: 'fan' },
    en: ({ name, role }, ctx) => ({
      subject: 'Welcome to Callastar',
      heading: `Welcome, ${name}!`,
      paragraphs: [
        role === 'creator'
          ? 'Your creator account is ready. Complete your profile, connect your payment account and publish your first call slots.'
          : 'Your account is ready. Find a creator you love and book a 1:1 video call with them.',
        `Account created on ${formatEmailDateTime(now(), ctx)}.`,
      ],
      action: { label: role === 'creator' ? 'Open my creator dashboard' : 'Discover creators', url: absolute(role === 'creator' ? '/admin' : '/') },
    }),
    fr: ({ name, role }, ctx) => ({
      subject: 'Bienvenue sur Callastar',
      heading: `Bienvenue, ${name} !`,
      paragraphs: [
        role === 'creator'
          ? 'Votre compte créateur est prêt. Complétez votre profil, connectez votre compte de paiement et publiez vos premiers créneaux.'
          : 'Votre compte est prêt. Trouvez un créateur que vous aimez et réservez un appel vidéo en tête-à-tête.',
        `Compte créé le ${formatEmailDateTime(now(), ctx)}.`,
      ],
      action: { label: role === 'creator' ? 'Ouvrir mon tableau de bord' : 'Découvrir les créateurs', url: absolute(role === 'creator' ? '/admin' : '/') },
    }),
  }),
  'password-reset': email({
    sample: { name: 'Sam Rivera', link: 'https://callastar.example/en/reset-password?token=abc' },
    en: ({ name, link }) => ({
      subject: 'Reset your Callastar password',
      heading: `Hello ${name},`,
      paragraphs: [
        'Someone (hopefully you) asked to reset the password of your account.',
        'This link is valid for one hour. If you did not ask, ignore this email: your password stays the same.',
      ],
      action: { label: 'Choose a new password', url: link },
    }),
    fr: ({ name, link }) => ({
      subject: 'Réinitialisez votre mot de passe Callastar',
      heading: `Bonjour ${name},`,
      paragraphs: [
        'Quelqu’un (vous, nous l’espérons) a demandé à réinitialiser le mot de passe de votre compte.',
        'Ce lien est valable une heure. Si vous n’avez rien demandé, ignorez cet e-mail : votre mot de passe ne change pas.',
      ],
      action: { label: 'Choisir un nouveau mot de passe', url: link },
    }),
  }),
  notification: email<{ title: string; body: string; link?: string | null }>({
    sample: { title: 'Booking confirmed', body: 'Guitar lesson with Lea Martin', link: '/en/account/bookings' },
    en: ({ title, body, link }) => ({ subject: title, heading: title, paragraphs: [body], action: link ? { label: 'View on Callastar', url: absolute(link) } : undefined }),
    fr: ({ title, body, link }) => ({ subject: title, heading: title, paragraphs: [body], action: link ? { label: 'Voir sur Callastar', url: absolute(link) } : undefined }),
  }),
}

export type TemplateName = keyof typeof EMAILS
export type TemplateData<T extends TemplateName> = (typeof EMAILS)[T] extends EmailTemplate<infer D> ? D : never
export const TEMPLATE_NAMES = Object.keys(EMAILS) as TemplateName[]

/** Subject, HTML and text of `template` in the recipient's language and zone. */
export const renderEmail = <T extends TemplateName>(template: T, ctx: FormatContext, data: TemplateData<T>): RenderedEmail =>
  renderLayout(ctx, (EMAILS[template] as unknown as EmailTemplate<TemplateData<T>>)[ctx.locale](data, ctx))
