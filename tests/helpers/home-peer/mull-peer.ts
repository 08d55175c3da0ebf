/**
 * A Mull device in a Node process of its own, driven over IPC: it joins a vault or
 * conversation room with the app's own PeerRoom (derived room, password, no awareness) and
 * WebRTC from @roamhq/wrtc, or first makes a device invite and approves the first request
 * (at once, or when told), as Settings → Add a device does with the real protocol
 * (InviterSession, its own pinned key). Its doc lives in memory only, so whatever it shows
 * after starting fresh came from someone in the room.
 *
 * Its own process, because y-webrtc allows one provider per room name per process, and
 * providers in one process would meet over BroadcastChannel instead of WebRTC.
 *
 *   argv: JSON PeerSpec
 *   in:   { op: 'message', message } | { op: 'entry', id, body } | { op: 'contact', contact }
 *         | { op: 'remove-contact', id, deleteArchive? } | { op: 'approve' } | { op: 'quit' }
 *   out:  { ready } | { code } (invite) | { request: { name, code } } | { acknowledged }
 *         | { closed: reason } | { peers } | { view: PeerView } after every change
 */
import wrtc from '@roamhq/wrtc';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { listMessages, writeMessage, type Message } from '../../../src/lib/conversation';
import {
  createInvite,
  createSecret,
  decodeSecret,
  encodeInvite,
  encodeSecret,
} from '../../../src/lib/keys';
import { createInviterKeys } from '../../../src/lib/sync/pair-crypto';
import { InviterSession, type PairRequest } from '../../../src/lib/sync/pairing';
import { PeerRoom } from '../../../src/lib/sync/peer-room';
import {
  addContact,
  addEntry,
  listContacts,
  listDevices,
  listEntries,
  registerDevice,
  removeContact,
  type NewContact,
} from '../../../src/lib/vault';

export interface PeerSpec {
  /** `room`: join the room of `secret`; `invite`: make a device invite, then join the vault. */
  mode: 'room' | 'invite';
  signaling: string;
  kind?: 'vault' | 'conv';
  /** base64url secret (room mode). */
  secret?: string;
  iceServers?: RTCIceServer[];
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** Invite mode: approve the first request at once (default), or on `{ op: 'approve' }`. */
  approve?: 'at-once' | 'when-told';
}

export interface PeerView {
  messages: Message[];
  entries: { id: string; body: string }[];
  contacts: { id: string; removed: boolean }[];
  devices: { id: string; name: string; kind: string; lastSeenAt: string | null }[];
}

type Command =
  | { op: 'message'; message: Message }
  | { op: 'entry'; id: string; body: string }
  | { op: 'contact'; contact: NewContact }
  | { op: 'remove-contact'; id: string; deleteArchive?: boolean }
  | { op: 'approve' }
  | { op: 'quit' };

(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
process.on('unhandledRejection', () => {}); // y-webrtc leaves some; the test watches results

const spec = JSON.parse(process.argv[2] ?? '{}') as PeerSpec;
const send = (message: unknown): void => {
  process.send?.(message);
};
const network = {
  signaling: [spec.signaling],
  iceServers: spec.iceServers ?? [],
  iceTransportPolicy: spec.iceTransportPolicy ?? 'all',
  peerOpts: { wrtc },
};

const doc = new Y.Doc();
let room: PeerRoom | null = null;

function view(): PeerView {
  return {
    messages: listMessages(doc),
    entries: listEntries(doc).map((e) => ({ id: e.id, body: e.body })),
    contacts: listContacts(doc, { includeRemoved: true }).map((c) => ({
      id: c.id,
      removed: c.removedAt !== null,
    })),
    devices: listDevices(doc).map(({ id, name, kind, lastSeenAt }) => ({
      id,
      name,
      kind,
      lastSeenAt,
    })),
  };
}

async function joinRoom(secret: Uint8Array, kind: 'vault' | 'conv'): Promise<void> {
  room = await PeerRoom.join({ doc, secret, kind, ...network });
  room.on('status', (status) => send({ peers: status.peers }));
  doc.on('update', () => send({ view: view() }));
  send({ view: view() });
}

/** Invite mode: resolves approval of the first request, when `approve` is 'when-told'. */
let approveNow: () => void = () => {};

async function inviteThenJoin(): Promise<void> {
  const vaultSecret = createSecret();
  registerDevice(doc, crypto.randomUUID(), 'Test inviter');
  const keys = await createInviterKeys();
  const invite = createInvite('device', keys.keyHash);
  const pairDoc = new Y.Doc();
  const pairRoom = await PeerRoom.join({
    doc: pairDoc,
    secret: invite.secret,
    kind: 'pair',
    ...network,
  });
  const session = await InviterSession.open(pairDoc, invite, keys);
  const told = new Promise<void>((resolve) => {
    approveNow = resolve;
    if (spec.approve !== 'when-told') resolve();
  });
  const firstRequest = new Promise<PairRequest>((resolve) => {
    session.on('requests', (requests) => {
      const first = requests[0];
      if (!first) return;
      send({ request: { name: first.name, code: first.code } });
      resolve(first);
    });
  });
  const closed = new Promise<string>((resolve) => session.on('closed', resolve));
  void closed.then((reason) => send({ closed: reason }));
  send({ code: encodeInvite(invite), vaultSecret: encodeSecret(vaultSecret) });
  const first = await Promise.race([firstRequest.then((r) => told.then(() => r)), closed]);
  if (typeof first === 'string' || session.closed) return; // ended without a grant
  await session.approve(first, { vaultSecret: encodeSecret(vaultSecret), from: 'Test inviter' });
  send({ acknowledged: await session.whenAcknowledged(first.joinerId) });
  setTimeout(() => {
    session.destroy();
    pairRoom.destroy();
    pairDoc.destroy();
  }, 1500);
  await joinRoom(vaultSecret, 'vault');
}

process.on('message', (command: Command) => {
  switch (command.op) {
    case 'message':
      writeMessage(doc, command.message);
      return;
    case 'entry':
      addEntry(doc, { id: command.id, body: command.body });
      return;
    case 'contact':
      addContact(doc, command.contact);
      return;
    case 'remove-contact':
      removeContact(doc, command.id, {
        deleteArchive: command.deleteArchive ?? false,
        block: false,
      });
      return;
    case 'approve':
      approveNow();
      return;
    case 'quit':
      room?.destroy();
      // wrtc keeps native threads alive; nothing is left to flush.
      setTimeout(() => process.exit(0), 50);
      return;
  }
});

const started =
  spec.mode === 'invite'
    ? inviteThenJoin()
    : joinRoom(decodeSecret(spec.secret ?? ''), spec.kind ?? 'vault');
started.then(
  () => send({ ready: true }),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
