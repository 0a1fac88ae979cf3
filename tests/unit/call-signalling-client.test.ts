import { describe, expect, it, vi } from 'vitest'

import { connectSignalling, SignalRefused, type SignalMessage } from '@/components/call/signalling'

class FakeEventSource {
  static last: FakeEventSource
  readyState = 0
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onerror: ((event: Event) => void) | null = null
  listeners = new Map<string, (event: MessageEvent) => void>()
  closed = false
  constructor(
    readonly url: string,
    readonly init?: { withCredentials?: boolean },
  ) {
    FakeEventSource.last = this
  }
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.set(type, listener)
  }
  close() {
    this.closed = true
    this.readyState = 2
  }
  open() {
    this.readyState = 1
    this.onopen?.(new Event('open'))
  }
  emit(data: unknown, opts: { id?: number; event?: string } = {}) {
    const event = new MessageEvent(opts.event ?? 'message', { data: JSON.stringify(data), lastEventId: opts.id === undefined ? '' : String(opts.id) })
    if (opts.event) this.listeners.get(opts.event)?.(event)
    else this.onmessage?.(event)
  }
  fail(readyState: number) {
    this.readyState = readyState
    this.onerror?.(new Event('error'))
  }
}

const connect = (extra: Partial<Parameters<typeof connectSignalling>[0]> = {}) => {
  const messages: SignalMessage[] = []
  const onEnd = vi.fn()
  const states: string[] = []
  const signalling = connectSignalling({
    bookingId: 7,
    onMessage: (m) => messages.push(m),
    onEnd,
    onStateChange: (s) => states.push(s),
    EventSourceImpl: FakeEventSource,
    ...extra,
  })
  return { signalling, messages, onEnd, states, source: FakeEventSource.last }
}

describe('the call page’s signalling client', () => {
  it('opens the booking’s stream with credentials and hands over messages with their ids, once each', () => {
    const { signalling, messages, source, states } = connect()
    expect(source.url).toBe('/api/calls/7/signal')
    expect(source.init).toEqual({ withCredentials: true })
    source.open()
    source.emit({ kind: 'description', body: { type: 'offer' }, at: 'now' }, { id: 12 })
    source.emit({ kind: 'description', body: { type: 'offer' }, at: 'now' }, { id: 12 }) // replayed after a reconnect
    source.emit({ kind: 'candidate', body: {}, at: 'now' }, { id: 13 })
    expect(messages.map((m) => [m.id, m.kind])).toEqual([
      [12, 'description'],
      [13, 'candidate'],
    ])
    expect(signalling.lastEventId).toBe(13)
    source.fail(0) // network blip: EventSource reconnects by itself
    expect(states).toEqual(['open', 'reconnecting'])
  })

  it('reconnects on demand with a new stream resuming after the last message, ignoring the old one', () => {
    const { signalling, messages, source, states, onEnd } = connect()
    source.open()
    source.emit({ kind: 'candidate', body: {}, at: 'now' }, { id: 21 })
    signalling.reconnect()
    const next = FakeEventSource.last
    expect(source.closed).toBe(true)
    expect(next.url).toBe('/api/calls/7/signal?lastEventId=21')
    source.fail(2) // the old stream's late error changes nothing
    expect(onEnd).not.toHaveBeenCalled()
    next.open()
    next.emit({ kind: 'candidate', body: {}, at: 'now' }, { id: 22 })
    expect(messages.map((m) => m.id)).toEqual([21, 22])
    expect(states).toEqual(['open', 'reconnecting', 'open'])
  })

  it('resumes after a given id through ?lastEventId=', () => {
    const { source } = connect({ lastEventId: 40, apiBase: 'https://app.test/api' })
    expect(source.url).toBe('https://app.test/api/calls/7/signal?lastEventId=40')
  })

  it('ends on the server’s `end` event, and when the server refuses the stream', () => {
    const a = connect()
    a.source.emit({ reason: 'scheduled_end' }, { event: 'end' })
    expect(a.onEnd).toHaveBeenCalledWith({ reason: 'scheduled_end' })
    expect(a.source.closed).toBe(true)
    expect(a.signalling.state).toBe('ended')

    const b = connect()
    b.source.fail(2)
    expect(b.onEnd).toHaveBeenCalledWith({ reason: 'refused' })
  })

  it('posts messages as JSON and turns refusals into SignalRefused (403 CALL_ENDED ends signalling)', async () => {
    const fetchImpl = vi
      .fn()
      .mockResolvedValueOnce(Response.json({ id: 5 }, { status: 201 }))
      .mockResolvedValueOnce(Response.json({ errors: [{ code: 'CALL_ENDED', message: 'The call has ended.' }] }, { status: 403 }))
    const { signalling, onEnd } = connect({ fetchImpl })
    expect(await signalling.send('candidate', { candidate: 'x' })).toEqual({ id: 5 })
    expect(fetchImpl.mock.calls[0][0]).toBe('/api/calls/7/signal')
    expect(JSON.parse(fetchImpl.mock.calls[0][1].body)).toEqual({ kind: 'candidate', body: { candidate: 'x' } })
    const refused = await signalling.send('hangup', {}).catch((e) => e)
    expect(refused).toBeInstanceOf(SignalRefused)
    expect(refused).toMatchObject({ status: 403, code: 'CALL_ENDED' })
    expect(onEnd).toHaveBeenCalledWith({ reason: 'scheduled_end' })
  })
})
