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
import { CatchUp } from './catch-up';
import {
  checkSignalPayload,
  openSignalData,
  PART_BYTES,
  PeerGuard,
  splitMessage,
  type PeerViolation,
} from './peer-guard';
import {
  deliverOpenedSignal,
  takeDataHandlers,
  takeSignalingHandlers,
  YWebrtcInternals,
  type BcSubscriber,
  type PeerChannel,
  type PeerConn,
  type RoomView,
  type SignalingConn,
} from './y-webrtc-internals';

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
  /**
   * Asked for every whole message a peer sends that the guard passed, before y-webrtc sees it;
   * false drops it and closes that connection (a conversation's budget, room-budget.ts).
   */
  admit?: (peerId: string, message: Uint8Array) => boolean;
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
  /** How many open WebRTC connections this device has caught up with changed (catch-up.ts). */
  caughtUp: (peers: number) => void;
};

/**
 * A peer connection still not open after this long is given up and retried. y-webrtc can
 * leave two peers that announced at the same moment waiting on each other for ever (both
 * sent an offer); closing the stuck one makes it announce again. Jittered per room so two
 * stuck sides do not retry in lockstep and collide again.
 */
export const STUCK_PEER_MS = 12_000;
const WATCHDOG_INTERVAL_MS = 3000;

/**
 * How peer-guard.ts is wired into y-webrtc, which offers no hook of its own (every reach into
 * its internals is in y-webrtc-internals.ts, checked when the room is created):
 *
 * - Data channel: every WebrtcConn is guarded the moment y-webrtc stores it — after its
 *   constructor registered its 'data' handler and before any data can arrive (that takes a
 *   WebRTC handshake). Its handler is swapped for one that asks a PeerGuard first; `send` is
 *   swapped for one that sends large messages in parts, paced by the channel's buffer.
 *   Wrapping RTCPeerConnection through `peerOpts.wrtc` instead would mean imitating
 *   RTCDataChannel for simple-peer, and patching simple-peer or y-webrtc themselves would
 *   reach every room in the page, not just ours.
 * - Signaling: y-webrtc's 'message' handler on each signaling connection (one per URL, shared
 *   by all rooms of the page) is replaced by one that opens and checks a publish to one of our
 *   rooms first (in arrival order), then hands y-webrtc the untouched message.
 *
 * What stays unguarded: BroadcastChannel between tabs of this same app (not peer-supplied).
 */

/**
 * A large message's parts go out only while the channel holds less than this. Chromium closes
 * a data channel whose send buffer passes 16 MiB; one MiB keeps the link busy far below that.
 */
export const SEND_HIGH_WATER_BYTES = 1024 * 1024;
/**
 * The most this side queues for one peer. A peer that asks for the whole document again and
 * again without reading (sync step 1 costs it nothing) would otherwise grow the queue until the
 * tab runs out of memory; past this, the connection is closed (it may reconnect and start
 * clean). Twice the largest document a room holds (the vault's 64 MiB), so a real catch-up fits.
 */
export const MAX_QUEUED_BYTES = 128 * 1024 * 1024;

/** How soon to look again at a full send buffer. */
const SEND_RETRY_MS = 10;

/**
 * Sends what y-webrtc sends, large messages in parts; parts and later messages keep order.
 * Like simple-peer's own `send`, it asks only whether the channel takes the frame: the channel
 * can open, and a peer's sync step 1 arrive and need its (large) answer, a moment before
 * simple-peer declares itself connected.
 */
function sendInParts(peer: PeerChannel): void {
  const sendFrame = peer.send.bind(peer);
  let queue: Uint8Array[] = [];
  let queued = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pump = (): void => {
    timer = undefined;
    while (queue.length > 0) {
      if (peer.bufferSize > SEND_HIGH_WATER_BYTES) {
        timer = setTimeout(pump, SEND_RETRY_MS);
        return;
      }
      const frame = queue.shift()!;
      queued -= frame.length;
      try {
        sendFrame(frame);
      } catch {
        // The channel is closed or closing; the next connection starts with a fresh sync.
        queue = [];
        queued = 0;
        return;
      }
    }
  };
  peer.send = (message: Uint8Array): void => {
    // Unchanged for what fits in one part (and still throws, as y-webrtc expects, if closed).
    if (queue.length === 0 && message.length <= PART_BYTES) return sendFrame(message);
    if (queued + message.length > MAX_QUEUED_BYTES) {
      clearTimeout(timer);
      timer = undefined;
      queue = [];
      queued = 0;
      peer.destroy();
      return;
    }
    const parts = splitMessage(message);
    queue.push(...parts);
    for (const part of parts) queued += part.length;
    if (timer === undefined) pump();
  };
  peer.on('close', () => {
    clearTimeout(timer);
    queue = [];
    queued = 0;
  });
}

