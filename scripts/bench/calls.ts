/**
 * Calls benchmarks for `npm run bench` (issue 11):
 *   (h) signalling relay between two web processes: the fan's stream on one instance, the creator's
 *       on the other, each message POSTed to the instance that does not hold the receiver's stream;
 *       the time from the POST leaving to the message arriving on the other side's stream (p50, p95;
 *       aim < 50 ms). Streams authenticate with the join answer's call token (`?token=`), posts with
 *       it as a Bearer token, as the call page does.
 *   (i) 200 concurrent joins (POST /api/calls/:id/join) of 200 distinct confirmed bookings inside
 *       their window, one fan each: p95 and statuses.
 */
import { performance } from 'node:perf_hooks'

import type pg from 'pg'

import { runLoad, type LoadResult } from './load'

const percentile = (sorted: number[], p: number): number => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : 0)

export type Participant = { userId: number; key: string }

/**
 * Confirmed bookings whose call is on now (started 5 minutes ago, 30 minutes long), one per fan,
 * all with `creatorId`. Their offers sit years ahead, an hour apart (one creator's offers may not overlap).
 */
export const callsOnNow = async (pool: pg.Pool, creatorId: number, fanIds: number[], offset: number): Promise<number[]> => {
  const { rows } = await pool.query<{ id: number }>(
    `WITH fans AS (SELECT fan_id, i FROM unnest($2::int[]) WITH ORDINALITY AS t(fan_id, i)),
          offers AS (
            INSERT INTO offers (creator_id, title, starts_at, ends_at, duration_minutes, price, currency, status, updated_at, created_at)
            SELECT $1, 'Bench call ' || i, now() + interval '5 years' + ((i + $3) * interval '1 hour'), now() + interval '5 years' + ((i + $3) * interval '1 hour') + interval '30 minutes',
                   30, 10000, 'EUR', 'booked', now(), now()
              FROM fans RETURNING id, title)
     INSERT INTO bookings (offer_id, fan_id, creator_id, status, starts_at, ends_at, updated_at, created_at)
     SELECT o.id, f.fan_id, $1, 'confirmed', now() - interval '5 minutes', now() + interval '25 minutes', now(), now()
       FROM offers o JOIN fans f ON o.title = 'Bench call ' || f.i
      ORDER BY f.i
     RETURNING id`,
    [creatorId, fanIds, offset],
  )
  return rows.map((r) => r.id)
}

const join = async (base: string, bookingId: number, key: string): Promise<{ status: number; token?: string }> => {
  const res = await fetch(`${base}/api/calls/${bookingId}/join`, { method: 'POST', headers: { authorization: `users API-Key ${key}` } })
  const body = (await res.json().catch(() => ({}))) as { token?: string }
  return { status: res.status, token: body.token }
}

/** A signalling stream read as Server-Sent Events, noting when each message arrives. */
const openStream = async (base: string, bookingId: number, token: string) => {
  const aborter = new AbortController()
  const res = await fetch(`${base}/api/calls/${bookingId}/signal?token=${encodeURIComponent(token)}`, { headers: { accept: 'text/event-stream' }, signal: aborter.signal })
  if (!res.ok || !res.body) throw new Error(`signalling stream answered ${res.status}`)
  const arrived = new Map<number, number>()
  let ready = false
  const reading = (async () => {
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) return
        buffer += value
        let cut: number
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message'
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).replace(/^ /, ''))
            .join('\n')
          if (event === 'ready') ready = true
          if (event === 'message' && data) {
            const message = JSON.parse(data) as { kind: string; body: { n?: number } }
            if (message.kind === 'candidate' && typeof message.body.n === 'number') arrived.set(message.body.n, performance.now())
          }
        }
      }
    } catch {
      // aborted
    }
  })()
  const until = async (check: () => boolean, what: string, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`signalling: no ${what} within ${timeoutMs} ms`)
      await new Promise((r) => setTimeout(r, 1))
    }
  }
  await until(() => ready, 'ready event')
  return {
    arrival: async (n: number) => {
      await until(() => arrived.has(n), `message ${n}`)
      return arrived.get(n)!
    },
    close: async () => {
      aborter.abort()
      await reading
    },
  }
}

export type RelayResult = { n: number; p50: number; p95: number; max: number }

/** (h): `messages` messages alternately fan → creator and creator → fan, each posted to the instance without the receiver's stream. */
export const signallingRelay = async (a: string, b: string, bookingId: number, fan: Participant, creator: Participant, messages = 200): Promise<RelayResult> => {
  const fanJoin = await join(a, bookingId, fan.key)
  const creatorJoin = await join(b, bookingId, creator.key)
  if (!fanJoin.token || !creatorJoin.token) throw new Error(`(h) join answered ${fanJoin.status} / ${creatorJoin.status}`)
  const fanStream = await openStream(b, bookingId, fanJoin.token) // the fan listens on B
  const creatorStream = await openStream(a, bookingId, creatorJoin.token) // the creator listens on A
  try {
    const post = (base: string, token: string, n: number) =>
      fetch(`${base}/api/calls/${bookingId}/signal`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'candidate', body: { n } }),
      }).then(async (r) => (await r.arrayBuffer(), r.status))
    // Warm-up: both routes on both instances.
    for (let n = -10; n < 0; n++) {
      const toCreator = n % 2 === 0
      await post(toCreator ? b : a, toCreator ? fanJoin.token : creatorJoin.token, n)
      await (toCreator ? creatorStream : fanStream).arrival(n)
    }
    const latencies: number[] = []
    for (let n = 0; n < messages; n++) {
      // To the creator (stream on A): posted by the fan to B; to the fan (stream on B): posted by the creator to A.
      const toCreator = n % 2 === 0
      const started = performance.now()
      const status = await post(toCreator ? b : a, toCreator ? fanJoin.token : creatorJoin.token, n)
      if (status !== 201) throw new Error(`(h) a signal answered ${status}`)
      latencies.push((await (toCreator ? creatorStream : fanStream).arrival(n)) - started)
    }
    latencies.sort((x, y) => x - y)
    return { n: latencies.length, p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1) ?? 0 }
  } finally {
    await Promise.all([fanStream.close(), creatorStream.close()])
  }
}

/** (i): every participant joins their own booking's call at once. */
export const concurrentJoins = (base: string, bookings: { bookingId: number; key: string }[]): Promise<LoadResult> =>
  runLoad(bookings.length, bookings.length, async (i) => (await join(base, bookings[i]!.bookingId, bookings[i]!.key)).status)
