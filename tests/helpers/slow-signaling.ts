/**
 * A slow link in front of a signaling server, for end-to-end specs: a WebSocket proxy on
 * 127.0.0.1 that holds every frame, each way, for a random 250–350 ms (seeded) before passing
 * it on, in order per connection and direction — like a far-away server over a poor mobile
 * link. WebRTC between the browsers does not pass through it: only the handshake that sets
 * up their connection (and the announcements before it) is slowed.
 *
 * Each device connects under a path of its own (`url('joiner')` is ws://127.0.0.1:<port>/joiner)
 * so that one device's link can be cut: `cut(tag)` drops that device's connections at once, as
 * a lost network would (no close handshake; frames still held are lost), and refuses new ones
 * until `restore(tag)`. Every connection goes on to the same upstream URL, whatever its path.
 *
 *   browser ──ws──▶ proxy /<tag> ──(held 250–350 ms)──▶ upstream (the app's /signal)
 *           ◀─────────────────────(held 250–350 ms)───
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { createPrng } from './prng';

export const SLOW_LINK_MIN_DELAY_MS = 250;
export const SLOW_LINK_MAX_DELAY_MS = 350;

export interface SlowSignaling {
  /** The address a device with this tag uses (Settings → Connection). */
  url(tag: string): string;
  /** Drops the tag's connections at once and refuses new ones until `restore`. */
  cut(tag: string): void;
  restore(tag: string): void;
  /** Connections accepted so far for the tag. */
  connections(tag: string): number;
  /** The tag's connections open now. */
  live(tag: string): number;
  /** Topics the tag has published to (y-webrtc's `publish`), in order of first use. */
  published(tag: string): string[];
  close(): Promise<void>;
}

export interface SlowSignalingOptions {
  /** Seeds the delays, so a schedule can be replayed. */
  seed?: number;
  /** Sees every frame as it is passed on: for a trace of what went where, and when. */
  onFrame?: (tag: string, direction: 'up' | 'down', text: string) => void;
}

interface Link {
  tag: string;
  client: WebSocket;
  upstream: WebSocket;
}

/**
 * One direction of one connection: each frame is due a random delay after it arrived, but
 * never before the frame ahead of it (so frames keep their order, as on one TCP stream).
 */
function delayedLane(delayMs: () => number): (deliver: () => void) => void {
  const queue: { due: number; deliver: () => void }[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const pump = (): void => {
    timer = undefined;
    while (queue.length > 0 && queue[0]!.due <= Date.now()) queue.shift()!.deliver();
    if (queue.length > 0) timer = setTimeout(pump, queue[0]!.due - Date.now());
  };
  return (deliver) => {
    const last = queue.at(-1)?.due ?? 0;
    queue.push({ due: Math.max(Date.now() + delayMs(), last), deliver });
    if (timer === undefined) timer = setTimeout(pump, queue[0]!.due - Date.now());
  };
}

/** The topic of a y-webrtc `publish` frame, if it is one. */
function publishedTopic(text: string): string | null {
  try {
    const message = JSON.parse(text) as { type?: unknown; topic?: unknown };
    return message.type === 'publish' && typeof message.topic === 'string' ? message.topic : null;
  } catch {
    return null;
  }
}

export async function startSlowSignaling(
  upstreamUrl: string,
  { seed = 300, onFrame }: SlowSignalingOptions = {},
): Promise<SlowSignaling> {
  const prng = createPrng(seed);
  const delayMs = (): number => prng.int(SLOW_LINK_MIN_DELAY_MS, SLOW_LINK_MAX_DELAY_MS);
  const links = new Set<Link>();
  const cutTags = new Set<string>();
  const accepted = new Map<string, number>();
  const topics = new Map<string, Set<string>>();

  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  const server = createServer((_req, res) => res.writeHead(404).end());

  const tagOf = (req: IncomingMessage): string =>
    new URL(req.url ?? '/', 'http://localhost').pathname.replace(/^\/+/, '') || 'default';

  const drop = (link: Link): void => {
    links.delete(link);
    link.client.terminate();
    link.upstream.terminate();
  };

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const tag = tagOf(req);
    if (cutTags.has(tag)) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (client) => {
      accepted.set(tag, (accepted.get(tag) ?? 0) + 1);
      const upstream = new WebSocket(upstreamUrl, { perMessageDeflate: false });
      const link: Link = { tag, client, upstream };
      links.add(link);
      const toUpstream = delayedLane(delayMs);
      const toClient = delayedLane(delayMs);
      // Frames due before the upstream is open wait for it, still in order.
      const waiting: [RawData, boolean][] = [];
      const pass = (to: WebSocket, data: RawData, isBinary: boolean): void => {
        if (!links.has(link) || to.readyState !== WebSocket.OPEN) return;
        const up = to === upstream;
        const text = isBinary ? '' : (data as Buffer).toString();
        const topic = up ? publishedTopic(text) : null;
        if (topic) topics.set(tag, (topics.get(tag) ?? new Set()).add(topic));
        onFrame?.(tag, up ? 'up' : 'down', isBinary ? '(binary)' : text);
        to.send(data, { binary: isBinary });
      };
      upstream.on('open', () => {
        for (const [data, isBinary] of waiting.splice(0)) pass(upstream, data, isBinary);
      });
      client.on('message', (data, isBinary) =>
        toUpstream(() => {
          if (upstream.readyState === WebSocket.CONNECTING) waiting.push([data, isBinary]);
          else pass(upstream, data, isBinary);
        }),
      );
      upstream.on('message', (data, isBinary) => toClient(() => pass(client, data, isBinary)));
      // A close travels the same slow lane as the frames before it.
      client.on('close', () => toUpstream(() => links.delete(link) && upstream.close()));
      upstream.on('close', () => toClient(() => links.delete(link) && client.close()));
      client.on('error', () => drop(link));
      upstream.on('error', () => drop(link));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: (tag) => `ws://127.0.0.1:${port}/${tag}`,
    cut(tag) {
      cutTags.add(tag);
      for (const link of [...links]) if (link.tag === tag) drop(link);
    },
    restore(tag) {
      cutTags.delete(tag);
    },
    connections: (tag) => accepted.get(tag) ?? 0,
    live: (tag) => [...links].filter((link) => link.tag === tag).length,
    published: (tag) => [...(topics.get(tag) ?? [])],
    async close() {
      for (const link of [...links]) drop(link);
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
