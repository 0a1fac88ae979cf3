/**
 * The peer-to-peer call (browser only, no React): one RTCPeerConnection per attempt over the app's
 * signalling (connectSignalling), with MDN's perfect negotiation (the creator polite, the fan
 * impolite), ICE restart on `failed` and after a few seconds `disconnected`, the other side's
 * camera/microphone state, its presence, and the connection quality from getStats.
 *
 * Each peer connection has a generation id, carried by its descriptions and candidates: an answer
 * names the offer's generation it answers (`re`), so a late answer to a connection that was rebuilt
 * is dropped, and an offer from a new generation of the other side (their page reloaded) rebuilds ours.
 */
import { connectionQuality, ICE_DISCONNECTED_RESTART_MS, isPolite, lossBetween, offerCollision, type Quality } from '@/domain/callPage'
import type { CallRole } from '@/domain/calls'

import type { ClientCallEvent } from './media'
import { connectSignalling, type SignalEnd, type Signalling, type SignallingState, type SignalMessage } from './signalling'

export type Connection = 'waiting' | 'connecting' | 'connected' | 'reconnecting'

export type PeerState = {
  signalling: SignallingState
  peerPresent: boolean
  connection: Connection
  remoteStream: MediaStream | null
  remote: { camera: boolean; mic: boolean }
  quality: Quality
  rttMs: number | null
  /** Set once: why the call ended for this page. */
  ended: SignalEnd['reason'] | 'hangup' | 'fallback' | null
}

type Description = { gen: string; re?: string; description: RTCSessionDescriptionInit }
type Candidate = { gen: string; candidate: RTCIceCandidateInit | null }

export type PeerOptions = {
  bookingId: number
  role: CallRole
  iceServers: RTCIceServer[]
  stream: MediaStream
  onChange: (state: PeerState) => void
  onEvent: (type: ClientCallEvent, metadata?: Record<string, unknown>) => void
  /** Filled with the current peer connection (tests read its stats). */
  onPeerConnection?: (pc: RTCPeerConnection) => void
}

const newGen = () => Math.random().toString(36).slice(2, 10)

export class PeerSession {
  private readonly polite: boolean
  private signalling: Signalling | null = null
  private pc!: RTCPeerConnection
  private gen = ''
  private peerGen: string | null = null
  private makingOffer = false
  private ignoreOffer = false
  private incoming: Promise<void> = Promise.resolve()
  private outgoing: Promise<unknown> = Promise.resolve()
  private disconnectedTimer: ReturnType<typeof setTimeout> | null = null
  private statsTimer: ReturnType<typeof setInterval> | null = null
  private lastCounters: { received: number; lost: number } | null = null
  private everConnected = false
  private reconnectingReported = false
  private iceState: RTCIceConnectionState = 'new'
  private local = { camera: true, mic: true }
  iceRestarts = 0
  state: PeerState = {
    signalling: 'connecting',
    peerPresent: false,
    connection: 'waiting',
    remoteStream: null,
    remote: { camera: true, mic: true },
    quality: 'unknown',
    rttMs: null,
    ended: null,
  }

  constructor(private readonly opts: PeerOptions) {
    this.polite = isPolite(opts.role)
    this.local = { camera: opts.stream.getVideoTracks().some((t) => t.enabled), mic: opts.stream.getAudioTracks().some((t) => t.enabled) }
  }

  start() {
    this.signalling = connectSignalling({
      bookingId: this.opts.bookingId,
      onReady: (ready) => {
        this.set({ peerPresent: ready.peerPresent })
        // The first stream: build the connection now (an offer before the stream was open could be answered unseen).
        if (!this.pc) this.build()
        else if (ready.peerPresent && this.stale()) this.build()
        else if (this.iceState === 'disconnected' || this.iceState === 'failed') this.restartIce()
        this.sendState()
      },
      onMessage: (m) => {
        this.incoming = this.incoming.then(() => this.handle(m)).catch(() => undefined)
      },
      onEnd: (end) => this.finish(end.reason),
      onStateChange: (signalling) => {
        this.set({ signalling })
        this.updateConnection()
      },
    })
    this.statsTimer = setInterval(() => void this.sample(), 2_000)
    // Back online after a network change: the old stream may be dead without an error.
    window.addEventListener('online', this.onOnline)
  }

  private readonly onOnline = () => this.reconnectSignalling()

  /** A new signalling stream now (resuming after the last message). */
  reconnectSignalling() {
    if (!this.state.ended) this.signalling?.reconnect()
  }

