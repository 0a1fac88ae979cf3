/**
 * The one money field of the admin panel: stored and sent over the API as integer minor units,
 * shown and typed in currency units ("25.50 €") by the `MoneyField` component, validated with
 * messages in units ("Price must be at least €1.00."). List cells show it formatted (`MoneyCell`).
 */
import type { NumberField } from 'payload'

import { money, toMajorString } from '@/domain/money'
import { labelIn, validateMoney, type FieldLabel, type MoneyRule } from '@/lib/validators'

export type MoneyFieldOptions = MoneyRule & {
  name: string
  label: FieldLabel
  /** Shown, never typed (payments, payouts, refunds, ledger: money moves through actions only). */
  readOnly?: boolean
  index?: boolean
  defaultValue?: number
  description?: FieldLabel
  position?: 'sidebar'
}

/** Props the `MoneyField` component receives (serialisable: they travel to the browser). */
export type MoneyFieldProps = { currency?: string; currencyField?: string; min?: number; max?: number; required?: boolean; label: FieldLabel }

/**
 * CSV exports (plugin-import-export) print the amount in currency units, as the panel shows it:
 * "25.50" beside the row's currency, not the stored 2550. A row without a currency keeps its number.
 */
const amountInUnits =
  (rule: Pick<MoneyRule, 'currency' | 'currencyField'>) =>
  ({ value, siblingDoc }: { value: unknown; siblingDoc: Record<string, unknown> }) => {
    const currency = rule.currency ?? siblingDoc[rule.currencyField ?? 'currency']
    return typeof value === 'number' && Number.isSafeInteger(value) && typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? toMajorString(money(value, currency)) : value
  }

export const moneyField = ({ name, label, readOnly, index, defaultValue, description, position, ...rule }: MoneyFieldOptions): NumberField => {
  const clientProps: MoneyFieldProps = { label, ...rule }
  return {
    name,
    type: 'number',
    label: typeof label === 'string' ? label : { en: labelIn(label, 'en'), fr: labelIn(label, 'fr') },
    required: rule.required,
    index,
    defaultValue,
    validate: validateMoney(label, rule),
    custom: { 'plugin-import-export': { hooks: { beforeExport: amountInUnits(rule) } } },
    admin: {
      readOnly,
      position,
      description,
      components: {
        Field: { path: '@/components/admin/MoneyField#MoneyField', clientProps },
        Cell: '@/components/admin/MoneyCell#MoneyCell',
      },
    },
  }
}
