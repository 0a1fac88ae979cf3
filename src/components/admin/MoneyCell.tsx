'use client'
import type { DefaultCellComponentProps } from 'payload'
import React from 'react'

import { formatMoney, money } from '@/domain/money'

/** List cell for an amount in minor units: shows "45.00 €" using the row's currency. */
export const MoneyCell: React.FC<DefaultCellComponentProps> = ({ cellData, rowData }) => {
  const currency = (rowData as { currency?: string } | undefined)?.currency
  if (typeof cellData !== 'number' || !currency) return <span>{cellData == null ? '—' : String(cellData)}</span>
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatMoney(money(cellData, currency), typeof navigator === 'undefined' ? 'en' : navigator.language)}</span>
}
