import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  startSignalServer,
  TestClient,
  until,
  type TestSignalServer,
} from './support/signal-server';

const PEER_SCRIPT = fileURLToPath(new URL('./support/y-webrtc-peer.ts', import.meta.url));

interface Peer {
  child: ChildProcess;
  map: Record<string, string>;
  peers: number;
  set(key: string, value: string): void;
}

/** A stock y-webrtc provider in a process of its own (see support/y-webrtc-peer.ts). */
function startPeer(url: string, room: string, password: string): Promise<Peer> {
  const child = fork(PEER_SCRIPT, [url, room, password], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const peer: Peer = {
    child,
    map: {},
    peers: 0,
    set: (key, value) => child.send({ set: [key, value] }),
  };
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`peer exited with ${code}`)));
    child.on(
      'message',
      (message: { ready?: true; map?: Record<string, string>; peers?: number }) => {
        if (message.map) peer.map = message.map;
        if (message.peers !== undefined) peer.peers = message.peers;
        if (message.ready) resolve(peer);
      },
    );
  });
}

function stopPeer(peer: Peer): Promise<void> {
  if (peer.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => peer.child.kill('SIGKILL'), 2000);
    peer.child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    peer.child.send({ quit: true });
  });
}

let server: TestSignalServer;
const peers: Peer[] = [];
const clients: TestClient[] = [];

beforeEach(async () => {
  server = await startSignalServer();
});

afterEach(async () => {
  await Promise.all(peers.splice(0).map(stopPeer));
  for (const c of clients.splice(0)) c.close();
  await server.close();
});

describe('signaling interop with stock y-webrtc', () => {
  it('lets two WebrtcProviders with a password find each other and sync a doc both ways', async () => {
    const room = 'mull-vault-interop-test';
    const password = 'correct horse battery staple';
    // A third party in the room sees what the server relays: only ciphertext.
    const tap = await TestClient.open(server.url);
    clients.push(tap);
    tap.subscribe(room);
    await tap.sync();

    // One after the other: when both announce at once, both offer, and y-webrtc's glare
    // handling (in the client, not the server) can leave the pair unconnected now and then.
    const a = await startPeer(server.url, room, password);
    peers.push(a);
    await until(() => tap.published(room).length > 0, 10_000); // A's announce went out
    const b = await startPeer(server.url, room, password);
    peers.push(b);
    await until(() => a.peers === 1 && b.peers === 1, 15_000);

    a.set('from-a', 'written on A');
    await until(() => b.map['from-a'] === 'written on A', 10_000);
    b.set('from-b', 'written on B');
    await until(() => a.map['from-b'] === 'written on B', 10_000);
    expect(a.map).toEqual(b.map);

    const relayed = tap.published(room);
    expect(relayed.length).toBeGreaterThan(2); // announces, offers, answers, candidates
    for (const frame of relayed) {
      expect(typeof frame.data).toBe('string'); // encrypted with the room password
      const text = JSON.stringify(frame);
      for (const plain of ['announce', 'offer', 'candidate', 'written on', password]) {
        expect(text).not.toContain(plain);
      }
    }
    expect(server.signaling.metrics.messagesPublished).toBe(relayed.length);
    expect(Object.values(server.signaling.metrics.framesRejected).every((n) => n === 0)).toBe(true);
  }, 30_000);
});
