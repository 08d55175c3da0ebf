/**
 * A SignalBus on Redis pub/sub, so that several signaling instances behind a load balancer
 * act as one: a topic is a Redis channel (`mull:signal:` + topic), `subscribe` is SUBSCRIBE,
 * `publish` is PUBLISH.
 *
 *   instance 1 hub ─publish─▶ RedisBus ─┬─▶ its own subscribers, at once (same process)
 *                                       └─▶ PUBLISH ─▶ Redis ─▶ every instance's SUBSCRIBE
 *                                                                 (its own echo is skipped)
 *
 * Two connections, because a Redis connection in subscriber mode can do nothing else. Each
 * published message is `<instance id> <frame>`: the instance that published has already
 * delivered the frame to its own subscribers, so it skips its echo. Delivering locally first
 * means a Redis outage only cuts instances off from each other: peers on one instance still
 * meet, and nobody waits a round trip to Redis to reach a peer on the same instance.
 *
 * While Redis is unreachable, frames for other instances are dropped, not queued (signaling
 * is retried by clients: y-webrtc announces again on reconnect, PeerRoom's watchdog retries
 * stuck peers); ioredis reconnects by itself and every topic is subscribed again on `ready`.
 *
 * Redis sees what the signaling server sees: opaque room names and ciphertext. Logs name the
 * Redis host and error codes, never a topic, a frame or the URL's credentials.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { SignalBus } from './bus';
import { consoleLog, type SignalLog } from './log';

export const REDIS_CHANNEL_PREFIX = 'mull:signal:';
/** One line per kind of Redis error at most this often (a down Redis errors on every retry). */
export const REDIS_ERROR_LOG_INTERVAL_MS = 30_000;

export interface RedisBusOptions {
  log?: SignalLog;
  /** Channel name prefix; instances share topics only with the same prefix. */
  prefix?: string;
}

/** `host:port` of a Redis URL, for logs (never its password). */
export function redisHost(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'redis';
  }
}

class RedisBus implements SignalBus {
  readonly #publisher: Redis;
  readonly #subscriber: Redis;
  readonly #prefix: string;
  readonly #instance = randomBytes(8).toString('hex');
  readonly #topics = new Set<string>();
  readonly #log: SignalLog;
  readonly #errorLoggedAt = new Map<string, number>();
  #deliver: ((topic: string, frame: string) => void) | null = null;
  #closed = false;

  constructor(url: string, { log = consoleLog, prefix = REDIS_CHANNEL_PREFIX }: RedisBusOptions) {
    this.#log = log;
    this.#prefix = prefix;
    const host = redisHost(url);
    // Publishing fails fast while disconnected instead of queueing frames nobody will want.
    this.#publisher = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    // Subscribing waits for the connection, however long; `ready` subscribes everything again.
    this.#subscriber = new Redis(url, { maxRetriesPerRequest: null });
    for (const [role, client] of [
      ['publish', this.#publisher],
      ['subscribe', this.#subscriber],
    ] as const) {
      client.on('error', (err: Error & { code?: string }) => this.#logError(role, host, err));
      client.on('ready', () => log(`signal: redis ${role} connection ready (${host})`));
    }
    this.#subscriber.on('ready', () => {
      if (this.#topics.size) void this.#subscribeChannels([...this.#topics]);
    });
    this.#subscriber.on('message', (channel: string, message: string) =>
      this.#onMessage(channel, message),
    );
  }

  #logError(role: string, host: string, err: Error & { code?: string }): void {
    const kind = `${role}:${err.code ?? err.name}`;
    const now = Date.now();
    if (now - (this.#errorLoggedAt.get(kind) ?? 0) < REDIS_ERROR_LOG_INTERVAL_MS) return;
    this.#errorLoggedAt.set(kind, now);
    this.#log(`signal: redis ${role} connection error ${err.code ?? err.name} (${host}); retrying`);
  }

  #subscribeChannels(topics: string[]): Promise<void> {
    return this.#subscriber.subscribe(...topics.map((t) => this.#prefix + t)).then(
      () => undefined,
      () => undefined, // closed meanwhile; `ready` subscribes again after a reconnect
    );
  }

  #onMessage(channel: string, message: string): void {
    if (this.#closed || !channel.startsWith(this.#prefix)) return;
    const topic = channel.slice(this.#prefix.length);
    const space = message.indexOf(' ');
    if (space === -1 || message.slice(0, space) === this.#instance) return;
    if (this.#topics.has(topic)) this.#deliver?.(topic, message.slice(space + 1));
  }

  onFrame(deliver: (topic: string, frame: string) => void): void {
    this.#deliver = deliver;
  }

  subscribe(topic: string): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#topics.add(topic);
    return this.#subscribeChannels([topic]);
  }

  unsubscribe(topic: string): Promise<void> {
    if (this.#closed || !this.#topics.delete(topic)) return Promise.resolve();
    return this.#subscriber.unsubscribe(this.#prefix + topic).then(
      () => undefined,
      () => undefined,
    );
  }

  publish(topic: string, frame: string): void {
    if (this.#closed) return;
    if (this.#topics.has(topic)) this.#deliver?.(topic, frame);
    if (this.#publisher.status !== 'ready') return;
    this.#publisher.publish(this.#prefix + topic, `${this.#instance} ${frame}`).catch(() => {
      // Lost with the connection; the client retries its signaling (see above).
    });
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#deliver = null;
    this.#topics.clear();
    await Promise.all(
      [this.#publisher, this.#subscriber].map((client) =>
        client.quit().then(
          () => undefined,
          () => client.disconnect(),
        ),
      ),
    );
  }
}

/** A bus on the Redis at `url` (`redis://[:password@]host[:port][/db]`, or `rediss://`). */
export function createRedisBus(url: string, options: RedisBusOptions = {}): SignalBus {
  return new RedisBus(url, options);
}

export class RedisUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUrlError';
  }
}

/**
 * The bus the environment asks for: a Redis bus when REDIS_URL is set, else undefined (the
 * hub's in-process default). Throws `RedisUrlError` for a REDIS_URL that is not a Redis URL.
 */
export function signalBusFromEnv(
  env: Record<string, string | undefined>,
  log: SignalLog = consoleLog,
): SignalBus | undefined {
  const url = env.REDIS_URL?.trim();
  if (!url) return undefined;
  let protocol = '';
  try {
    protocol = new URL(url).protocol;
  } catch {
    // reported below
  }
  if (protocol !== 'redis:' && protocol !== 'rediss:') {
    throw new RedisUrlError('REDIS_URL must be redis://[:password@]host[:port][/db] or rediss://…');
  }
  log(`signal: sharing topics through redis at ${redisHost(url)}`);
  return createRedisBus(url, { log });
}
