/** Form errors of the storefront: reading them from API answers and showing them next to fields. */
import React from 'react'

export type FormErrors = Record<string, string | undefined>

/** Payload's validation errors (`errors[0].data.errors[{ path, message }]`) as a field → message map. */
export const fieldErrorsOf = (body: unknown): Record<string, string> => {
  const first = (body as { errors?: { data?: { errors?: { path?: string; message?: string }[] } }[] } | null)?.errors?.[0]
  const out: Record<string, string> = {}
  for (const e of first?.data?.errors ?? []) if (e.path && e.message && !out[e.path]) out[e.path] = e.message
  return out
}

/** The first error message of an API answer (ours or Payload's). */
export const messageOf = (body: unknown, fallback: string): string =>
  (body as { errors?: { message?: string }[] } | null)?.errors?.[0]?.message ?? fallback

/** A failed request's message for the whole form: the API's, else `generic`; `offline` when nothing answered (status 0). */
export const failureMessage = (res: { status: number; body: unknown }, generic: string, offline: string): string =>
  res.status ? messageOf(res.body, generic) : offline

/** A failed request's errors for a form: its field errors when the API named fields, else one message (failureMessage). */
export const formErrorsOf = (res: { status: number; body: unknown }, generic: string, offline: string): FormErrors => {
  const fields = fieldErrorsOf(res.body)
  return Object.keys(fields).length ? fields : { form: failureMessage(res, generic, offline) }
}

/** aria attributes tying an input to its error message. */
export const invalidProps = (name: string, errors: FormErrors) => ({ 'aria-invalid': Boolean(errors[name]), 'aria-describedby': errors[name] ? `${name}-error` : undefined })

/** The message under a field (id `<name>-error`, test id `error-<name>`). */
export function FieldError({ name, errors }: { name: string; errors: FormErrors }) {
  return errors[name] ? (
    <span className="field-error" id={`${name}-error`} data-testid={`error-${name}`}>
      {errors[name]}
    </span>
  ) : null
}

/** An error about the whole form, announced to screen readers. */
export function FormAlert({ message, testId }: { message?: string | null; testId?: string }) {
  return message ? (
    <p className="error" role="alert" data-testid={testId}>
      {message}
    </p>
  ) : null
}
