'use client'
import { useTranslation } from '@payloadcms/ui'
import type { DefaultCellComponentProps } from 'payload'
import React from 'react'

import { money } from '@/domain/money'
import { formatMoneyForTag } from '@/i18n/format'

/** List cell for an amount in minor units: shows "45.00 €" using the row's currency. */
export const MoneyCell: React.FC<DefaultCellComponentProps> = ({ cellData, rowData }) => {
  // The admin's chosen language, identical on server and client (no hydration mismatch).
  const { i18n } = useTranslation()
  const currency = (rowData as { currency?: string } | undefined)?.currency
  if (typeof cellData !== 'number' || !currency) return <span>{cellData == null ? '—' : String(cellData)}</span>
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoneyForTag(money(cellData, currency), i18n.language)}</span>
}
