/**
 * Every place Mull reaches past y-webrtc's public API, in one file, checked when a room is
 * created (see README.md, "y-webrtc behind one adapter").
 *
 * y-webrtc offers no hook for guarding what peers send, no way to tell a peer's updates from
 * others but the Room as origin, and no status beyond "connected". peer-room.ts needs all
 * three, so it uses the fields and methods below: y-webrtc's own (`room`, `webrtcConns`,
 * `_bcSubscriber`, …), lib0's (`_observers` of a signaling connection) and simple-peer's (a
 * connection's `peer`). None of them is promised by a release. package.json pins y-webrtc to
 * the version they were read from (Y_WEBRTC_VERSION); if an upgrade renames or retypes one,
 * the check here throws a YWebrtcInternalsError naming it, instead of sync failing silently
 * (or peer-guard.ts being bypassed without anyone noticing).
 *
 * Nothing outside this file casts a y-webrtc object: peer-room.ts gets checked views.
 */
import * as bc from 'lib0/broadcastchannel';
import { uuidv4 } from 'lib0/random';
import type { WebrtcProvider } from 'y-webrtc';

/** The y-webrtc release these internals were read from (package.json pins it). */
export const Y_WEBRTC_VERSION = '10.3.0';

export class YWebrtcInternalsError extends Error {
  override name = 'YWebrtcInternalsError';
  constructor(
    readonly internal: string,
    expected: string,
  ) {
    super(
      `y-webrtc internal "${internal}" is missing or not ${expected}: y-webrtc's version ` +
        `changed (Mull was written against ${Y_WEBRTC_VERSION}); update ` +
        'src/lib/sync/y-webrtc-internals.ts before upgrading it',
    );
  }
}

type SignalHandler = (message: unknown, conn: unknown) => void;
type BcSubscriber = (data: ArrayBuffer, origin: unknown) => void;

/** What Mull uses of a simple-peer instance (a WebrtcConn's `peer`). */
export interface PeerChannel {
  /** Bytes queued in the data channel. */
  readonly bufferSize: number;
  send(data: Uint8Array): void;
  on(event: 'close', handler: () => void): void;
  on(event: 'data', handler: (data: unknown) => void): void;
  listeners(event: 'data'): ((data: unknown) => void)[];
  removeListener(event: 'data', handler: (data: unknown) => void): void;
  /** Closes the connection (simple-peer). */
  destroy(): void;
}

/** What Mull uses of a WebrtcConn: one connection to one peer. */
export interface PeerConn {
  readonly remotePeerId: string;
  /** The data channel is open. */
  readonly connected: boolean;
  readonly closed: boolean;
  readonly peer: PeerChannel;
  destroy(): void;
}

/** What Mull uses of a signaling connection (lib0's WebsocketClient, shared by all rooms). */
export interface SignalingConn {
  readonly connected: boolean;
  on(event: 'connect' | 'disconnect', handler: () => void): void;
  on(event: 'message', handler: SignalHandler): void;
  off(event: 'connect' | 'disconnect', handler: () => void): void;
  off(event: 'message', handler: SignalHandler): void;
}

interface SignalingConnInternals extends SignalingConn {
  /** lib0 sets it false when the connection is closed for good (y-webrtc destroyed it). */
  shouldConnect: boolean;
  _observers: Map<string, Set<SignalHandler>>;
}

/** What Mull uses of a y-webrtc Room. */
export interface RoomView {
  readonly name: string;
  /** This device's id in the room's signaling (a fresh one on every join). */
  readonly peerId: string;
  /** The room's encryption key (null without a password, which Mull never uses). */
  readonly key: CryptoKey | null;
  readonly webrtcConns: Map<string, PeerConn>;
}

interface RoomInternals extends RoomView {
  peerId: string;
  key: CryptoKey | null;
  webrtcConns: Map<string, PeerConn>;
  _bcSubscriber: BcSubscriber;
  bcconnected: boolean;
  disconnect(): void;
}

interface ProviderInternals {
  room: RoomInternals | null;
  /** False after disconnect(), true after connect(). */
  shouldConnect: boolean;
  signalingConns: SignalingConnInternals[];
  key: PromiseLike<unknown>;
  connect(): void;
}

type Kind = 'boolean' | 'string' | 'number' | 'function' | 'Map' | 'Array' | 'thenable';

const KIND_TEXT: Record<Kind, string> = {
  boolean: 'a boolean',
  string: 'a string',
  number: 'a number',
  function: 'a function',
  Map: 'a Map',
  Array: 'an Array',
  thenable: 'a promise',
};

function isKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'Map':
      return value instanceof Map;
    case 'Array':
      return Array.isArray(value);
    case 'thenable':
      return typeof (value as { then?: unknown } | null)?.then === 'function';
    default:
      return typeof value === kind;
  }
}

/** Throws a YWebrtcInternalsError unless each `field` of `target` is of its kind. */
function expect(target: unknown, owner: string, fields: Record<string, Kind>): void {
  for (const [field, kind] of Object.entries(fields)) {
    const value = (target as Record<string, unknown> | null)?.[field];
    if (!isKind(value, kind)) throw new YWebrtcInternalsError(`${owner}.${field}`, KIND_TEXT[kind]);
  }
}

function checkSignalingConn(conn: unknown): SignalingConnInternals {
  expect(conn, 'SignalingConn', {
    connected: 'boolean',
    on: 'function',
    off: 'function',
    _observers: 'Map',
  });
  const message = (conn as SignalingConnInternals)._observers.get('message');
  // y-webrtc's own handler, which guardSignaling() puts behind the signal guard.
  if (!(message instanceof Set) || message.size === 0) {
    throw new YWebrtcInternalsError(
      'SignalingConn._observers.message',
      "a Set of y-webrtc's handlers",
    );
  }
  return conn as SignalingConnInternals;
}

/**
 * The provider's signaling connections still in use, each once, checked. y-webrtc appends a
 * URL's connection again on every `connect()` and keeps the ones it destroyed when the last
 * room let go of them (offline): lib0 has cleared their handlers and `shouldConnect` is false.
 */
function liveSignalingConns(provider: ProviderInternals): SignalingConnInternals[] {
  const live: SignalingConnInternals[] = [];
  for (const conn of new Set(provider.signalingConns)) {
    expect(conn, 'SignalingConn', { shouldConnect: 'boolean' });
    if (conn.shouldConnect) live.push(checkSignalingConn(conn));
  }
  return live;
}

function checkRoom(room: unknown): RoomInternals {
  expect(room, 'Room', {
    name: 'string',
    peerId: 'string',
    webrtcConns: 'Map',
    _bcSubscriber: 'function',
    bcconnected: 'boolean',
    disconnect: 'function',
  });
  const conns = (room as RoomInternals).webrtcConns;
  expect(conns, 'Room.webrtcConns', { set: 'function' });
  const key = (room as { key?: unknown }).key;
  if (key !== null && (typeof key !== 'object' || key === undefined)) {
    throw new YWebrtcInternalsError('Room.key', 'a CryptoKey or null');
  }
  return room as RoomInternals;
}

/** Checks one WebrtcConn and its simple-peer as it is stored (none exists when a room opens). */
function checkConn(conn: unknown): PeerConn {
  expect(conn, 'WebrtcConn', {
    remotePeerId: 'string',
    connected: 'boolean',
    closed: 'boolean',
    destroy: 'function',
  });
  expect((conn as PeerConn).peer, 'WebrtcConn.peer (simple-peer)', {
    bufferSize: 'number',
    send: 'function',
    on: 'function',
    listeners: 'function',
    removeListener: 'function',
  });
  return conn as PeerConn;
}

/**
 * The checked internals of one provider. Construct it right after `new WebrtcProvider(...)`
 * (checks the provider and its signaling connections), then await `opened()` (checks the Room,
 * which y-webrtc creates once the room key is derived). Throws YWebrtcInternalsError.
 */
export class YWebrtcInternals {
  readonly #provider: ProviderInternals;

