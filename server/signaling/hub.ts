/**
 * The connection hub: owns each signaling WebSocket, speaks the protocol, enforces the
 * per-connection limits and hands topic fan-out to a SignalBus.
 *
 * Like the stock y-webrtc server, a publish reaches every subscriber of its topic — the
 * publisher too, when it is subscribed — with `clients` set to the number of subscribers.
 * Unlike it, a connection that sends garbage or breaks a limit is closed, and only that one.
 */
import { performance } from 'node:perf_hooks';
import type { RawData, WebSocket } from 'ws';
import type { SignalBus } from './bus';
import type { SignalConfig } from './config';
import { hashAddress, type SignalLog } from './log';
import type { ConnectionDrop, SignalMetrics } from './metrics';
import { encodePublish, parseClientFrame, PONG_FRAME, type FrameRejection } from './protocol';
import { TokenBucket } from './token-bucket';

/** Close codes (RFC 6455 §7.4.1) sent with each kind of refusal. */
export const CLOSE_CODES: Readonly<Record<FrameRejection | 'shutdown', number>> = {
  shutdown: 1001, // going away
  protocol_error: 1002,
  binary: 1003, // unsupported data
  invalid_json: 1007, // payload not consistent with a text frame
  bad_message: 1008, // policy violation
  too_many_topics: 1008,
  topic_too_long: 1008,
  rate_limited: 1008,
  too_big: 1009, // message too big (sent by ws itself, from maxPayload)
};

/** How long a closed connection may take to finish the closing handshake before it is cut. */
export const CLOSE_GRACE_MS = 1000;

const WS_OPEN = 1;

interface Connection {
  readonly id: number;
  readonly ws: WebSocket;
  readonly addressHash: string;
  readonly topics: Set<string>;
  readonly bucket: TokenBucket;
  readonly openedAt: number;
  lastSeenAt: number;
  frames: number;
  /** Set once the server has decided to close it: later frames are ignored. */
  closeReason: string | null;
}

export interface SignalHubOptions {
  config: SignalConfig;
  bus: SignalBus;
  metrics: SignalMetrics;
  log: SignalLog;
}

export class SignalHub {
  readonly #config: SignalConfig;
  readonly #bus: SignalBus;
  readonly #metrics: SignalMetrics;
  readonly #log: SignalLog;
  readonly #connections = new Set<Connection>();
  /** topic → local subscribers. A topic is here only while it has at least one. */
  readonly #topics = new Map<string, Set<Connection>>();
  readonly #sweep: NodeJS.Timeout;
  #nextId = 1;
  #closed = false;

