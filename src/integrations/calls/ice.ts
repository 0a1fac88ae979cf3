/**
 * ICE servers for the peer-to-peer provider. STUB owned by calls-p2p (their version, with TURN and
 * ephemeral credentials when TURN_SECRET is set, replaces this one at merge): STUN from `STUN_URLS`
 * (comma separated), none by default — two browsers on loopback connect without any.
 */
/** The environment variables read (process.env, or a plain object in tests). */
type Env = Record<string, string | undefined>

export type IceServer = { urls: string | string[]; username?: string; credential?: string }

export const iceServersFor = (userId: number, expiresAt: Date, env: Env = process.env): IceServer[] => {
  void userId
  void expiresAt
  const stun = (env.STUN_URLS ?? '')
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean)
  return stun.length ? [{ urls: stun }] : []
}
