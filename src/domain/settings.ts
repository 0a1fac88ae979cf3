import type { SupportedCurrency } from './currencies'

/** Platform settings (SPEC §3). Amounts in minor units, durations in the unit their name says. */
export type PlatformSettings = {
  feeBps: number
  fixedFee: number
  holdingPeriodDays: number
  minimumPayout: Record<SupportedCurrency, number>
  debtThreshold: Record<SupportedCurrency, number>
  checkoutHoldMinutes: number
  bookingCutoffMinutes: number
  joinWindowMinutes: number
  freeCancellationHours: number
  reminderOffsetsMinutes: number[]
  noShowGraceMinutes: number
  scheduledPayoutsNeedApproval: boolean
  logRetentionDays: { info: number; warning: number; error: number }
}

const perCurrency = (minor: number): Record<SupportedCurrency, number> => ({
  EUR: minor,
  CHF: minor,
  USD: minor,
  GBP: minor,
})

export const DEFAULT_SETTINGS: PlatformSettings = {
  feeBps: 1500,
  fixedFee: 0,
  holdingPeriodDays: 7,
  minimumPayout: perCurrency(1000),
  debtThreshold: perCurrency(10000),
  checkoutHoldMinutes: 15,
  bookingCutoffMinutes: 30,
  joinWindowMinutes: 15,
  freeCancellationHours: 24,
  reminderOffsetsMinutes: [1440, 15],
  noShowGraceMinutes: 10,
  scheduledPayoutsNeedApproval: false,
  logRetentionDays: { info: 30, warning: 60, error: 90 },
}