/** Puts a PeerGuard in front of y-webrtc's handler for one connection's data. */
function guardIncoming(
  conn: PeerConn,
  guard: PeerGuard,
  onViolation: (reason: PeerViolation) => void,
  onApplied: (message: Uint8Array) => void,
  admit?: (peerId: string, message: Uint8Array) => boolean,
): void {
  const peer = conn.peer;
  const handlers = takeDataHandlers(peer);
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
    // Over its budget or rate: not a broken rule, so no violation; the owner is told by its budget.
    if (admit && !admit(conn.remotePeerId, verdict.message)) {
      dropped = true;
      conn.destroy();
      return;
    }
    try {
      for (const handler of handlers) handler.call(peer, verdict.message);
    } catch {
      // Nothing thrown here may escape into the data channel's event handler.
      return drop('handler-threw');
    }
    onApplied(verdict.message);
  });
}

/** Our rooms by name, for the signaling guard (one signaling connection serves them all). */
const guardedRooms = new Map<string, RoomView>();
const guardedSignalingConns = new WeakSet<SignalingConn>();

function guardSignaling(conn: SignalingConn): void {
  if (guardedSignalingConns.has(conn)) return;
  guardedSignalingConns.add(conn);
  const handlers = takeSignalingHandlers(conn);
  const forward = (message: unknown, from: unknown): void => {
    for (const handler of handlers) {
      try {
        handler(message, from);
      } catch {
        // y-webrtc choked on a message for a room that is not ours: nothing to do about it.
      }
    }
  };
  // Opening is asynchronous (decryption); chaining keeps y-webrtc's arrival order.
  let checked = Promise.resolve();
  conn.on('message', (message: unknown, from: unknown) => {
    const m = message as { type?: unknown; topic?: unknown; data?: unknown } | null;
    const topic = m?.type === 'publish' && typeof m.topic === 'string' ? m.topic : undefined;
    const room = topic === undefined ? undefined : guardedRooms.get(topic);
    if (topic === undefined || !room) return forward(message, from);
    checked = checked.then(async () => {
      const payload = room.key ? await openSignalData(m?.data, room.key) : m?.data;
      // Checked and acted on in one step, against the room y-webrtc still has: between two
      // steps an answer's connection could close (y-webrtc would throw on it).
      if (guardedRooms.get(topic) !== room) return;
      if (!checkSignalPayload(payload, (peerId) => room.webrtcConns.has(peerId))) return;
      try {
        deliverOpenedSignal(handlers, room, { type: 'publish', topic, data: payload }, from);
      } catch {
        // What y-webrtc or simple-peer throw on one message must not stop the ones after it.
      }
    });
  });
}

export class PeerRoom extends ObservableV2<Events> {
  readonly provider: WebrtcProvider;
  readonly doc: Y.Doc;
  readonly #internals: YWebrtcInternals;
  #status: PeerRoomStatus;
  #firstSeen = new WeakMap<PeerConn, number>();
  /** Per WebRTC connection (never BroadcastChannel tabs): has this device caught up with it? */
  #catchUps = new WeakMap<PeerConn, CatchUp>();
  #caughtUp = 0;
  #stuckAfterMs = STUCK_PEER_MS + Math.random() * STUCK_PEER_MS;
  #watchdog: ReturnType<typeof setInterval>;
  /** Signaling connections whose connect/disconnect this room listens to. */
  #watched = new Set<SignalingConn>();
  #destroyed = false;

