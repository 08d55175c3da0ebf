/**
 * Pairing two devices end to end, minus the screens (issue 12: "the honest path stays
 * quick"): two PeerRooms in this process join an invite's pair room through a real signaling
 * server and real WebRTC (@roamhq/wrtc), and run the new protocol (commit, nonce, reveal,
 * grant, acknowledgement; signatures and hashes) or the first one (request, grant), kept in
 * tests/helpers/old-pairing, interleaved in the same run. People are instant here (approve and
 * confirm the moment they can), so the figure is transport plus protocol: from the joiner
 * opening the invite to its holding the payload.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:http';
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createInvite, type Invite } from '../src/lib/keys';
import { createInviterKeys } from '../src/lib/sync/pair-crypto';
import { InviterSession, JoinerSession } from '../src/lib/sync/pairing';
import { PeerRoom } from '../src/lib/sync/peer-room';
import { attachSignaling } from '../server/signaling/attach';
import { DEFAULT_SIGNAL_CONFIG } from '../server/signaling/config';
import {
  InviterSession as OldInviterSession,
  JoinerSession as OldJoinerSession,
} from '../tests/helpers/old-pairing/pairing';
import { median, percentile, ratio, round } from './stats';

async function room(invite: Invite, signaling: string): Promise<PeerRoom> {
  return PeerRoom.join({
    doc: new Y.Doc(),
    secret: invite.secret,
    kind: 'pair',
    signaling: [signaling],
    peerOpts: { wrtc },
  });
}

function leave(...rooms: PeerRoom[]): void {
  for (const r of rooms) {
    r.provider.disconnect();
    r.destroy();
    r.doc.destroy();
  }
}

const waitFor = <T>(read: () => T | undefined, every = 1): Promise<T> =>
  new Promise((resolve) => {
    const tick = (): void => {
      const value = read();
      if (value !== undefined) resolve(value);
      else setTimeout(tick, every);
    };
    tick();
  });

/** Milliseconds from the joiner opening the invite to its holding the payload. */
async function pairNew(signaling: string): Promise<number> {
  const keys = await createInviterKeys();
  const invite = createInvite('device', keys.keyHash);
  const a = await room(invite, signaling);
  const inviter = await InviterSession.open(a.doc, invite, keys);
  const started = performance.now();
  const b = await room(invite, signaling);
  const joiner = await JoinerSession.open(b.doc, invite, 'Laptop');
  joiner.on('code', () => joiner.confirm());
  const request = await waitFor(() => inviter.requests[0]);
  await inviter.approve(request, { vaultSecret: 'x'.repeat(43) });
  const result = await joiner.result;
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`pairing failed: ${result.reason}`);
  inviter.destroy();
  joiner.destroy();
  leave(a, b);
  return ms;
}

async function pairOld(signaling: string): Promise<number> {
  const keys = await createInviterKeys(); // only for an invite object of the right shape
  const invite = createInvite('device', keys.keyHash);
  const a = await room(invite, signaling);
  const inviter = await OldInviterSession.open(a.doc, invite);
  const started = performance.now();
  const b = await room(invite, signaling);
  const joiner = await OldJoinerSession.open(b.doc, invite, 'Laptop');
  const request = await waitFor(() => inviter.requests[0]);
  await inviter.approve(request.joinerId, { vaultSecret: 'x'.repeat(43) });
  const result = await joiner.result;
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`old pairing failed: ${result.reason}`);
  inviter.destroy();
  joiner.destroy();
  leave(a, b);
  return ms;
}

export interface PairingFigures {
  pairing_new_p50_ms: number | null;
  pairing_new_p95_ms: number | null;
  pairing_old_p50_ms: number | null;
  pairing_old_p95_ms: number | null;
  /** New over old, medians: the honest path's cost of the defences. */
  pairing_ratio: number | null;
  pairing_runs: number;
}

export async function benchPairing(runs = 15): Promise<PairingFigures> {
  (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
  const server = createServer((_req, res) => res.writeHead(404).end());
  const hub = attachSignaling(server, { config: DEFAULT_SIGNAL_CONFIG, log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const signaling = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/signal`;
  const fresh: number[] = [];
  const old: number[] = [];
  try {
    await pairNew(signaling); // warm up WebCrypto, WebRTC and the JIT for both
    await pairOld(signaling);
    // Interleaved, so a slower stretch of the machine falls on both.
    for (let i = 0; i < runs; i++) {
      fresh.push(await pairNew(signaling));
      old.push(await pairOld(signaling));
    }
  } finally {
    await hub.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return {
    pairing_new_p50_ms: round(median(fresh), 1),
    pairing_new_p95_ms: round(percentile(fresh, 95), 1),
    pairing_old_p50_ms: round(median(old), 1),
    pairing_old_p95_ms: round(percentile(old, 95), 1),
    pairing_ratio: ratio(median(fresh), median(old)),
    pairing_runs: runs,
  };
}
