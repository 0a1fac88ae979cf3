import { describe, expect, it } from 'vitest'

import { MAX_EMAIL_ATTEMPTS, nextEmailAttemptAt } from '@/domain/email'
import { redactSecrets, retentionCutoffs } from '@/domain/logs'
import { shouldEmail } from '@/domain/notifications'
import { canUseAdminPanel } from '@/domain/roles'
import { DEFAULT_SETTINGS } from '@/domain/settings'
import { minorDigits } from '@/domain/currencies'

describe('email backoff', () => {
  const t = new Date('2026-01-01T00:00:00Z')
  it('spaces attempts 1, 5, 15, 60 minutes apart and gives up after the 5th', () => {
    expect([1, 2, 3, 4].map((n) => (nextEmailAttemptAt(n, t)!.getTime() - t.getTime()) / 60_000)).toEqual([1, 5, 15, 60])
    expect(nextEmailAttemptAt(MAX_EMAIL_ATTEMPTS, t)).toBeNull()
    expect(MAX_EMAIL_ATTEMPTS).toBe(5)
  })
})

describe('notification emails', () => {
  it('emails starred types only', () => {
    expect(shouldEmail('booking_confirmed', {})).toBe(true)
    expect(shouldEmail('review_received', {})).toBe(false)
    expect(shouldEmail('system', {})).toBe(false)
  })
  it('respects opt-outs for non-essential emails but never for essential ones', () => {
    expect(shouldEmail('booking_reminder', { reminders: false })).toBe(false)
    expect(shouldEmail('booking_reminder', { reminders: true })).toBe(true)
    expect(shouldEmail('booking_reminder', null)).toBe(true)
    expect(shouldEmail('payout_failed', { payouts: false })).toBe(true)
    expect(shouldEmail('payout_paid', { payouts: false })).toBe(false)
  })
})

describe('logs', () => {
  it('keeps INFO 30, WARNING 60, ERROR 90 days; CRITICAL is never purged', () => {
    const now = new Date('2026-06-01T00:00:00Z')
    const cutoffs = retentionCutoffs(now, DEFAULT_SETTINGS.logRetentionDays)
    expect(cutoffs.map((c) => [c.level, (now.getTime() - c.before.getTime()) / 86_400_000])).toEqual([
      ['INFO', 30],
      ['WARNING', 60],
      ['ERROR', 90],
    ])
    expect(cutoffs.some((c) => c.level === 'CRITICAL')).toBe(false)
  })
  it('never lets a secret into log metadata, however deep', () => {
    const out = redactSecrets({
      email: 'a@b.c',
      password: 'hunter22',
      nested: { apiKey: 'k', list: [{ token: 't', card: '4242', ok: 1 }] },
      Authorization: 'Bearer x',
    }) as Record<string, unknown>
    expect(JSON.stringify(out)).not.toMatch(/hunter22|Bearer x|"k"|"t"|4242/)
    expect(out.email).toBe('a@b.c')
    expect((out.nested as { list: { ok: number }[] }).list[0].ok).toBe(1)
  })
})

describe('platform defaults (SPEC §3)', () => {
  it('match the spec', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      feeBps: 1500,
      fixedFee: 0,
      holdingPeriodDays: 7,
      checkoutHoldMinutes: 15,
      bookingCutoffMinutes: 30,
      joinWindowMinutes: 15,
      freeCancellationHours: 24,
      reminderOffsetsMinutes: [1440, 15],
      noShowGraceMinutes: 10,
      scheduledPayoutsNeedApproval: false,
    })
    expect(DEFAULT_SETTINGS.minimumPayout.EUR).toBe(1000)
    expect(DEFAULT_SETTINGS.debtThreshold.USD).toBe(10000)
  })
})

describe('roles and currencies', () => {
  it('lets only creators and admins into the admin panel', () => {
    expect(canUseAdminPanel('admin')).toBe(true)
    expect(canUseAdminPanel('creator')).toBe(true)
    expect(canUseAdminPanel('fan')).toBe(false)
    expect(canUseAdminPanel(undefined)).toBe(false)
  })
  it('knows zero-decimal currencies', () => {
    expect(minorDigits('EUR')).toBe(2)
    expect(minorDigits('jpy')).toBe(0)
  })
})
