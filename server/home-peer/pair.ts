/**
 * Pairing the home peer as one of a person's devices: the joiner's side of sync/pairing.ts,
 * exactly as a browser opening a device invite does it (same pair room, same sealed grant),
 * with the terminal as its screen. Both devices show a six-digit code; the home peer takes the
 * vault secret only once the person has said, here, that their other device shows the same
 * one (`confirmCode`) — and the other device has approved, in either order.
 */
import * as Y from 'yjs';
import { decodeSecret, type Invite } from '../../src/lib/keys';
import { JoinerSession } from '../../src/lib/sync/pairing';
import { PeerRoom } from '../../src/lib/sync/peer-room';
import type { HomeLog } from './log';
import type { Network } from './served-doc';

/** After the grant (or a "no"), stay this long so the answer reaches the inviting device. */
export const PAIR_LINGER_MS = 1500;

export const STOPPED_MESSAGE =
  'Pairing stopped before the code was confirmed. Nothing was shared. Make a new invite when you’re ready.';

export class PairingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PairingError';
  }
}

/**
 * Asks the person whether their other device shows `code` (six digits): true for yes, false
 * for no, null when there was no answer (input ended, Ctrl-C). `signal` aborts the question
 * when pairing ends another way (declined, expired, interfered).
 */
export type ConfirmCode = (code: string, signal: AbortSignal) => Promise<boolean | null>;

export interface JoinOptions {
  invite: Invite;
  /** The name the inviting device shows in "Approve <name>?". */
  name: string;
  confirmCode: ConfirmCode;
  log: HomeLog;
}

export interface PairOptions extends JoinOptions {
  network: Network;
  /** Extra simple-peer options: `{ wrtc }` in Node. */
  peerOpts: Record<string, unknown>;
}

/**
 * Asks to join over `doc` (the pair room's doc, or linked docs in tests) and resolves with the
 * vault secret once granted and confirmed; throws `PairingError` with the sentence to show.
 */
export async function joinAsDevice(
  doc: Y.Doc,
  { invite, name, confirmCode, log }: JoinOptions,
): Promise<Uint8Array> {
  const session = await JoinerSession.open(doc, invite, name);
  log('pairing: waiting for the device that made the invite');
  const asking = new AbortController();
  let stopped = false;
  const ask = (code: string): void => {
    // Never throws into the session: it would take that for someone interfering.
    Promise.resolve()
      .then(() => confirmCode(code, asking.signal))
      .then(
        (answer) => {
          if (answer === true) {
            session.confirm();
            // Said only when still waiting: the approval may already be here.
            const settledSoon = new Promise((resolve) => setTimeout(resolve, 0, false));
            void Promise.race([session.result.then(() => true), settledSoon]).then((done) => {
              if (!done) log('pairing: code confirmed here; now approve it on your other device');
            });
            return;
          }
          stopped = answer === null;
          session.reject();
        },
        () => {
          stopped = true;
          session.reject();
        },
      );
  };
  session.on('code', ask);
  if (session.code) ask(session.code);
  try {
    const result = await session.result;
    if (!result.ok) {
      throw new PairingError(
        result.reason === 'rejected' && stopped ? STOPPED_MESSAGE : result.message,
      );
    }
    const payload = (result.payload ?? {}) as Record<string, unknown>;
    let secret: Uint8Array;
    try {
      secret = decodeSecret(String(payload.vaultSecret));
    } catch {
      throw new PairingError('The other device sent something unexpected. Nothing was changed.');
    }
    session.acknowledge();
    return secret;
  } finally {
    asking.abort();
    session.destroy();
  }
}

/** Joins the invite's pair room and pairs there (`joinAsDevice`); resolves with the vault secret. */
export async function pairWithInvite({
  network,
  peerOpts,
  ...options
}: PairOptions): Promise<Uint8Array> {
  const doc = new Y.Doc();
  const room = await PeerRoom.join({
    doc,
    secret: options.invite.secret,
    kind: 'pair',
    signaling: network.signaling,
    iceServers: network.iceServers,
    iceTransportPolicy: network.iceTransportPolicy,
    peerOpts,
  });
  try {
    return await joinAsDevice(doc, options);
  } finally {
    await new Promise((resolve) => setTimeout(resolve, PAIR_LINGER_MS));
    room.destroy();
    doc.destroy();
  }
}
