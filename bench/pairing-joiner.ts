/**
 * The joining device of bench/pairing.ts, in a process of its own (y-webrtc allows one
 * provider per room name per process, and two in one process would meet over
 * BroadcastChannel, not WebRTC). Told an invite over IPC, it joins the pair room with the
 * app's PeerRoom, runs the new or the old protocol (confirming the code the moment it shows),
 * and answers with the milliseconds from opening the invite to holding the payload.
 *
 *   in:  { protocol: 'new' | 'old', signaling, invite: { secret, keyHash, expiresAt } }
 *   out: { ms } | { error }
 */
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { INVITE_FORMAT_VERSION, type Invite } from '../src/lib/keys';
import { JoinerSession } from '../src/lib/sync/pairing';
import { PeerRoom } from '../src/lib/sync/peer-room';
import { JoinerSession as OldJoinerSession } from '../tests/helpers/old-pairing/pairing';

export interface JoinCommand {
  protocol: 'new' | 'old';
  signaling: string;
  invite: { secret: number[]; keyHash: number[]; expiresAt: number };
}

(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

async function join({ protocol, signaling, invite: raw }: JoinCommand): Promise<number> {
  const invite: Invite = {
    version: INVITE_FORMAT_VERSION,
    kind: 'device',
    secret: new Uint8Array(raw.secret),
    inviterKeyHash: new Uint8Array(raw.keyHash),
    expiresAt: new Date(raw.expiresAt),
  };
  const started = performance.now();
  const room = await PeerRoom.join({
    doc: new Y.Doc(),
    secret: invite.secret,
    kind: 'pair',
    signaling: [signaling],
    peerOpts: { wrtc },
  });
  try {
    if (protocol === 'new') {
      const session = await JoinerSession.open(room.doc, invite, 'Laptop');
      session.on('code', () => session.confirm());
      const result = await session.result;
      if (!result.ok) throw new Error(result.reason);
      session.acknowledge();
    } else {
      const session = await OldJoinerSession.open(room.doc, invite, 'Laptop');
      const result = await session.result;
      if (!result.ok) throw new Error(result.reason);
    }
    return performance.now() - started;
  } finally {
    // Long enough for the acknowledgement to leave before the connection closes.
    setTimeout(() => {
      room.provider.disconnect();
      room.destroy();
      room.doc.destroy();
    }, 500);
  }
}

process.on('message', (command: JoinCommand) => {
  join(command).then(
    (ms) => process.send?.({ ms }),
    (err: unknown) => process.send?.({ error: String(err) }),
  );
});
