import type { Payload, PayloadRequest } from 'payload'

import { DEFAULT_SETTINGS, type PlatformSettings } from '@/domain/settings'

/** Current platform settings, with defaults for anything never saved. */
export const getSettings = async (payload: Payload, req?: PayloadRequest): Promise<PlatformSettings> => {
  const saved = (await payload.findGlobal({ slug: 'platform-settings', depth: 0, req, overrideAccess: true })) as Partial<PlatformSettings>
  const pick = <K extends keyof PlatformSettings>(key: K): PlatformSettings[K] =>
    (saved[key] ?? DEFAULT_SETTINGS[key]) as PlatformSettings[K]
  return {
    feeBps: pick('feeBps'),
    fixedFee: pick('fixedFee'),
    holdingPeriodDays: pick('holdingPeriodDays'),
    minimumPayout: { ...DEFAULT_SETTINGS.minimumPayout, ...stripNulls(saved.minimumPayout) },
    debtThreshold: { ...DEFAULT_SETTINGS.debtThreshold, ...stripNulls(saved.debtThreshold) },
    checkoutHoldMinutes: pick('checkoutHoldMinutes'),
    bookingCutoffMinutes: pick('bookingCutoffMinutes'),
    joinWindowMinutes: pick('joinWindowMinutes'),
    freeCancellationHours: pick('freeCancellationHours'),
    reminderOffsetsMinutes: DEFAULT_SETTINGS.reminderOffsetsMinutes,
    noShowGraceMinutes: pick('noShowGraceMinutes'),
    scheduledPayoutsNeedApproval: pick('scheduledPayoutsNeedApproval'),
    logRetentionDays: { ...DEFAULT_SETTINGS.logRetentionDays, ...stripNulls(saved.logRetentionDays) },
  }
}

const stripNulls = <T extends object>(value: T | null | undefined): Partial<T> =>
  Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>
