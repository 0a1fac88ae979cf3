/**
 * ICE servers for the peer-to-peer provider (the join answer's `iceServers`). STUN from `STUN_URLS`
 * (comma separated; none by default — two browsers on one machine or one LAN need none); TURN from
 * `TURN_URLS` with coturn's ephemeral credentials (`use-auth-secret`) when `TURN_SECRET` is set:
 * username `<expiry unix seconds>:<userId>`, credential base64(HMAC-SHA1(secret, username)), so
 * the shared secret never reaches a browser and a credential stops working at `expiresAt`.
 */
import { createHmac } from 'node:crypto'

/** The browser's RTCIceServer shape (kept here so the server does not need the DOM types). */
export type IceServer = { urls: string[]; username?: string; credential?: string }

const urlsOf = (value: string | undefined): string[] =>
  (value ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean)

/** coturn's REST-API credential for `username` (the TURN server checks it with the same secret). */
export const turnCredential = (secret: string, username: string): string => createHmac('sha1', secret).update(username).digest('base64')

/** The ICE servers `userId` may use until `expiresAt` (the call's scheduled end, plus a margin if wanted). */
export const iceServersFor = (userId: number, expiresAt: Date, env: Record<string, string | undefined> = process.env): IceServer[] => {
  const servers: IceServer[] = []
  const stun = urlsOf(env.STUN_URLS)
  if (stun.length) servers.push({ urls: stun })
  const turn = urlsOf(env.TURN_URLS)
  const secret = env.TURN_SECRET?.trim()
  if (turn.length && secret) {
    const username = `${Math.floor(expiresAt.getTime() / 1000)}:${userId}`
    servers.push({ urls: turn, username, credential: turnCredential(secret, username) })
  }
  return servers
}
