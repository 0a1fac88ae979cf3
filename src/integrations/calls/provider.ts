/**
 * Which video provider this deployment uses (SPEC §6): Daily when `DAILY_API_KEY` is set, otherwise
 * the built-in peer-to-peer WebRTC provider (signalling through the app, no third party).
 */
import type { CALL_PROVIDERS } from '@/domain/statuses'

export type CallProvider = (typeof CALL_PROVIDERS)[number]

export const callProvider = (env: NodeJS.ProcessEnv = process.env): CallProvider => (env.DAILY_API_KEY?.trim() ? 'daily' : 'p2p')
