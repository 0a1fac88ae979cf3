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
