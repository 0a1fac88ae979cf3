'use client'
import { useConfig } from '@payloadcms/ui'
import { useSearchParams } from 'next/navigation'
import React from 'react'

/** "Export CSV" above a log list: downloads what the list shows (its current filter), newest first. */
export const ExportCsvLink: React.FC<{ collectionSlug?: string }> = ({ collectionSlug }) => {
  const params = useSearchParams()
  const { config } = useConfig()
  if (!collectionSlug) return null
  const where = new URLSearchParams()
  params.forEach((value, key) => {
    if (key.startsWith('where')) where.append(key, value)
  })
  const href = `${config.routes.api}/${collectionSlug}/export${where.size ? `?${where.toString()}` : ''}`
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
      {/* A download, not a page: a plain link is right here. */}
      <a href={href} download className="btn btn--style-secondary btn--size-small" data-testid="export-csv">
        Export CSV (current filter)
      </a>
    </div>
  )
}
