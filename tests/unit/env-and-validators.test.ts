import { describe, expect, it } from 'vitest'

const env = (vars: Record<string, string>) => vars as unknown as NodeJS.ProcessEnv

import { assertProductionEnv, missingProductionEnv, payloadSecret } from '@/lib/env'
import { slugify, validateAdjustmentMemo, validateHttpsLink, validateIntegerRange, validateLength, validateMinorUnits, validateSlug, validateTimeZone } from '@/lib/validators'
import { renderEmail } from '@/messages/emails/templates'

describe('production environment', () => {
  it('names every missing secret', () => {
    expect(missingProductionEnv(env({}))).toEqual(['PAYLOAD_SECRET', 'DATABASE_URL', 'CRON_SECRET'])
    expect(() => assertProductionEnv(env({ PAYLOAD_SECRET: 'x', DATABASE_URL: ' ' }))).toThrow(/missing DATABASE_URL, CRON_SECRET/)
    expect(() => assertProductionEnv(env({ PAYLOAD_SECRET: 'x', DATABASE_URL: 'postgres://', CRON_SECRET: 'y' }))).not.toThrow()
  })
})

describe('payload secret', () => {
  it('never falls back to a known value in production', () => {
    const env = process.env as Record<string, string | undefined>
    const saved = { NODE_ENV: env.NODE_ENV, PAYLOAD_SECRET: env.PAYLOAD_SECRET }
    try {
      delete env.PAYLOAD_SECRET
      env.NODE_ENV = 'development'
      expect(payloadSecret()).toBe('dev-only-secret-not-for-production')
      env.NODE_ENV = 'production'
      expect(payloadSecret()).toMatch(/^[0-9a-f]{64}$/)
      env.PAYLOAD_SECRET = 'configured'
      expect(payloadSecret()).toBe('configured')
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete env[key]
        else env[key] = value
      }
    }
  })
})

describe('validators', () => {
  it('accepts whole minor units only', () => {
    expect(validateMinorUnits('Price', { min: 100 })(1500)).toBe(true)
    expect(validateMinorUnits('Price', { min: 100 })(15.5)).toMatch(/whole number of minor units/)
    expect(validateMinorUnits('Price', { min: 100 })(99)).toMatch(/at least 100/)
  })
  it('checks IANA time zones', () => {
    expect(validateTimeZone('Europe/Paris')).toBe(true)
    expect(validateTimeZone('Mars/Olympus')).toMatch(/not an IANA time zone/)
  })
  it('names the length problem', () => {
    expect(validateLength('Message', 10, 500)('hello')).toBe('Message must be at least 10 characters (got 5).')
    expect(validateLength('Message', 10, 500)('x'.repeat(501))).toMatch(/at most 500/)
  })
  it('answers in the request’s language (the panel’s, or the API’s Accept-Language), naming the field in it', () => {
    const fr = { req: { i18n: { language: 'fr' } } }
    expect(validateLength({ en: 'Comment', fr: 'Commentaire' }, 0, 10)('x'.repeat(12), fr)).toBe('Commentaire doit faire au plus 10 caractères (12 saisis).')
    expect(validateIntegerRange({ en: 'Rating', fr: 'Note' }, 1, 5)(6, fr)).toBe('Note doit être entre 1 et 5.')
    expect(validateIntegerRange({ en: 'Rating', fr: 'Note' }, 1, 5)(6)).toBe('Rating must be between 1 and 5.')
    expect(validateTimeZone('Mars/Olympus', fr)).toBe('« Mars/Olympus » n’est pas un fuseau horaire IANA (par ex. Europe/Paris).')
    expect(validateSlug('Jane Doe', fr)).toMatch(/^Adresse de la page/)
    expect(validateSlug('jane-doe', fr)).toBe(true)
    expect(validateHttpsLink('http://x.test', fr)).toBe('Le lien doit commencer par https://')
    expect(validateAdjustmentMemo('', { ...fr, siblingData: { type: 'adjustment' } })).toBe('Un ajustement doit avoir un motif (au moins 3 caractères).')
    expect(validateAdjustmentMemo('', { siblingData: { type: 'earning' } })).toBe(true)
  })
  it('slugifies accents and punctuation', () => {
    expect(slugify('Léa Martin!')).toBe('lea-martin')
    expect(slugify('***')).toBe('creator')
  })
})

describe('email templates', () => {
  it('render in the recipient language with escaped content', () => {
    const en = renderEmail('welcome', { locale: 'en', timeZone: 'Europe/Paris' }, { name: '<Sam>', role: 'fan' })
    const fr = renderEmail('welcome', { locale: 'fr', timeZone: 'Europe/Paris' }, { name: 'Sam', role: 'creator' })
    expect(en.subject).toBe('Welcome to Callastar')
    expect(en.html).toContain('&lt;Sam&gt;')
    expect(en.html).not.toContain('<Sam>')
    expect(fr.subject).toBe('Bienvenue sur Callastar')
    expect(fr.html).toContain('lang="fr"')
    expect(fr.text).toContain('Compte créé le')
  })
  it('show times in the recipient time zone', () => {
    const ny = renderEmail('welcome', { locale: 'en', timeZone: 'America/New_York' }, { name: 'A', role: 'fan' })
    expect(ny.text).toMatch(/EST|EDT|GMT-[45]/)
  })
})
