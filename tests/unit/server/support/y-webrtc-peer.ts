/**
 * A stock y-webrtc peer in its own Node process, driven over IPC by the interop test.
 *
 * Its own process, because y-webrtc keeps one room registry per module (a second provider for
 * the same room in one process throws) and peers in one process would meet through
 * BroadcastChannel without ever touching the signaling server.
 *
 *   argv: <signaling url> <room> <password> [map name, default 'm']
 *   in:   { set: [key, value] } | { quit: true }
 *   out:  { ready: true } | { map: {...} } (that map as JSON) whenever the doc changes
 *         | { peers: n }
 *
 * Also used by the end-to-end interop test (tests/e2e/interop.spec.ts), which reads a Mull
 * vault's `entries` map through it.
 */
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import { WebrtcProvider } from 'y-webrtc';
import * as Y from 'yjs';

// lib0's WebSocket client expects a browser-like global WebSocket.
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

const [url, room, password, mapName = 'm'] = process.argv.slice(2);
if (!url || !room || !password || !process.send) {
  throw new Error('usage: y-webrtc-peer <signaling url> <room> <password> [map] (as an IPC child)');
}
const send = (message: unknown): void => {
  process.send?.(message);
};

const doc = new Y.Doc();
const map = doc.getMap<unknown>(mapName);
const provider = new WebrtcProvider(room, doc, {
  signaling: [url],
  password,
  // Loopback only: host candidates, no STUN lookups leaving the machine.
  peerOpts: { wrtc, config: { iceServers: [] } },
});
provider.on('peers', ({ webrtcPeers }: { webrtcPeers: string[] }) =>
  send({ peers: webrtcPeers.length }),
);
doc.on('update', () => send({ map: map.toJSON() }));

process.on('message', (message: { set?: [string, string]; quit?: true }) => {
  if (message.set) map.set(message.set[0], message.set[1]);
  if (message.quit) {
    provider.destroy();
    doc.destroy();
    // wrtc keeps native threads alive; nothing is left to flush.
    setTimeout(() => process.exit(0), 50);
  }
});
send({ ready: true });
