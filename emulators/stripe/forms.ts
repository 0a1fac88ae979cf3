/**
 * Request bodies: form bodies as stripe-node encodes them (a[b][c]=x, arrays as a[0]=x), typed
 * parameter readers, and the JSON-or-form bodies of the control endpoints.
 */
import type http from 'node:http'

import { invalid } from './errors'
import type { Metadata } from './objects'

export type FormValue = string | FormObject | FormValue[]
export type FormObject = { [key: string]: FormValue }

const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor'])

const toArrays = (value: FormValue): FormValue => {
  if (typeof value === 'string' || Array.isArray(value)) return value
  const keys = Object.keys(value)
  const converted: FormObject = {}
  for (const key of keys) converted[key] = toArrays(value[key])
  const isList = keys.length > 0 && keys.every((key, index) => key === String(index))
  return isList ? keys.map((key) => converted[key]) : converted
}

export const parseForm = (search: URLSearchParams): FormObject => {
  const root: FormObject = {}
  for (const [rawKey, value] of search) {
    const head = rawKey.split('[')[0]
    const path = [head, ...[...rawKey.slice(head.length).matchAll(/\[([^\]]*)\]/g)].map((match) => match[1])]
    // The SDK always sends `expand`; the emulator answers with ids whatever was asked.
    if (path[0] === 'expand' || path.some((segment) => UNSAFE_KEYS.has(segment))) continue
    let node = root
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] === '' ? String(Object.keys(node).length) : path[i]
      if (i === path.length - 1) {
        node[segment] = value
        break
      }
      const next = node[segment]
      if (typeof next !== 'object' || Array.isArray(next)) node[segment] = {}
      node = node[segment] as FormObject
    }
  }
  return toArrays(root) as FormObject
}

export const optString = (params: FormObject, name: string, label = name): string | undefined => {
  const value = params[name]
  if (value === undefined) return undefined
  if (typeof value !== 'string') throw invalid(`Invalid string: ${label}`, { param: label })
  return value
}

export const reqString = (params: FormObject, name: string, label = name): string => {
  const value = optString(params, name, label)
  if (value === undefined || value === '') throw invalid(`Missing required param: ${label}.`, { code: 'parameter_missing', param: label })
  return value
}

export const optInt = (params: FormObject, name: string, label = name): number | undefined => {
  const value = optString(params, name, label)
  if (value === undefined || value === '') return undefined
  if (!/^-?\d+$/.test(value)) throw invalid(`Invalid integer: ${value}`, { code: 'parameter_invalid_integer', param: label })
  return Number(value)
}

export const reqInt = (params: FormObject, name: string, label = name): number => {
  const value = optInt(params, name, label)
  if (value === undefined) throw invalid(`Missing required param: ${label}.`, { code: 'parameter_missing', param: label })
  return value
}

export const optBool = (params: FormObject, name: string): boolean | undefined => {
  const value = optString(params, name)
  if (value === undefined || value === '') return undefined
  if (value !== 'true' && value !== 'false') throw invalid(`Invalid boolean: ${value}`, { param: name })
  return value === 'true'
}

export const optObject = (params: FormObject, name: string): FormObject | undefined => {
  const value = params[name]
  if (value === undefined || value === '') return undefined
  if (typeof value === 'string' || Array.isArray(value)) throw invalid(`Invalid object: ${name}`, { param: name })
  return value
}

export const optStringList = (params: FormObject, name: string): string[] | undefined => {
  const value = params[name]
  if (value === undefined) return undefined
  const items = Array.isArray(value) ? value : [value]
  return items.map((item) => {
    if (typeof item !== 'string') throw invalid(`Invalid array: ${name}`, { param: name })
    return item
  })
}

/** `metadata=` clears, `metadata[k]=` deletes one key, as on Stripe. */
export const applyMetadata = (current: Metadata, params: FormObject): Metadata => {
  const value = params.metadata
  if (value === undefined) return current
  if (value === '') return {}
  if (typeof value === 'string' || Array.isArray(value)) throw invalid('Invalid hash: metadata', { param: 'metadata' })
  const next = { ...current }
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw invalid(`Invalid string: metadata[${key}]`, { param: `metadata[${key}]` })
    if (entry === '') delete next[key]
    else next[key] = entry
  }
  return next
}

const NUMERIC_SETTINGS = new Set(['delay_days', 'monthly_anchor'])
const BOOLEAN_SETTINGS = new Set(['debit_negative_balances'])

/** Merges nested params (settings, business_profile) into a stored object, typing the few non-string fields. */
export const mergeParams = (target: Record<string, unknown>, params: FormObject): Record<string, unknown> => {
  const merged: Record<string, unknown> = { ...target }
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string') {
      if (NUMERIC_SETTINGS.has(key) && /^\d+$/.test(value)) merged[key] = Number(value)
      else if (BOOLEAN_SETTINGS.has(key)) merged[key] = value === 'true'
      else merged[key] = value === '' ? null : value
    } else if (Array.isArray(value)) {
      merged[key] = value
    } else {
      const existing = merged[key]
      merged[key] = mergeParams(existing && typeof existing === 'object' && !Array.isArray(existing) ? (existing as Record<string, unknown>) : {}, value)
    }
  }
  return merged
}

/** Key-order independent, so a retried request matches its first attempt however it was built. */
export const canonical = (value: FormValue): string => {
  if (typeof value === 'string') return JSON.stringify(value)
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  return `{${Object.keys(value)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
    .join(',')}}`
}

export const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {})

export const readBody = async (req: http.IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buffer = chunk as Buffer
    size += buffer.length
    if (size > 1_000_000) throw invalid('Request body too large')
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Control endpoints take JSON or a form (the onboarding page posts a form). */
export const parseControlBody = (raw: string, contentType: string | undefined): Record<string, unknown> => {
  if (!raw) return {}
  if (contentType?.includes('application/json')) {
    try {
      return asRecord(JSON.parse(raw))
    } catch {
      throw invalid('Invalid JSON body')
    }
  }
  return parseForm(new URLSearchParams(raw))
}
