/**
 * Small helpers: ids, the emulator's clock, JSON body checks.
 */
import { randomBytes } from 'node:crypto'

import { invalid } from './errors'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
/** Daily's generated room names are 20 random letters and digits. */
export const randomName = (length = 20): string => {
  let out = ''
  for (const byte of randomBytes(length)) out += ALPHABET[byte % ALPHABET.length]
  return out
}

export const clone = <T>(value: T): T => structuredClone(value)
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export type PlainObject = Record<string, unknown>
export const isPlainObject = (value: unknown): value is PlainObject => typeof value === 'object' && value !== null && !Array.isArray(value)

export const isUnixSeconds = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0

/** Property checks shared by room and meeting-token properties. */
export type PropertyKind = 'boolean' | 'integer' | 'string' | 'object' | 'boolean|string'
export const checkProperties = (what: string, input: unknown, schema: Record<string, PropertyKind>): PlainObject => {
  if (input === undefined || input === null) return {}
  if (!isPlainObject(input)) throw invalid(`${what} must be an object`)
  for (const [key, value] of Object.entries(input)) {
    const kind = schema[key]
    if (!kind) throw invalid(`unknown ${what} '${key}'`)
    const ok =
      kind === 'boolean'
        ? typeof value === 'boolean'
        : kind === 'integer'
          ? typeof value === 'number' && Number.isInteger(value)
          : kind === 'string'
            ? typeof value === 'string'
            : kind === 'object'
              ? isPlainObject(value)
              : typeof value === 'boolean' || typeof value === 'string'
    if (!ok) throw invalid(`${what} '${key}' must be ${kind === 'integer' ? 'an integer' : `a ${kind}`}`)
  }
  return { ...input }
}

export const intParam = (params: URLSearchParams, name: string, fallback: number, max: number): number => {
  const raw = params.get(name)
  if (raw === null) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1) throw invalid(`${name} must be a positive integer`)
  return Math.min(value, max)
}
