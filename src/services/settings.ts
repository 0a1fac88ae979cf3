import type { Payload, PayloadRequest } from 'payload'

import { DEFAULT_SETTINGS, type PlatformSettings } from '@/domain/settings'

/**
 * How long a process reuses the settings it read. Hot paths (every checkout) then skip a query; a
 * change is seen at once by the process that saved it (the global's afterChange forgets the copy)
 * and within this time by the others. Payments snapshot what they were charged with, so a
 * checkout that ran on the old fee for those seconds stays exact.
 */
const CACHE_MS = 5_000
let cached: { value: PlatformSettings; readAt: number } | null = null

/** Drops this process's copy of the settings (called when they are saved). */
export const forgetSettings = (): void => {
  cached = null
}

/**
 * Current platform settings, with defaults for anything never saved. With `req` they are read in
 * the caller's transaction, never from the cache.
 */
export const getSettings = async (payload: Payload, req?: PayloadRequest): Promise<PlatformSettings> => {
  if (!req && cached && performance.now() - cached.readAt < CACHE_MS) return cached.value
  const value = await readSettings(payload, req)
  if (!req) cached = { value, readAt: performance.now() }
  return value
}

const readSettings = async (payload: Payload, req?: PayloadRequest): Promise<PlatformSettings> => {
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
