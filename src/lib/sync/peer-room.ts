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
import * as bc from 'lib0/broadcastchannel';
import { ObservableV2 } from 'lib0/observable';
import { Awareness } from 'y-protocols/awareness';
import { WebrtcProvider, type Room, type WebrtcConn } from 'y-webrtc';
import type * as Y from 'yjs';
import { deriveRoom, type RoomKind } from '../keys';
import {
  checkSignalPayload,
  openSignalData,
  PART_BYTES,
  PeerGuard,
  splitMessage,
  type PeerViolation,
} from './peer-guard';

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

type Events = {
  status: (status: PeerRoomStatus) => void;
  /** A peer broke the rules of peer-guard.ts: its message was dropped and it was disconnected. */
  violation: (reason: PeerViolation) => void;
};

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

/**
 * How peer-guard.ts is wired into y-webrtc, which offers no hook of its own. The least reach
 * into its internals that still sees every byte before it does:
 *
 * - Data channel: each room's `webrtcConns` map gets an own `set`, so every WebrtcConn is
 *   guarded the moment y-webrtc stores it — after its constructor registered its 'data'
 *   handler and before any data can arrive (that takes a WebRTC handshake). Its handler is
 *   swapped for one that asks a PeerGuard first; `send` is swapped for one that sends large
 *   messages in parts, paced by the channel's buffer. Wrapping RTCPeerConnection through
 *   `peerOpts.wrtc` instead would mean imitating RTCDataChannel for simple-peer, and patching
 *   simple-peer or y-webrtc themselves would reach every room in the page, not just ours.
 * - Signaling: y-webrtc's 'message' handler on each signaling connection (one per URL, shared
 *   by all rooms of the page) is replaced by one that opens and checks a publish to one of our
 *   rooms first (in arrival order), then hands y-webrtc the untouched message.
 *
 * What stays unguarded: BroadcastChannel between tabs of this same app (not peer-supplied).
 */
interface SimplePeerLike {
  bufferSize: number;
  send(data: Uint8Array): void;
  on(event: 'close', handler: () => void): void;
  on(event: 'data', handler: (data: unknown) => void): void;
  listeners(event: 'data'): ((data: unknown) => void)[];
  removeListener(event: 'data', handler: (data: unknown) => void): void;
}

type SignalHandler = (message: unknown, conn: unknown) => void;

interface SignalingConnInternals {
  _observers: Map<string, Set<SignalHandler>>;
  on(event: 'message', handler: SignalHandler): void;
  off(event: 'message', handler: SignalHandler): void;
}

/**
 * A large message's parts go out only while the channel holds less than this. Chromium closes
 * a data channel whose send buffer passes 16 MiB; one MiB keeps the link busy far below that.
 */
export const SEND_HIGH_WATER_BYTES = 1024 * 1024;
/** How soon to look again at a full send buffer. */
const SEND_RETRY_MS = 10;

/**
 * Sends what y-webrtc sends, large messages in parts; parts and later messages keep order.
 * Like simple-peer's own `send`, it asks only whether the channel takes the frame: the channel
 * can open, and a peer's sync step 1 arrive and need its (large) answer, a moment before
 * simple-peer declares itself connected.
 */
