/**
 * A signaling server of a test's own (port 0, loopback, logs captured) and WebSocket clients
 * that record what they receive and can be awaited.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, type ClientOptions } from 'ws';
import type { SignalBus } from '../../../../server/signaling/bus';
import { attachSignaling, type SignalingHandle } from '../../../../server/signaling/attach';
import { DEFAULT_SIGNAL_CONFIG, type SignalConfig } from '../../../../server/signaling/config';

export interface TestSignalServer {
  server: Server;
  signaling: SignalingHandle;
  /** ws://127.0.0.1:<port>/signal */
  url: string;
  port: number;
  /** Every line the signaling log wrote. */
  logs: string[];
  close(): Promise<void>;
}

export async function startSignalServer(
  limits: Partial<SignalConfig> = {},
  { bus, paths }: { bus?: SignalBus; paths?: string[] } = {},
): Promise<TestSignalServer> {
  const logs: string[] = [];
  const server = createServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  const signaling = attachSignaling(server, {
    config: { ...DEFAULT_SIGNAL_CONFIG, ...limits },
    bus,
    paths,
    log: (line) => logs.push(line),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    signaling,
    url: `ws://127.0.0.1:${port}/signal`,
    port,
    logs,
    close: async () => {
      await signaling.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface Closed {
  code: number;
  reason: string;
}

type Message = Record<string, unknown>;

/** A signaling client that keeps every JSON message it receives. */
export class TestClient {
  readonly messages: Message[] = [];
  readonly closed: Promise<Closed>;
  #waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    ws.on('error', () => {}); // a refused or reset connection shows up in `closed`
    ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Message;
      this.messages.push(message);
      this.#waiters = this.#waiters.filter((waiter) => {
        if (!waiter.match(message)) return true;
        waiter.resolve(message);
        return false;
      });
    });
  }

  static open(url: string, options?: ClientOptions): Promise<TestClient> {
    const ws = new WebSocket(url, options);
    const client = new TestClient(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  subscribe(...topics: string[]): void {
    this.send({ type: 'subscribe', topics });
  }

  unsubscribe(...topics: string[]): void {
    this.send({ type: 'unsubscribe', topics });
  }

  publish(topic: string, data: unknown): void {
    this.send({ type: 'publish', topic, data });
  }

  /** The first message (already received or still to come) that `match` accepts. */
  next(match: (m: Message) => boolean, timeoutMs = 2000): Promise<Message> {
    const seen = this.messages.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no matching message')), timeoutMs);
      this.#waiters.push({
        match,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /**
   * A ping/pong round trip. The server handles one connection's frames in order and relays a
   * publish before it reads the publisher's next frame, so after `publisher.sync()` and then
   * `receiver.sync()`, everything that publish would deliver has been delivered.
   */
  async sync(): Promise<void> {
    const pongs = this.messages.filter((m) => m.type === 'pong').length;
    this.send({ type: 'ping' });
    await this.next(() => this.messages.filter((m) => m.type === 'pong').length > pongs);
  }

  published(topic?: string): Message[] {
    return this.messages.filter((m) => m.type === 'publish' && (!topic || m.topic === topic));
  }

  close(): void {
    this.ws.terminate();
  }
}

/** Opens `count` clients at once. */
export function openClients(url: string, count: number): Promise<TestClient[]> {
  return Promise.all(Array.from({ length: count }, () => TestClient.open(url)));
}

/** Resolves once `check` is true, polling every few milliseconds. */
export async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
