import type { AfterErrorHook } from 'payload'

/**
 * A ValidationError keeps its field errors in the answer, so the panel shows each one next to its
 * field. Payload's error formatter keeps `data` only for an `instanceof` its own ValidationError;
 * in the production build the hooks' copy of the class is not the formatter's, and the answer came
 * back as the bare toast "The following field is invalid: startsAt". Registered once for every
 * collection (payload.config.ts `hooks.afterError`, which runs after the collections' own).
 */
/**
 * The panel's toast says what is wrong in words (the field's own message) rather than Payload's
 * "The following field is invalid: startsAt", which names the field by its path.
 */
export const toastOf = (errors: { message?: string }[], fallback?: string): string | undefined =>
  errors.length === 1 && errors[0].message ? errors[0].message : fallback

export const keepFieldErrors: AfterErrorHook = ({ error }) => {
  const e = error as { status?: number; message?: string; data?: { errors?: { path?: string; message?: string }[] } } | undefined
  if (!e || e.status !== 400 || !Array.isArray(e.data?.errors) || e.data.errors.length === 0) return undefined
  return { status: 400, response: { errors: [{ name: 'ValidationError', message: toastOf(e.data.errors, e.message), data: e.data }] } }
}