  private constructor(
    provider: WebrtcProvider,
    doc: Y.Doc,
    signalingTotal: number,
    readonly kind: RoomKind,
    readonly admit?: (peerId: string, message: Uint8Array) => boolean,
  ) {
    super();
    this.provider = provider;
    this.doc = doc;
    try {
      this.#internals = new YWebrtcInternals(provider);
    } catch (err) {
      // Unregistered first, or its signaling connection would reconnect for ever.
      provider.disconnect();
      provider.destroy();
      throw err;
    }
    this.#status = { signalingConnected: 0, signalingTotal, peers: 0, lastReceivedAt: null };
    provider.on('peers', this.#refresh);
    this.#watchSignaling();
    doc.on('update', this.#onUpdate);
    this.#watchdog = setInterval(this.#closeStuckPeers, WATCHDOG_INTERVAL_MS);
    this.#refresh();
  }

  /** Listens to every signaling connection (going offline and back makes new ones). */
  #watchSignaling(): void {
    const live = this.#internals.signalingConns;
    // One closed for good (offline) has lost its handlers already: just forget it.
    for (const conn of this.#watched) if (!live.includes(conn)) this.#watched.delete(conn);
    for (const conn of live) {
      if (this.#watched.has(conn)) continue;
      this.#watched.add(conn);
      conn.on('connect', this.#refresh);
      conn.on('disconnect', this.#refresh);
    }
  }

  #closeStuckPeers = (): void => {
    const now = Date.now();
    for (const conn of this.#internals.conns()) {
      if (conn.connected || conn.closed) continue;
      const since = this.#firstSeen.get(conn);
      if (since === undefined) this.#firstSeen.set(conn, now);
      else if (now - since > this.#stuckAfterMs) conn.destroy();
    }
    this.#refresh();
  };

  /**
   * Joins the room. Throws a YWebrtcInternalsError if the installed y-webrtc lacks an internal
   * this file relies on (see y-webrtc-internals.ts).
   */
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
    const room = new PeerRoom(
      provider,
      options.doc,
      options.signaling.length,
      options.kind,
      options.admit,
    );
    // y-webrtc creates its Room once the key is derived; its callback runs before this one,
    // and no connection can exist before a signaling message arrives (a later task).
    try {
      await room.#guard();
    } catch (err) {
      room.destroy();
      throw err;
    }
    return room;
  }

  /** Guards this room's connections and signaling (see "How peer-guard.ts is wired"). */
  async #guard(): Promise<void> {
    const yRoom = await this.#internals.opened();
    if (this.#destroyed) return;
    this.#internals.interceptNewConns((conn) => {
      const catchUp = new CatchUp(this.doc);
      this.#catchUps.set(conn, catchUp);
      guardIncoming(
        conn,
        new PeerGuard(this.kind),
        (reason) => this.emit('violation', [reason]),
        (message) => {
          if (!catchUp.caughtUp && catchUp.observe(message)) this.#refresh();
        },
        this.admit,
      );
      sendInParts(conn.peer);
    });
    guardedRooms.set(yRoom.name, yRoom);
    this.#internals.wrapBroadcastSubscriber(skipOwnBroadcasts);
    const guardAll = (): void => {
      for (const conn of this.#internals.signalingConns) guardSignaling(conn);
    };
    guardAll();
    // Going offline and back creates new signaling connections (SyncState does this).
    this.#internals.afterConnect(() => {
      guardAll();
      this.#watchSignaling();
      this.#refresh();
    });
    // Back from offline, come back as a new peer: the others may still hold our old connection.
    this.#internals.renewPeerIdOnReconnect();
  }

  get status(): PeerRoomStatus {
    return this.#status;
  }

  /**
   * Open WebRTC connections whose peer this device has caught up with in this session: it has
   * everything that peer had when they connected, and receives their changes as they happen
   * (catch-up.ts). In the vault's room, such a peer is another of my devices or my home peer.
   */
  get caughtUp(): number {
    return this.#caughtUp;
  }

  #onUpdate = (_update: Uint8Array, origin: unknown): void => {
    if (this.#internals.isFromPeers(origin)) this.#set({ lastReceivedAt: Date.now() });
  };

  #refresh = (): void => {
    // Only open connections count: one still negotiating is not yet "syncing with" anyone.
    const open = [...this.#internals.conns()].filter((c) => c.connected);
    const peers = open.length;
    const caughtUp = open.filter((c) => this.#catchUps.get(c)?.caughtUp).length;
    if (caughtUp !== this.#caughtUp) {
      this.#caughtUp = caughtUp;
      this.emit('caughtUp', [caughtUp]);
    }
    // Live connections only, each once (y-webrtc-internals.ts: liveSignalingConns).
    this.#set({
      signalingConnected: this.#internals.signalingConns.filter((c) => c.connected).length,
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
    if (this.#destroyed) return;
    this.#destroyed = true;
    const yRoom = this.#internals.room;
    if (yRoom && guardedRooms.get(yRoom.name) === yRoom) guardedRooms.delete(yRoom.name);
    clearInterval(this.#watchdog);
    this.provider.off('peers', this.#refresh);
    for (const conn of this.#watched) {
      conn.off('connect', this.#refresh);
      conn.off('disconnect', this.#refresh);
    }
    this.#watched.clear();
    this.doc.off('update', this.#onUpdate);
    // y-webrtc's destroy() leaves the provider registered with its signaling connection,
    // which then reconnects for ever: disconnect() unregisters it (and closes the socket when
    // no other room uses it) first. destroy() would disconnect the room a second time and
    // Yjs warns about removing its handlers twice, so that second call is made a no-op.
    this.provider.disconnect();
    this.#internals.disableRoomDisconnect();
    this.provider.destroy();
    super.destroy();
  }
}

/** The same origin's signaling endpoint: ws(s)://host/signal. */
export function defaultSignalingUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/signal`;
}

/**
 * lib0 delivers a BroadcastChannel publish to the publishing page's own subscribers too, so
 * y-webrtc decrypts and applies every update it has just sent to other tabs — per keystroke,
 * and the whole document once when the room connects. Messages from other tabs arrive with
 * the origin `'broadcastchannel'`, a page's own with `null`: only the former are let through.
 */
function skipOwnBroadcasts(original: BcSubscriber): BcSubscriber {
  return (data, origin) => {
    if (origin !== null) original(data, origin);
  };
}
