/** Field validators shared by collections. Each returns `true` or a message naming the problem. */
import { validTimeZone } from '@/i18n/format'

export const isValidTimeZone = (tz: string): boolean => validTimeZone(tz) !== null

export const validateTimeZone = (value: unknown): true | string =>
  typeof value === 'string' && isValidTimeZone(value) ? true : `"${String(value)}" is not an IANA time zone (e.g. Europe/Paris).`

export const validateMinorUnits =
  (label: string, { min = 0, max = Number.MAX_SAFE_INTEGER }: { min?: number; max?: number } = {}) =>
  (value: unknown): true | string => {
    if (value === null || value === undefined) return true
    if (typeof value !== 'number' || !Number.isInteger(value)) return `${label} must be a whole number of minor units (cents), e.g. 1500 for 15.00.`
    if (value < min) return `${label} must be at least ${min}.`
    if (value > max) return `${label} must be at most ${max}.`
    return true
  }

export const validateIntegerRange =
  (label: string, min: number, max: number) =>
  (value: unknown): true | string => {
    if (value === null || value === undefined) return true
    if (typeof value !== 'number' || !Number.isInteger(value)) return `${label} must be a whole number.`
    return value >= min && value <= max ? true : `${label} must be between ${min} and ${max}.`
  }

export const validateLength =
  (label: string, min: number, max: number) =>
  (value: unknown): true | string => {
    if (value === null || value === undefined || value === '') return min > 0 ? `${label} is required.` : true
    const length = String(value).trim().length
    if (length < min) return `${label} must be at least ${min} characters (got ${length}).`
    if (length > max) return `${label} must be at most ${max} characters (got ${length}).`
    return true
  }

export const slugify = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'creator'
