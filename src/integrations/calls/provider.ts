/**
 * Which video provider this deployment uses (SPEC §6): Daily when `DAILY_API_KEY` is set, otherwise
 * the built-in peer-to-peer WebRTC provider (signalling through the app, no third party).
 */
import type { CALL_PROVIDERS } from '@/domain/statuses'

/** The environment variables read (process.env, or a plain object in tests). */
type Env = Record<string, string | undefined>

export type CallProvider = (typeof CALL_PROVIDERS)[number]

export const callProvider = (env: Env = process.env): CallProvider => (env.DAILY_API_KEY?.trim() ? 'daily' : 'p2p')
