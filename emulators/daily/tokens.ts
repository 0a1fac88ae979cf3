/**
 * Meeting tokens: JWTs signed HS256 with the API key, with Daily's abbreviated claims (`r` room,
 * `d` domain id, `o` owner, `u` name, `ud` user id, `ejt` eject at token exp, …), so a token minted
 * by POST /meeting-tokens and one self-signed by our code with the same key are interchangeable.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'

import { invalid } from './errors'
import { checkProperties, type PlainObject, type PropertyKind } from './helpers'
import { type EmulatorState, nowSeconds } from './state'
import type { MeetingTokenProperties } from './types'

/** The meeting-token properties the emulator accepts (Daily's list; the Prebuilt-only ones are kept as given). */
export const TOKEN_PROPERTIES: Record<string, PropertyKind> = {
  room_name: 'string',
  user_id: 'string',
  user_name: 'string',
  is_owner: 'boolean',
  nbf: 'integer',
  exp: 'integer',
  eject_at_token_exp: 'boolean',
  eject_after_elapsed: 'integer',
  enable_screenshare: 'boolean',
  start_video_off: 'boolean',
  start_audio_off: 'boolean',
  enable_recording: 'string',
  enable_prejoin_ui: 'boolean',
  enable_live_captions_ui: 'boolean',
  enable_recording_ui: 'boolean',
  close_tab_on_exit: 'boolean',
  redirect_on_meeting_exit: 'string',
  lang: 'string',
  permissions: 'object',
}

/** Long property name → JWT claim (Daily's "token property abbreviations"); others keep their name. */
const CLAIMS: Record<string, string> = {
  room_name: 'r',
  is_owner: 'o',
  user_name: 'u',
  user_id: 'ud',
  eject_at_token_exp: 'ejt',
  eject_after_elapsed: 'eje',
  enable_screenshare: 'ss',
  start_video_off: 'vo',
  start_audio_off: 'ao',
  enable_recording: 'er',
}
const PROPERTIES = Object.fromEntries(Object.entries(CLAIMS).map(([property, claim]) => [claim, property]))

const base64url = (input: Buffer | string) => Buffer.from(input).toString('base64url')
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))

export const signJwt = (claims: PlainObject, key: string): string => {
  const body = `${HEADER}.${base64url(JSON.stringify(claims))}`
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`
}

export const checkTokenProperties = (input: unknown): MeetingTokenProperties => {
  const properties = checkProperties('meeting token property', input, TOKEN_PROPERTIES) as MeetingTokenProperties
  if (properties.user_id !== undefined && properties.user_id.length > 36) throw invalid('user_id must be at most 36 characters')
  for (const key of ['nbf', 'exp', 'eject_after_elapsed'] as const) {
    const value = properties[key]
    if (value !== undefined && value < 0) throw invalid(`${key} must not be negative`)
  }
  return properties
}

/** POST /meeting-tokens: the token for these properties, with `d` (domain id) and `iat`. */
export const createMeetingToken = (state: EmulatorState, body: PlainObject): { token: string } => {
  const properties = checkTokenProperties(body.properties)
  const claims: PlainObject = {}
  for (const [key, value] of Object.entries(properties)) claims[CLAIMS[key] ?? key] = value
  claims.d = state.domainId
  claims.iat = nowSeconds(state)
  return { token: signJwt(claims, state.apiKey) }
}

export type TokenCheck = { ok: true; properties: MeetingTokenProperties } | { ok: false; reason: 'malformed' | 'signature' | 'domain' }

/** Decodes a token signed with the API key (ours or self-signed) back to long property names; no time checks. */
export const decodeMeetingToken = (state: EmulatorState, token: string): TokenCheck => {
  const parts = token.split('.')
  if (parts.length !== 3) return { ok: false, reason: 'malformed' }
  let header: PlainObject
  let claims: PlainObject
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as PlainObject
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as PlainObject
  } catch {
    return { ok: false, reason: 'malformed' }
  }
  if (header.alg !== 'HS256' || typeof claims !== 'object' || claims === null) return { ok: false, reason: 'malformed' }
  const expected = Buffer.from(createHmac('sha256', state.apiKey).update(`${parts[0]}.${parts[1]}`).digest('base64url'))
  const given = Buffer.from(parts[2])
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'signature' }
  // Tokens of another domain never open our rooms; a self-signed token may leave `d` out.
  if (claims.d !== undefined && claims.d !== state.domainId) return { ok: false, reason: 'domain' }
  const properties: MeetingTokenProperties = {}
  for (const [claim, value] of Object.entries(claims)) {
    if (claim === 'd' || claim === 'iat') continue
    properties[PROPERTIES[claim] ?? claim] = value
  }
  return { ok: true, properties }
}

/** GET /meeting-tokens/:token: the token's properties when it is valid now (`ignoreNbf=true` skips the not-before check). */
export const validateMeetingToken = (state: EmulatorState, token: string, ignoreNbf: boolean): MeetingTokenProperties => {
  const decoded = decodeMeetingToken(state, token)
  if (!decoded.ok) throw invalid(decoded.reason === 'signature' ? 'token signature does not match' : decoded.reason === 'domain' ? 'token is for another domain' : 'token is malformed')
  const now = nowSeconds(state)
  const { nbf, exp } = decoded.properties
  if (typeof exp === 'number' && exp <= now) throw invalid('token has expired')
  if (!ignoreNbf && typeof nbf === 'number' && nbf > now) throw invalid('token is not valid yet (nbf)')
  return decoded.properties
}
