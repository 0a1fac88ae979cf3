/**
 * STUB until calls-server's branch is merged (its version of this file wins): the call provider —
 * Daily when DAILY_API_KEY is set, else the built-in peer-to-peer provider.
 */
export type CallProvider = 'daily' | 'p2p'

export const callProvider = (env: Record<string, string | undefined> = process.env): CallProvider => (env.DAILY_API_KEY ? 'daily' : 'p2p')
