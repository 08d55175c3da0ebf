/**
 * Pairing two devices end to end, minus the screens (issue 12: "the honest path stays
 * quick"): two PeerRooms in this process join an invite's pair room through a real signaling
 * server and real WebRTC (@roamhq/wrtc), and run the new protocol (commit, nonce, reveal,
 * grant, acknowledgement; signatures and hashes) or the first one (request, grant), kept in
 * tests/helpers/old-pairing, interleaved in the same run. People are instant here (approve and
 * confirm the moment they can), so the figure is transport plus protocol: from the joiner
 * opening the invite to its holding the payload.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { createInvite, type Invite } from '../src/lib/keys';
import { createInviterKeys } from '../src/lib/sync/pair-crypto';
import { InviterSession } from '../src/lib/sync/pairing';
import { PeerRoom } from '../src/lib/sync/peer-room';
import { attachSignaling } from '../server/signaling/attach';
import { DEFAULT_SIGNAL_CONFIG } from '../server/signaling/config';
import { InviterSession as OldInviterSession } from '../tests/helpers/old-pairing/pairing';
import type { JoinCommand } from './pairing-joiner';
import { median, percentile, ratio, round } from './stats';

const JOINER = fileURLToPath(new URL('./pairing-joiner.ts', import.meta.url));

async function inviterRoom(invite: Invite, signaling: string): Promise<PeerRoom> {
  return PeerRoom.join({
    doc: new Y.Doc(),
    secret: invite.secret,
    kind: 'pair',
    signaling: [signaling],
    peerOpts: { wrtc },
  });
}

function leave(room: PeerRoom): void {
  setTimeout(() => {
    room.provider.disconnect();
    room.destroy();
    room.doc.destroy();
  }, 500);
}

const waitFor = <T>(read: () => T | undefined): Promise<T> =>
  new Promise((resolve) => {
    const tick = (): void => {
      const value = read();
      if (value !== undefined) resolve(value);
      else setTimeout(tick, 1);
    };
    tick();
  });

/** Asks the joiner process to join `invite`; resolves with its milliseconds. */
function joinFrom(joiner: ChildProcess, command: JoinCommand): Promise<number> {
  return new Promise((resolve, reject) => {
    joiner.once('message', (answer: { ms?: number; error?: string }) => {
      if (answer.ms !== undefined) resolve(answer.ms);
      else reject(new Error(`the joiner failed: ${answer.error ?? '?'}`));
    });
    joiner.send(command);
  });
}

/** One pairing with `protocol`; the inviter approves the first request the moment it shows. */
async function pairOnce(
  protocol: 'new' | 'old',
  joiner: ChildProcess,
  signaling: string,
): Promise<number> {
  const keys = await createInviterKeys();
  const invite = createInvite('device', keys.keyHash);
  const room = await inviterRoom(invite, signaling);
  const payload = { vaultSecret: 'x'.repeat(43) };
  const command: JoinCommand = {
    protocol,
    signaling,
    invite: {
      secret: [...invite.secret],
      keyHash: [...invite.inviterKeyHash],
      expiresAt: invite.expiresAt.getTime(),
    },
  };
  try {
    if (protocol === 'new') {
      const inviter = await InviterSession.open(room.doc, invite, keys);
      const joined = joinFrom(joiner, command);
      await inviter.approve(await waitFor(() => inviter.requests[0]), payload);
      const ms = await joined;
      inviter.destroy();
      return ms;
    }
    const inviter = await OldInviterSession.open(room.doc, invite);
    const joined = joinFrom(joiner, command);
    await inviter.approve((await waitFor(() => inviter.requests[0])).joinerId, payload);
    const ms = await joined;
    inviter.destroy();
    return ms;
  } finally {
    leave(room);
  }
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
  // Each provider listens for the process's exit until destroyed, half a second after its
  // pairing: a dozen at once is expected here, not a leak.
  process.setMaxListeners(Math.max(process.getMaxListeners(), 50));
  const server = createServer((_req, res) => res.writeHead(404).end());
  const hub = attachSignaling(server, { config: DEFAULT_SIGNAL_CONFIG, log: () => {} });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const signaling = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/signal`;
  const joiner = fork(JOINER, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const fresh: number[] = [];
  const old: number[] = [];
  try {
    // Warm up WebCrypto, WebRTC and the JIT on both sides, for both protocols.
    await pairOnce('new', joiner, signaling);
    await pairOnce('old', joiner, signaling);
    // Interleaved, so a slower stretch of the machine falls on both.
    for (let i = 0; i < runs; i++) {
      fresh.push(await pairOnce('new', joiner, signaling));
      old.push(await pairOnce('old', joiner, signaling));
    }
  } finally {
    joiner.kill();
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