  constructor(provider: WebrtcProvider) {
    expect(provider, 'WebrtcProvider', {
      signalingConns: 'Array',
      key: 'thenable',
      shouldConnect: 'boolean',
      connect: 'function',
      disconnect: 'function',
    });
    this.#provider = provider as unknown as ProviderInternals;
    liveSignalingConns(this.#provider);
  }

  /** Waits for y-webrtc to open its Room, and checks it. */
  async opened(): Promise<RoomView> {
    await this.#provider.key;
    return checkRoom(this.#provider.room);
  }

  /** The Room, once opened (null before the key is derived). */
  get room(): RoomView | null {
    return this.#provider.room;
  }

  /** The signaling connections, one per URL (shared with every other room of the page). */
  get signalingConns(): readonly SignalingConn[] {
    return liveSignalingConns(this.#provider);
  }

  /** Connections to peers, open or still negotiating. */
  conns(): Iterable<PeerConn> {
    return this.#provider.room?.webrtcConns.values() ?? [];
  }

  /** Whether `origin` (of a Y.Doc update) is y-webrtc applying what a peer sent. */
  isFromPeers(origin: unknown): boolean {
    return origin !== null && origin === this.#provider.room;
  }

  /**
   * Calls `onStore` with every WebrtcConn the moment y-webrtc stores it: after its constructor
   * registered its 'data' handler, before any data can arrive (that takes a WebRTC handshake).
   */
  interceptNewConns(onStore: (conn: PeerConn) => void): void {
    const conns = checkRoom(this.#provider.room).webrtcConns;
    const store = conns.set.bind(conns);
    const seen = new WeakSet<PeerConn>();
    conns.set = (peerId: string, conn: PeerConn) => {
      if (!seen.has(conn)) {
        seen.add(conn);
        onStore(checkConn(conn));
      }
      return store(peerId, conn);
    };
  }

  /** Calls `fn` after every `provider.connect()` (which makes new signaling connections). */
  afterConnect(fn: () => void): void {
    const connect = this.#provider.connect.bind(this.#provider);
    this.#provider.connect = () => {
      connect();
      liveSignalingConns(this.#provider);
      fn();
    };
  }

  /**
   * Gives this device a new signaling id each time the provider connects again after a
   * `disconnect()` (SyncState disconnects when the browser goes offline).
   *
   * Why: y-webrtc ignores an announce from a peer id it already holds a connection to. When
   * this device lost its network, the other device was never told: it keeps the old
   * connection until WebRTC gives up on it (≈ 15 s of silence in Chromium, longer on some
   * networks), and ignores this device's announces until then — the 5–20 s "back online but
   * nothing merges" of bench/reconnect.ts. Under a new id the announce is a new peer's, and
   * is answered at once; the old connection closes on its own later. y-webrtc makes a new id
   * for every Room anyway and says not to assume one is unique, so nothing else depends on it.
   */
  renewPeerIdOnReconnect(): void {
    const connect = this.#provider.connect.bind(this.#provider);
    this.#provider.connect = () => {
      const room = this.#provider.room;
      // Before connecting: the first announce (on a signaling connection that is still open,
      // shared with other rooms) goes out inside connect().
      if (room && !this.#provider.shouldConnect) room.peerId = uuidv4();
      connect();
    };
  }

  /**
   * Replaces the Room's BroadcastChannel subscriber by `wrap(original)`. y-webrtc subscribes
   * and unsubscribes `room._bcSubscriber`, so the replacement takes its place in both.
   */
  wrapBroadcastSubscriber(wrap: (original: BcSubscriber) => BcSubscriber): void {
    const room = checkRoom(this.#provider.room);
    const original = room._bcSubscriber;
    const replacement = wrap(original);
    room._bcSubscriber = replacement;
    if (room.bcconnected) {
      // Subscribe first: unsubscribing a channel's last subscriber closes the channel.
      bc.subscribe(room.name, replacement);
      bc.unsubscribe(room.name, original);
    }
  }

  /**
   * Makes the Room's `disconnect()` a no-op from now on. y-webrtc's `destroy()` disconnects the
   * room a second time after `provider.disconnect()`, and Yjs warns about removing its handlers
   * twice.
   */
  disableRoomDisconnect(): void {
    const room = this.#provider.room;
    if (room) room.disconnect = () => {};
  }
}

/** The same for every WebrtcConn: y-webrtc's 'data' handlers, taken off the channel. */
export function takeDataHandlers(peer: PeerChannel): ((data: unknown) => void)[] {
  const handlers = peer.listeners('data');
  for (const handler of handlers) peer.removeListener('data', handler);
  return handlers;
}

/** y-webrtc's 'message' handlers on a signaling connection, taken off it. */
export function takeSignalingHandlers(conn: SignalingConn): SignalHandler[] {
  const handlers = [...(checkSignalingConn(conn)._observers.get('message') ?? [])];
  for (const handler of handlers) conn.off('message', handler);
  return handlers;
}

/**
 * Hands y-webrtc's signaling handlers a message for `room` whose payload is already opened and
 * checked, so y-webrtc acts on it now. Given the sealed original, y-webrtc would decrypt it
 * again and act a few milliseconds later, when what the check saw may be gone: an answer for
 * a connection that has closed since is an unhandled TypeError in y-webrtc. y-webrtc takes a
 * plain payload for a room without a key, so the key is set aside for the one synchronous call
 * (nothing in it encrypts: replies are signalled later by simple-peer).
 */
export function deliverOpenedSignal(
  handlers: readonly SignalHandler[],
  room: RoomView,
  message: { type: 'publish'; topic: string; data: unknown },
  from: unknown,
): void {
  const yRoom = room as RoomInternals;
  const key = yRoom.key;
  yRoom.key = null;
  try {
    for (const handler of handlers) handler(message, from);
  } finally {
    yRoom.key = key;
  }
}

export type { BcSubscriber, SignalHandler };