  /** The page's own camera/microphone switches: the track stops sending and the other side is told. */
  setCamera(on: boolean) {
    this.opts.stream.getVideoTracks().forEach((t) => (t.enabled = on))
    this.local.camera = on
    this.sendState()
    this.opts.onEvent(on ? 'camera_on' : 'camera_off')
  }

  setMic(on: boolean) {
    this.opts.stream.getAudioTracks().forEach((t) => (t.enabled = on))
    this.local.mic = on
    this.sendState()
    this.opts.onEvent(on ? 'mic_on' : 'mic_off')
  }

  restartIce() {
    if (!this.pc || this.pc.signalingState === 'closed') return
    this.iceRestarts++
    this.pc.restartIce()
  }

  /** Hanging up: the other side is told, signalling closes (the server records the leave). */
  async hangUp() {
    if (this.state.ended) return
    await Promise.race([this.send('hangup', {}), new Promise((r) => setTimeout(r, 1_500))]).catch(() => undefined)
    this.finish('hangup')
  }

  /** The end: everything stops (the server's end, a refusal, the page's hang-up or its fallback timer). */
  finish(reason: NonNullable<PeerState['ended']>) {
    if (this.state.ended) return
    if (this.statsTimer) clearInterval(this.statsTimer)
    if (this.disconnectedTimer) clearTimeout(this.disconnectedTimer)
    window.removeEventListener('online', this.onOnline)
    this.signalling?.close()
    this.pc?.close()
    this.set({ ended: reason, connection: 'waiting' })
  }

  // -------------------------------------------------------------------------------------------

  private set(patch: Partial<PeerState>) {
    this.state = { ...this.state, ...patch }
    this.opts.onChange(this.state)
  }

  /** Outgoing signals in order (a candidate never overtakes its description). */
  private send(kind: 'description' | 'candidate' | 'hangup' | 'state', body: unknown): Promise<unknown> {
    const next = this.outgoing.then(() => this.signalling?.send(kind, body)).catch(() => undefined)
    this.outgoing = next
    return next
  }

  private sendState() {
    void this.send('state', { camera: this.local.camera, mic: this.local.mic })
  }

  /** A connection that never got going (its offer went nowhere) or that broke for good. */
  private stale() {
    return ['new', 'failed', 'closed'].includes(this.pc.connectionState) && !this.state.ended
  }

  private build() {
    this.pc?.close()
    if (this.disconnectedTimer) clearTimeout(this.disconnectedTimer)
    this.gen = newGen()
    this.peerGen = null
    this.makingOffer = false
    this.ignoreOffer = false
    this.iceState = 'new'
    this.lastCounters = null
    const pc = new RTCPeerConnection({ iceServers: this.opts.iceServers })
    this.pc = pc
    const tracks = this.opts.stream.getTracks()
    for (const track of tracks) pc.addTrack(track, this.opts.stream)
    // Receive both kinds even without a camera or microphone of our own.
    if (!this.opts.stream.getVideoTracks().length) pc.addTransceiver('video', { direction: 'recvonly' })
    if (!this.opts.stream.getAudioTracks().length) pc.addTransceiver('audio', { direction: 'recvonly' })
    const remote = new MediaStream()
    this.set({ remoteStream: remote, quality: 'unknown', rttMs: null })
    pc.ontrack = ({ track }) => {
      if (pc !== this.pc) return
      remote.getTracks().filter((t) => t.kind === track.kind).forEach((t) => remote.removeTrack(t))
      remote.addTrack(track)
      this.set({ remoteStream: remote })
    }
    pc.onnegotiationneeded = async () => {
      try {
        this.makingOffer = true
        await pc.setLocalDescription()
        if (pc !== this.pc || !pc.localDescription) return
        await this.send('description', { gen: this.gen, description: pc.localDescription.toJSON() } satisfies Description)
      } catch {
        // a newer negotiation took over
      } finally {
        this.makingOffer = false
      }
    }
    pc.onicecandidate = ({ candidate }) => {
      if (pc !== this.pc) return
      void this.send('candidate', { gen: this.gen, candidate: candidate ? candidate.toJSON() : null } satisfies Candidate)
    }
    pc.oniceconnectionstatechange = () => {
      if (pc !== this.pc) return
      this.iceState = pc.iceConnectionState
      if (this.disconnectedTimer) clearTimeout(this.disconnectedTimer)
      this.disconnectedTimer = null
      if (this.iceState === 'failed') this.restartIce()
      if (this.iceState === 'disconnected') {
        this.disconnectedTimer = setTimeout(() => {
          if (pc === this.pc && pc.iceConnectionState === 'disconnected') this.restartIce()
        }, ICE_DISCONNECTED_RESTART_MS)
      }
      this.updateConnection()
    }
    pc.onconnectionstatechange = () => {
      if (pc === this.pc) this.updateConnection()
    }
    this.opts.onPeerConnection?.(pc)
    this.updateConnection()
  }

