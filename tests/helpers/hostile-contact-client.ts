/**
 * The hostile contact's client: stock Yjs and stock y-webrtc (over `@roamhq/wrtc`) in a Node
 * process of its own, with none of Mull's code. It holds a conversation's room name and
 * password — what a real contact holds — and writes whatever it likes straight into the
 * conversation doc's `messages` map, past every check Mull's own client makes before writing
 * (src/lib/conversation/conversation.ts). Driven over IPC by ./hostile-contact.ts.
 *
 * Its own process for the reasons tests/unit/server/support/y-webrtc-peer.ts gives (one room
 * registry per y-webrtc module; peers in one process would meet over BroadcastChannel), and so
 * that a flood's memory and native WebRTC threads die with it.
 *
 *   argv: <signaling url> <room> <password>
 *   in:   HostileCommand (each with a `seq`), answered by { seq, ok } or { seq, error }
 *   out:  { peers: n } whenever the number of connected peers changes
 */
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';

/** A conversation message exactly as Mull stores it: a plain object under its own id. */
export interface RawMessage {
  id: string;
  from: string;
  text: string;
  sentAt: string;
  replyTo?: string;
}

export type HostileCommand =
  /** What the doc holds now (texts cut to `preview` characters). */
  | { op: 'read'; preview: number }
  /** `messages.set(value.id, value)`: a new message, or a replacement of any existing one. */
  | { op: 'set'; value: RawMessage }
  /** `messages.delete(id)`. */
  | { op: 'delete'; id: string }
  /**
   * Valid messages from `from`, `perUpdate` to a Yjs update, each `chars` long under a fresh
   * id, until `totalChars` have been written; paced by the data channels' send buffers so
   * nothing is dropped on the way out.
   */
  | {
      op: 'flood';
      from: string;
      chars: number;
      perUpdate: number;
      totalChars: number;
    }
  /** Resolves once every data channel's send buffer is empty (or there is no channel). */
  | { op: 'drain' }
  | { op: 'quit' };

export interface HostileRead {
  peers: number;
  /** Messages from peers that stock y-webrtc could not read (Mull's parts of large messages). */
  unreadableParts: number;
  members: Record<string, unknown>;
  messages: RawMessage[];
}

export interface FloodResult {
  messages: number;
  chars: number;
  /** Bytes of Yjs updates written (what a peer receives and stores). */
  updateBytes: number;
  ms: number;
}

/** Data-channel bytes a peer may have queued before the flood waits (Chromium closes at 16 MiB). */
export const FLOOD_HIGH_WATER_BYTES = 1024 * 1024;

const isMain = process.argv[1]?.endsWith('hostile-contact-client.ts') && !!process.send;

if (isMain) run();

function run(): void {
  // lib0's WebSocket client expects a browser-like global WebSocket.
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  const [url, room, password] = process.argv.slice(2);
  if (!url || !room || !password) {
    throw new Error('usage: hostile-contact-client <signaling url> <room> <password> (IPC child)');
  }
  const send = (message: unknown): void => {
    process.send?.(message);
  };
  // Mull sends a message larger than 16 KiB in parts of its own framing (peer-room.ts), which
  // stock y-webrtc does not know: each part logs this line. Counted, not printed.
  let unreadableParts = 0;
  const consoleError = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (args[0] === 'Unable to compute message') unreadableParts++;
    else consoleError(...args);
  };

  const doc = new Y.Doc();
  const messages = doc.getMap<unknown>('messages');
  const members = doc.getMap<unknown>('members');
  const provider = new WebrtcProvider(room, doc, {
    signaling: [url],
    password,
    // Loopback only: host candidates, no STUN lookups leaving the machine.
    peerOpts: { wrtc, config: { iceServers: [] } },
  });
  let peers = 0;
  provider.on('peers', ({ webrtcPeers }: { webrtcPeers: string[] }) => {
    peers = webrtcPeers.length;
    send({ peers });
  });

  /** The largest send buffer of any connected peer (simple-peer's `bufferSize`). */
  const buffered = (): number => {
    let most = 0;
    provider.room?.webrtcConns.forEach((conn) => {
      const size = (conn.peer as { bufferSize?: number } | undefined)?.bufferSize ?? 0;
      most = Math.max(most, size);
    });
    return most;
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const waitBelow = async (bytes: number): Promise<void> => {
    while (buffered() > bytes) await sleep(10);
  };

  // A cheap seeded generator: every flood message different, none compressible to nothing.
  let seed = 0x2545f491;
  const letters = 'abcdefghijklmnopqrstuvwxyz      ';
  const filler = (chars: number): string => {
    const out = new Array<string>(chars);
    for (let i = 0; i < chars; i++) {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      out[i] = letters[(seed >>> 0) % letters.length]!;
    }
    return `Flood ${out.join('')}`.slice(0, chars);
  };

  async function flood(command: Extract<HostileCommand, { op: 'flood' }>): Promise<FloodResult> {
    const started = Date.now();
    let written = 0;
    let count = 0;
    let updateBytes = 0;
    const onUpdate = (update: Uint8Array): void => {
      updateBytes += update.length;
    };
    doc.on('update', onUpdate);
    try {
      while (written < command.totalChars) {
        doc.transact(() => {
          for (let i = 0; i < command.perUpdate && written < command.totalChars; i++) {
            const id = `flood-${crypto.randomUUID()}`;
            const value: RawMessage = {
              id,
              from: command.from,
              text: filler(command.chars),
              sentAt: new Date().toISOString(),
            };
            messages.set(id, value);
            written += command.chars;
            count++;
          }
        });
        await waitBelow(FLOOD_HIGH_WATER_BYTES);
      }
    } finally {
      doc.off('update', onUpdate);
    }
    return { messages: count, chars: written, updateBytes, ms: Date.now() - started };
  }

  const handle = async (command: HostileCommand): Promise<unknown> => {
    switch (command.op) {
      case 'read': {
        const list: RawMessage[] = [];
        messages.forEach((raw) => {
          const m = raw as RawMessage;
          if (typeof m?.text === 'string')
            list.push({ ...m, text: m.text.slice(0, command.preview) });
        });
        const read: HostileRead = {
          peers,
          unreadableParts,
          members: members.toJSON(),
          messages: list,
        };
        return read;
      }
      case 'set':
        messages.set(command.value.id, command.value);
        return true;
      case 'delete':
        messages.delete(command.id);
        return true;
      case 'flood':
        return flood(command);
      case 'drain':
        await waitBelow(0);
        return true;
      case 'quit':
        provider.destroy();
        doc.destroy();
        // wrtc keeps native threads alive; nothing is left to flush.
        setTimeout(() => process.exit(0), 50);
        return true;
    }
  };

  process.on('message', (message: HostileCommand & { seq: number }) => {
    handle(message).then(
      (ok) => send({ seq: message.seq, ok }),
      (error: unknown) => send({ seq: message.seq, error: String(error) }),
    );
  });
  send({ ready: true });
}
