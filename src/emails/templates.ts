import { now } from '@/lib/clock'
import { serverUrl } from '@/lib/env'

import { formatDateTime, renderLayout, type EmailContext, type Locale, type RenderedEmail } from './layout'

type Templates = {
  welcome: { name: string; role: string }
  'password-reset': { name: string; link: string }
  notification: { title: string; body: string; link?: string | null }
}
export type TemplateName = keyof Templates
export type TemplateData<T extends TemplateName> = Templates[T]
export const TEMPLATE_NAMES: TemplateName[] = ['welcome', 'password-reset', 'notification']

type Render<T extends TemplateName> = (ctx: EmailContext, data: Templates[T]) => RenderedEmail

const absolute = (link: string): string => (link.startsWith('http') ? link : `${serverUrl()}${link}`)

const TEMPLATES: { [T in TemplateName]: Render<T> } = {
  welcome: (ctx, { name, role }) => {
    const creator = role === 'creator'
    const copy: Record<Locale, { subject: string; heading: string; lines: string[]; action: string }> = {
      en: {
        subject: 'Welcome to Callastar',
        heading: `Welcome, ${name}!`,
        lines: creator
          ? ['Your creator account is ready. Complete your profile, connect your payment account and publish your first call slots.']
          : ['Your account is ready. Find a creator you love and book a 1:1 video call with them.'],
        action: creator ? 'Open my creator dashboard' : 'Discover creators',
      },
      fr: {
        subject: 'Bienvenue sur Callastar',
        heading: `Bienvenue, ${name} !`,
        lines: creator
          ? ['Votre compte créateur est prêt. Complétez votre profil, connectez votre compte de paiement et publiez vos premiers créneaux.']
          : ['Votre compte est prêt. Trouvez un créateur que vous aimez et réservez un appel vidéo en tête-à-tête.'],
        action: creator ? 'Ouvrir mon tableau de bord' : 'Découvrir les créateurs',
      },
    }
    const c = copy[ctx.locale]
    const stamp = ctx.locale === 'fr' ? `Compte créé le ${formatDateTime(now(), ctx)}.` : `Account created on ${formatDateTime(now(), ctx)}.`
    return renderLayout(ctx, c.subject, c.heading, {
      paragraphs: [...c.lines, stamp],
      action: { label: c.action, url: absolute(creator ? '/admin' : '/') },
    })
  },
  'password-reset': (ctx, { name, link }) => {
    const c =
      ctx.locale === 'fr'
        ? {
            subject: 'Réinitialisez votre mot de passe Callastar',
            heading: `Bonjour ${name},`,
            lines: [
              'Quelqu’un (vous, nous l’espérons) a demandé à réinitialiser le mot de passe de votre compte.',
              'Ce lien est valable une heure. Si vous n’avez rien demandé, ignorez cet e-mail : votre mot de passe ne change pas.',
            ],
            action: 'Choisir un nouveau mot de passe',
          }
        : {
            subject: 'Reset your Callastar password',
            heading: `Hello ${name},`,
            lines: [
              'Someone (hopefully you) asked to reset the password of your account.',
              'This link is valid for one hour. If you did not ask, ignore this email: your password stays the same.',
            ],
            action: 'Choose a new password',
          }
    return renderLayout(ctx, c.subject, c.heading, { paragraphs: c.lines, action: { label: c.action, url: link } })
  },
  notification: (ctx, { title, body, link }) =>
    renderLayout(ctx, title, title, {
      paragraphs: [body],
      action: link ? { label: ctx.locale === 'fr' ? 'Voir sur Callastar' : 'View on Callastar', url: absolute(link) } : undefined,
    }),
}

export const renderEmail = <T extends TemplateName>(template: T, ctx: EmailContext, data: Templates[T]): RenderedEmail =>
  (TEMPLATES[template] as Render<T>)(ctx, data)