  constructor({ config, bus, metrics, log }: SignalHubOptions) {
    this.#config = config;
    this.#bus = bus;
    this.#metrics = metrics;
    this.#log = log;
    bus.onFrame((topic, frame) => this.#deliver(topic, frame));
    // Four sweeps per timeout: a silent client gets pinged at half time and is dropped within
    // 1¼ timeouts; one timer for all connections instead of one each.
    this.#sweep = setInterval(() => this.#sweepIdle(), Math.max(5, config.idleTimeoutMs / 4));
    this.#sweep.unref();
  }

  get connectionCount(): number {
    return this.#connections.size;
  }

  get topicCount(): number {
    return this.#topics.size;
  }

  get subscriptionCount(): number {
    let count = 0;
    for (const subscribers of this.#topics.values()) count += subscribers.size;
    return count;
  }

  /** Takes over an open WebSocket. `address` is only ever logged as a salted hash. */
  accept(ws: WebSocket, address: string): void {
    if (this.#closed) {
      ws.terminate();
      return;
    }
    const now = performance.now();
    const conn: Connection = {
      id: this.#nextId++,
      ws,
      addressHash: hashAddress(address),
      topics: new Set(),
      bucket: new TokenBucket(this.#config.maxMsgsPerSec, this.#config.msgBurst, now),
      openedAt: now,
      lastSeenAt: now,
      frames: 0,
      closeReason: null,
    };
    this.#connections.add(conn);
    this.#metrics.connectionsAccepted += 1;
    this.#log(
      `signal: connect id=${conn.id} addr=${conn.addressHash} open=${this.connectionCount}`,
    );

    ws.on('message', (data, isBinary) => this.#onFrame(conn, data, isBinary));
    ws.on('pong', () => {
      conn.lastSeenAt = performance.now();
    });
    // ws reports frames it refuses itself (too big, bad UTF-8, protocol errors) here, then
    // closes the connection with the matching code.
    ws.on('error', (err: Error & { code?: string }) => {
      if (conn.closeReason !== null) return;
      const reason: FrameRejection =
        err.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
          ? 'too_big'
          : err.code === 'WS_ERR_INVALID_UTF8'
            ? 'invalid_json'
            : 'protocol_error';
      this.#metrics.rejectFrame(reason);
      conn.closeReason = reason;
    });
    ws.on('close', (code) => this.#onClose(conn, code));
  }

  /** Closes every connection with 1001 and stops the idle sweep; the bus is the caller's. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#sweep);
    const closing = [...this.#connections].map(
      (conn) =>
        new Promise<void>((resolve) => {
          conn.ws.once('close', () => resolve());
          this.#closeConnection(conn, 'shutdown', CLOSE_CODES.shutdown);
        }),
    );
    await Promise.all(closing);
  }

  #onFrame(conn: Connection, data: RawData, isBinary: boolean): void {
    if (conn.closeReason !== null || conn.ws.readyState !== WS_OPEN) return;
    const now = performance.now();
    conn.lastSeenAt = now;
    conn.frames += 1;
    if (!conn.bucket.take(now)) return this.#refuse(conn, 'rate_limited');
    if (isBinary) return this.#refuse(conn, 'binary');
    const text = Buffer.isBuffer(data)
      ? data.toString()
      : Array.isArray(data)
        ? Buffer.concat(data).toString()
        : Buffer.from(data).toString();
    const parsed = parseClientFrame(text, this.#config);
    if (!parsed.ok) return this.#refuse(conn, parsed.reason);
    const { message } = parsed;
    switch (message.type) {
      case 'subscribe':
        for (const topic of message.topics) {
          if (conn.topics.has(topic)) continue;
          if (conn.topics.size >= this.#config.maxTopicsPerConn) {
            return this.#refuse(conn, 'too_many_topics');
          }
          this.#subscribe(conn, topic);
        }
        return;
      case 'unsubscribe':
        for (const topic of message.topics) this.#unsubscribe(conn, topic);
        return;
      case 'publish': {
        const clients = this.#topics.get(message.topic)?.size ?? 0;
        const frame = encodePublish(message.message, clients);
        if (frame === null) return this.#refuse(conn, 'bad_message');
        this.#metrics.messagesPublished += 1;
        this.#bus.publish(message.topic, frame);
        return;
      }
      case 'ping':
        conn.ws.send(PONG_FRAME);
        return;
    }
  }

  #subscribe(conn: Connection, topic: string): void {
    let subscribers = this.#topics.get(topic);
    if (!subscribers) {
      subscribers = new Set();
      this.#topics.set(topic, subscribers);
      void this.#bus.subscribe(topic);
    }
    subscribers.add(conn);
    conn.topics.add(topic);
  }

  #unsubscribe(conn: Connection, topic: string): void {
    if (!conn.topics.delete(topic)) return;
    const subscribers = this.#topics.get(topic);
    if (!subscribers) return;
    subscribers.delete(conn);
    if (subscribers.size === 0) {
      this.#topics.delete(topic);
      void this.#bus.unsubscribe(topic);
    }
  }

  #deliver(topic: string, frame: string): void {
    const subscribers = this.#topics.get(topic);
    if (!subscribers) return;
    // Encoded once for every receiver instead of once per send.
    const bytes = Buffer.from(frame);
    for (const conn of subscribers) {
      if (conn.closeReason !== null || conn.ws.readyState !== WS_OPEN) continue;
      if (conn.ws.bufferedAmount > this.#config.maxBufferedBytes) {
        this.#drop(conn, 'slow_consumer');
        continue;
      }
      conn.ws.send(bytes, { binary: false });
      this.#metrics.messagesRelayed += 1;
    }
  }

  #sweepIdle(): void {
    const now = performance.now();
    const timeout = this.#config.idleTimeoutMs;
    for (const conn of this.#connections) {
      if (conn.closeReason !== null) continue;
      const quietMs = now - conn.lastSeenAt;
      if (quietMs >= timeout) {
        this.#drop(conn, 'idle');
      } else if (quietMs >= timeout / 2 && conn.ws.readyState === WS_OPEN) {
        // Browsers and ws answer a protocol ping by themselves, so any live client does.
        conn.ws.ping();
      }
    }
  }

  #refuse(conn: Connection, reason: FrameRejection): void {
    this.#metrics.rejectFrame(reason);
    this.#closeConnection(conn, reason, CLOSE_CODES[reason]);
  }

  /** A client that does not answer or does not read gets no closing handshake: it is cut. */
  #drop(conn: Connection, reason: ConnectionDrop): void {
    this.#metrics.connectionsDropped[reason] += 1;
    conn.closeReason = reason;
    conn.ws.terminate();
  }

  #closeConnection(conn: Connection, reason: string, code: number): void {
    if (conn.closeReason === null) conn.closeReason = reason;
    // Leave the topics now: nothing more reaches a connection the server is closing.
    for (const topic of [...conn.topics]) this.#unsubscribe(conn, topic);
    // The reason sent is the label only, never anything the client sent.
    conn.ws.close(code, reason);
    setTimeout(() => conn.ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  #onClose(conn: Connection, code: number): void {
    for (const topic of [...conn.topics]) this.#unsubscribe(conn, topic);
    this.#connections.delete(conn);
    const seconds = ((performance.now() - conn.openedAt) / 1000).toFixed(1);
    this.#log(
      `signal: close id=${conn.id} addr=${conn.addressHash} code=${code} ` +
        `reason=${conn.closeReason ?? 'client'} frames=${conn.frames} secs=${seconds} ` +
        `open=${this.connectionCount}`,
    );
  }
}
