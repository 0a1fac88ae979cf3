/** Browser calls to our REST API: same origin, session cookie, `{ errors: [{ message, code }] }` on failure. */
export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; message: string; code: string }

export const callApi = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResult<T>> => {
  try {
    const res = await fetch(`/api${path}`, {
      method,
      credentials: 'include',
      cache: 'no-store',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await res.json().catch(() => null)) as (T & { errors?: { message?: string; code?: string }[] }) | null
    if (res.ok) return { ok: true, status: res.status, data: json as T }
    const first = json?.errors?.[0]
    return { ok: false, status: res.status, message: first?.message ?? `HTTP ${res.status}`, code: first?.code ?? `HTTP_${res.status}` }
  } catch (error) {
    return { ok: false, status: 0, message: error instanceof Error ? error.message : String(error), code: 'NETWORK' }
  }
}

/** A JSON request to our REST API with its raw answer (for forms that read field errors); status 0 when offline. */
export const sendJson = async (method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<{ ok: boolean; status: number; body: unknown }> => {
  try {
    const res = await fetch(`/api${path}`, {
      method,
      credentials: 'include',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { ok: res.ok, status: res.status, body: await res.json().catch(() => null) }
  } catch {
    return { ok: false, status: 0, body: null }
  }
}