function sendInParts(peer: SimplePeerLike): void {
  const sendFrame = peer.send.bind(peer);
  let queue: Uint8Array[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pump = (): void => {
    timer = undefined;
    while (queue.length > 0) {
      if (peer.bufferSize > SEND_HIGH_WATER_BYTES) {
        timer = setTimeout(pump, SEND_RETRY_MS);
        return;
      }
      try {
        sendFrame(queue.shift()!);
      } catch {
        // The channel is closed or closing; the next connection starts with a fresh sync.
        queue = [];
        return;
      }
    }
  };
  peer.send = (message: Uint8Array): void => {
    // Unchanged for what fits in one part (and still throws, as y-webrtc expects, if closed).
    if (queue.length === 0 && message.length <= PART_BYTES) return sendFrame(message);
    queue.push(...splitMessage(message));
    if (timer === undefined) pump();
  };
  peer.on('close', () => {
    clearTimeout(timer);
    queue = [];
  });
}

/** Puts a PeerGuard in front of y-webrtc's handler for one connection's data. */
function guardIncoming(
  conn: WebrtcConn,
  guard: PeerGuard,
  onViolation: (reason: PeerViolation) => void,
): void {
  const peer = conn.peer as SimplePeerLike;
  const handlers = peer.listeners('data');
  for (const handler of handlers) peer.removeListener('data', handler);
  let dropped = false;
  const drop = (reason: PeerViolation): void => {
    dropped = true;
    onViolation(reason);
    conn.destroy();
  };
  peer.on('data', (frame: unknown) => {
    if (dropped) return;
    const verdict = guard.check(frame);
    if (verdict.action === 'close') return drop(verdict.reason);
    if (verdict.action !== 'deliver') return;
    try {
      for (const handler of handlers) handler.call(peer, verdict.message);
    } catch {
      // Nothing thrown here may escape into the data channel's event handler.
      drop('handler-threw');
    }
  });
}

/** Our rooms by name, for the signaling guard (one signaling connection serves them all). */
const guardedRooms = new Map<string, Room>();
const guardedSignalingConns = new WeakSet<object>();
const guardedConns = new WeakSet<WebrtcConn>();

async function acceptsSignal(room: Room, data: unknown): Promise<boolean> {
  const key = room.key as CryptoKey | null;
  const payload = key ? await openSignalData(data, key) : data;
  return checkSignalPayload(payload, (peerId) => room.webrtcConns.has(peerId));
}

function guardSignaling(conn: SignalingConnInternals): void {
  if (guardedSignalingConns.has(conn)) return;
  guardedSignalingConns.add(conn);
  const handlers = [...(conn._observers.get('message') ?? [])];
  for (const handler of handlers) conn.off('message', handler);
  const forward = (message: unknown, from: unknown): void => {
    for (const handler of handlers) {
      try {
        handler(message, from);
      } catch {
        // y-webrtc choked on a message for a room that is not ours: nothing to do about it.
      }
    }
  };
  // Checks are asynchronous (decryption); chaining them keeps y-webrtc's arrival order.
  let checked = Promise.resolve();
  conn.on('message', (message: unknown, from: unknown) => {
    const m = message as { type?: unknown; topic?: unknown; data?: unknown } | null;
    const room = m?.type === 'publish' && typeof m.topic === 'string' && guardedRooms.get(m.topic);
    if (!room) return forward(message, from);
    checked = checked.then(async () => {
      if (await acceptsSignal(room, m.data)) forward(message, from);
    });
  });
}

export class PeerRoom extends ObservableV2<Events> {
  readonly provider: WebrtcProvider;
  readonly doc: Y.Doc;
  #status: PeerRoomStatus;
  #signalingConns: SignalingConnLike[];
  #firstSeen = new WeakMap<ConnLike, number>();
  #stuckAfterMs = STUCK_PEER_MS + Math.random() * STUCK_PEER_MS;
  #watchdog: ReturnType<typeof setInterval>;
  #destroyed = false;

  private constructor(
    provider: WebrtcProvider,
    doc: Y.Doc,
    signalingTotal: number,
    readonly kind: RoomKind,
  ) {
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
    const room = new PeerRoom(provider, options.doc, options.signaling.length, options.kind);
    // y-webrtc creates its Room once the key is derived; its callback runs before this one,
    // and no connection can exist before a signaling message arrives (a later task).
    await provider.key;
    room.#guard();
    return room;
  }

  /** Guards this room's connections and signaling (see "How peer-guard.ts is wired"). */
  #guard(): void {
    const yRoom = this.provider.room;
    if (!yRoom || this.#destroyed) return;
    const conns = yRoom.webrtcConns;
    const store = conns.set.bind(conns);
    conns.set = (peerId: string, conn: WebrtcConn) => {
      if (guardedConns.has(conn)) return store(peerId, conn);
      guardedConns.add(conn);
      guardIncoming(conn, new PeerGuard(this.kind), (reason) => this.emit('violation', [reason]));
      sendInParts(conn.peer as SimplePeerLike);
      return store(peerId, conn);
    };
    guardedRooms.set(yRoom.name, yRoom);
    skipOwnBroadcasts(yRoom);
    const guardAll = (): void => {
      for (const conn of this.provider.signalingConns as SignalingConnInternals[]) {
        guardSignaling(conn);
      }
    };
    guardAll();
    // Going offline and back creates new signaling connections (SyncState does this).
    const connect = this.provider.connect.bind(this.provider);
    this.provider.connect = () => {
      connect();
      guardAll();
    };
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
    this.#destroyed = true;
    const yRoom = this.provider.room;
    if (yRoom && guardedRooms.get(yRoom.name) === yRoom) guardedRooms.delete(yRoom.name);
    clearInterval(this.#watchdog);
    this.provider.off('peers', this.#refresh);
    for (const conn of this.#signalingConns) {
      conn.off('connect', this.#refresh);
      conn.off('disconnect', this.#refresh);
    }
    this.doc.off('update', this.#onUpdate);
    // y-webrtc's destroy() leaves the provider registered with its signaling connection,
    // which then reconnects for ever: disconnect() unregisters it (and closes the socket when
    // no other room uses it) first. destroy() would disconnect the room a second time and
    // Yjs warns about removing its handlers twice, so that second call is made a no-op.
    this.provider.disconnect();
    const room = (this.provider as unknown as { room: { disconnect(): void } | null }).room;
    if (room) room.disconnect = () => {};
    this.provider.destroy();
    super.destroy();
  }
}

/** The same origin's signaling endpoint: ws(s)://host/signal. */
export function defaultSignalingUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/signal`;
}

type BcSubscriber = (data: ArrayBuffer, origin: unknown) => void;

/**
 * lib0 delivers a BroadcastChannel publish to the publishing page's own subscribers too, so
 * y-webrtc decrypts and applies every update it has just sent to other tabs — per keystroke,
 * and the whole document once when the room connects. Messages from other tabs arrive with
 * the origin `'broadcastchannel'`, a page's own with `null`: only the former are let through.
 * y-webrtc subscribes and unsubscribes `room._bcSubscriber`, so the filter takes its place.
 */
function skipOwnBroadcasts(room: Room): void {
  const internals = room as unknown as { _bcSubscriber: BcSubscriber; bcconnected: boolean };
  const original = internals._bcSubscriber;
  const fromOtherTabs: BcSubscriber = (data, origin) => {
    if (origin !== null) original(data, origin);
  };
  internals._bcSubscriber = fromOtherTabs;
  if (internals.bcconnected) {
    // Subscribe first: unsubscribing a channel's last subscriber closes the channel.
    bc.subscribe(room.name, fromOtherTabs);
    bc.unsubscribe(room.name, original);
  }
}
