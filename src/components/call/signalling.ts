/**
 * The call page's signalling client for the peer-to-peer provider (browser only, no React): the
 * booking's Server-Sent Events stream (GET /api/calls/:bookingId/signal) and its POSTs. The browser's
 * EventSource reconnects by itself after a network blip and resumes with `Last-Event-ID` (the server
 * sets `retry: 2000`); messages already seen are dropped. The server closes the stream at the
 * scheduled end with `event: end` — `onEnd` then fires and the page hangs up: the end is the
 * server's, not a timer in the page. The session cookie authenticates both (same origin).
 */
import type { CallRole, SignalKind } from '@/domain/calls'
import type { RefusalCode } from '@/domain/refusal'

/** A message from the other side (or the server's `presence` note about it). */
export type SignalMessage = { id: number; kind: SignalKind; body: unknown; at: string }

/** The stream's first event: who we are, when the call ends, the server's clock, whether the other side is there. */
export type SignalReady = { role: CallRole; streamId: string; endsAt: string; serverNow: string; peerPresent: boolean }

/**
 * Why signalling stopped: the scheduled end (server), the server refused the stream (outside the
 * window, not a participant, booking not confirmed — ask the join endpoint why), or `close()`.
 */
export type SignalEnd = { reason: 'scheduled_end' | 'refused' | 'closed' }

export type SignallingState = 'connecting' | 'open' | 'reconnecting' | 'ended'

/** A POST the server refused (`status`, `code` as in SPEC §14: 403 CALL_NOT_OPEN, 403 CALL_ENDED…). */
export class SignalRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: RefusalCode | 'NETWORK',
    message: string,
  ) {
    super(message)
    this.name = 'SignalRefused'
  }
}

type EventSourceLike = {
  readonly readyState: number
  onopen: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
  onerror: ((event: Event) => void) | null
  addEventListener: (type: string, listener: (event: MessageEvent) => void) => void
  close: () => void
}

export type SignallingOptions = {
  bookingId: number
  onMessage: (message: SignalMessage) => void
  onReady?: (ready: SignalReady) => void
  onEnd?: (end: SignalEnd) => void
  onStateChange?: (state: SignallingState) => void
  /** Resume after this id (e.g. kept across a soft navigation); by default only new messages. */
  lastEventId?: number
  /** The API's origin and prefix (default: same origin, `/api`). */
  apiBase?: string
  /** For tests: the EventSource and fetch to use. */
  EventSourceImpl?: new (url: string, init?: { withCredentials?: boolean }) => EventSourceLike
  fetchImpl?: typeof fetch
}

export type Signalling = {
  /** Sends a message to the other side; rejects with `SignalRefused` (CALL_ENDED also ends signalling). */
  send: (kind: Exclude<SignalKind, 'presence'>, body: unknown) => Promise<{ id: number }>
  /** The newest message id seen (what EventSource sends as Last-Event-ID on reconnect). */
  readonly lastEventId: number
  readonly state: SignallingState
  /** Opens a new stream at once, resuming after the last message (a network change; tests force a blip with it). */
  reconnect: () => void
  close: () => void
}

const CLOSED = 2

export const connectSignalling = (options: SignallingOptions): Signalling => {
  const base = `${options.apiBase ?? '/api'}/calls/${options.bookingId}/signal`
  const Source = options.EventSourceImpl ?? (globalThis.EventSource as unknown as SignallingOptions['EventSourceImpl'])
  const doFetch = options.fetchImpl ?? globalThis.fetch.bind(globalThis)
  if (!Source) throw new Error('EventSource is not available here')

  let lastEventId = options.lastEventId ?? 0
  let state: SignallingState = 'connecting'
  const setState = (next: SignallingState) => {
    if (state === next || state === 'ended') return
    state = next
    options.onStateChange?.(next)
  }

  let source: EventSourceLike
  let retry: ReturnType<typeof setTimeout> | null = null

  const end = (reason: SignalEnd['reason']) => {
    if (state === 'ended') return
    if (retry) clearTimeout(retry)
    source.close()
    setState('ended')
    options.onEnd?.({ reason })
  }

  const open = (url: string) => {
    const s = new Source!(url, { withCredentials: true })
    source = s
    s.onopen = () => setState('open')
    s.onmessage = (event) => {
      const id = Number(event.lastEventId)
      if (Number.isFinite(id) && id > 0) {
        if (id <= lastEventId) return // seen before a reconnect
        lastEventId = id
      }
      const data = JSON.parse(event.data) as Omit<SignalMessage, 'id'>
      options.onMessage({ id, kind: data.kind, body: data.body, at: data.at })
    }
    s.addEventListener('ready', (event) => {
      setState('open')
      options.onReady?.(JSON.parse(event.data) as SignalReady)
    })
    s.addEventListener('end', () => end('scheduled_end'))
    s.onerror = () => {
      if (state === 'ended' || s !== source) return
      if (s.readyState !== CLOSED) return setState('reconnecting') // EventSource reconnects by itself
      // CLOSED: the server answered with an error (403/409…) and EventSource gives up — unless the
      // browser is offline, where the attempt never reached the server: try again in a moment.
      if (typeof navigator !== 'undefined' && navigator.onLine === false) {
        setState('reconnecting')
        retry = setTimeout(reconnect, 2_000)
      } else end('refused')
    }
  }

  /** A new stream resuming after the last message seen (after a network change the old one may be dead without an error). */
  const reconnect = () => {
    if (state === 'ended') return
    if (retry) clearTimeout(retry)
    retry = null
    source.close()
    setState('reconnecting')
    open(`${base}?lastEventId=${lastEventId}`)
  }

  open(options.lastEventId !== undefined ? `${base}?lastEventId=${options.lastEventId}` : base)

  return {
    send: async (kind, body) => {
      let res: Response
      try {
        res = await doFetch(base, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ kind, body }),
        })
      } catch (error) {
        throw new SignalRefused(0, 'NETWORK', error instanceof Error ? error.message : String(error))
      }
      if (res.ok) return (await res.json()) as { id: number }
      const error = ((await res.json().catch(() => null)) as { errors?: { code?: RefusalCode; message?: string }[] } | null)?.errors?.[0]
      if (error?.code === 'CALL_ENDED') end('scheduled_end')
      throw new SignalRefused(res.status, error?.code ?? 'NETWORK', error?.message ?? `signalling answered ${res.status}`)
    },
    get lastEventId() {
      return lastEventId
    },
    get state() {
      return state
    },
    reconnect,
    close: () => end('closed'),
  }
}
