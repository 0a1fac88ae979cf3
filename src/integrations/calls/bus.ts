/**
 * The signalling bus across web instances (issue 11): one dedicated PostgreSQL connection per
 * process LISTENs on `call_signals`; every insert of a signal NOTIFYs `<booking id>:<signal id>` at
 * commit (src/db/calls.ts). Subscribers — the open signalling streams of this process — register per
 * booking and are woken with the new id; they read the rows themselves (id > last sent), so a
 * wake-up carries no message and none can be lost: after a reconnect (with backoff) the bus LISTENs
 * again and wakes every subscriber to catch up from the table.
 *
 * Not the pool: LISTEN belongs to one session. Not through PgBouncer in transaction mode.
 */
import pg, { type ClientConfig } from 'pg'

export type Wake = { bookingId: number; id: number | null; reconnected?: boolean }
type Subscriber = (wake: Wake) => void
type Log = (message: string, error?: unknown) => void

export type SignalBusOptions = {
  connection: ClientConfig
  channel?: string
  /** Waits between reconnection attempts (the last one repeats). */
  backoffMs?: number[]
  /** A `SELECT 1` on the listening connection this often, so a half-open connection is noticed. */
  pingMs?: number
  log?: Log
}

const DEFAULT_BACKOFF = [100, 250, 500, 1_000, 2_000, 5_000]

export class SignalBus {
  private client: pg.Client | null = null
  private readonly subscribers = new Map<number, Set<Subscriber>>()
  private connecting: Promise<void> | null = null
  private attempt = 0
  private reconnectTimer: NodeJS.Timeout | null = null
  private pingTimer: NodeJS.Timeout | null = null
  private closed = false
  /** How many times the connection was (re)established; tests read it. */
  connections = 0

  constructor(private readonly options: SignalBusOptions) {}

  private get channel() {
    return this.options.channel ?? 'call_signals'
  }

  /** Whether the LISTEN connection is up. */
  get listening(): boolean {
    return this.client !== null && this.connecting === null
  }

  /** Resolves once LISTEN is active (connecting if needed); streams read the table after this. */
  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('signal bus closed'))
    if (this.client && !this.connecting) return Promise.resolve()
    return (this.connecting ??= this.connect())
  }

  /** Registers `subscriber` for `bookingId`'s signals; returns the unsubscribe function. */
  subscribe(bookingId: number, subscriber: Subscriber): () => void {
    let set = this.subscribers.get(bookingId)
    if (!set) this.subscribers.set(bookingId, (set = new Set()))
    set.add(subscriber)
    void this.ready().catch(() => undefined)
    return () => {
      set.delete(subscriber)
      if (set.size === 0 && this.subscribers.get(bookingId) === set) this.subscribers.delete(bookingId)
    }
  }

  /** How many streams of this process listen to `bookingId` (tests and diagnostics). */
  subscriberCount(bookingId: number): number {
    return this.subscribers.get(bookingId)?.size ?? 0
  }

  private async connect(): Promise<void> {
    const reconnected = this.connections > 0
    for (;;) {
      if (this.closed) throw new Error('signal bus closed')
      const client = new pg.Client(this.options.connection)
      client.on('error', (error) => this.lost(client, error))
      client.on('end', () => this.lost(client, new Error('connection ended')))
      try {
        await client.connect()
        client.on('notification', (message) => this.dispatch(message.channel, message.payload))
        await client.query(`LISTEN ${pg.escapeIdentifier(this.channel)}`)
        this.client = client
        this.connections += 1
        this.attempt = 0
        this.connecting = null
        this.startPing(client)
        // Anything committed while we were not listening is in the table: every stream catches up.
        if (reconnected) this.wakeAll()
        return
      } catch (error) {
        client.removeAllListeners('end')
        await client.end().catch(() => undefined)
        const wait = this.nextBackoff()
        this.options.log?.(`signal bus: could not listen (retrying in ${wait} ms)`, error)
        await new Promise((resolve) => setTimeout(resolve, wait))
      }
    }
  }

  private nextBackoff(): number {
    const steps = this.options.backoffMs ?? DEFAULT_BACKOFF
    return steps[Math.min(this.attempt++, steps.length - 1)]
  }

  private startPing(client: pg.Client) {
    if (this.pingTimer) clearInterval(this.pingTimer)
    this.pingTimer = setInterval(() => {
      client.query('SELECT 1').catch((error) => this.lost(client, error))
    }, this.options.pingMs ?? 30_000)
    this.pingTimer.unref()
  }

  /** The listening connection broke: forget it and LISTEN again after a backoff. */
  private lost(client: pg.Client, error: unknown) {
    if (this.client !== client || this.closed) return
    this.client = null
    if (this.pingTimer) clearInterval(this.pingTimer)
    this.pingTimer = null
    client.removeAllListeners('end')
    void client.end().catch(() => undefined)
    this.options.log?.('signal bus: listening connection lost; reconnecting', error)
    const wait = this.nextBackoff()
    this.connecting = new Promise<void>((resolve, reject) => {
      this.reconnectTimer = setTimeout(() => {
        this.reconnectTimer = null
        this.connecting = null
        this.connecting = this.connect()
        this.connecting.then(resolve, reject)
      }, wait)
      this.reconnectTimer.unref()
    })
    this.connecting.catch(() => undefined)
  }

  private dispatch(channel: string, payload: string | undefined) {
    if (channel !== this.channel || !payload) return
    const match = /^(\d+):(\d+)$/.exec(payload)
    if (!match) return
    const bookingId = Number(match[1])
    const id = Number(match[2])
    for (const subscriber of this.subscribers.get(bookingId) ?? []) this.call(subscriber, { bookingId, id })
  }

  private wakeAll() {
    for (const [bookingId, set] of this.subscribers) for (const subscriber of set) this.call(subscriber, { bookingId, id: null, reconnected: true })
  }

  private call(subscriber: Subscriber, wake: Wake) {
    try {
      subscriber(wake)
    } catch (error) {
      this.options.log?.('signal bus: a subscriber failed', error)
    }
  }

  /** For tests: drops the listening connection as a network failure would. */
  async dropConnection(): Promise<void> {
    const client = this.client
    if (!client) return
    await client.query('SELECT pg_terminate_backend(pg_backend_pid())').catch(() => undefined)
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer)
    if (this.pingTimer) clearInterval(this.pingTimer)
    const client = this.client
    this.client = null
    this.subscribers.clear()
    if (client) {
      client.removeAllListeners('end')
      await client.end().catch(() => undefined)
    }
  }
}
