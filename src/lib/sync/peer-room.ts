/**
 * One Yjs document in one y-webrtc room, joined with keys derived from a secret
 * (../keys/derive.ts). The signaling server sees only the derived room name and ciphertext.
 *
 * Awareness is never published: y-webrtc is given an Awareness whose local state is null, so
 * nothing about "online" or "typing" ever leaves the device.
 *
 * Status, for people: how many signaling servers answer, how many peers are connected, and
 * when something last arrived from a peer. y-webrtc (through lib0's websocket client)
 * reconnects to signaling by itself with backoff; peers reconnect through signaling.
 */
import { ObservableV2 } from 'lib0/observable';
import { Awareness } from 'y-protocols/awareness';
import { WebrtcProvider } from 'y-webrtc';
import type * as Y from 'yjs';
import { deriveRoom, type RoomKind } from '../keys';

export interface PeerRoomOptions {
  doc: Y.Doc;
  secret: Uint8Array;
  kind: RoomKind;
  /** WebSocket URLs of signaling servers (y-webrtc protocol). */
  signaling: string[];
  iceServers?: RTCIceServer[];
  /** 'relay' forces TURN (for tests and very strict networks). */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** Extra simple-peer options (e.g. `{ wrtc }` in Node). */
  peerOpts?: Record<string, unknown>;
}

export interface PeerRoomStatus {
  /** Signaling servers currently connected, of those configured. */
  signalingConnected: number;
  signalingTotal: number;
  /** Other devices (or people) connected over WebRTC right now. */
  peers: number;
  /** `Date.now()` when a change last arrived from a peer, or null. */
  lastReceivedAt: number | null;
}

type Events = { status: (status: PeerRoomStatus) => void };

/**
 * A peer connection still not open after this long is given up and retried. y-webrtc can
 * leave two peers that announced at the same moment waiting on each other for ever (both
 * sent an offer); closing the stuck one makes it announce again. Jittered per room so two
 * stuck sides do not retry in lockstep and collide again.
 */
export const STUCK_PEER_MS = 12_000;
const WATCHDOG_INTERVAL_MS = 3000;

interface ConnLike {
  connected: boolean;
  closed: boolean;
  peer: { once(event: 'connect', handler: () => void): void };
  destroy(): void;
}

interface SignalingConnLike {
  connected: boolean;
  on(event: 'connect' | 'disconnect', handler: () => void): void;
  off(event: 'connect' | 'disconnect', handler: () => void): void;
}

export class PeerRoom extends ObservableV2<Events> {
  readonly provider: WebrtcProvider;
  readonly doc: Y.Doc;
  #status: PeerRoomStatus;
  #signalingConns: SignalingConnLike[];
  #firstSeen = new WeakMap<ConnLike, number>();
  #stuckAfterMs = STUCK_PEER_MS + Math.random() * STUCK_PEER_MS;
  #watchdog: ReturnType<typeof setInterval>;

  private constructor(provider: WebrtcProvider, doc: Y.Doc, signalingTotal: number) {
    super();
    this.provider = provider;
    this.doc = doc;
    this.#signalingConns = (
      provider as unknown as { signalingConns: SignalingConnLike[] }
    ).signalingConns;
    this.#status = { signalingConnected: 0, signalingTotal, peers: 0, lastReceivedAt: null };
    provider.on('peers', this.#refresh);
    for (const conn of this.#signalingConns) {
      conn.on('connect', this.#refresh);
      conn.on('disconnect', this.#refresh);
    }
    doc.on('update', this.#onUpdate);
    this.#watchdog = setInterval(this.#closeStuckPeers, WATCHDOG_INTERVAL_MS);
    this.#refresh();
  }

  #closeStuckPeers = (): void => {
    const room = (
      this.provider as unknown as { room: { webrtcConns: Map<string, ConnLike> } | null }
    ).room;
    const now = Date.now();
    for (const conn of room?.webrtcConns.values() ?? []) {
      if (conn.connected || conn.closed) continue;
      const since = this.#firstSeen.get(conn);
      if (since === undefined) this.#firstSeen.set(conn, now);
      else if (now - since > this.#stuckAfterMs) conn.destroy();
    }
    this.#refresh();
  };

  static async join(options: PeerRoomOptions): Promise<PeerRoom> {
    const { name, password } = await deriveRoom(options.secret, options.kind);
    const awareness = new Awareness(options.doc);
    awareness.setLocalState(null);
    const provider = new WebrtcProvider(name, options.doc, {
      password,
      signaling: options.signaling,
      awareness,
      peerOpts: {
        ...options.peerOpts,
        config: {
          iceServers: options.iceServers ?? [],
          iceTransportPolicy: options.iceTransportPolicy ?? 'all',
        },
      },
    });
    return new PeerRoom(provider, options.doc, options.signaling.length);
  }

  get status(): PeerRoomStatus {
    return this.#status;
  }

  /** The room object y-webrtc uses as the origin of updates it applies. */
  #isFromPeers(origin: unknown): boolean {
    return origin !== null && origin === (this.provider as unknown as { room: unknown }).room;
  }

  #onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (this.#isFromPeers(origin)) this.#set({ lastReceivedAt: Date.now() });
  };

  #refresh = (): void => {
    const room = (
      this.provider as unknown as { room: { webrtcConns: Map<string, ConnLike> } | null }
    ).room;
    // Only open connections count: one still negotiating is not yet "syncing with" anyone.
    const peers = [...(room?.webrtcConns.values() ?? [])].filter((c) => c.connected).length;
    this.#set({
      signalingConnected: this.#signalingConns.filter((c) => c.connected).length,
      peers,
    });
  };

  #set(patch: Partial<PeerRoomStatus>): void {
    const next = { ...this.#status, ...patch };
    if (
      next.signalingConnected === this.#status.signalingConnected &&
      next.peers === this.#status.peers &&
      next.lastReceivedAt === this.#status.lastReceivedAt
    ) {
      return;
    }
    this.#status = next;
    this.emit('status', [next]);
  }

  override destroy(): void {
    clearInterval(this.#watchdog);
    this.provider.off('peers', this.#refresh);
    for (const conn of this.#signalingConns) {
      conn.off('connect', this.#refresh);
      conn.off('disconnect', this.#refresh);
    }
    this.doc.off('update', this.#onUpdate);
    this.provider.destroy();
    super.destroy();
  }
}

/** The same origin's signaling endpoint: ws(s)://host/signal. */
export function defaultSignalingUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/signal`;
}
