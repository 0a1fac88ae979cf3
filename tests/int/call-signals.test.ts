/**
 * Peer-to-peer signalling (SPEC §6, §14; issue 11): POST /api/calls/:id/signal and the SSE stream
 * GET /api/calls/:id/signal — delivery with ids, resume from Last-Event-ID, the window and the
 * participants, the server-enforced end, presence (call-events joined/left), the bus across two
 * LISTEN connections and across two web processes, with the relay latency printed.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import readline from 'node:readline'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { insertSignal, listenerConnection, SIGNAL_CHANNEL } from '@/db/calls'
import { runner } from '@/db/run'
import { SignalBus, type Wake } from '@/integrations/calls/bus'
import { deleteOldCallSignals, sweepLostStreams } from '@/services/callSignals'

import { api, apiBase, createActors, getTestPayload, query, resetDatabase, type Actors } from './harness'

type SseEvent = { id?: string; event: string; data: Record<string, unknown>; receivedAt: number }

/** A minimal EventSource over fetch (headers like Last-Event-ID can be set; arrival times kept). */
const openSse = async (base: string, bookingId: number, token: string | null, opts: { lastEventId?: string; search?: string } = {}) => {
  const aborter = new AbortController()
  // token null: no session (the call token travels in `search`).
  const headers: Record<string, string> = { ...(token ? { authorization: `JWT ${token}` } : {}), accept: 'text/event-stream' }
  if (opts.lastEventId) headers['last-event-id'] = opts.lastEventId
  const res = await fetch(`${base}/api/calls/${bookingId}/signal${opts.search ?? ''}`, { headers, signal: aborter.signal })
  const events: SseEvent[] = []
  let ended = false
  const done = (async () => {
    if (!res.ok || !res.body) return
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader()
    let buffer = ''
    try {
      for (;;) {
        const { done: finished, value } = await reader.read()
        if (finished) break
        buffer += value
        let cut: number
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          const event: Partial<SseEvent> & { lines: string[] } = { event: 'message', lines: [] }
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue
            const [field, ...rest] = line.split(':')
            const value = rest.join(':').replace(/^ /, '')
            if (field === 'id') event.id = value
            else if (field === 'event') event.event = value
            else if (field === 'data') event.lines.push(value)
          }
          if (event.lines.length) events.push({ id: event.id, event: event.event!, data: JSON.parse(event.lines.join('\n')), receivedAt: performance.now() })
        }
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true
    }
  })()
  const waitFor = async (match: (e: SseEvent) => boolean, timeoutMs = 5_000): Promise<SseEvent> => {
    const until = Date.now() + timeoutMs
    for (;;) {
      const found = events.find(match)
      if (found) return found
      if (ended) throw new Error(`stream ended without the event; got ${JSON.stringify(events.map((e) => [e.event, e.data.kind]))}`)
      if (Date.now() > until) throw new Error(`no such event within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => [e.event, e.data.kind]))}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }
  return {
    res,
    events,
    done,
    get ended() {
      return ended
    },
    waitFor,
    messages: (kind: string) => events.filter((e) => e.event === 'message' && e.data.kind === kind),
    close: async () => {
      aborter.abort()
      await done
    },
  }
}

const MIN = 60_000
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
const waitUntil = async (check: () => Promise<boolean>, timeoutMs = 5_000) => {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('peer-to-peer signalling', () => {
  let payload: Payload
  let actors: Actors
  let base: string
  let slot = 0

  /** A booking of creator A by `fan`, starting `startsInMs` from now and lasting `durationMs`. */
  const booking = async (opts: { startsInMs: number; durationMs?: number; status?: 'confirmed' | 'cancelled' | 'completed'; fan?: number }) => {
    slot += 1
    const offer = await payload.create({
      collection: 'offers',
      data: { creator: actors.creatorA.creatorId!, title: `Call ${slot}`, startsAt: new Date(Date.UTC(2020, 0, 1, slot)).toISOString(), durationMinutes: 30, price: 10000, currency: 'EUR', status: 'booked' } as never,
      context: { allowPastStart: true },
      depth: 0,
    })
    const created = await payload.create({ collection: 'bookings', data: { offer: offer.id, fan: opts.fan ?? actors.fanA.id, status: opts.status ?? 'confirmed' }, depth: 0 })
    const startsAt = new Date(Date.now() + opts.startsInMs)
    const endsAt = new Date(startsAt.getTime() + (opts.durationMs ?? 30 * MIN))
    await query(payload, 'UPDATE bookings SET starts_at = $2, ends_at = $3 WHERE id = $1', [created.id, startsAt, endsAt])
    return created.id
  }

  const post = (bookingId: number, token: string, body: unknown, at = base) =>
    fetch(`${at}/api/calls/${bookingId}/signal`, { method: 'POST', headers: { authorization: `JWT ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })

  beforeAll(async () => {
    payload = await getTestPayload()
    await resetDatabase(payload)
    actors = await createActors(payload)
    base = await apiBase()
  })

  it('delivers a posted message to the other side’s stream with its row id, as Server-Sent Events', async () => {
    const id = await booking({ startsInMs: -5 * MIN })
    const fan = await openSse(base, id, actors.fanA.token)
    expect(fan.res.status).toBe(200)
    expect(fan.res.headers.get('content-type')).toMatch(/^text\/event-stream/)
    expect(fan.res.headers.get('cache-control')).toContain('no-cache')
    expect(fan.res.headers.get('x-accel-buffering')).toBe('no')
    const ready = await fan.waitFor((e) => e.event === 'ready')
    expect(ready.data).toMatchObject({ role: 'fan', peerPresent: false })

    const offer = { type: 'offer', sdp: 'v=0\r\n'.padEnd(6_500, 'a') } // an offer is ≈ 6 KB: over NOTIFY's limit, fine here
    const sent = await post(id, actors.creatorA.token, { kind: 'description', body: offer })
    expect(sent.status).toBe(201)
    const { id: signalId } = (await sent.json()) as { id: number }
    const got = await fan.waitFor((e) => e.data.kind === 'description')
    expect(got.id).toBe(String(signalId))
    expect(got.data.body).toEqual(offer)
    // The sender's own messages are not echoed to the sender.
    const creator = await openSse(base, id, actors.creatorA.token)
    await creator.waitFor((e) => e.event === 'ready')
    expect(creator.messages('description')).toHaveLength(0)
    await Promise.all([fan.close(), creator.close()])
  })

  it('resumes from Last-Event-ID (header or ?lastEventId=) with only the later messages', async () => {
    const id = await booking({ startsInMs: -5 * MIN })
    const fan = await openSse(base, id, actors.fanA.token)
    await fan.waitFor((e) => e.event === 'ready')
    const ids: number[] = []
    for (let n = 1; n <= 3; n++) ids.push(((await (await post(id, actors.creatorA.token, { kind: 'candidate', body: { n } })).json()) as { id: number }).id)
    await fan.waitFor((e) => e.data.kind === 'candidate' && (e.data.body as { n: number }).n === 3)
    await fan.close()
    for (let n = 4; n <= 5; n++) await post(id, actors.creatorA.token, { kind: 'candidate', body: { n } })

    const resumed = await openSse(base, id, actors.fanA.token, { lastEventId: String(ids[1]) })
    await resumed.waitFor((e) => e.data.kind === 'candidate' && (e.data.body as { n: number }).n === 5)
    expect(resumed.messages('candidate').map((e) => (e.data.body as { n: number }).n)).toEqual([3, 4, 5])
    await resumed.close()

    const byQuery = await openSse(base, id, actors.fanA.token, { search: `?lastEventId=${ids[2]}` })
    await byQuery.waitFor((e) => e.data.kind === 'candidate' && (e.data.body as { n: number }).n === 5)
    expect(byQuery.messages('candidate').map((e) => (e.data.body as { n: number }).n)).toEqual([4, 5])
    await byQuery.close()

    // A new stream (no Last-Event-ID) starts after the newest message: no stale offers after a reload.
    const fresh = await openSse(base, id, actors.fanA.token)
    await fresh.waitFor((e) => e.event === 'ready')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(fresh.messages('candidate')).toHaveLength(0)
    await fresh.close()
  })

  it('is for the booking’s fan and creator only, inside the window only', async () => {
    const open = await booking({ startsInMs: -5 * MIN })
    const later = await booking({ startsInMs: 20 * MIN })
    const soon = await booking({ startsInMs: 14 * MIN })
    const ended = await booking({ startsInMs: -40 * MIN })
    const cancelled = await booking({ startsInMs: -5 * MIN, status: 'cancelled' })
    const message = { kind: 'candidate', body: {} }
    const code = async (res: Response) => ((await res.json()) as { errors: { code: string; opensAt?: string }[] }).errors[0]

    for (const who of [actors.fanB, actors.creatorB, actors.admin]) {
      expect((await post(open, who.token, message)).status).toBe(403)
      expect((await openSse(base, open, who.token)).res.status).toBe(403)
    }
    expect((await api('POST', `/calls/${open}/signal`, { body: message })).status).toBe(401)
    expect((await api('GET', `/calls/${open}/signal`)).status).toBe(401)
    expect((await post(999_999, actors.fanA.token, message)).status).toBe(404)
    expect((await post(cancelled, actors.fanA.token, message)).status).toBe(409)
    expect((await openSse(base, cancelled, actors.creatorA.token)).res.status).toBe(409)

    const before = await post(later, actors.fanA.token, message)
    expect(before.status).toBe(403)
    expect(await code(before)).toMatchObject({ code: 'CALL_NOT_OPEN', opensAt: expect.any(String) })
    const beforeStream = await openSse(base, later, actors.creatorA.token)
    expect(beforeStream.res.status).toBe(403)
    expect(await code(beforeStream.res)).toMatchObject({ code: 'CALL_NOT_OPEN' })
    // 15 minutes before the start it is open.
    expect((await post(soon, actors.fanA.token, message)).status).toBe(201)

    const after = await post(ended, actors.fanA.token, message)
    expect(after.status).toBe(403)
    expect(await code(after)).toMatchObject({ code: 'CALL_ENDED' })
    expect((await openSse(base, ended, actors.fanA.token)).res.status).toBe(403)

    // With Daily as the provider there is no peer-to-peer signalling (no presence to fake).
    process.env.DAILY_API_KEY = 'daily-key'
    try {
      expect((await post(open, actors.fanA.token, message)).status).toBe(404)
      expect((await openSse(base, open, actors.fanA.token)).res.status).toBe(404)
    } finally {
      delete process.env.DAILY_API_KEY
    }

    // Only the kinds a page sends, and bounded bodies (64 KB of JSON, counted in bytes).
    expect((await post(open, actors.fanA.token, { kind: 'description', body: { sdp: 'é'.repeat(33_000) } })).status).toBe(400)
    expect((await post(open, actors.fanA.token, { kind: 'presence', body: {} })).status).toBe(400)
    expect((await post(open, actors.fanA.token, { kind: 'description', body: { sdp: 'x'.repeat(70_000) } })).status).toBe(400)
  })

  it('ends both streams at the scheduled end (event: end), then refuses messages', async () => {
    const id = await booking({ startsInMs: -29 * MIN, durationMs: 29 * MIN + 1_500 })
    const fan = await openSse(base, id, actors.fanA.token)
    const creator = await openSse(base, id, actors.creatorA.token)
    await Promise.all([fan.waitFor((e) => e.event === 'ready'), creator.waitFor((e) => e.event === 'ready')])
    const [fanEnd, creatorEnd] = await Promise.all([fan.waitFor((e) => e.event === 'end', 5_000), creator.waitFor((e) => e.event === 'end', 5_000)])
    expect(fanEnd.data).toMatchObject({ reason: 'scheduled_end' })
    expect(creatorEnd.data).toMatchObject({ reason: 'scheduled_end' })
    await Promise.all([fan.done, creator.done]) // the server closed them
    expect(fan.ended && creator.ended).toBe(true)
    const refused = await post(id, actors.creatorA.token, { kind: 'hangup', body: {} })
    expect(refused.status).toBe(403)
    const rows = await query(payload, `SELECT type, metadata->>'reason' AS reason FROM call_events WHERE booking_id = $1 AND type = 'left'`, [id])
    expect(rows.map((r) => r.reason)).toEqual(['end', 'end'])
  })

  it('records presence: joined/left call-events per stream (source provider) and tells the other side', async () => {
    const id = await booking({ startsInMs: -5 * MIN })
    const creator = await openSse(base, id, actors.creatorA.token)
    await creator.waitFor((e) => e.event === 'ready')
    const fan = await openSse(base, id, actors.fanA.token)
    const fanReady = await fan.waitFor((e) => e.event === 'ready')
    expect(fanReady.data.peerPresent).toBe(true)
    await creator.waitFor((e) => e.data.kind === 'presence' && (e.data.body as { present: boolean }).present === true)
    // A reload: a second stream of the fan, then the first one closes — the fan is still present.
    const fan2 = await openSse(base, id, actors.fanA.token)
    await fan2.waitFor((e) => e.event === 'ready')
    await fan.close()
    await creator.waitFor((e) => e.data.kind === 'presence' && (e.data.body as { streamId: string }).streamId === fanReady.data.streamId)
    const afterReload = creator.messages('presence').at(-1)!
    expect(afterReload.data.body).toMatchObject({ role: 'fan', present: true })
    await fan2.close()
    const gone = await creator.waitFor((e) => e.data.kind === 'presence' && (e.data.body as { present: boolean }).present === false)
    expect(gone.data.body).toMatchObject({ role: 'fan', present: false })
    await creator.close()

    await waitUntil(async () => (await query(payload, `SELECT 1 FROM call_events WHERE booking_id = $1 AND type = 'left'`, [id])).length === 3)
    const events = await query<{ type: string; source: string; actor_id: number; role: string; instance: string; stream_id: string }>(
      payload,
      `SELECT type, source, actor_id, metadata->>'role' AS role, metadata->>'instance' AS instance, metadata->>'streamId' AS stream_id
         FROM call_events WHERE booking_id = $1 ORDER BY id`,
      [id],
    )
    expect(events.filter((e) => e.type === 'joined').map((e) => [e.role, e.actor_id])).toEqual([
      ['creator', actors.creatorA.id],
      ['fan', actors.fanA.id],
      ['fan', actors.fanA.id],
    ])
    expect(events.every((e) => e.source === 'provider' && e.instance)).toBe(true)
    // Every stream's joined has its left.
    const byStream = new Map<string, string[]>()
    for (const e of events) byStream.set(e.stream_id, [...(byStream.get(e.stream_id) ?? []), e.type])
    expect([...byStream.values()]).toEqual([
      ['joined', 'left'],
      ['joined', 'left'],
      ['joined', 'left'],
    ])
  })

  it('the bus: two LISTEN connections (two instances) both hear a signal committed through the pool, and catch up after a dropped connection', async () => {
    const id = await booking({ startsInMs: -5 * MIN })
    const busA = new SignalBus({ connection: listenerConnection(payload), channel: SIGNAL_CHANNEL, backoffMs: [50] })
    const busB = new SignalBus({ connection: listenerConnection(payload), channel: SIGNAL_CHANNEL, backoffMs: [50] })
    try {
      const heardA: Wake[] = []
      const heardB: Wake[] = []
      busA.subscribe(id, (w) => heardA.push(w))
      busB.subscribe(id, (w) => heardB.push(w))
      busB.subscribe(id + 1, () => heardB.push({ bookingId: -1, id: -1 })) // another booking hears nothing
      await Promise.all([busA.ready(), busB.ready()])
      const { id: signalId } = await insertSignal(runner(payload), { bookingId: id, fromUserId: actors.fanA.id, toRole: 'creator', kind: 'candidate', body: {} })
      await waitUntil(async () => heardA.length === 1 && heardB.length === 1)
      expect(heardA[0]).toEqual({ bookingId: id, id: signalId })
      expect(heardB[0]).toEqual({ bookingId: id, id: signalId })

      // A dropped listening connection: LISTEN again, then every subscriber is woken to read the table.
      await busB.dropConnection()
      await waitUntil(async () => heardB.some((w) => w.reconnected === true))
      expect(busB.connections).toBe(2)
      await insertSignal(runner(payload), { bookingId: id, fromUserId: actors.fanA.id, toRole: 'creator', kind: 'candidate', body: {} })
      await waitUntil(async () => heardB.filter((w) => w.id !== null && w.bookingId === id).length === 2)
    } finally {
      await Promise.all([busA.close(), busB.close()])
    }
  })

  describe('two web instances', () => {
    let child: ChildProcess
    let baseB: string

    beforeAll(async () => {
      child = spawn(process.execPath, ['--import', 'tsx', 'tests/int/second-instance.ts'], {
        env: { ...process.env, INSTANCE_ID: 'web-2', NODE_OPTIONS: '--no-deprecation' },
        stdio: ['pipe', 'pipe', 'inherit'],
      })
      baseB = await new Promise<string>((resolve, reject) => {
        const lines = readline.createInterface({ input: child.stdout! })
        lines.on('line', (line) => {
          const match = /^LISTENING (\S+)/.exec(line)
          if (match) resolve(match[1])
        })
        child.on('exit', (code) => reject(new Error(`second instance exited with ${code}`)))
      })
    }, 180_000)

    afterAll(async () => {
      child?.stdin?.end()
      await new Promise((resolve) => (!child || child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.on('exit', resolve)))
    })

    it('relays between a stream on one instance and messages posted to the other, both ways (latency printed)', async () => {
      const id = await booking({ startsInMs: -5 * MIN })
      const fan = await openSse(baseB, id, actors.fanA.token) // fan's stream on instance B
      const creator = await openSse(base, id, actors.creatorA.token) // creator's stream on instance A
      const [, creatorReady] = await Promise.all([fan.waitFor((e) => e.event === 'ready'), creator.waitFor((e) => e.event === 'ready')])
      // Presence crossed instances too: the fan's stream (instance web-2) is known to the creator (instance A) —
      // in the creator's `ready` (peerPresent, read from the database) when the fan's stream opened first, else by a presence signal.
      if (!(creatorReady.data as { peerPresent?: boolean }).peerPresent) {
        await creator.waitFor((e) => e.data.kind === 'presence' && (e.data.body as { role: string }).role === 'fan')
      }
      const instances = await query(payload, `SELECT DISTINCT metadata->>'instance' AS instance FROM call_events WHERE booking_id = $1 AND type = 'joined' AND metadata->>'role' = 'fan'`, [id])
      expect(instances.map((r) => r.instance)).toEqual(['web-2'])

      const latencies: number[] = []
      for (let n = 0; n < 60; n++) {
        const [to, from, at] = n % 2 ? [fan, actors.creatorA.token, base] : [creator, actors.fanA.token, baseB]
        const started = performance.now()
        const res = await post(id, from, { kind: 'candidate', body: { n } }, at)
        expect(res.status).toBe(201)
        const got = await to.waitFor((e) => e.data.kind === 'candidate' && (e.data.body as { n: number }).n === n)
        latencies.push(got.receivedAt - started)
      }
      latencies.sort((a, b) => a - b)
      const p50 = percentile(latencies, 50)
      const p95 = percentile(latencies, 95)
      console.info(`signalling relay across two web processes (POST → other instance's SSE), n=${latencies.length}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`)
      expect(p95).toBeLessThan(1_000)
      await Promise.all([fan.close(), creator.close()])
    })

    it('counts one participant’s open streams across instances (3 in all)', async () => {
      const id = await booking({ startsInMs: -5 * MIN })
      const streams = [await openSse(baseB, id, actors.fanA.token), await openSse(base, id, actors.fanA.token), await openSse(base, id, actors.fanA.token)]
      await Promise.all(streams.map((s) => s.waitFor((e) => e.event === 'ready')))
      const [fourthOnA, fourthOnB] = [await openSse(base, id, actors.fanA.token), await openSse(baseB, id, actors.fanA.token)]
      expect([fourthOnA.res.status, fourthOnB.res.status]).toEqual([429, 429])
      await Promise.all(streams.map((s) => s.close()))
    })

    // Last in this block: it kills instance B.
    it('closes the stream of a killed instance at its last heartbeat: the other side told, the place freed', async () => {
      const id = await booking({ startsInMs: -5 * MIN })
      const creator = await openSse(base, id, actors.creatorA.token)
      await creator.waitFor((e) => e.event === 'ready')
      const doomed = await openSse(baseB, id, actors.fanA.token) // on instance B
      const doomedId = (await doomed.waitFor((e) => e.event === 'ready')).data.streamId as string

      // Instance B dies mid-call: nothing closes its stream, so the fan still counts as present…
      child.kill('SIGKILL')
      await doomed.done
      const leftOf = () => query<{ at: Date; reason: string | null }>(payload, `SELECT at, metadata->>'reason' AS reason FROM call_events WHERE booking_id = $1 AND type = 'left' AND metadata->>'streamId' = $2`, [id, doomedId])
      expect(await leftOf()).toEqual([])
      // …until its heartbeat has been silent for SIGNAL_STREAM_LOST_MS (moved back here, as 45 s of silence would).
      const [{ seen_at: lastBeat }] = await query<{ seen_at: Date }>(
        payload,
        `UPDATE call_streams SET opened_at = opened_at - interval '60 seconds', seen_at = seen_at - interval '60 seconds' WHERE id = $1 RETURNING seen_at`,
        [doomedId],
      )
      await query(payload, `UPDATE call_events SET at = at - interval '60 seconds' WHERE metadata->>'streamId' = $1`, [doomedId])
      // The next sweep (a stream opening or beating, the summary, the completion job) closes it once, at its last beat.
      const summary = await api<{ actual: { fan: { lastLeftAt: string | null } | null } }>('GET', `/calls/${id}/summary`, { token: actors.creatorA.token })
      expect(summary.status).toBe(200)
      expect(summary.body.actual.fan?.lastLeftAt).toBe(lastBeat.toISOString())
      expect(await leftOf()).toEqual([{ at: lastBeat, reason: 'lost' }])
      const gone = await creator.waitFor((e) => e.data.kind === 'presence' && (e.data.body as { streamId: string; present: boolean }).streamId === doomedId && !(e.data.body as { present: boolean }).present)
      expect(gone.data.body).toMatchObject({ role: 'fan', present: false })
      expect(await sweepLostStreams(payload, id)).toBe(0)
      // The fan comes back on instance A: welcome again (the dead stream holds no place).
      const back = await openSse(base, id, actors.fanA.token)
      expect((await back.waitFor((e) => e.event === 'ready')).data.peerPresent).toBe(true)
      await Promise.all([back.close(), creator.close()])
    })
  })

  it('accepts the join answer’s call token instead of a session (?token= on the stream, Bearer on a POST), for its own booking only', async () => {
    const id = await booking({ startsInMs: -5 * MIN })
    const other = await booking({ startsInMs: -5 * MIN })
    const join = async (token: string, bookingId: number) => {
      const res = await api<{ provider: string; token: string }>('POST', `/calls/${bookingId}/join`, { token })
      expect(res.status).toBe(200)
      expect(res.body.provider).toBe('p2p')
      return res.body.token
    }
    const fanCallToken = await join(actors.fanA.token, id)
    const creatorCallToken = await join(actors.creatorA.token, id)
    const bearer = (bookingId: number, callToken: string, body: unknown) =>
      fetch(`${base}/api/calls/${bookingId}/signal`, { method: 'POST', headers: { authorization: `Bearer ${callToken}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })

    const fan = await openSse(base, id, null, { search: `?token=${encodeURIComponent(fanCallToken)}` })
    expect(fan.res.status).toBe(200)
    expect((await fan.waitFor((e) => e.event === 'ready')).data).toMatchObject({ role: 'fan' })
    const sent = await bearer(id, creatorCallToken, { kind: 'candidate', body: { n: 1 } })
    expect(sent.status).toBe(201)
    const got = await fan.waitFor((e) => e.data.kind === 'candidate')
    expect(got.data.body).toEqual({ n: 1 })
    // ?token= on a POST too; the message is stored as the token's user's.
    const byQuery = await fetch(`${base}/api/calls/${id}/signal?token=${encodeURIComponent(fanCallToken)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'state', body: {} }) })
    expect(byQuery.status).toBe(201)
    const { id: signalId } = (await byQuery.json()) as { id: number }
    expect(await query(payload, 'SELECT from_user_id, to_role FROM call_signals WHERE id = $1', [signalId])).toEqual([{ from_user_id: actors.fanA.id, to_role: 'creator' }])
    // Presence is recorded as the token's user.
    const joined = await query(payload, `SELECT actor_id FROM call_events WHERE booking_id = $1 AND type = 'joined'`, [id])
    expect(joined).toEqual([{ actor_id: actors.fanA.id }])
    await fan.close()

    const code = async (res: Response) => ((await res.json()) as { errors: { code: string }[] }).errors[0].code
    // Another booking's token: 403; a forged or garbled token, or none: 401.
    const wrongBooking = await bearer(other, fanCallToken, { kind: 'candidate', body: {} })
    expect(wrongBooking.status).toBe(403)
    expect((await openSse(base, other, null, { search: `?token=${encodeURIComponent(fanCallToken)}` })).res.status).toBe(403)
    const [claims, mac] = fanCallToken.split('.')
    const forged = `${Buffer.from(JSON.stringify({ b: id, u: actors.fanB.id, r: 'fan', e: 4_000_000_000 })).toString('base64url')}.${mac}`
    for (const bad of [forged, `${claims}.x${mac!.slice(1)}`, 'nonsense']) {
      const res = await bearer(id, bad, { kind: 'candidate', body: {} })
      expect(res.status, bad).toBe(401)
      expect(await code(res)).toBe('UNAUTHORIZED')
      expect((await openSse(base, id, null, { search: `?token=${encodeURIComponent(bad)}` })).res.status).toBe(401)
    }
    const none = await fetch(`${base}/api/calls/${id}/signal`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":"nope"}' })
    expect(none.status).toBe(401) // who asks comes before the body
  })

  it('limits one participant to 600 messages a minute (429 TOO_MANY_EVENTS) and 3 open streams (429 TOO_MANY_STREAMS)', async () => {
    const id = await booking({ startsInMs: -5 * MIN })
    // 599 messages of the fan in the last minute (and older ones, which do not count), straight into the table.
    await query(payload, `INSERT INTO call_signals (booking_id, from_user_id, to_role, kind, body, created_at) SELECT $1, $2, 'creator', 'candidate', '{}', now() - interval '2 minutes' FROM generate_series(1, 50)`, [id, actors.fanA.id])
    await query(payload, `INSERT INTO call_signals (booking_id, from_user_id, to_role, kind, body, created_at) SELECT $1, $2, 'creator', 'candidate', '{}', now() FROM generate_series(1, 599)`, [id, actors.fanA.id])
    const message = { kind: 'candidate', body: {} }
    const [last, ...over] = await Promise.all([0, 1, 2].map(() => post(id, actors.fanA.token, message)))
    const statuses = [last, ...over].map((r) => r.status).sort()
    expect(statuses).toEqual([201, 429, 429]) // concurrent posts are counted one after the other
    const refused = [last, ...over].find((r) => r.status === 429)!
    expect(((await refused.json()) as { errors: { code: string }[] }).errors[0].code).toBe('TOO_MANY_EVENTS')
    // The other participant has their own allowance.
    expect((await post(id, actors.creatorA.token, message)).status).toBe(201)

    const streams = [await openSse(base, id, actors.fanA.token), await openSse(base, id, actors.fanA.token), await openSse(base, id, actors.fanA.token)]
    expect(streams.map((s) => s.res.status)).toEqual([200, 200, 200])
    const fourth = await openSse(base, id, actors.fanA.token)
    expect(fourth.res.status).toBe(429)
    expect(((await fourth.res.json()) as { errors: { code: string }[] }).errors[0].code).toBe('TOO_MANY_STREAMS')
    // The creator is counted apart; a closed stream frees its place.
    const creator = await openSse(base, id, actors.creatorA.token)
    expect(creator.res.status).toBe(200)
    await streams[0]!.close()
    await waitUntil(async () => (await query(payload, `SELECT 1 FROM call_events WHERE booking_id = $1 AND type = 'left'`, [id])).length === 1)
    const again = await openSse(base, id, actors.fanA.token)
    expect(again.res.status).toBe(200)
    await Promise.all([again, creator, streams[1]!, streams[2]!].map((s) => s.close()))
  })

  it('deletes signals a day after their call ended (log-retention job)', async () => {
    const old = await booking({ startsInMs: -30 * 3_600_000 })
    const recent = await booking({ startsInMs: -5 * MIN })
    for (const bookingId of [old, recent]) await insertSignal(runner(payload), { bookingId, fromUserId: null, toRole: 'fan', kind: 'state', body: {} })
    expect(await deleteOldCallSignals(payload)).toBe(1)
    const left = await query(payload, 'SELECT booking_id FROM call_signals WHERE booking_id IN ($1, $2)', [old, recent])
    expect(left.map((r) => r.booking_id)).toEqual([recent])
  })
})