  private updateConnection() {
    if (!this.pc || this.state.ended) return
    const ice = this.pc.iceConnectionState
    const mediaUp = ice === 'connected' || ice === 'completed'
    let connection: Connection
    if (mediaUp && this.state.signalling !== 'reconnecting') connection = 'connected'
    else if (this.everConnected && (!mediaUp || this.state.signalling === 'reconnecting')) connection = 'reconnecting'
    else connection = this.state.peerPresent ? 'connecting' : 'waiting'
    if (connection === 'connected') {
      if (!this.everConnected) this.sendState()
      this.everConnected = true
      if (this.reconnectingReported) this.opts.onEvent('reconnected', { iceRestarts: this.iceRestarts })
      this.reconnectingReported = false
    }
    if (connection === 'reconnecting' && !this.reconnectingReported) {
      this.reconnectingReported = true
      this.opts.onEvent('reconnecting', { ice, signalling: this.state.signalling })
    }
    if (connection !== this.state.connection) this.set({ connection })
  }

  private async handle(m: SignalMessage) {
    if (this.state.ended) return
    switch (m.kind) {
      case 'presence': {
        const body = m.body as { present?: boolean }
        const present = Boolean(body.present)
        this.set({ peerPresent: present })
        if (present) {
          if (this.pc && this.stale()) this.build()
          this.sendState()
        }
        this.updateConnection()
        return
      }
      case 'state': {
        const body = m.body as { camera?: unknown; mic?: unknown }
        this.set({ remote: { camera: body.camera !== false, mic: body.mic !== false } })
        return
      }
      case 'hangup': {
        // They left: start afresh, so their return negotiates a new connection.
        this.everConnected = false
        this.reconnectingReported = false
        this.set({ peerPresent: false, remote: { camera: true, mic: true } })
        if (this.pc) this.build()
        return
      }
      case 'description':
        return this.onDescription(m.body as Description)
      case 'candidate':
        return this.onCandidate(m.body as Candidate)
    }
  }

  private async onDescription({ gen, re, description }: Description) {
    if (!this.pc || !description?.type) return
    if (description.type === 'answer' && re !== this.gen) return // an answer to a connection that is gone
    if (description.type === 'offer' && this.peerGen && gen !== this.peerGen && this.pc.remoteDescription) this.build() // their page started again
    const pc = this.pc
    const collision = offerCollision(description.type, this.makingOffer, pc.signalingState)
    this.ignoreOffer = !this.polite && collision
    if (this.ignoreOffer) return
    try {
      await pc.setRemoteDescription(description) // the polite side rolls its own offer back
      this.peerGen = gen
      if (description.type === 'offer') {
        await pc.setLocalDescription()
        if (pc.localDescription) await this.send('description', { gen: this.gen, re: gen, description: pc.localDescription.toJSON() } satisfies Description)
      }
    } catch {
      // A description that no longer applies (a connection rebuilt meanwhile): the next negotiation fixes it.
    }
  }

  private async onCandidate({ gen, candidate }: Candidate) {
    if (!this.pc || gen !== this.peerGen) return
    try {
      await this.pc.addIceCandidate(candidate ?? undefined)
    } catch {
      // Ignored with its offer, or from a restarted generation: harmless.
    }
  }

  private async sample() {
    const pc = this.pc
    if (!pc || this.state.ended || pc.connectionState === 'closed') return
    try {
      const report = await pc.getStats()
      let rttMs: number | null = null
      const counters = { received: 0, lost: 0 }
      report.forEach((s: RTCStats & Record<string, unknown>) => {
        if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded' && typeof s.currentRoundTripTime === 'number') rttMs = s.currentRoundTripTime * 1000
        if (s.type === 'inbound-rtp') {
          counters.received += Number(s.packetsReceived ?? 0)
          counters.lost += Number(s.packetsLost ?? 0)
        }
      })
      const lossRatio = lossBetween(this.lastCounters, counters)
      this.lastCounters = counters
      this.set({ rttMs, quality: this.state.connection === 'connected' ? connectionQuality({ rttMs, lossRatio }) : 'unknown' })
    } catch {
      // the connection closed meanwhile
    }
  }
}
