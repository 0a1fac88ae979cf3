'use client'
import { RelationshipField, useAuth, useField } from '@payloadcms/ui'
import type { RelationshipFieldClientComponent } from 'payload'
import React from 'react'

/**
 * A link to a person (a relationship to users), shown to admins and to the person it names. A
 * creator may not read other users (their fans), so Payload's field would read "Untitled - ID: 2";
 * the row's title and the booking's actions name the fan instead. A component rather than an
 * `admin.condition`: a condition would make the column nullable in the database schema.
 */
export const PersonField: RelationshipFieldClientComponent = (props) => {
  const { user } = useAuth()
  const { value } = useField<unknown>({ path: props.path })
  const viewer = user as { id?: number | string; role?: string } | null
  const id = value && typeof value === 'object' ? (value as { id?: unknown }).id : value
  const shown = viewer?.role === 'admin' || (id !== undefined && id !== null && String(id) === String(viewer?.id))
  return shown ? <RelationshipField {...props} /> : null
}
