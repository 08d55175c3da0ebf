/**
 * A hostile contact's client in a Node process of its own (one y-webrtc provider per room per
 * process): stock Yjs and the app's own PeerRoom over real signaling and WebRTC
 * (@roamhq/wrtc). It joins a conversation room, waits for the other side, then writes one
 * valid 20,000-character message after another, as fast as the link takes them, until the
 * other side has been gone for a while or `maxBytes` went out.
 *
 * It writes faster than the link carries (PeerRoom queues what the data channel cannot take
 * yet), so what it wrote is more than the other side received.
 *
 *   argv: JSON { signaling, secret (base64url), from (member id), maxBytes }
 *   out:  { joined } | { connected } | { done: { sentBytes, messages, dropped } }
 */
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { writeMessage } from '../../src/lib/conversation';
import { decodeSecret } from '../../src/lib/keys';
import { PeerRoom } from '../../src/lib/sync/peer-room';

interface FloodSpec {
  signaling: string;
  secret: string;
  from: string;
  maxBytes: number;
}

/** The other side is taken as gone once no connection has been open for this long. */
const GONE_MS = 3000;
/** After writing, how long the queued bytes may take to go out (and the other side to drop). */
const DRAIN_MS = 90_000;
/** Above this many bytes waiting in the room's send buffers, wait a moment. */
const SEND_PAUSE_BYTES = 4 * 1024 * 1024;

// y-webrtc's signaling client (lib0) uses the global WebSocket, which Node 20 lacks.
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

const spec = JSON.parse(process.argv[2] ?? '{}') as FloodSpec;
const report = (message: unknown): void => void process.send?.(message);
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const doc = new Y.Doc();
let sentBytes = 0;
doc.on('update', (update: Uint8Array) => (sentBytes += update.length));
const room = await PeerRoom.join({
  doc,
  secret: decodeSecret(spec.secret),
  kind: 'conv',
  signaling: [spec.signaling],
  peerOpts: { wrtc },
});
report({ joined: true });
while (room.status.peers === 0) await sleep(50);
report({ connected: true });

let messages = 0;
let goneSince: number | null = null;
const buffered = (): number => {
  let total = 0;
  for (const conn of room.provider.room?.webrtcConns.values() ?? []) {
    total += (conn.peer as unknown as { bufferSize?: number }).bufferSize ?? 0;
  }
  return total;
};
while (sentBytes < spec.maxBytes) {
  if (room.status.peers === 0) {
    goneSince ??= Date.now();
    if (Date.now() - goneSince > GONE_MS) break;
    await sleep(50);
    continue;
  }
  goneSince = null;
  if (buffered() > SEND_PAUSE_BYTES) {
    await sleep(5);
    continue;
  }
  writeMessage(doc, {
    id: `flood-${messages}`,
    from: spec.from,
    text: `${messages} ${'x'.repeat(19_990)}`,
    sentAt: new Date().toISOString(),
  });
  messages++;
  if (messages % 20 === 0) await sleep(0);
}
// What was written may still be on its way (queued for the data channel): give the other side
// time to receive it, and to drop us.
const waitUntil = Date.now() + DRAIN_MS;
while (room.status.peers > 0 && Date.now() < waitUntil) await sleep(100);
report({ done: { sentBytes, messages, dropped: room.status.peers === 0 } });
room.destroy();
doc.destroy();
process.exit(0);
