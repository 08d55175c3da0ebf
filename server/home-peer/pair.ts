/**
 * Pairing the home peer as one of a person's devices: the joiner's side of sync/pairing.ts,
 * exactly as a browser opening a device invite does it (same pair room, same sealed grant),
 * minus the screen. The four-digit check code goes to the log so the person can compare it
 * with the one their other device shows before approving.
 */
import * as Y from 'yjs';
import { decodeSecret, type Invite } from '../../src/lib/keys';
import { JoinerSession } from '../../src/lib/sync/pairing';
import { PeerRoom } from '../../src/lib/sync/peer-room';
import type { HomeLog } from './log';
import type { Network } from './served-doc';

/** After the grant, stay this long so the acknowledgement reaches the inviting device. */
export const PAIR_LINGER_MS = 1500;

export class PairingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PairingError';
  }
}

export interface PairOptions {
  invite: Invite;
  /** The name the inviting device shows in "Approve <name>?". */
  name: string;
  network: Network;
  /** Extra simple-peer options: `{ wrtc }` in Node. */
  peerOpts: Record<string, unknown>;
  log: HomeLog;
}

/** Joins the invite's pair room and waits for approval; resolves with the vault secret. */
export async function pairWithInvite({
  invite,
  name,
  network,
  peerOpts,
  log,
}: PairOptions): Promise<Uint8Array> {
  const doc = new Y.Doc();
  const room = await PeerRoom.join({
    doc,
    secret: invite.secret,
    kind: 'pair',
    signaling: network.signaling,
    iceServers: network.iceServers,
    iceTransportPolicy: network.iceTransportPolicy,
    peerOpts,
  });
  const session = await JoinerSession.open(doc, invite, name);
  log('pairing: waiting for the device that made the invite');
  session.on('check-code', (code) =>
    log(`pairing: check code ${code} (your other device should show the same) — approve it there`),
  );
  try {
    const result = await session.result;
    if (!result.ok) throw new PairingError(result.message);
    const payload = (result.payload ?? {}) as Record<string, unknown>;
    try {
      return decodeSecret(String(payload.vaultSecret));
    } catch {
      throw new PairingError('The other device sent something unexpected. Nothing was changed.');
    }
  } finally {
    await new Promise((resolve) => setTimeout(resolve, PAIR_LINGER_MS));
    session.destroy();
    room.destroy();
    doc.destroy();
  }
}
