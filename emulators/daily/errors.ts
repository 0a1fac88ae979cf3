/**
 * Daily's error shape: `{ "error": "<type>", "info": "<text>" }` with the HTTP status Daily uses.
 */
import type { JoinRefusal } from './types'

export type DailyErrorType =
  | 'authentication-error'
  | 'authorization-header-error'
  | 'forbidden-error'
  | 'invalid-request-error'
  | 'not-found'
  | 'rate-limit-error'
  | 'server-error'

export class DailyApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: DailyErrorType,
    readonly info: string,
  ) {
    super(info)
  }
  get body() {
    return { error: this.type, info: this.info }
  }
}

export const invalid = (info: string) => new DailyApiError(400, 'invalid-request-error', info)
export const notFound = (info: string) => new DailyApiError(404, 'not-found', info)

/** A join refused the way daily-js reports it (`error.type` of its `error` event). */
export class DailyJoinError extends Error {
  constructor(
    readonly type: JoinRefusal,
    message: string,
  ) {
    super(message)
  }
  get status() {
    return this.type === 'no-room' ? 404 : 403
  }
  get body() {
    return { error: this.type, info: this.message }
  }
}
