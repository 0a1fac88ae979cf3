'use client'
import type { DefaultCellComponentProps } from 'payload'
import React from 'react'

import { minorDigits } from '@/domain/currencies'

/** List cell for an amount in minor units: shows "45.00 €" using the row's currency. */
export const MoneyCell: React.FC<DefaultCellComponentProps> = ({ cellData, rowData }) => {
  const currency = (rowData as { currency?: string } | undefined)?.currency
  if (typeof cellData !== 'number' || !currency) return <span>{cellData == null ? '—' : String(cellData)}</span>
  const value = cellData / 10 ** minorDigits(currency)
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(value)}</span>
}
