import type { GlobalConfig } from 'payload'

import { adminOnly } from '@/access'
import { SUPPORTED_CURRENCIES } from '@/domain/currencies'
import { DEFAULT_SETTINGS } from '@/domain/settings'
import { moneyField } from '@/collections/shared/money'
import { validateIntegerRange } from '@/lib/validators'
import { FIELDS } from '@/messages/panel'
import { forgetSettings } from '@/services/settings'

const perCurrency = (name: 'minimumPayout' | 'debtThreshold', label: string) => ({
  name,
  type: 'group' as const,
  label,
  admin: { description: 'One amount per currency.' },
  fields: SUPPORTED_CURRENCIES.map((c) => moneyField({ name: c, label: `${label} ${c}`, currency: c, required: true, defaultValue: DEFAULT_SETTINGS[name][c] })),
})

const int = (name: string, label: string, min: number, max: number, description?: string) => ({
  name,
  type: 'number' as const,
  required: true,
  label,
  defaultValue: DEFAULT_SETTINGS[name as keyof typeof DEFAULT_SETTINGS] as number,
  validate: validateIntegerRange(FIELDS['platform-settings']?.[name] ?? label, min, max),
  admin: description ? { description } : undefined,
})

/** SPEC §3. Payments snapshot the fee settings, so changes here never rewrite past money. */
export const PlatformSettings: GlobalConfig = {
  slug: 'platform-settings',
  label: { en: 'Platform settings', fr: 'Paramètres de la plateforme' },
  admin: { group: { en: 'Operations', fr: 'Exploitation' }, hidden: ({ user }) => user?.role !== 'admin' },
  access: { read: adminOnly, update: adminOnly },
  hooks: { afterChange: [() => forgetSettings()] },
  fields: [
    int('feeBps', 'Platform fee (basis points)', 0, 10_000, '1500 = 15.00 %'),
    moneyField({ name: 'fixedFee', label: 'Fixed fee', required: true, defaultValue: 0, description: 'Added to every fee, in the payment’s currency (0.30 = 30 cents, pence or centimes).' }),
    int('holdingPeriodDays', 'Holding period (days)', 0, 90, 'Earnings become available this long after payment.'),
    perCurrency('minimumPayout', 'Minimum payout'),
    perCurrency('debtThreshold', 'Debt threshold that blocks payouts'),
    int('checkoutHoldMinutes', 'Checkout hold (minutes)', 5, 60),
    int('bookingCutoffMinutes', 'Booking cut-off before start (minutes)', 0, 1440),
    int('joinWindowMinutes', 'Join window before start (minutes)', 0, 120),
    int('freeCancellationHours', 'Free cancellation by fan (hours before start)', 0, 720),
    int('noShowGraceMinutes', 'No-show grace (minutes after start)', 1, 60),
    { name: 'scheduledPayoutsNeedApproval', type: 'checkbox', defaultValue: false, label: 'Scheduled payouts need approval' },
    {
      name: 'logRetentionDays',
      type: 'group',
      label: 'Log retention (days; CRITICAL is kept)',
      fields: (['info', 'warning', 'error'] as const).map((level) => ({
        name: level,
        type: 'number' as const,
        required: true,
        defaultValue: DEFAULT_SETTINGS.logRetentionDays[level],
        validate: validateIntegerRange({ en: `${level.toUpperCase()} retention`, fr: `Conservation ${level.toUpperCase()}` }, 1, 3650),
      })),
    },
  ],
}
