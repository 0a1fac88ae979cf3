/**
 * A local stand-in for the part of Daily's REST API (https://api.daily.co/v1) Callastar uses, for
 * tests and offline work, matching ../../shared/notes/calls.md: Bearer API key, Daily's error
 * shape `{error, info}`; rooms (private, nbf/exp, max_participants, eject_at_room_exp; URLs at a
 * configurable domain); meeting tokens (HS256 JWTs signed with the API key, Daily's abbreviated
 * claims, so self-signed tokens work too); meeting sessions with participants (GET /meetings,
 * /meetings/:id/participants) driven by clients joining and leaving through the control routes;
 * webhooks created after Daily's `{"test":"test"}` check, signed with Daily's scheme
 * (./signature.ts), delivered in order with Daily's retry types. Tests make it misbehave through
 * `control` or /emulator/…: 429 with Retry-After, 5xx, timeouts, Daily's rate limits, duplicated
 * and reordered webhooks, a frozen clock.
 *
 * The app points its Daily client at `apiUrl` (DAILY_API_URL) with `apiKey` (DAILY_API_KEY).
 * Dev and test only: nothing under src/ imports it, and the production image leaves emulators/ out.
 *
 * Layout (as emulators/stripe/): ./state.ts holds the one state object; ./server.ts starts the
 * HTTP server; ./http.ts and ./routes.ts answer /v1; ./control.ts answers /emulator/…; one module
 * per resource (rooms, tokens, meetings, webhooks) takes that state as its first argument.
 */
export { startDailyEmulator } from './server'
export { DEFAULT_API_KEY, DEFAULT_DOMAIN } from './state'
export { newWebhookSecret, SIGNATURE_HEADER, signDailyWebhook, TIMESTAMP_HEADER, verifyDailyWebhook } from './signature'
export { signJwt } from './tokens'
export { DailyJoinError } from './errors'
export type {
  DailyEmulator,
  DailyEmulatorControl,
  DailyEmulatorOptions,
  DailyEvent,
  EmulatedRequest,
  FailNextOptions,
  JoinedParticipant,
  JoinInput,
  JoinRefusal,
  Meeting,
  MeetingParticipant,
  MeetingTokenProperties,
  RateLimitNextOptions,
  Room,
  Webhook,
  WebhookDelivery,
} from './types'
